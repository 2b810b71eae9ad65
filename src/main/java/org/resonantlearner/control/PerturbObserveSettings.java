package org.resonantlearner.control;

import org.resonantlearner.check.Check;

/**
 * Knobs of the perturb-and-observe baseline.
 *
 * @param stepFraction perturbation step as a fraction of the actuator range, (0, 0.5]; it must exceed
 *     the drift of the optimum per perturbation period (settle time plus one window), or the
 *     hill-climber loses the peak
 */
public record PerturbObserveSettings(double stepFraction) {

    /** Default step: 0.2 % of the range (20 steps of 10,000). */
    public static final double DEFAULT_STEP_FRACTION = 0.002;

    /** Validates every knob. */
    public PerturbObserveSettings {
        Check.inRange("stepFraction", stepFraction, "", Double.MIN_VALUE, 0.5);
    }

    /** The defaults. */
    public static PerturbObserveSettings defaults() {
        return new PerturbObserveSettings(DEFAULT_STEP_FRACTION);
    }
}
