package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * Capacitance of a reverse-biased varactor (plus fixed capacitance in parallel) whose bias comes
 * from a DAC; the actuator position is the DAC code.
 *
 * <p>The depletion-layer law C(V) = Cj0 / (1 + V/φ)^m, with V = code · fullScale / (2^bits − 1),
 * plus C_fixed for the tank's fixed capacitor and strays. Fractional codes interpolate the law
 * smoothly; codes outside [0, 2^bits − 1] are clamped (the DAC cannot go there).
 *
 * @param junctionCapacitanceFarads zero-bias junction capacitance Cj0 (F), &gt; 0
 * @param builtInPotentialVolts junction built-in potential φ (V), &gt; 0 (about 0.7 V for silicon)
 * @param gradingCoefficient grading coefficient m, in (0, 5] (0.5 abrupt, ~0.33 graded, &gt; 1 hyperabrupt)
 * @param fixedCapacitanceFarads capacitance in parallel with the varactor (F), &ge; 0
 * @param dacFullScaleVolts reverse bias at the highest DAC code (V), &gt; 0
 * @param dacBits DAC resolution, in [1, 24]
 */
public record VaractorTuningMap(
        double junctionCapacitanceFarads,
        double builtInPotentialVolts,
        double gradingCoefficient,
        double fixedCapacitanceFarads,
        double dacFullScaleVolts,
        int dacBits) implements TuningMap {

    /** Validates every component. */
    public VaractorTuningMap {
        Check.positive("junctionCapacitanceFarads", junctionCapacitanceFarads, "F");
        Check.positive("builtInPotentialVolts", builtInPotentialVolts, "V");
        Check.positive("gradingCoefficient", gradingCoefficient, "");
        Check.inRange("gradingCoefficient", gradingCoefficient, "", 0.0, 5.0);
        Check.nonNegative("fixedCapacitanceFarads", fixedCapacitanceFarads, "F");
        Check.positive("dacFullScaleVolts", dacFullScaleVolts, "V");
        Check.inRange("dacBits", dacBits, "bits", 1, 24);
    }

    /** Returns "varactor". */
    @Override
    public String kind() {
        return "varactor";
    }

    /** Highest DAC code, 2^bits − 1. */
    public int maxCode() {
        return (1 << dacBits) - 1;
    }

    /** Reverse bias (V) the DAC puts out at {@code code}, clamped to the DAC's range. */
    public double biasVolts(double code) {
        int maxCode = maxCode();
        double clamped = code > 0 ? Math.min(code, maxCode) : 0.0;
        return clamped * dacFullScaleVolts / maxCode;
    }

    /** Cj0/(1 + V/φ)^m + C_fixed (F) at DAC code {@code positionSteps}. */
    @Override
    public double valueAt(double positionSteps) {
        double biasVolts = biasVolts(positionSteps);
        return junctionCapacitanceFarads / Math.pow(1.0 + biasVolts / builtInPotentialVolts, gradingCoefficient)
                + fixedCapacitanceFarads;
    }
}
