package org.resonantlearner.rig;

/** The broadband part of a {@link Drive}: noise added to the sine, in the rig's drive unit, over time. */
public interface NoiseProfile {

    /** Short name: "none" for a profile that is always 0, "noise" otherwise. */
    String kind();

    /** Noise at {@code timeSeconds}, in the rig's drive unit; held over each noise sample period. */
    double noise(double timeSeconds);
}
