package org.resonantlearner.rig;

import java.util.Arrays;
import java.util.Objects;
import org.resonantlearner.check.Check;

/**
 * Abrupt frequency changes: initialHz until the first step time, then each step's frequency from
 * its time on. The phase stays continuous across a step (the simulator integrates the frequency);
 * every step time is an event a tuner is expected to re-lock after.
 */
public final class FrequencySteps implements FrequencyProfile {
    private final double initialHz;
    private final double[] stepTimesSeconds;
    private final double[] frequenciesHz;

    /**
     * Creates the profile.
     *
     * @param initialHz frequency before the first step (Hz), &gt; 0
     * @param stepTimesSeconds instants of the steps (s), &ge; 0, strictly increasing (may be empty)
     * @param frequenciesHz frequency from each step on (Hz), each &gt; 0, same length as the times
     */
    public FrequencySteps(double initialHz, double[] stepTimesSeconds, double[] frequenciesHz) {
        this.initialHz = Check.positive("initialHz", initialHz, "Hz");
        this.stepTimesSeconds = Ramps.checkedStepTimes("stepTimesSeconds", stepTimesSeconds,
                "frequenciesHz", frequenciesHz);
        this.frequenciesHz = frequenciesHz.clone();
        for (int i = 0; i < this.frequenciesHz.length; i++) {
            Check.positive("frequenciesHz[" + i + "]", this.frequenciesHz[i], "Hz");
        }
    }

    /** Returns "frequency-steps". */
    @Override
    public String kind() {
        return "frequency-steps";
    }

    /** Frequency before the first step (Hz). */
    public double initialHz() {
        return initialHz;
    }

    /** A copy of the step frequencies (Hz). */
    public double[] frequenciesHz() {
        return frequenciesHz.clone();
    }

    /** The frequency of the last step at or before {@code timeSeconds} (Hz). */
    @Override
    public double frequencyHz(double timeSeconds) {
        int step = Ramps.stepIndex(stepTimesSeconds, timeSeconds);
        return step < 0 ? initialHz : frequenciesHz[step];
    }

    /** A copy of the step times (s). */
    @Override
    public double[] eventTimesSeconds() {
        return stepTimesSeconds.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FrequencySteps steps
                && Double.compare(initialHz, steps.initialHz) == 0
                && Arrays.equals(stepTimesSeconds, steps.stepTimesSeconds)
                && Arrays.equals(frequenciesHz, steps.frequenciesHz);
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialHz, Arrays.hashCode(stepTimesSeconds), Arrays.hashCode(frequenciesHz));
    }

    @Override
    public String toString() {
        return "FrequencySteps[initialHz=" + initialHz + ", stepTimesSeconds=" + Arrays.toString(stepTimesSeconds)
                + ", frequenciesHz=" + Arrays.toString(frequenciesHz) + "]";
    }
}
