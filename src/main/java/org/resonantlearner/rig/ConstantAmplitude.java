package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * A drive amplitude that never changes.
 *
 * @param amplitude peak amplitude in the rig's drive unit (V, N or m), &ge; 0
 */
public record ConstantAmplitude(double amplitude) implements AmplitudeProfile {

    /** Validates the amplitude. */
    public ConstantAmplitude {
        Check.nonNegative("amplitude", amplitude, "");
    }

    /** Returns "constant". */
    @Override
    public String kind() {
        return "constant";
    }

    /** The constant amplitude. */
    @Override
    public double amplitude(double timeSeconds) {
        return amplitude;
    }

    /** No events. */
    @Override
    public double[] eventTimesSeconds() {
        return new double[0];
    }
}
