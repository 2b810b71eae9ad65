package org.resonantlearner.check;

/**
 * A configuration or constructor argument outside its allowed range.
 *
 * <p>Carries the key, the offending value, its unit and the allowed range separately so that the
 * config reader can prefix the key with the section it came from ("rig.loadResistanceOhms") and
 * print the one-line error the CLI promises.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private final String key;
    private final String valueText;
    private final String unit;
    private final String allowed;

    /** Creates the exception; {@code unit} may be empty for dimensionless values. */
    public InvalidValueException(String key, String valueText, String unit, String allowed) {
        super(format(key, valueText, unit, allowed));
        this.key = key;
        this.valueText = valueText;
        this.unit = unit;
        this.allowed = allowed;
    }

    private static String format(String key, String valueText, String unit, String allowed) {
        String unitSuffix = unit.isEmpty() ? "" : " " + unit;
        return key + " = " + valueText + unitSuffix + " is invalid: allowed " + allowed;
    }

    /** The same error with its key placed under {@code prefix} ("rig" + "loadResistanceOhms"). */
    public InvalidValueException underKey(String prefix) {
        return new InvalidValueException(prefix + "." + key, valueText, unit, allowed);
    }

    /** The key that was wrong, as far as it is known. */
    public String key() {
        return key;
    }

    /** The offending value as text. */
    public String valueText() {
        return valueText;
    }

    /** The unit of the value, empty when dimensionless. */
    public String unit() {
        return unit;
    }

    /** The allowed range or set, as text. */
    public String allowed() {
        return allowed;
    }
}
