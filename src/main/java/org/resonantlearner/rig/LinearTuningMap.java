package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * Tuned value varying linearly with actuator position between two calibrated end points, held
 * at the end values outside them (a slug or screw cannot move past its stops).
 *
 * @param minPositionSteps position of the first calibration point (steps)
 * @param maxPositionSteps position of the second calibration point (steps), &gt; minPositionSteps
 * @param valueAtMin tuned value at minPositionSteps (F, N/m or kg), &gt; 0
 * @param valueAtMax tuned value at maxPositionSteps (F, N/m or kg), &gt; 0; may be below valueAtMin
 */
public record LinearTuningMap(double minPositionSteps, double maxPositionSteps, double valueAtMin, double valueAtMax)
        implements TuningMap {

    /** Validates the calibration points. */
    public LinearTuningMap {
        Check.finite("minPositionSteps", minPositionSteps, "steps");
        Check.finite("maxPositionSteps", maxPositionSteps, "steps");
        Check.ordered("minPositionSteps", minPositionSteps, "maxPositionSteps", maxPositionSteps, "steps");
        // Every tuned parameter of our rigs (capacitance, stiffness, mass) is positive.
        Check.positive("valueAtMin", valueAtMin, "");
        Check.positive("valueAtMax", valueAtMax, "");
    }

    /** Returns "linear". */
    @Override
    public String kind() {
        return "linear";
    }

    /** Linear interpolation between the end points, clamped outside them. */
    @Override
    public double valueAt(double positionSteps) {
        double fraction = (positionSteps - minPositionSteps) / (maxPositionSteps - minPositionSteps);
        if (!(fraction > 0)) {
            return valueAtMin;
        }
        if (fraction >= 1) {
            return valueAtMax;
        }
        return valueAtMin + fraction * (valueAtMax - valueAtMin);
    }
}
