package org.resonantlearner.calibration;

import org.resonantlearner.check.Check;

/**
 * A least-squares Lorentzian through a peak: load power against actuator position, for a drive whose
 * frequency cannot be swept (near resonance the power is, to first order in the detuning, a
 * Lorentzian in the tuned parameter and so in the position).
 *
 * <p><b>Model.</b> y(x) = A / (1 + ((x − x0)/w)²): height A at the centre x0, half width at half
 * maximum w. Unknowns A, x0, w.
 *
 * <p><b>Method.</b> Seed: 1/y is exactly the quadratic (1 + (x − x0)²/w²)/A in x, solved by linear
 * least squares with each equation weighted by y² so that its residual is an error in y rather than
 * in 1/y (x measured from the highest point in units of the range, for conditioning); its vertex
 * gives x0 and 1/A, its curvature 1/(A·w²). Should that give anything non-physical (only with heavy
 * noise), the seed is the highest point, with w from where y falls to half on either side.
 * Refinement: Levenberg–Marquardt ({@link LevenbergMarquardt}) on the unweighted residuals
 * y_i − y(x_i) with the analytic Jacobian, until the relative parameter step is below 1e-12, in at
 * most 200 iterations.
 *
 * @param peakValue A, in the unit of y, &gt; 0
 * @param centre x0, in the unit of x, inside the range of x
 * @param halfWidth w, half width at half maximum in the unit of x, &gt; 0
 * @param residualRmsFraction sqrt(mean((y_i − y(x_i))²)) / A: the fit quality, ≥ 0
 * @param points number of points fitted, ≥ {@value #MIN_POINTS}
 */
public record LorentzianFit(double peakValue, double centre, double halfWidth, double residualRmsFraction,
        int points) {
    /** Fewest points: three unknowns, and two more to see the misfit. */
    public static final int MIN_POINTS = 5;
    private static final String FIT = "Lorentzian fit";

    /** Validates every field. */
    public LorentzianFit {
        Check.positive("peakValue", peakValue, "");
        Check.finite("centre", centre, "");
        Check.positive("halfWidth", halfWidth, "");
        Check.nonNegative("residualRmsFraction", residualRmsFraction, "");
        Check.inRange("points", points, "", MIN_POINTS, Integer.MAX_VALUE);
    }

    /**
     * Fits the model to the points (x_i, y_i).
     *
     * @param x positions: finite, strictly increasing, at least {@value #MIN_POINTS}
     * @param y values at each position: finite, ≥ 0; the highest must not be at either end (the
     *     points must bracket the peak)
     * @throws IllegalArgumentException with a one-line message naming the culprit: invalid input,
     *     points that do not bracket the peak, no convergence, or a non-physical result
     */
    public static LorentzianFit fit(double[] x, double[] y) {
        PeakData.requireCurve("x", "", x, "y", "", y, "a " + FIT, MIN_POINTS);
        int count = x.length;
        int peak = PeakData.indexOfMax(y);
        if (peak == 0 || peak == count - 1) {
            throw new IllegalArgumentException("the points do not bracket the peak: the highest y is at the "
                    + (peak == 0 ? "first" : "last") + " x = " + x[peak]);
        }
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise(FIT,
                (p, values, jacobian) -> evaluate(x, p, values, jacobian), y, seed(x, y, peak));
        double peakValue = solution.parameters()[0];
        double centre = solution.parameters()[1];
        double halfWidth = Math.abs(solution.parameters()[2]); // the model has w only as w²
        if (!(peakValue > 0)) {
            throw new IllegalArgumentException(FIT + " gave a non-physical peakValue = " + peakValue);
        }
        if (!(halfWidth > 0)) {
            throw new IllegalArgumentException(FIT + " gave a non-physical halfWidth = " + halfWidth);
        }
        if (!(centre >= x[0] && centre <= x[count - 1])) {
            throw new IllegalArgumentException(FIT + " put the centre at " + centre + ", outside the points "
                    + x[0] + " to " + x[count - 1]);
        }
        return new LorentzianFit(peakValue, centre, halfWidth, solution.residualRms() / peakValue, count);
    }

    /** The fitted model y(x). */
    public double valueAt(double x) {
        double t = (x - centre) / halfWidth;
        return peakValue / (1 + t * t);
    }

    /** The model and its Jacobian for p = (A, x0, w). */
    static void evaluate(double[] x, double[] p, double[] values, double[][] jacobian) {
        double peakValue = p[0];
        double centre = p[1];
        double halfWidth = p[2];
        for (int i = 0; i < x.length; i++) {
            double t = (x[i] - centre) / halfWidth;
            double denominator = 1 + t * t;
            double m = peakValue / denominator;
            values[i] = m;
            jacobian[i][0] = 1 / denominator;
            jacobian[i][1] = 2 * t * m / (halfWidth * denominator);
            jacobian[i][2] = 2 * t * t * m / (halfWidth * denominator);
        }
    }

    /** Starting (A, x0, w): the linearised fit, or the highest point and its half-maximum width. */
    static double[] seed(double[] x, double[] y, int peak) {
        int count = x.length;
        double span = x[count - 1] - x[0];
        double[][] design = new double[count][];
        for (int i = 0; i < count; i++) {
            double t = (x[i] - x[peak]) / span;
            double weight = y[i] * y[i];
            design[i] = new double[] {weight, weight * t, weight * t * t};
        }
        double[] abc = LevenbergMarquardt.linearLeastSquares(design, y);
        if (abc != null) {
            // 1/y = α + β·t + γ·t²: vertex at t0 = −β/(2γ) with value 1/A, curvature γ = 1/(A·(w/span)²).
            double t0 = -abc[1] / (2 * abc[2]);
            double inversePeak = abc[0] + abc[1] * t0 + abc[2] * t0 * t0;
            double centre = x[peak] + span * t0;
            double halfWidth = span * Math.sqrt(inversePeak / abc[2]);
            if (abc[2] > 0 && inversePeak > 0 && Double.isFinite(halfWidth)
                    && centre >= x[0] && centre <= x[count - 1]) {
                return new double[] {1 / inversePeak, centre, halfWidth};
            }
        }
        return new double[] {y[peak], x[peak], PeakData.halfMaximumWidth(x, y, peak) / 2};
    }
}
