package org.resonantlearner.calibration;

/**
 * Checks and seeds shared by the peak fits ({@link ResonanceFit}, {@link LorentzianFit}): a curve
 * given as points (x_i, y_i) with x strictly increasing and y ≥ 0. Every error is one line naming
 * the array, the index and the value.
 */
final class PeakData {
    private PeakData() {}

    /**
     * Requires two non-null arrays of equal length, at least {@code minPoints} points, all finite,
     * x strictly increasing and y ≥ 0.
     *
     * @param fitName names the fit in the point-count message ("a resonance fit")
     */
    static void requireCurve(String xName, String xUnit, double[] x, String yName, String yUnit, double[] y,
            String fitName, int minPoints) {
        if (x == null) {
            throw new IllegalArgumentException(xName + " is null");
        }
        if (y == null) {
            throw new IllegalArgumentException(yName + " is null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(xName + " has " + x.length + " points but " + yName + " has "
                    + y.length + ": they must pair up");
        }
        if (x.length < minPoints) {
            throw new IllegalArgumentException(xName + " has " + x.length + " points: " + fitName
                    + " needs at least " + minPoints);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(at(xName, i, x[i], xUnit) + " is not finite");
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(at(yName, i, y[i], yUnit) + " is not finite");
            }
            if (y[i] < 0) {
                throw new IllegalArgumentException(at(yName, i, y[i], yUnit) + " is negative");
            }
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IllegalArgumentException(at(xName, i, x[i], xUnit) + " is not above "
                        + at(xName, i - 1, x[i - 1], xUnit) + ": " + xName + " must increase strictly");
            }
        }
    }

    /** "frequenciesHz[3] = 900.0 Hz". */
    static String at(String name, int index, double value, String unit) {
        return name + "[" + index + "] = " + value + (unit.isEmpty() ? "" : " " + unit);
    }

    /** Index of the largest value, the first one on ties. */
    static int indexOfMax(double[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Where y falls to half of y[peak] on either side, interpolated linearly between the points
     * that straddle the half; NaN on a side where the curve never falls that far.
     *
     * @return {x below the peak, x above the peak}
     */
    static double[] halfMaximumPoints(double[] x, double[] y, int peak) {
        double half = y[peak] / 2;
        double low = Double.NaN;
        for (int i = peak; i > 0; i--) {
            if (y[i - 1] <= half) {
                low = x[i - 1] + (x[i] - x[i - 1]) * (half - y[i - 1]) / (y[i] - y[i - 1]);
                break;
            }
        }
        double high = Double.NaN;
        for (int i = peak; i < x.length - 1; i++) {
            if (y[i + 1] <= half) {
                high = x[i] + (x[i + 1] - x[i]) * (y[i] - half) / (y[i] - y[i + 1]);
                break;
            }
        }
        return new double[] {low, high};
    }

    /** The width between the half-maximum points, an end of the curve standing in for a missing one (a seed only). */
    static double halfMaximumWidth(double[] x, double[] y, int peak) {
        double[] points = halfMaximumPoints(x, y, peak);
        double low = Double.isNaN(points[0]) ? x[0] : points[0];
        double high = Double.isNaN(points[1]) ? x[x.length - 1] : points[1];
        return high - low;
    }
}
