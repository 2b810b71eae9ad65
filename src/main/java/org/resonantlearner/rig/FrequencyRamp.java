package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * A linear frequency sweep: startHz until startTimeSeconds, linear to endHz at endTimeSeconds,
 * endHz after. The phase stays continuous (the simulator integrates the frequency).
 *
 * @param startHz frequency before and at the start of the ramp (Hz), &gt; 0
 * @param endHz frequency at and after the end of the ramp (Hz), &gt; 0
 * @param startTimeSeconds start of the ramp (s), &ge; 0
 * @param endTimeSeconds end of the ramp (s), &gt; startTimeSeconds
 */
public record FrequencyRamp(double startHz, double endHz, double startTimeSeconds, double endTimeSeconds)
        implements FrequencyProfile {

    /** Validates the ramp. */
    public FrequencyRamp {
        Check.positive("startHz", startHz, "Hz");
        Check.positive("endHz", endHz, "Hz");
        Check.nonNegative("startTimeSeconds", startTimeSeconds, "s");
        Check.finite("endTimeSeconds", endTimeSeconds, "s");
        Check.ordered("startTimeSeconds", startTimeSeconds, "endTimeSeconds", endTimeSeconds, "s");
    }

    /** Returns "frequency-ramp". */
    @Override
    public String kind() {
        return "frequency-ramp";
    }

    /** The ramped frequency (Hz), held at the end values outside the ramp. */
    @Override
    public double frequencyHz(double timeSeconds) {
        return Ramps.linear(timeSeconds, startTimeSeconds, endTimeSeconds, startHz, endHz);
    }

    /** No events: a ramp is smooth. */
    @Override
    public double[] eventTimesSeconds() {
        return new double[0];
    }
}
