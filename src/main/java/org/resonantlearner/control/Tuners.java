package org.resonantlearner.control;

import java.util.List;
import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/** The one place that turns a tuner's command-line name into a tuner. */
public final class Tuners {
    private static final List<String> NAMES = List.of(NoiseBrakeTuner.NAME, FixedTuner.NAME,
            SweepThenHoldTuner.NAME, PerturbObserveTuner.NAME, ExtremumSeekingTuner.NAME);

    private Tuners() {}

    /** Every known tuner name, the product first. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Creates the tuner called {@code name}.
     *
     * @param name one of {@link #names()}
     * @param settings shared inputs and every tuner's knobs
     * @param seed seed of the tuner's own random generator (tuners without randomness ignore it)
     * @throws InvalidValueException for an unknown name, listing the allowed ones
     */
    public static Tuner create(String name, TunerSettings settings, long seed) {
        Check.present("tuner", name);
        Check.present("settings", settings);
        return switch (name) {
            case NoiseBrakeTuner.NAME -> new NoiseBrakeTuner(settings.settleTimeSeconds(), settings.tuningCost(),
                    settings.noiseBrake(), seed);
            case FixedTuner.NAME -> new FixedTuner();
            case SweepThenHoldTuner.NAME -> new SweepThenHoldTuner(settings.settleTimeSeconds(), settings.sweep());
            case PerturbObserveTuner.NAME -> new PerturbObserveTuner(settings.settleTimeSeconds(),
                    settings.perturbObserve());
            case ExtremumSeekingTuner.NAME -> new ExtremumSeekingTuner(settings.settleTimeSeconds(),
                    settings.extremumSeeking());
            default -> throw new InvalidValueException("tuner", name, "", "one of " + String.join(", ", NAMES));
        };
    }
}
