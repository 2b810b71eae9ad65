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
 * The Lorentzian fit recovers the parameters that generated the points: exactly from exact ones, to
 * a few per cent of the width from noisy ones, and refuses invalid points with a message naming them.
 */
class LorentzianFitTest {
    private static final double EXACT_TOL_FRACTION = 1e-9;

    /** The generating model, written out independently of the class under test. */
    private static double lorentzian(double x, double peak, double centre, double halfWidth) {
        double t = (x - centre) / halfWidth;
        return peak / (1 + t * t);
    }

    /** {@code points} equally spaced from centre + low·halfWidth to centre + high·halfWidth. */
    private static double[] positions(double centre, double halfWidth, double low, double high, int points) {
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = centre + halfWidth * (low + (high - low) * i / (points - 1));
        }
        return x;
    }

    private static double[] values(double[] x, double peak, double centre, double halfWidth) {
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = lorentzian(x[i], peak, centre, halfWidth);
        }
        return y;
    }

    /** Coarse (15 points), asymmetric, including a centre at exactly 0 and negative positions. */
    @ParameterizedTest(name = "A {0}, x0 {1}, w {2}, from {3} to {4} half-widths")
    @CsvSource({
        "0.02,  1200,   85,   -6, 6.5",
        "3.5,   0,      12,   -4, 7",
        "1e-4,  -350.5, 0.75, -3, 9",
        "250,   40000,  4000, -8, 3",
        "1,     17,     2.5,  -2, 2.5",
    })
    void recoversExactPeaks(double peak, double centre, double halfWidth, double low, double high) {
        double[] x = positions(centre, halfWidth, low, high, 15);
        LorentzianFit fit = LorentzianFit.fit(x, values(x, peak, centre, halfWidth));
        assertEquals(peak, fit.peakValue(), EXACT_TOL_FRACTION * peak, "A");
        assertEquals(centre, fit.centre(), EXACT_TOL_FRACTION * halfWidth, "x0");
        assertEquals(halfWidth, fit.halfWidth(), EXACT_TOL_FRACTION * halfWidth, "w");
        assertEquals(15, fit.points());
        assertTrue(fit.residualRmsFraction() < 1e-12, "residual " + fit.residualRmsFraction());
        assertEquals(peak / 2, fit.valueAt(centre + halfWidth), EXACT_TOL_FRACTION * peak, "half maximum above");
        assertEquals(peak / 2, fit.valueAt(centre - halfWidth), EXACT_TOL_FRACTION * peak, "half maximum below");
        assertEquals(lorentzian(x[2] + 0.3, peak, centre, halfWidth), fit.valueAt(x[2] + 0.3),
                EXACT_TOL_FRACTION * peak, "model");
    }

    /** The seed (1/y a quadratic in x, weighted by y²) is exact for an exact peak: only rounding is left. */
    @ParameterizedTest(name = "A {0}, x0 {1}, w {2}")
    @CsvSource({
        "0.02, 1200,   85,   -6, 6.5",
        "3.5,  0,      12,   -4, 7",
        "1e-4, -350.5, 0.75, -3, 9",
    })
    void theLinearisedSeedIsExactForAnExactPeak(double peak, double centre, double halfWidth, double low,
            double high) {
        double[] x = positions(centre, halfWidth, low, high, 15);
        double[] y = values(x, peak, centre, halfWidth);
        int highest = 0;
        for (int i = 1; i < y.length; i++) {
            highest = y[i] > y[highest] ? i : highest;
        }
        double[] seed = LorentzianFit.seed(x, y, highest);
        assertEquals(peak, seed[0], EXACT_TOL_FRACTION * peak, "A");
        assertEquals(centre, seed[1], EXACT_TOL_FRACTION * halfWidth, "x0");
        assertEquals(halfWidth, seed[2], EXACT_TOL_FRACTION * halfWidth, "w");
    }

    /**
     * Two humps: the quadratic through 1/y has no physical vertex, so the seed is the highest point
     * with half the width between its half-maximum points, 0 + (0.5 − 0.1)/0.9 = 0.444 and
     * 1 + (1 − 0.5)/0.7 = 1.714: w = 0.635.
     */
    @Test
    void aSeedWithoutAPhysicalVertexIsTheHighestPointAndItsHalfWidth() {
        double[] seed = LorentzianFit.seed(new double[] {0, 1, 2, 3, 4}, new double[] {0.2, 2, 0.6, 1.9, 0.2}, 1);
        assertEquals(2, seed[0], 1e-12, "A");
        assertEquals(1, seed[1], 1e-12, "x0");
        assertEquals(((1 + 0.5 / 0.7) - 0.4 / 0.9) / 2, seed[2], 1e-12, "w");
    }

    @Test
    void analyticJacobianMatchesCentralDifferences() {
        double[] x = positions(-3, 40, -4, 6, 15);
        JacobianCheck.assertMatchesCentralDifferences(
                (p, values, jacobian) -> LorentzianFit.evaluate(x, p, values, jacobian),
                new double[] {2.0, -1.5, 38}, x.length, 1e-7);
    }

    /**
     * 1 % of A Gaussian noise, 41 points from −2.5 to +3 half-widths (the ends stay six standard
     * deviations above 0), 40 seeds: every fit within 2 % of w in x0 (what 0.1 % in f0 is at Q 10),
     * 2.5 % in w and 2 % in A (four or more standard deviations each), residualRmsFraction within
     * 40 % of the noise (3.5 standard deviations of an RMS over 38 degrees of freedom), and its mean
     * over the seeds within 5 % of the noise × √((N − 3)/N).
     */
    @Test
    void noisyPeaksAreRecovered() {
        double peak = 2.0;
        double centre = -3;
        double halfWidth = 40;
        double[] x = positions(centre, halfWidth, -2.5, 3, 41);
        double[] exact = values(x, peak, centre, halfWidth);
        double sumResidual = 0;
        for (int seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            double[] noisy = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                noisy[i] = exact[i] + 0.01 * peak * random.nextGaussian();
            }
            LorentzianFit fit = LorentzianFit.fit(x, noisy);
            String at = " (seed " + seed + ")";
            assertEquals(centre, fit.centre(), 0.02 * halfWidth, "x0" + at);
            assertEquals(halfWidth, fit.halfWidth(), 0.025 * halfWidth, "w" + at);
            assertEquals(peak, fit.peakValue(), 0.02 * peak, "A" + at);
            assertEquals(0.01, fit.residualRmsFraction(), 0.004, "residual" + at);
            sumResidual += fit.residualRmsFraction();
        }
        double expected = 0.01 * Math.sqrt(38.0 / 41);
        assertEquals(expected, sumResidual / 40, 0.05 * expected, "mean residual");
    }

    private static String errorOf(double[] x, double[] y) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LorentzianFit.fit(x, y));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void invalidPointsAreRefusedNamingTheCulprit() {
        double[] x = {-2, -1, 0, 1, 2};
        double[] y = {0.2, 0.5, 1, 0.5, 0.2};
        assertEquals("x is null", errorOf(null, y));
        assertEquals("y is null", errorOf(x, null));
        assertEquals("x has 5 points but y has 6: they must pair up", errorOf(x, new double[6]));
        assertEquals("x has 4 points: a Lorentzian fit needs at least 5",
                errorOf(new double[] {0, 1, 2, 3}, new double[] {0, 1, 1, 0}));
        assertEquals("x[1] = NaN is not finite", errorOf(new double[] {-2, Double.NaN, 0, 1, 2}, y));
        assertEquals("y[4] = -Infinity is not finite",
                errorOf(x, new double[] {0.2, 0.5, 1, 0.5, Double.NEGATIVE_INFINITY}));
        assertEquals("y[0] = -0.2 is negative", errorOf(x, new double[] {-0.2, 0.5, 1, 0.5, 0.2}));
        assertEquals("x[2] = -1.0 is not above x[1] = -1.0: x must increase strictly",
                errorOf(new double[] {-2, -1, -1, 1, 2}, y));
    }

    @Test
    void pointsThatDoNotBracketThePeakAreRefused() {
        double[] x = positions(10, 1, 1, 5, 6); // all above the centre: y falls from the first point
        assertEquals("the points do not bracket the peak: the highest y is at the first x = 11.0",
                errorOf(x, values(x, 1, 10, 1)));
        double[] below = positions(10, 1, -6, -0.5, 6);
        assertEquals("the points do not bracket the peak: the highest y is at the last x = 9.5",
                errorOf(below, values(below, 1, 10, 1)));
    }

    @Test
    void aPeakWhoseFitLiesOutsideThePointsIsRefused() {
        // Highest point inside, but the curve keeps rising towards the top end as a whole.
        assertTrue(errorOf(new double[] {100, 200, 300, 400, 500, 600, 700},
                new double[] {0, 0.5, 0.4, 0.5, 0.2, 0.7, 0.7}).startsWith("Lorentzian fit put the centre at "));
    }
}
