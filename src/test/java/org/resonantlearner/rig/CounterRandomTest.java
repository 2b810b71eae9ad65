package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CounterRandomTest {
    /** Acklam's approximation is good to 1.15e-9 relative. */
    private static final double TOL_QUANTILE_RELATIVE = 2e-9;
    private static final int SAMPLES = 200_000;
    /** Five standard errors of the sample mean and variance of SAMPLES standard normals. */
    private static final double TOL_MEAN = 5 / Math.sqrt(SAMPLES);
    private static final double TOL_VARIANCE = 5 * Math.sqrt(2.0 / SAMPLES);

    @Test
    void inverseNormalMatchesReferenceQuantiles() {
        // Reference values: scipy.stats.norm.ppf.
        double[][] quantiles = {
            {0.975, 1.959963984540054},
            {0.01, -2.3263478740408408},
            {0.001, -3.090232306167813},
            {0.8413447460685429, 1.0},
            {1e-12, -7.034483825301131},
            {0.99999, 4.264890793923841},
        };
        assertEquals(0.0, CounterRandom.inverseNormal(0.5), 1e-15);
        for (double[] pair : quantiles) {
            assertEquals(pair[1], CounterRandom.inverseNormal(pair[0]), Math.abs(pair[1]) * TOL_QUANTILE_RELATIVE);
        }
    }

    @Test
    void gaussianStreamHasUnitMomentsAndDependsOnlyOnKeyAndIndex() {
        long key = CounterRandom.streamKey(42);
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double value = CounterRandom.gaussian(key, i);
            sum += value;
            sumSquares += value * value;
        }
        double mean = sum / SAMPLES;

        assertEquals(0.0, mean, TOL_MEAN);
        assertEquals(1.0, sumSquares / SAMPLES - mean * mean, TOL_VARIANCE);
        assertEquals(CounterRandom.gaussian(key, 12345), CounterRandom.gaussian(CounterRandom.streamKey(42), 12345));
        assertNotEquals(CounterRandom.gaussian(key, 7), CounterRandom.gaussian(CounterRandom.streamKey(43), 7));
    }

    @Test
    void uniformStaysInsideOpenInterval() {
        long key = CounterRandom.streamKey(1);
        for (int i = 0; i < 10_000; i++) {
            double value = CounterRandom.uniformOpen(key, i);
            assertTrue(value > 0 && value < 1);
        }
    }

    @Test
    void bitsAreSplitMix64OverTheKeysWeylSequence() {
        // Independent sources: SplitMix64's published first output for state 0 (Vigna's splitmix64.c:
        // x += 0x9E3779B97F4A7C15, then the mix) is 0xE220A8397B1DCDAF; and java.util.SplittableRandom
        // seeded with the key returns mix(key + n·γ) as its n-th nextLong, the same sequence.
        assertEquals(0xE220A8397B1DCDAFL, CounterRandom.mix64(0x9E3779B97F4A7C15L));
        for (long key : new long[] {0L, CounterRandom.streamKey(42), -7L}) {
            java.util.SplittableRandom reference = new java.util.SplittableRandom(key);
            for (long index = 0; index < 1000; index++) {
                assertEquals(reference.nextLong(), CounterRandom.bits(key, index), "key " + key + ", index " + index);
            }
        }
    }

    @Test
    void nearbySeedsGetDistinctStreams() {
        java.util.Set<Long> keys = new java.util.HashSet<>();
        for (long seed = -500; seed <= 500; seed++) {
            keys.add(CounterRandom.streamKey(seed));
        }
        assertEquals(1001, keys.size());
        assertNotEquals(CounterRandom.gaussian(CounterRandom.streamKey(0), 0), CounterRandom.gaussian(CounterRandom.streamKey(1), 0));
    }

    @Test
    void uniformIsTheTop53BitsOffsetByHalfAStepStrictlyInsideTheUnitInterval() {
        // (n + ½)·2^-53 for the top 53 bits n: 0 bits give 2^-54, the all-ones word the largest double
        // below 1 (n + ½ = 2^53 − ½ would round up to 2^53, i.e. 1.0, whose normal quantile is NaN).
        assertEquals(0x1.0p-54, CounterRandom.uniformFromBits(0L));
        assertEquals(Math.nextDown(1.0), CounterRandom.uniformFromBits(-1L));
        assertEquals(0.5 + 0x1.0p-54, CounterRandom.uniformFromBits(Long.MIN_VALUE), 0x1.0p-54);
        assertTrue(Double.isFinite(CounterRandom.inverseNormal(CounterRandom.uniformFromBits(-1L))));
        assertTrue(Double.isFinite(CounterRandom.inverseNormal(CounterRandom.uniformFromBits(0L))));
        long key = CounterRandom.streamKey(3);
        for (int i = 0; i < 100; i++) {
            assertEquals(CounterRandom.uniformFromBits(CounterRandom.bits(key, i)), CounterRandom.uniformOpen(key, i));
        }
    }
}
