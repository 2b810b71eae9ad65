package org.resonantlearner.app.config;

/**
 * Derives one seed per random consumer (sensor noise, drive noise, tuner exploration) from the run
 * seed, so that adding noise in one place never shifts another's sequence (DESIGN §4).
 */
public final class Seeds {
    private Seeds() {}

    /** The seed of {@code consumer} in a run seeded with {@code runSeed}. */
    public static long derive(long runSeed, String consumer) {
        long z = runSeed ^ (0x9E3779B97F4A7C15L * (consumer.hashCode() + 0x632BE59BD9B4E019L));
        // SplitMix64 finaliser: nearby run seeds give unrelated consumer seeds.
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
