package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The half-maximum points that seed the peak fits and end the calibrator's zooms, against
 * interpolations worked by hand.
 */
class PeakDataTest {
    /** Linear interpolation of exact binary fractions: only rounding is left. */
    private static final double EXACT = 1e-12;

    @Test
    void halfMaximumPointsAreInterpolatedBetweenTheStraddlingPoints() {
        double[] x = {10, 20, 30, 40, 50, 60};
        double[] y = {0.5, 1.5, 4, 3, 1, 0.25};
        // Half of 4 is 2. Below the peak: between (20, 1.5) and (30, 4), 20 + 10·(2 − 1.5)/(4 − 1.5) = 22.
        // Above: between (40, 3) and (50, 1), 40 + 10·(3 − 2)/(3 − 1) = 45.
        assertArrayEquals(new double[] {22, 45}, PeakData.halfMaximumPoints(x, y, 2), EXACT);
        assertEquals(23, PeakData.halfMaximumWidth(x, y, 2), EXACT);
    }

    @Test
    void aPointExactlyAtHalfIsTheHalfMaximumPoint() {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {1, 2, 4, 2, 1};
        assertArrayEquals(new double[] {1, 3}, PeakData.halfMaximumPoints(x, y, 2), EXACT);
    }

    @Test
    void theNearestCrossingOnEachSideCounts() {
        // The curve falls to half, rises again and falls once more: the crossings next to the peak count.
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] y = {0, 3, 1, 3, 8, 3, 1, 3, 0};
        // Half of 8 is 4: 3 + (4 − 3)/(8 − 3) = 3.2 below, 4 + (8 − 4)/(8 − 3) = 4.8 above.
        assertArrayEquals(new double[] {3.2, 4.8}, PeakData.halfMaximumPoints(x, y, 4), EXACT);
    }

    @Test
    void aSideThatNeverFallsToHalfIsMissingAndTheEndStandsInForIt() {
        double[] x = {100, 110, 120, 130, 140};
        double[] y = {3, 3.5, 4, 2.5, 1};
        // Below the peak y stays above 2: NaN. Above: 130 + 10·(2.5 − 2)/(2.5 − 1) = 133.333...
        double[] points = PeakData.halfMaximumPoints(x, y, 2);
        assertEquals(Double.NaN, points[0]);
        assertEquals(130 + 10 / 3.0, points[1], EXACT);
        assertEquals(130 + 10 / 3.0 - 100, PeakData.halfMaximumWidth(x, y, 2), EXACT, "from the first x");
        double[] rising = {1, 2.5, 4, 3.5, 3};
        assertArrayEquals(new double[] {110 - 10 / 3.0, Double.NaN}, PeakData.halfMaximumPoints(x, rising, 2), EXACT);
        assertEquals(140 - (110 - 10 / 3.0), PeakData.halfMaximumWidth(x, rising, 2), EXACT, "to the last x");
    }

    @Test
    void theFirstOfEqualHighestValuesIsThePeak() {
        assertEquals(1, PeakData.indexOfMax(new double[] {0, 5, 2, 5, 1}));
        assertEquals(0, PeakData.indexOfMax(new double[] {7, 7}));
    }
}
