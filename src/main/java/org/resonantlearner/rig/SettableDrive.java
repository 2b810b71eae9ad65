package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * A sine drive whose frequency and amplitude are set from outside while a simulation runs (the
 * simulated rig's {@code DriveControl}). Unlike every other profile it is not a function of time: it
 * answers with the values last set, whatever time is asked for, so the simulator picks a change up
 * at its next sample. No noise, no scheduled events.
 */
public final class SettableDrive implements DriveProfile {
    private double frequencyHz;
    private double amplitude;

    /**
     * @param frequencyHz initial frequency (Hz), &gt; 0
     * @param amplitude initial peak amplitude in the rig's drive unit (V, N or m), ≥ 0
     */
    public SettableDrive(double frequencyHz, double amplitude) {
        setFrequencyHz(frequencyHz);
        setAmplitude(amplitude);
    }

    /** Sets the frequency (Hz), &gt; 0. */
    public void setFrequencyHz(double frequencyHz) {
        this.frequencyHz = Check.positive("drive.frequencyHz", frequencyHz, "Hz");
    }

    /** Sets the peak amplitude (rig's drive unit), ≥ 0. */
    public void setAmplitude(double amplitude) {
        this.amplitude = Check.nonNegative("drive.amplitude", amplitude, "");
    }

    /** Returns "settable". */
    @Override
    public String kind() {
        return "settable";
    }

    /** The frequency last set (Hz), at any time. */
    @Override
    public double frequencyHz(double timeSeconds) {
        return frequencyHz;
    }

    /** The amplitude last set, at any time. */
    @Override
    public double amplitude(double timeSeconds) {
        return amplitude;
    }

    /** No noise. */
    @Override
    public double noise(double timeSeconds) {
        return 0.0;
    }

    /** No scheduled events: changes come from outside. */
    @Override
    public double[] eventTimesSeconds() {
        return new double[0];
    }
}
