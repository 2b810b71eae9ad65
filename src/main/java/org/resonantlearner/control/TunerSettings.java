package org.resonantlearner.control;

import org.resonantlearner.check.Check;
import org.resonantlearner.harvest.TuningCost;

/**
 * Everything {@link Tuners#create} needs besides the name and the seed: the inputs every tuner
 * shares and each tuner's own knobs.
 *
 * @param settleTimeSeconds how long after a move before a window may be judged (s), ≥ 0; the app
 *     derives it from the rig's nominal or calibrated amplitude time constant τ (about 3τ)
 * @param energyPerStepJoules actuator energy per step of travel (J), ≥ 0
 * @param energyPerMoveJoules actuator energy per move (J), ≥ 0
 * @param noiseBrake knobs of "noise-brake"
 * @param sweep knobs of "sweep"
 * @param perturbObserve knobs of "perturb-observe"
 * @param extremumSeeking knobs of "extremum-seeking"
 */
public record TunerSettings(
        double settleTimeSeconds,
        double energyPerStepJoules,
        double energyPerMoveJoules,
        NoiseBrakeSettings noiseBrake,
        SweepSettings sweep,
        PerturbObserveSettings perturbObserve,
        ExtremumSeekingSettings extremumSeeking) {

    /** Validates the shared inputs and that every knob record is present. */
    public TunerSettings {
        Check.nonNegative("settleTimeSeconds", settleTimeSeconds, "s");
        Check.nonNegative("energyPerStepJoules", energyPerStepJoules, "J");
        Check.nonNegative("energyPerMoveJoules", energyPerMoveJoules, "J");
        Check.present("noiseBrake", noiseBrake);
        Check.present("sweep", sweep);
        Check.present("perturbObserve", perturbObserve);
        Check.present("extremumSeeking", extremumSeeking);
    }

    /** Free moves and every tuner's default knobs, with the given settle time (s). */
    public static TunerSettings defaults(double settleTimeSeconds) {
        return new TunerSettings(settleTimeSeconds, 0.0, 0.0, NoiseBrakeSettings.defaults(),
                SweepSettings.defaults(), PerturbObserveSettings.defaults(), ExtremumSeekingSettings.defaults());
    }

    /** The move prices as a {@link TuningCost}. */
    public TuningCost tuningCost() {
        return new TuningCost(energyPerStepJoules, energyPerMoveJoules);
    }

    /** A copy with other move prices (J per step, J per move). */
    public TunerSettings withMoveCost(double energyPerStepJoules, double energyPerMoveJoules) {
        return new TunerSettings(settleTimeSeconds, energyPerStepJoules, energyPerMoveJoules, noiseBrake, sweep,
                perturbObserve, extremumSeeking);
    }

    /** A copy with other noise-brake knobs. */
    public TunerSettings withNoiseBrake(NoiseBrakeSettings knobs) {
        return new TunerSettings(settleTimeSeconds, energyPerStepJoules, energyPerMoveJoules, knobs, sweep,
                perturbObserve, extremumSeeking);
    }

    /** A copy with other sweep knobs. */
    public TunerSettings withSweep(SweepSettings knobs) {
        return new TunerSettings(settleTimeSeconds, energyPerStepJoules, energyPerMoveJoules, noiseBrake, knobs,
                perturbObserve, extremumSeeking);
    }

    /** A copy with other perturb-and-observe knobs. */
    public TunerSettings withPerturbObserve(PerturbObserveSettings knobs) {
        return new TunerSettings(settleTimeSeconds, energyPerStepJoules, energyPerMoveJoules, noiseBrake, sweep,
                knobs, extremumSeeking);
    }

    /** A copy with other extremum-seeking knobs. */
    public TunerSettings withExtremumSeeking(ExtremumSeekingSettings knobs) {
        return new TunerSettings(settleTimeSeconds, energyPerStepJoules, energyPerMoveJoules, noiseBrake, sweep,
                perturbObserve, knobs);
    }
}
