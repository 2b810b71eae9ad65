package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * A drive frequency that never changes.
 *
 * @param frequencyHz the drive frequency (Hz), &gt; 0
 */
public record ConstantFrequency(double frequencyHz) implements FrequencyProfile {

    /** Validates the frequency. */
    public ConstantFrequency {
        Check.positive("frequencyHz", frequencyHz, "Hz");
    }

    /** Returns "constant". */
    @Override
    public String kind() {
        return "constant";
    }

    /** The constant frequency (Hz). */
    @Override
    public double frequencyHz(double timeSeconds) {
        return frequencyHz;
    }

    /** No events. */
    @Override
    public double[] eventTimesSeconds() {
        return new double[0];
    }
}
