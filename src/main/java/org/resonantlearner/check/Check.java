package org.resonantlearner.check;

/**
 * Argument checks shared by every constructor and config record: one place decides how a bad value
 * is reported (key, value, unit, allowed range).
 */
public final class Check {
    private Check() {}

    /** Requires {@code min <= value <= max}, finite; returns the value. */
    public static double inRange(String key, double value, String unit, double min, double max) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new InvalidValueException(key, Double.toString(value), unit,
                    "[" + num(min) + ", " + num(max) + "]" + unitSuffix(unit));
        }
        return value;
    }

    /** Requires a finite value {@code > 0}; returns it. */
    public static double positive(String key, double value, String unit) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new InvalidValueException(key, Double.toString(value), unit,
                    "a finite value > 0" + unitSuffix(unit));
        }
        return value;
    }

    /** Requires a finite value {@code >= 0}; returns it. */
    public static double nonNegative(String key, double value, String unit) {
        if (!Double.isFinite(value) || value < 0) {
            throw new InvalidValueException(key, Double.toString(value), unit,
                    "a finite value >= 0" + unitSuffix(unit));
        }
        return value;
    }

    /** Requires a finite value; returns it. */
    public static double finite(String key, double value, String unit) {
        if (!Double.isFinite(value)) {
            throw new InvalidValueException(key, Double.toString(value), unit, "a finite number" + unitSuffix(unit));
        }
        return value;
    }

    /** Requires {@code min <= value <= max}; returns the value. */
    public static int inRange(String key, int value, String unit, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(key, Integer.toString(value), unit,
                    "[" + min + ", " + max + "]" + unitSuffix(unit));
        }
        return value;
    }

    /** Requires {@code min <= value <= max}; returns the value. */
    public static long inRange(String key, long value, String unit, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidValueException(key, Long.toString(value), unit,
                    "[" + min + ", " + max + "]" + unitSuffix(unit));
        }
        return value;
    }

    /** Requires {@code lower < upper} for a pair of keys; returns nothing, throws on the upper key. */
    public static void ordered(String lowerKey, double lower, String upperKey, double upper, String unit) {
        if (!(lower < upper)) {
            throw new InvalidValueException(upperKey, Double.toString(upper), unit,
                    "a value > " + lowerKey + " (" + num(lower) + unitSuffix(unit) + ")");
        }
    }

    /** Requires a non-null value. */
    public static <T> T present(String key, T value) {
        if (value == null) {
            throw new InvalidValueException(key, "null", "", "a value");
        }
        return value;
    }

    private static String unitSuffix(String unit) {
        return unit.isEmpty() ? "" : " " + unit;
    }

    private static String num(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return Double.toString(v);
    }
}
