package org.resonantlearner.app.config;

import org.resonantlearner.control.ExtremumSeekingSettings;
import org.resonantlearner.control.NoiseBrakeSettings;
import org.resonantlearner.control.PerturbObserveSettings;
import org.resonantlearner.control.SweepSettings;
import org.resonantlearner.control.TunerSettings;

/**
 * The {@code tuner} section: the settle time, and each tuner's knobs in a sub-section named after
 * its settings record ({@code tuner.noiseBrake.growFactor}, {@code tuner.sweep.coarsePoints}, ...).
 * Knobs are read by {@link RecordKnobs} from the records' own components with the records' own defaults, so a knob added
 * to a tuner is configurable without touching this class. Move prices come from the actuator section.
 */
final class TunerConfig {
    /** Settle time in amplitude time constants τ: ring-up from a move is e^-3 ≈ 5 % of the change after it. */
    static final double SETTLE_TIME_CONSTANTS = 3.0;

    /**
     * Longest settle time (s): 3 τ of the slowest rig the ranges allow (τ = 2 × 200 kg / 1e-4 N·s/m
     * = 4e6 s) fits, so the default never exceeds it.
     */
    static final double MAX_SETTLE_SECONDS = 1e9;

    private TunerConfig() {}

    static TunerSettings read(ConfigSection s, double nominalTimeConstantSeconds, ActuatorSettings actuator) {
        double settleTimeSeconds = s.number("settleTimeSeconds", SETTLE_TIME_CONSTANTS * nominalTimeConstantSeconds, "s", 0, MAX_SETTLE_SECONDS);
        NoiseBrakeSettings noiseBrake = RecordKnobs.read(s.section("noiseBrake"), NoiseBrakeSettings.defaults());
        SweepSettings sweep = RecordKnobs.read(s.section("sweep"), SweepSettings.defaults());
        PerturbObserveSettings perturbObserve = RecordKnobs.read(s.section("perturbObserve"), PerturbObserveSettings.defaults());
        ExtremumSeekingSettings extremumSeeking = RecordKnobs.read(s.section("extremumSeeking"), ExtremumSeekingSettings.defaults());
        return s.build(() -> new TunerSettings(settleTimeSeconds, actuator.tuningEnergyPerStepJoules(),
                actuator.tuningEnergyPerMoveJoules(), noiseBrake, sweep, perturbObserve, extremumSeeking));
    }
}
