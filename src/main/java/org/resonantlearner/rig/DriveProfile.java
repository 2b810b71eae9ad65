package org.resonantlearner.rig;

/**
 * The external force (the "teacher") as a pure function of time and the profile's seed: asking
 * twice for the same instant gives the same answer, whatever was asked in between.
 */
public interface DriveProfile {

    /** Short name used in config and records, e.g. "constant", "frequency-ramp". */
    String kind();

    /** Instantaneous drive frequency (Hz) at {@code timeSeconds}. */
    double frequencyHz(double timeSeconds);

    /** Peak amplitude of the sine drive at {@code timeSeconds}, in the rig's drive unit (V, N or m). */
    double amplitude(double timeSeconds);

    /**
     * Broadband noise added to the drive at {@code timeSeconds}, in the same unit as
     * {@link #amplitude}; 0 for profiles without noise. Held constant over each noise sample period.
     */
    double noise(double timeSeconds);

    /**
     * Instants (s) where the drive changes abruptly (steps), ascending; a tuner is expected to
     * re-lock after each. Empty for smooth profiles.
     */
    double[] eventTimesSeconds();
}
