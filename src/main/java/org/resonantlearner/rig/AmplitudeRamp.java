package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * A linear amplitude change: startAmplitude until startTimeSeconds, linear to endAmplitude at
 * endTimeSeconds, endAmplitude after.
 *
 * @param startAmplitude amplitude before the ramp, in the rig's drive unit, &ge; 0
 * @param endAmplitude amplitude after the ramp, in the rig's drive unit, &ge; 0
 * @param startTimeSeconds start of the ramp (s), &ge; 0
 * @param endTimeSeconds end of the ramp (s), &gt; startTimeSeconds
 */
public record AmplitudeRamp(double startAmplitude, double endAmplitude, double startTimeSeconds, double endTimeSeconds)
        implements AmplitudeProfile {

    /** Validates the ramp. */
    public AmplitudeRamp {
        Check.nonNegative("startAmplitude", startAmplitude, "");
        Check.nonNegative("endAmplitude", endAmplitude, "");
        Check.nonNegative("startTimeSeconds", startTimeSeconds, "s");
        Check.finite("endTimeSeconds", endTimeSeconds, "s");
        Check.ordered("startTimeSeconds", startTimeSeconds, "endTimeSeconds", endTimeSeconds, "s");
    }

    /** Returns "amplitude-ramp". */
    @Override
    public String kind() {
        return "amplitude-ramp";
    }

    /** The ramped amplitude, held at the end values outside the ramp. */
    @Override
    public double amplitude(double timeSeconds) {
        return Ramps.linear(timeSeconds, startTimeSeconds, endTimeSeconds, startAmplitude, endAmplitude);
    }

    /** No events: a ramp is smooth. */
    @Override
    public double[] eventTimesSeconds() {
        return new double[0];
    }
}
