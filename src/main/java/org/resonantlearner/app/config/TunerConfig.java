package org.resonantlearner.app.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.control.ExtremumSeekingSettings;
import org.resonantlearner.control.NoiseBrakeSettings;
import org.resonantlearner.control.PerturbObserveSettings;
import org.resonantlearner.control.SweepSettings;
import org.resonantlearner.control.TunerSettings;

/**
 * The {@code tuner} section: the settle time, and each tuner's knobs in a sub-section named after
 * its settings record ({@code tuner.noiseBrake.growFactor}, {@code tuner.sweep.coarsePoints}, ...).
 * Knobs are read from the records' own components with the records' own defaults, so a knob added
 * to a tuner is configurable without touching this class. Move prices come from the actuator section.
 */
final class TunerConfig {
    /** Settle time in amplitude time constants τ: ring-up from a move is e^-3 ≈ 5 % of the change after it. */
    static final double SETTLE_TIME_CONSTANTS = 3.0;

    private TunerConfig() {}

    static TunerSettings read(ConfigSection s, double nominalTimeConstantSeconds, ActuatorSettings actuator) {
        double settleTimeSeconds = s.number("settleTimeSeconds", SETTLE_TIME_CONSTANTS * nominalTimeConstantSeconds, "s");
        NoiseBrakeSettings noiseBrake = knobs(s.section("noiseBrake"), NoiseBrakeSettings.defaults());
        SweepSettings sweep = knobs(s.section("sweep"), SweepSettings.defaults());
        PerturbObserveSettings perturbObserve = knobs(s.section("perturbObserve"), PerturbObserveSettings.defaults());
        ExtremumSeekingSettings extremumSeeking = knobs(s.section("extremumSeeking"), ExtremumSeekingSettings.defaults());
        return s.build(() -> new TunerSettings(settleTimeSeconds, actuator.tuningEnergyPerStepJoules(),
                actuator.tuningEnergyPerMoveJoules(), noiseBrake, sweep, perturbObserve, extremumSeeking));
    }

    /** Reads every numeric component of the record {@code defaults} from {@code s}, then builds the record. */
    @SuppressWarnings("unchecked")
    private static <R extends Record> R knobs(ConfigSection s, R defaults) {
        Class<R> type = (Class<R>) defaults.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            Object defaultValue = invoke(component, defaults);
            if (types[i] == double.class) {
                values[i] = s.number(component.getName(), (Double) defaultValue, "");
            } else if (types[i] == int.class) {
                values[i] = s.integer32(component.getName(), (Integer) defaultValue, "");
            } else if (types[i] == boolean.class) {
                values[i] = s.bool(component.getName(), (Boolean) defaultValue);
            } else {
                throw new IllegalStateException(type.getSimpleName() + "." + component.getName()
                        + " has a type the config cannot read: " + types[i]);
            }
        }
        return s.build(() -> construct(type, types, values));
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
