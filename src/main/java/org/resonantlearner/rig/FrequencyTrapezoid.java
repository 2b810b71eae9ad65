package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * EN 50530-style trapezoid: hold lowHz, ramp up to highHz, hold, ramp back down, hold lowHz;
 * optionally repeated. The corners are smooth in the sense of the standard (no events): a tuner
 * tracks a ramp rather than re-locking after a step.
 *
 * @param lowHz frequency of the low holds (Hz), &gt; 0
 * @param highHz frequency of the high hold (Hz), &gt; 0 (may be below lowHz for a downward trapezoid)
 * @param lowHoldSeconds duration of the initial low hold (s), &ge; 0
 * @param rampSeconds duration of each ramp (s), &gt; 0
 * @param highHoldSeconds duration of the high hold (s), &ge; 0
 * @param finalHoldSeconds duration of the low hold after the down ramp (s), &ge; 0
 * @param repeat whether the cycle restarts after the final hold (otherwise lowHz holds forever)
 */
public record FrequencyTrapezoid(
        double lowHz,
        double highHz,
        double lowHoldSeconds,
        double rampSeconds,
        double highHoldSeconds,
        double finalHoldSeconds,
        boolean repeat) implements FrequencyProfile {

    /** Validates the trapezoid. */
    public FrequencyTrapezoid {
        Check.positive("lowHz", lowHz, "Hz");
        Check.positive("highHz", highHz, "Hz");
        Check.nonNegative("lowHoldSeconds", lowHoldSeconds, "s");
        Check.positive("rampSeconds", rampSeconds, "s");
        Check.nonNegative("highHoldSeconds", highHoldSeconds, "s");
        Check.nonNegative("finalHoldSeconds", finalHoldSeconds, "s");
    }

    /** Returns "frequency-trapezoid". */
    @Override
    public String kind() {
        return "frequency-trapezoid";
    }

    /** Length of one cycle (s): both holds at low, two ramps and the high hold. */
    public double periodSeconds() {
        return lowHoldSeconds + 2 * rampSeconds + highHoldSeconds + finalHoldSeconds;
    }

    /** The trapezoid's frequency (Hz) at {@code timeSeconds}. */
    @Override
    public double frequencyHz(double timeSeconds) {
        double t = timeSeconds;
        if (repeat && t >= 0) {
            double period = periodSeconds();
            t -= period * Math.floor(t / period);
        }
        double upStart = lowHoldSeconds;
        double upEnd = upStart + rampSeconds;
        if (t < upEnd) {
            return Ramps.linear(t, upStart, upEnd, lowHz, highHz);
        }
        double downStart = upEnd + highHoldSeconds;
        return Ramps.linear(t, downStart, downStart + rampSeconds, highHz, lowHz);
    }

    /** No events: corners are not steps. */
    @Override
    public double[] eventTimesSeconds() {
        return new double[0];
    }
}
