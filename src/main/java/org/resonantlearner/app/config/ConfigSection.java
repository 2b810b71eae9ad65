package org.resonantlearner.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/**
 * One JSON object of a config file, read key by key with defaults. It knows its path
 * ("drive.frequency") so that every error names the full key, and it remembers which keys were read
 * so that a misspelt key is an error instead of a silently ignored line.
 */
public final class ConfigSection {
    private final String path;
    private final ObjectNode node;
    private final Set<String> readKeys = new TreeSet<>();
    private final Map<String, String> unitOfKey = new HashMap<>();
    private final List<ConfigSection> children = new ArrayList<>();
    private final List<String> effectiveSettings;

    /** Wraps {@code node} found at {@code path} ("" for the root). */
    public ConfigSection(String path, ObjectNode node) {
        this(path, node, new ArrayList<>());
    }

    private ConfigSection(String path, ObjectNode node, List<String> effectiveSettings) {
        this.path = path;
        this.node = node;
        this.effectiveSettings = effectiveSettings;
    }

    /**
     * Every value read so far in this section's tree, defaults included, as
     * {@code "rig.inductanceHenries = 0.01 H"} lines in reading order: the header of a run record.
     */
    public List<String> effectiveSettings() {
        return List.copyOf(effectiveSettings);
    }

    /** Records that the command line replaced the value read for {@code key}. */
    public void overridden(String key, Object value, String unit) {
        String prefix = keyPath(key) + " = ";
        effectiveSettings.removeIf(line -> line.startsWith(prefix));
        effectiveSettings.add(prefix + value + suffix(unit) + " (command line)");
    }

    private void remember(String key, Object value, String unit) {
        unitOfKey.put(key, unit);
        effectiveSettings.add(keyPath(key) + " = " + value + suffix(unit));
    }

    /** An empty section at {@code path}: every key takes its default. */
    public static ConfigSection empty(String path) {
        return new ConfigSection(path, JsonNodeFactory.instance.objectNode());
    }

    /** The full key of {@code key} inside this section. */
    public String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** True when the file sets {@code key}. */
    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    private JsonNode value(String key) {
        readKeys.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** A number, or {@code defaultValue} when the key is absent. */
    public double number(String key, double defaultValue, String unit) {
        JsonNode value = value(key);
        double result = defaultValue;
        if (value != null) {
            if (!value.isNumber()) {
                throw wrongType(key, value, unit, "a number");
            }
            result = value.doubleValue();
        }
        remember(key, result, unit);
        return result;
    }

    /**
     * A number within [min, max] ({@code defaultValue} when the key is absent); the error names the
     * key as the file spells it, with its value, unit and the range.
     */
    public double number(String key, double defaultValue, String unit, double min, double max) {
        double value = number(key, defaultValue, unit);
        build(() -> Check.inRange(key, value, unit, min, max));
        return value;
    }

    /** A whole number, or {@code defaultValue} when the key is absent. */
    public long integer(String key, long defaultValue, String unit) {
        JsonNode value = value(key);
        long result = defaultValue;
        if (value != null) {
            if (!value.isIntegralNumber() && !(value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()))) {
                throw wrongType(key, value, unit, "a whole number");
            }
            if (!value.canConvertToLong()) {
                throw wrongType(key, value, unit, "a whole number within 64 bits");
            }
            result = value.asLong();
        }
        remember(key, result, unit);
        return result;
    }

