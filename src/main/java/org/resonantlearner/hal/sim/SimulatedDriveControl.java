package org.resonantlearner.hal.sim;

import org.resonantlearner.hal.DriveControl;
import org.resonantlearner.rig.SettableDrive;

/**
 * The simulated rig's drive control: sets the {@link SettableDrive} the simulator reads at every
 * sample, up to {@link SimulatedRig#maxDriveFrequencyHz}; off is zero amplitude.
 */
final class SimulatedDriveControl implements DriveControl {
    /** Lowest drive frequency accepted (Hz): below it one period outlasts any sensible measurement. */
    private static final double MIN_FREQUENCY_HZ = 0.1;

    private final SettableDrive drive;
    private final double maxFrequencyHz;
    private final double initialFrequencyHz;
    private final double onAmplitude;

    SimulatedDriveControl(SettableDrive drive, double maxFrequencyHz) {
        this.drive = drive;
        this.maxFrequencyHz = maxFrequencyHz;
        this.initialFrequencyHz = drive.frequencyHz(0.0);
        this.onAmplitude = drive.amplitude(0.0);
    }

    @Override
    public double minFrequencyHz() {
        return MIN_FREQUENCY_HZ;
    }

    @Override
    public double maxFrequencyHz() {
        return maxFrequencyHz;
    }

    @Override
    public double frequencyHz() {
        return drive.frequencyHz(0.0);
    }

    @Override
    public void setFrequencyHz(double frequencyHz) {
        if (!(frequencyHz >= MIN_FREQUENCY_HZ && frequencyHz <= maxFrequencyHz)) {
            throw new IllegalArgumentException("drive frequency = " + frequencyHz + " Hz is outside ["
                    + MIN_FREQUENCY_HZ + ", " + maxFrequencyHz + "] Hz (a fifth of the sample rate at most)");
        }
        drive.setFrequencyHz(frequencyHz);
    }

    @Override
    public void setOn(boolean on) {
        drive.setAmplitude(on ? onAmplitude : 0.0);
    }

    @Override
    public boolean on() {
        return drive.amplitude(0.0) > 0.0;
    }

    @Override
    public void close() {
        drive.setFrequencyHz(initialFrequencyHz);
        drive.setAmplitude(onAmplitude);
    }
}
