package org.resonantlearner.rig;

/**
 * Counter-based random numbers: the n-th value of a stream is a hash of (seed, n), so a profile can
 * answer for any instant without replaying a generator, and the answer never depends on call order.
 *
 * <p>The hash is SplitMix64's output mix applied to a Weyl sequence keyed by the mixed seed
 * (Steele, Lea &amp; Flood 2014); its output passes BigCrush as a sequence, which is ample for
 * simulated drive noise.
 */
final class CounterRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT_53 = 0x1.0p-53;
    private static final double LARGEST_BELOW_ONE = Math.nextDown(1.0);

    private CounterRandom() {}

    /** Turns a user seed into a stream key; mixing first keeps nearby seeds from sharing streams. */
    static long streamKey(long seed) {
        return mix64(seed ^ 0x6A09E667F3BCC909L);
    }

    /** The 64 random bits number {@code index} of the stream {@code key}. */
    static long bits(long key, long index) {
        return mix64(key + (index + 1) * GOLDEN_GAMMA);
    }

    /** A uniform value in the open interval (0, 1), number {@code index} of the stream {@code key}. */
    static double uniformOpen(long key, long index) {
        return uniformFromBits(bits(key, index));
    }

    /**
     * (n + ½)·2^-53 for the top 53 bits n of {@code bits}, in (0, 1). For n = 2^53 − 1 the sum rounds up
     * to 2^53 (ties to even) and the product to 1.0, whose normal quantile is NaN: that one word maps to
     * the largest double below 1 instead.
     */
    static double uniformFromBits(long bits) {
        return Math.min(((bits >>> 11) + 0.5) * UNIT_53, LARGEST_BELOW_ONE);
    }

    /** A standard normal value, number {@code index} of the stream {@code key}. */
    static double gaussian(long key, long index) {
        return inverseNormal(uniformOpen(key, index));
    }

    /** SplitMix64's finaliser (variant 13 of Stafford's mixers). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // Acklam's rational approximation of the inverse normal CDF, relative error < 1.15e-9: one
    // division in the central 95 %, a log and a square root in the tails, no rejection loop, so
    // each index costs the same and maps to exactly one value.
    private static final double A1 = -3.969683028665376e+01;
    private static final double A2 = 2.209460984245205e+02;
    private static final double A3 = -2.759285104469687e+02;
    private static final double A4 = 1.383577518672690e+02;
    private static final double A5 = -3.066479806614716e+01;
    private static final double A6 = 2.506628277459239e+00;
    private static final double B1 = -5.447609879822406e+01;
    private static final double B2 = 1.615858368580409e+02;
    private static final double B3 = -1.556989798598866e+02;
    private static final double B4 = 6.680131188771972e+01;
    private static final double B5 = -1.328068155288572e+01;
    private static final double C1 = -7.784894002430293e-03;
    private static final double C2 = -3.223964580411365e-01;
    private static final double C3 = -2.400758277161838e+00;
    private static final double C4 = -2.549732539343734e+00;
    private static final double C5 = 4.374664141464968e+00;
    private static final double C6 = 2.938163982698783e+00;
    private static final double D1 = 7.784695709041462e-03;
    private static final double D2 = 3.224671290700398e-01;
    private static final double D3 = 2.445134137142996e+00;
    private static final double D4 = 3.754408661907416e+00;
    private static final double P_LOW = 0.02425;

    /** The standard normal quantile of {@code p} in (0, 1). */
    static double inverseNormal(double p) {
        if (p < P_LOW) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6)
                    / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
        }
        if (p > 1 - P_LOW) {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            return -(((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6)
                    / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q
                / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
    }
}
