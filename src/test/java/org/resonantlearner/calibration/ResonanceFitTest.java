package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resonance fit recovers the parameters that generated a sweep: exactly from exact curves, to
 * the promised accuracy from noisy ones, and refuses every invalid sweep with a message naming it.
 */
class ResonanceFitTest {
    /** Exact data: everything but rounding is recovered. */
    private static final double EXACT_TOL_FRACTION = 1e-9;
    /** The seed from exact data: the same rounding budget as the fit's result. */
    private static final double SEED_TOL_FRACTION = 1e-9;

    /** The generating model, written out independently of the class under test. */
    private static double power(double frequencyHz, double p0Watts, double f0Hz, double q, double n) {
        double x = frequencyHz / f0Hz;
        return p0Watts * Math.pow(x, n) / (1 + q * q * (x - 1 / x) * (x - 1 / x));
    }

    /**
     * {@code points} equally spaced frequencies from where Q·(f/f0 − f0/f) = {@code lowDetuning} to
     * where it is {@code highDetuning}; ±1 are the half-power points of the n = 0 curve, so ±2 is
     * one linewidth either side of f0.
     */
    static double[] sweepHz(double f0Hz, double q, double lowDetuning, double highDetuning, int points) {
        double lowHz = f0Hz * frequencyRatio(lowDetuning / q);
        double highHz = f0Hz * frequencyRatio(highDetuning / q);
        double[] frequenciesHz = new double[points];
        for (int i = 0; i < points; i++) {
            frequenciesHz[i] = lowHz + (highHz - lowHz) * i / (points - 1);
        }
        return frequenciesHz;
    }

    /** The x > 0 with x − 1/x = g. */
    private static double frequencyRatio(double g) {
        return (g + Math.sqrt(g * g + 4)) / 2;
    }

    private static double[] powersWatts(double[] frequenciesHz, double p0Watts, double f0Hz, double q, double n) {
        double[] powers = new double[frequenciesHz.length];
        for (int i = 0; i < powers.length; i++) {
            powers[i] = power(frequenciesHz[i], p0Watts, f0Hz, q, n);
        }
        return powers;
    }

    private static void assertRelative(double expected, double actual, double tolFraction, String what) {
        assertEquals(expected, actual, tolFraction * Math.abs(expected), what);
    }

    /** Coarse (15 points) sweeps, asymmetric about f0, ±2 to ±4.5 linewidths. */
    @ParameterizedTest(name = "Q {1}, f0 {0} Hz, n {2}, detuning {3} to {4}")
    @CsvSource({
        "30,    2,    0, -4, 7",
        "100,   10,   0, -6, 6.5",
        "1000,  50,   0, -5, 7",
        "2000,  200,  0, -7, 5",
        "30,    200,  0, -6, 9",
        "2000,  2,    0, -3, 9",
        "30,    2,    4, -4, 7",
        "50,    10,   4, -6, 6.5",
        "1000,  15.7, 4, -5, 8",
        "30,    63,   4, -3, 9",
        "2000,  200,  4, -6, 6.5",
    })
    void recoversExactCurves(double f0Hz, double q, double n, double lowDetuning, double highDetuning) {
        double p0Watts = 0.37;
        double[] frequenciesHz = sweepHz(f0Hz, q, lowDetuning, highDetuning, 15);
        ResonanceFit fit = ResonanceFit.fit(frequenciesHz, powersWatts(frequenciesHz, p0Watts, f0Hz, q, n), n);
        assertRelative(f0Hz, fit.resonantFrequencyHz(), EXACT_TOL_FRACTION, "f0");
        assertRelative(q, fit.loadedQ(), EXACT_TOL_FRACTION, "Q");
        assertRelative(p0Watts, fit.peakPowerWatts(), EXACT_TOL_FRACTION, "P0");
        assertRelative(f0Hz / q, fit.linewidthHz(), EXACT_TOL_FRACTION, "linewidth");
        assertEquals(n, fit.driveExponent(), 0.0);
        assertEquals(15, fit.points());
        assertTrue(fit.residualRmsFraction() < 1e-12, "residual " + fit.residualRmsFraction());
        double offResonanceHz = frequenciesHz[3] * 1.01;
        assertRelative(power(offResonanceHz, p0Watts, f0Hz, q, n), fit.powerWattsAt(offResonanceHz),
                EXACT_TOL_FRACTION, "model off resonance");
    }

