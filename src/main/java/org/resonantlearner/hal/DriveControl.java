package org.resonantlearner.hal;

/**
 * Port: a drive the service can set, where the rig has one (the simulated rig; not a bench function
 * generator). Only calibration uses it: it sweeps the drive frequency across a resonance and switches
 * the drive off for a ringdown. The amplitude stays what the rig was set up with.
 */
public interface DriveControl extends AutoCloseable {

    /** Lowest frequency the drive can produce (Hz). */
    double minFrequencyHz();

    /** Highest frequency the drive can produce (Hz). */
    double maxFrequencyHz();

    /** The frequency last set (Hz). */
    double frequencyHz();

    /**
     * Sets the drive frequency, in force from the next sample on (the phase stays continuous).
     *
     * @throws IllegalArgumentException when the frequency is outside [min, max]
     */
    void setFrequencyHz(double frequencyHz);

    /** Switches the drive on (at its set-up amplitude) or off (zero amplitude). */
    void setOn(boolean on);

    /** True while the drive is on. */
    boolean on();

    /** Leaves the drive as the rig was set up: on, at the frequency it had when opened. */
    @Override
    void close();
}
