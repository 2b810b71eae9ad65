package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * White Gaussian noise, zero-order held at its own sample rate: sample n covers
 * [n/sampleRateHz, (n+1)/sampleRateHz) and is rms·N(0,1) drawn from a counter-based stream at
 * (seed, n), so any instant can be asked for in any order. Its one-sided power spectral density
 * is about 2·rms²/sampleRateHz up to roughly sampleRateHz/2.
 *
 * <p>Caches the last sample (a drive is asked many times per noise sample); not thread-safe.
 */
public final class GaussianNoise implements NoiseProfile {
    private static final GaussianNoise NONE = new GaussianNoise(0.0, 1.0, 0L);

    private final double rms;
    private final double sampleRateHz;
    private final long seed;
    private final long streamKey;
    private long cachedIndex = Long.MIN_VALUE;
    private double cachedNoise;

    /**
     * Creates the noise.
     *
     * @param rms standard deviation, in the rig's drive unit, &ge; 0 (0 means no noise)
     * @param sampleRateHz rate at which a new value is drawn (Hz), &gt; 0
     * @param seed selects the sequence
     */
    public GaussianNoise(double rms, double sampleRateHz, long seed) {
        this.rms = Check.nonNegative("rms", rms, "");
        this.sampleRateHz = Check.positive("sampleRateHz", sampleRateHz, "Hz");
        this.seed = seed;
        this.streamKey = CounterRandom.streamKey(seed);
    }

    /** The profile without noise. */
    public static GaussianNoise none() {
        return NONE;
    }

    /** "none" when the rms is 0, "noise" otherwise. */
    @Override
    public String kind() {
        return rms == 0 ? "none" : "noise";
    }

    /** Standard deviation, in the rig's drive unit. */
    public double rms() {
        return rms;
    }

    /** Rate at which a new value is drawn (Hz). */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** The seed of the sequence. */
    public long seed() {
        return seed;
    }

    /** The held noise sample covering {@code timeSeconds}. */
    @Override
    public double noise(double timeSeconds) {
        if (rms == 0) {
            return 0.0;
        }
        long index = (long) Math.floor(timeSeconds * sampleRateHz);
        if (index != cachedIndex) {
            cachedNoise = rms * CounterRandom.gaussian(streamKey, index);
            cachedIndex = index;
        }
        return cachedNoise;
    }

    @Override
    public String toString() {
        return "GaussianNoise[rms=" + rms + ", sampleRateHz=" + sampleRateHz + ", seed=" + seed + "]";
    }
}
