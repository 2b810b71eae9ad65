package org.resonantlearner.app.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import org.resonantlearner.check.InvalidValueException;

/**
 * Reads a settings record's components from a config section, one key per component, with the
 * record's own defaults: a field added to such a record is configurable without touching the
 * config reader. The record's compact constructor does the validation.
 */
final class RecordKnobs {
    private RecordKnobs() {}

    /** Reads every component of the record {@code defaults} from {@code s}, then builds the record. */
    static <R extends Record> R read(ConfigSection s, R defaults) {
        return read(s, defaults, Set.of());
    }

    /**
     * Reads every component of {@code defaults} except those named in {@code fixed} (which keep the
     * default's value: the caller chose them, e.g. a converter model picked by a {@code type} key),
     * then builds the record.
     */
    @SuppressWarnings("unchecked")
    static <R extends Record> R read(ConfigSection s, R defaults, Set<String> fixed) {
        Class<R> type = (Class<R>) defaults.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String name = component.getName();
            types[i] = component.getType();
            Object defaultValue = invoke(component, defaults);
            if (fixed.contains(name)) {
                values[i] = defaultValue;
            } else if (types[i] == double.class) {
                values[i] = s.number(name, (Double) defaultValue, unitOf(name));
            } else if (types[i] == int.class) {
                values[i] = s.integer32(name, (Integer) defaultValue, unitOf(name));
            } else if (types[i] == long.class) {
                values[i] = s.integer(name, (Long) defaultValue, unitOf(name));
            } else if (types[i] == boolean.class) {
                values[i] = s.bool(name, (Boolean) defaultValue);
            } else {
                throw new IllegalStateException(type.getSimpleName() + "." + name
                        + " has a type the config cannot read: " + types[i]);
            }
        }
        return s.build(() -> construct(type, types, values));
    }

    /** The unit a component's name announces (STYLE: every number carries its unit in its name). */
    static String unitOf(String name) {
        if (name.endsWith("Nanos")) {
            return "ns";
        } else if (name.endsWith("Hz")) {
            return "Hz";
        } else if (name.endsWith("Volts")) {
            return "V";
        } else if (name.endsWith("Seconds")) {
            return "s";
        } else if (name.endsWith("StepsPerSecondSquared")) {
            return "steps/s^2";
        } else if (name.endsWith("StepsPerSecond")) {
            return "steps/s";
        } else if (name.endsWith("SamplesPerSecond")) {
            return "samples/s";
        } else if (name.endsWith("Steps")) {
            return "steps";
        }
        return "";
    }

    private static Object invoke(RecordComponent component, Record target) {
        try {
            return component.getAccessor().invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static <R> R construct(Class<R> type, Class<?>[] types, Object[] values) {
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidValueException invalid) {
                throw invalid;
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }
}
