package org.resonantlearner.rig;

import java.util.Arrays;
import java.util.Objects;
import org.resonantlearner.check.Check;

/**
 * Abrupt amplitude changes: initialAmplitude until the first step time, then each step's
 * amplitude from its time on; every step time is an event.
 */
public final class AmplitudeSteps implements AmplitudeProfile {
    private final double initialAmplitude;
    private final double[] stepTimesSeconds;
    private final double[] amplitudes;

    /**
     * Creates the profile.
     *
     * @param initialAmplitude amplitude before the first step, in the rig's drive unit, &ge; 0
     * @param stepTimesSeconds instants of the steps (s), &ge; 0, strictly increasing (may be empty)
     * @param amplitudes amplitude from each step on, each &ge; 0, same length as the times
     */
    public AmplitudeSteps(double initialAmplitude, double[] stepTimesSeconds, double[] amplitudes) {
        this.initialAmplitude = Check.nonNegative("initialAmplitude", initialAmplitude, "");
        this.stepTimesSeconds = Ramps.checkedStepTimes("stepTimesSeconds", stepTimesSeconds, "amplitudes", amplitudes);
        this.amplitudes = amplitudes.clone();
        for (int i = 0; i < this.amplitudes.length; i++) {
            Check.nonNegative("amplitudes[" + i + "]", this.amplitudes[i], "");
        }
    }

    /** Returns "amplitude-steps". */
    @Override
    public String kind() {
        return "amplitude-steps";
    }

    /** Amplitude before the first step. */
    public double initialAmplitude() {
        return initialAmplitude;
    }

    /** A copy of the step amplitudes. */
    public double[] amplitudes() {
        return amplitudes.clone();
    }

    /** The amplitude of the last step at or before {@code timeSeconds}. */
    @Override
    public double amplitude(double timeSeconds) {
        int step = Ramps.stepIndex(stepTimesSeconds, timeSeconds);
        return step < 0 ? initialAmplitude : amplitudes[step];
    }

    /** A copy of the step times (s). */
    @Override
    public double[] eventTimesSeconds() {
        return stepTimesSeconds.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AmplitudeSteps steps
                && Double.compare(initialAmplitude, steps.initialAmplitude) == 0
                && Arrays.equals(stepTimesSeconds, steps.stepTimesSeconds)
                && Arrays.equals(amplitudes, steps.amplitudes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialAmplitude, Arrays.hashCode(stepTimesSeconds), Arrays.hashCode(amplitudes));
    }

    @Override
    public String toString() {
        return "AmplitudeSteps[initialAmplitude=" + initialAmplitude + ", stepTimesSeconds="
                + Arrays.toString(stepTimesSeconds) + ", amplitudes=" + Arrays.toString(amplitudes) + "]";
    }
}
