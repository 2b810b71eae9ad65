package org.resonantlearner.rig;

/** The amplitude part of a {@link Drive}: peak sine amplitude in the rig's drive unit (V, N or m) over time. */
public interface AmplitudeProfile {

    /** Short name, e.g. "constant", "amplitude-steps"; "constant" marks a profile that never changes. */
    String kind();

    /** Peak amplitude at {@code timeSeconds}, in the rig's drive unit. */
    double amplitude(double timeSeconds);

    /** Instants (s) of abrupt amplitude changes, ascending; empty for smooth profiles. */
    double[] eventTimesSeconds();
}