    /** A whole number that fits an int, or {@code defaultValue} when the key is absent. */
    public int integer32(String key, int defaultValue, String unit) {
        long value = integer(key, defaultValue, unit);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ConfigException(keyPath(key) + " = " + value + suffix(unit)
                    + " is invalid: allowed a whole number within 32 bits");
        }
        return (int) value;
    }

    /** A whole number within [min, max] ({@code defaultValue} when the key is absent). */
    public int integer32(String key, int defaultValue, String unit, int min, int max) {
        int value = integer32(key, defaultValue, unit);
        build(() -> Check.inRange(key, value, unit, min, max));
        return value;
    }

    /** A string, or {@code defaultValue} when the key is absent. */
    public String text(String key, String defaultValue) {
        JsonNode value = value(key);
        String result = defaultValue;
        if (value != null) {
            if (!value.isTextual()) {
                throw wrongType(key, value, "", "a string");
            }
            result = value.textValue();
        }
        remember(key, result == null ? "null" : "\"" + result + "\"", "");
        return result;
    }

    /** A string that must be one of {@code allowed}, or {@code defaultValue} when absent. */
    public String choice(String key, String defaultValue, List<String> allowed) {
        String value = text(key, defaultValue);
        if (!allowed.contains(value)) {
            throw new ConfigException(keyPath(key) + " = \"" + value + "\" is invalid: allowed one of " + allowed);
        }
        return value;
    }

    /** A boolean, or {@code defaultValue} when absent. */
    public boolean bool(String key, boolean defaultValue) {
        JsonNode value = value(key);
        boolean result = defaultValue;
        if (value != null) {
            if (!value.isBoolean()) {
                throw wrongType(key, value, "", "true or false");
            }
            result = value.booleanValue();
        }
        remember(key, result, "");
        return result;
    }

    /** An array of numbers; {@code defaultValue} when absent (may be null). */
    public double[] numbers(String key, double[] defaultValue, String unit) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isArray()) {
            throw wrongType(key, value, unit, "an array of numbers");
        }
        double[] result = new double[value.size()];
        for (int i = 0; i < result.length; i++) {
            JsonNode element = value.get(i);
            if (!element.isNumber()) {
                throw new ConfigException(keyPath(key) + "[" + i + "] = " + element + suffix(unit)
                        + " is invalid: allowed a number");
            }
            result[i] = element.doubleValue();
        }
        remember(key, java.util.Arrays.toString(result), unit);
        return result;
    }

    /** A required array of numbers. */
    public double[] requiredNumbers(String key, String unit) {
        double[] value = numbers(key, null, unit);
        if (value == null) {
            throw new ConfigException(keyPath(key) + " is missing: required an array of numbers" + suffix(unit));
        }
        return value;
    }

    /** A required array of numbers, each within [min, max]. */
    public double[] requiredNumbers(String key, String unit, double min, double max) {
        double[] values = requiredNumbers(key, unit);
        for (int i = 0; i < values.length; i++) {
            double value = values[i];
            String element = key + "[" + i + "]";
            build(() -> Check.inRange(element, value, unit, min, max));
        }
        return values;
    }

    /** The sub-object at {@code key}; an empty section when absent. */
    public ConfigSection section(String key) {
        JsonNode value = value(key);
        ConfigSection child;
        if (value == null) {
            child = new ConfigSection(keyPath(key), JsonNodeFactory.instance.objectNode(), effectiveSettings);
        } else if (value.isObject()) {
            child = new ConfigSection(keyPath(key), (ObjectNode) value, effectiveSettings);
        } else {
            throw wrongType(key, value, "", "an object { ... }");
        }
        children.add(child);
        return child;
    }

    /** The array of objects at {@code key}; empty when absent. */
    public List<ConfigSection> sections(String key) {
        JsonNode value = value(key);
        List<ConfigSection> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (!value.isArray()) {
            throw wrongType(key, value, "", "an array of objects");
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isObject()) {
                throw new ConfigException(keyPath(key) + "[" + i + "] = " + element + " is invalid: allowed an object { ... }");
            }
            ConfigSection child = new ConfigSection(keyPath(key) + "[" + i + "]", (ObjectNode) element, effectiveSettings);
            children.add(child);
            result.add(child);
        }
        return result;
    }

    /**
     * Builds a value whose constructor validates its arguments, turning its
     * {@link InvalidValueException} into a config error under this section's path.
     */
    public <T> T build(Supplier<T> constructor) {
        return build(Map.of(), constructor);
    }

    /**
     * {@link #build(Supplier)} for a constructor whose parameters are named differently from the keys
     * they were read from: {@code keyOfParameter} maps a parameter's name to its key here, so that the
     * error names the key the file has ("valueAtMaxPosition", not the record's "valueAtMax").
     */
    public <T> T build(Map<String, String> keyOfParameter, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidValueException e) {
            InvalidValueException inFileTerms = inFileTerms(e, keyOfParameter);
            throw new ConfigException(path.isEmpty() ? inFileTerms.getMessage() : inFileTerms.underKey(path).getMessage(),
                    e);
        }
    }

    /**
     * A constructor's error in the file's terms: the key as the file spells it, and for a value the
     * constructor checked without a unit (an amplitude in V, N or m, a tuned value in F, N/m or kg:
     * the rig's unit, which only the config knows) the unit this section read the key with, after the
     * value and after the allowed range. An element ("values[1]") takes its array's unit; a length
     * ("values.length") is a count and takes none.
     */
    private InvalidValueException inFileTerms(InvalidValueException e, Map<String, String> keyOfParameter) {
        String key = e.key();
        int end = key.length();
        for (int i = 0; i < key.length() && end == key.length(); i++) {
            if (key.charAt(i) == '[' || key.charAt(i) == '.') {
                end = i;
            }
        }
        String parameter = key.substring(0, end);
        String rest = key.substring(end);
        String fileKey = keyOfParameter.getOrDefault(parameter, parameter);
        String readUnit = unitOfKey.getOrDefault(fileKey, "");
        if (e.unit().isEmpty() && !readUnit.isEmpty() && (rest.isEmpty() || rest.startsWith("["))) {
            return new InvalidValueException(fileKey + rest, e.valueText(), readUnit, e.allowed() + " " + readUnit);
        }
        return new InvalidValueException(fileKey + rest, e.valueText(), e.unit(), e.allowed());
    }

    /** Fails on any key of this section or its read sub-sections that nobody read (a typo, most likely). */
    public void rejectUnknownKeys() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!readKeys.contains(name)) {
                throw new ConfigException(keyPath(name) + " is not a known key"
                        + (readKeys.isEmpty() ? "" : ": known keys here are " + readKeys));
            }
        }
        for (ConfigSection child : children) {
            child.rejectUnknownKeys();
        }
    }

    private ConfigException wrongType(String key, JsonNode value, String unit, String allowed) {
        return new ConfigException(keyPath(key) + " = " + value + suffix(unit) + " is invalid: allowed " + allowed);
    }

    private static String suffix(String unit) {
        return unit.isEmpty() ? "" : " " + unit;
    }
}