    /**
     * The linearised seed (f²/y a quadratic in f²) is exact for an exact curve, so Levenberg–Marquardt
     * starts at the answer; only rounding in the weighted normal equations is left.
     */
    @ParameterizedTest(name = "Q {1}, f0 {0} Hz, n {2}")
    @CsvSource({
        "1000, 15.7, 0",
        "30,   200,  0",
        "2000, 2,    0",
        "50,   10,   4",
        "1000, 63,   4",
    })
    void theLinearisedSeedIsExactForAnExactCurve(double f0Hz, double q, double n) {
        double[] frequenciesHz = sweepHz(f0Hz, q, -4, 7, 15);
        double[] powers = powersWatts(frequenciesHz, 0.37, f0Hz, q, n);
        int peak = 0; // the highest P/f^n, as the fit judges the bracket
        for (int i = 1; i < powers.length; i++) {
            if (powers[i] / Math.pow(frequenciesHz[i], n) > powers[peak] / Math.pow(frequenciesHz[peak], n)) {
                peak = i;
            }
        }
        double[] seed = ResonanceFit.seed(frequenciesHz, powers, n, peak);
        assertRelative(0.37, seed[0], SEED_TOL_FRACTION, "P0");
        assertRelative(f0Hz, seed[1], SEED_TOL_FRACTION, "f0");
        assertRelative(q, seed[2], SEED_TOL_FRACTION, "Q");
    }

    /**
     * Two humps: the quadratic through f²/y has no physical vertex, so the seed is the highest point
     * with Q from its half-power width. Half of 0.37 W at 950 Hz is crossed at 900 + 50·(0.5 − 0.1)/0.9
     * = 922.22 Hz and 950 + 50·(1 − 0.5)/0.7 = 985.71 Hz: Q = 950/63.492 = 14.9625. With n = 4 the
     * powers carry (f/950 Hz)⁴ on top, which the seed takes out again.
     */
    @ParameterizedTest(name = "n {0}")
    @CsvSource({"0", "4"})
    void aSeedWithoutAPhysicalVertexIsTheHighestPointAndItsHalfPowerWidth(double n) {
        double[] frequenciesHz = {900, 950, 1000, 1050, 1100};
        double[] shape = {0.1, 1, 0.3, 0.95, 0.1};
        double[] powers = new double[5];
        for (int i = 0; i < 5; i++) {
            powers[i] = 0.37 * shape[i] * Math.pow(frequenciesHz[i] / 950, n);
        }
        double[] seed = ResonanceFit.seed(frequenciesHz, powers, n, 1);
        assertRelative(0.37, seed[0], 1e-12, "P0");
        assertRelative(950, seed[1], 1e-12, "f0");
        assertRelative(950 / ((950 + 50 * 0.5 / 0.7) - (900 + 50 * 0.4 / 0.9)), seed[2], 1e-12, "Q");
    }

    @ParameterizedTest(name = "n {0}")
    @CsvSource({"0", "4", "2.5"})
    void analyticJacobianMatchesCentralDifferences(double n) {
        double[] frequenciesHz = sweepHz(1000, 15.7, -4, 6, 15);
        JacobianCheck.assertMatchesCentralDifferences(
                (p, values, jacobian) -> ResonanceFit.evaluate(frequenciesHz, n, p, values, jacobian),
                new double[] {0.37, 1003, 15.7}, frequenciesHz.length, 1e-7);
    }

