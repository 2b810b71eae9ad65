package org.resonantlearner.rig;

/** The frequency part of a {@link Drive}: instantaneous drive frequency as a pure function of time. */
public interface FrequencyProfile {

    /** Short name, e.g. "constant", "frequency-ramp"; "constant" marks a profile that never changes. */
    String kind();

    /** Instantaneous drive frequency (Hz) at {@code timeSeconds}. */
    double frequencyHz(double timeSeconds);

    /** Instants (s) of abrupt frequency changes, ascending; empty for smooth profiles. */
    double[] eventTimesSeconds();
}
