package org.resonantlearner.rig;

import java.util.Arrays;
import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/** Shared piecewise helpers of the drive profiles. */
final class Ramps {
    private Ramps() {}

    /** {@code from} before t0, {@code to} after t1, linear in between. */
    static double linear(double timeSeconds, double t0Seconds, double t1Seconds, double from, double to) {
        if (!(timeSeconds > t0Seconds)) {
            return from;
        }
        if (timeSeconds >= t1Seconds) {
            return to;
        }
        return from + (to - from) * ((timeSeconds - t0Seconds) / (t1Seconds - t0Seconds));
    }

    /**
     * Index of the last step at or before {@code timeSeconds} in ascending {@code stepTimes}, or −1
     * before the first step.
     */
    static int stepIndex(double[] stepTimesSeconds, double timeSeconds) {
        int found = Arrays.binarySearch(stepTimesSeconds, timeSeconds);
        if (found >= 0) {
            // Equal times are rejected at construction, so this is the only step at that instant.
            return found;
        }
        return -found - 2;
    }

    /** Validates a step table and returns a copy of its times. */
    static double[] checkedStepTimes(String timesKey, double[] stepTimesSeconds, String valuesKey, double[] values) {
        Check.present(timesKey, stepTimesSeconds);
        Check.present(valuesKey, values);
        if (values.length != stepTimesSeconds.length) {
            throw new InvalidValueException(valuesKey + ".length", Integer.toString(values.length), "",
                    "the number of step times (" + stepTimesSeconds.length + ")");
        }
        double[] copy = stepTimesSeconds.clone();
        for (int i = 0; i < copy.length; i++) {
            Check.nonNegative(timesKey + "[" + i + "]", copy[i], "s");
            if (i > 0) {
                Check.ordered(timesKey + "[" + (i - 1) + "]", copy[i - 1], timesKey + "[" + i + "]", copy[i], "s");
            }
        }
        return copy;
    }
}