    @Test
    void linewidthIsTheFullWidthAtHalfMaximumForNZero() {
        double f0Hz = 440;
        double q = 3;
        double[] frequenciesHz = sweepHz(f0Hz, q, -5, 6, 15);
        ResonanceFit fit = ResonanceFit.fit(frequenciesHz, powersWatts(frequenciesHz, 2.0, f0Hz, q, 0), 0);
        // Half power where Q·(x − 1/x) = ±1; those two frequencies are exactly f0/Q apart, at any Q.
        double lowHz = f0Hz * frequencyRatio(-1 / q);
        double highHz = f0Hz * frequencyRatio(1 / q);
        assertRelative(highHz - lowHz, fit.linewidthHz(), EXACT_TOL_FRACTION, "FWHM");
        assertRelative(1.0, fit.powerWattsAt(lowHz), EXACT_TOL_FRACTION, "half power below");
        assertRelative(1.0, fit.powerWattsAt(highHz), EXACT_TOL_FRACTION, "half power above");
        assertRelative(2.0, fit.powerWattsAt(f0Hz), EXACT_TOL_FRACTION, "peak");
    }

    @Test
    void aPointExactlyAtResonanceAndZeroPowerInTheTailsAreFine() {
        double[] frequenciesHz = {900, 950, 980, 990, 1000, 1010, 1020, 1050, 1100};
        double[] powers = powersWatts(frequenciesHz, 1.5, 1000, 200, 0);
        // Readings at the noise floor (true values 8e-4 and 1e-3 W): the linearised seed divides by P.
        assertTrue(powers[0] < 1.1e-3 && powers[8] < 1.1e-3);
        powers[0] = 0;
        powers[8] = 0;
        ResonanceFit fit = ResonanceFit.fit(frequenciesHz, powers, 0);
        assertRelative(1000, fit.resonantFrequencyHz(), 1e-6, "f0");
        assertRelative(200, fit.loadedQ(), 2e-3, "Q");
        assertRelative(1.5, fit.peakPowerWatts(), 1e-3, "P0");
    }

    /**
     * 1 % of P0 Gaussian noise, 81 points from −3 to +4 in Q·(f/f0 − f0/f) (the tails stay at 6 %
     * of P0, six standard deviations clear of the negative powers the fit refuses), 40 seeds each:
     * every fit within 0.1 % in f0 and 2 % in Q (the latter four standard deviations here; with 15
     * points it would be under two), residualRmsFraction within 30 % of the noise (3.7 standard
     * deviations of an RMS over 78 degrees of freedom), and its mean over the seeds within 5 % of
     * the noise × √((N − 3)/N) (three parameters absorb some). The RMS errors over the seeds are
     * also those the data allow (Cramér–Rao: σ²·(JᵀJ)⁻¹ from the generating model) within ±40 %,
     * so a fit that stopped short of the least-squares minimum would show.
     */
    @ParameterizedTest(name = "Q {1}, f0 {0} Hz, n {2}")
    @CsvSource({
        "50,   10,  0",
        "1000, 15.7, 0",
        "2000, 200, 0",
        "30,   63,  4",
        "500,  10,  4",
    })
    void noisySweepsAreRecoveredToThePromisedAccuracy(double f0Hz, double q, double n) {
        double p0Watts = 0.8;
        double noiseFraction = 0.01;
        int points = 81;
        int seeds = 40;
        double[] frequenciesHz = sweepHz(f0Hz, q, -3, 4, points);
        double[] exact = powersWatts(frequenciesHz, p0Watts, f0Hz, q, n);
        double sumResidual = 0;
        double sumSquaredF0ErrorHz2 = 0;
        double sumSquaredQError = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            Random random = new Random(seed);
            double[] noisy = new double[points];
            for (int i = 0; i < points; i++) {
                noisy[i] = exact[i] + noiseFraction * p0Watts * random.nextGaussian();
            }
            ResonanceFit fit = ResonanceFit.fit(frequenciesHz, noisy, n);
            String at = " (seed " + seed + ")";
            assertRelative(f0Hz, fit.resonantFrequencyHz(), 1e-3, "f0" + at);
            assertRelative(q, fit.loadedQ(), 0.02, "Q" + at);
            assertRelative(noiseFraction, fit.residualRmsFraction(), 0.3, "residual" + at);
            sumResidual += fit.residualRmsFraction();
            sumSquaredF0ErrorHz2 += (fit.resonantFrequencyHz() - f0Hz) * (fit.resonantFrequencyHz() - f0Hz);
            sumSquaredQError += (fit.loadedQ() - q) * (fit.loadedQ() - q);
        }
        assertRelative(noiseFraction * Math.sqrt((points - 3.0) / points), sumResidual / seeds, 0.05, "mean residual");
        double[] bound = CramerRao.standardDeviations(p -> powersWatts(frequenciesHz, p[0], p[1], p[2], n),
                new double[] {p0Watts, f0Hz, q}, noiseFraction * p0Watts);
        assertRelative(bound[1], Math.sqrt(sumSquaredF0ErrorHz2 / seeds), 0.4, "RMS f0 error against Cramér–Rao");
        assertRelative(bound[2], Math.sqrt(sumSquaredQError / seeds), 0.4, "RMS Q error against Cramér–Rao");
    }

    private static String errorOf(double[] frequenciesHz, double[] powersWatts, double n) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResonanceFit.fit(frequenciesHz, powersWatts, n));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private static final double[] GOOD_HZ = {900, 950, 1000, 1050, 1100};
    private static final double[] GOOD_WATTS = {0.1, 0.5, 1.0, 0.5, 0.1};

    @Test
    void invalidSweepsAreRefusedNamingTheCulprit() {
        assertEquals("frequenciesHz is null", errorOf(null, GOOD_WATTS, 0));
        assertEquals("powersWatts is null", errorOf(GOOD_HZ, null, 0));
        assertEquals("frequenciesHz has 5 points but powersWatts has 4: they must pair up",
                errorOf(GOOD_HZ, new double[] {0.1, 0.5, 1.0, 0.5}, 0));
        assertEquals("frequenciesHz has 3 points: a resonance fit needs at least 5",
                errorOf(new double[] {900, 1000, 1100}, new double[] {0.1, 1, 0.1}, 0));
        assertEquals("frequenciesHz[2] = NaN Hz is not finite",
                errorOf(new double[] {900, 950, Double.NaN, 1050, 1100}, GOOD_WATTS, 0));
        assertEquals("frequenciesHz[4] = Infinity Hz is not finite",
                errorOf(new double[] {900, 950, 1000, 1050, Double.POSITIVE_INFINITY}, GOOD_WATTS, 0));
        assertEquals("powersWatts[1] = NaN W is not finite",
                errorOf(GOOD_HZ, new double[] {0.1, Double.NaN, 1.0, 0.5, 0.1}, 0));
        assertEquals("powersWatts[3] = -0.001 W is negative",
                errorOf(GOOD_HZ, new double[] {0.1, 0.5, 1.0, -0.001, 0.1}, 0));
        assertEquals("frequenciesHz[0] = 0.0 Hz is not > 0",
                errorOf(new double[] {0, 950, 1000, 1050, 1100}, GOOD_WATTS, 0));
        assertEquals("frequenciesHz[0] = -5.0 Hz is not > 0",
                errorOf(new double[] {-5, 950, 1000, 1050, 1100}, GOOD_WATTS, 0));
        assertEquals("frequenciesHz[3] = 1000.0 Hz is not above frequenciesHz[2] = 1000.0 Hz: "
                + "frequenciesHz must increase strictly",
                errorOf(new double[] {900, 950, 1000, 1000, 1100}, GOOD_WATTS, 0));
        assertEquals("frequenciesHz[1] = 850.0 Hz is not above frequenciesHz[0] = 900.0 Hz: "
                + "frequenciesHz must increase strictly",
                errorOf(new double[] {900, 850, 1000, 1050, 1100}, GOOD_WATTS, 0));
        assertTrue(errorOf(GOOD_HZ, GOOD_WATTS, -1).startsWith("driveExponent = -1.0 is invalid"));
        assertTrue(errorOf(GOOD_HZ, GOOD_WATTS, Double.NaN).startsWith("driveExponent = NaN is invalid"));
        assertTrue(errorOf(GOOD_HZ, GOOD_WATTS, 9).startsWith("driveExponent = 9.0 is invalid"));
    }

    @Test
    void aSweepThatDoesNotBracketTheResonanceIsRefused() {
        double[] belowHz = {700, 750, 800, 850, 900, 950};
        assertEquals("the sweep does not bracket the resonance: the highest power is at the last frequency 950.0 Hz",
                errorOf(belowHz, powersWatts(belowHz, 1, 1000, 20, 0), 0));
        double[] aboveHz = {1050, 1100, 1150, 1200, 1250};
        assertEquals("the sweep does not bracket the resonance: the highest power is at the first frequency 1050.0 Hz",
                errorOf(aboveHz, powersWatts(aboveHz, 1, 1000, 20, 0), 0));
        assertEquals("the sweep does not bracket the resonance: the highest power is at the first frequency 900.0 Hz",
                errorOf(GOOD_HZ, new double[5], 0));
        assertEquals("the sweep does not bracket the resonance: the highest power divided by f^4 (the drive's growth) "
                + "is at the last frequency 950.0 Hz", errorOf(belowHz, powersWatts(belowHz, 1, 1000, 20, 4), 4));
    }

    /**
     * For n = 4 and a low Q the power itself keeps rising with frequency (as f² far above f0), so
     * the sweep is judged on P/f⁴, which peaks near f0: such a sweep is accepted and fitted.
     */
    @Test
    void aBaseExcitedSweepIsJudgedWithTheDrivesGrowthTakenOut() {
        double[] frequenciesHz = sweepHz(100, 2, -4, 7, 15);
        double[] powers = powersWatts(frequenciesHz, 1, 100, 2, 4);
        assertTrue(powers[14] > powers[13] && powers[14] > 1, "the raw power rises to the end of this sweep");
        ResonanceFit fit = ResonanceFit.fit(frequenciesHz, powers, 4);
        assertRelative(100, fit.resonantFrequencyHz(), EXACT_TOL_FRACTION, "f0");
        assertRelative(2, fit.loadedQ(), EXACT_TOL_FRACTION, "Q");
        assertThrows(IllegalArgumentException.class, () -> ResonanceFit.fit(frequenciesHz, powers, 0),
                "the same data under n = 0 do not bracket a resonance");
    }

    @Test
    void aCurveThatIsNoResonanceIsRefusedRatherThanFittedBadly() {
        // Rising to a plateau at the top end: the least-squares resonance runs off beyond the sweep.
        assertEquals("resonance fit did not converge in 200 iterations",
                errorOf(new double[] {100, 200, 300, 400, 500, 600, 700}, new double[] {1, 2, 3, 4, 5, 6, 5.99}, 0)
                        .replaceAll(" \\(last relative step .*\\)$", ""));
    }

    @Test
    void modelAndRecordRefuseNonsense() {
        ResonanceFit fit = new ResonanceFit(1, 1000, 10, 0, 0.01, 15);
        assertThrows(IllegalArgumentException.class, () -> fit.powerWattsAt(0));
        assertThrows(IllegalArgumentException.class, () -> new ResonanceFit(1, 1000, -10, 0, 0.01, 15));
        assertThrows(IllegalArgumentException.class, () -> new ResonanceFit(1, 1000, 10, 0, 0.01, 4));
        assertRelative(power(1030, 1, 1000, 10, 0), fit.powerWattsAt(1030), 1e-15, "model");
    }
}
