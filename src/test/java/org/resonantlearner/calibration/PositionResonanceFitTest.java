package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Power against position at a fixed drive: the fit recovers the peak power, the resonant position
 * and the slope of the tuned value that generated the points, exactly from exact points and to the
 * Cramér–Rao bound from noisy ones, on an RLC rig (K = 1/C, C rising with position) and a
 * mechanical one (K = k, k falling).
 */
class PositionResonanceFitTest {
    /** Exact points: everything but rounding is recovered. */
    private static final double EXACT_TOL_FRACTION = 1e-9;

    /**
     * A rig at a fixed drive and its true tuning near the peak.
     *
     * @param inertia a (H or kg)
     * @param damping b (Ω or N·s/m)
     * @param driveHz the fixed drive (Hz)
     * @param capacitance K = 1/v (true) or K = v
     * @param peakWatts P*
     * @param peakSteps p*, where v(p*) resonates at the drive
     * @param valuePerStep s, dv/dp
     */
    private record Rig(double inertia, double damping, double driveHz, boolean capacitance, double peakWatts,
            double peakSteps, double valuePerStep) {
        double omega() {
            return 2 * Math.PI * driveHz;
        }

        /** v* from a·ω = K(v*)/ω: the reactance vanishes. */
        double resonantValue() {
            double spring = inertia * omega() * omega();
            return capacitance ? 1 / spring : spring;
        }

        /** The generating model, written out from the rig's physics: P = P* / (1 + (X/b)²), X = a·ω − K/ω. */
        double powerWatts(double positionSteps, double peak, double centre, double slope) {
            double value = resonantValue() + slope * (positionSteps - centre);
            double spring = capacitance ? 1 / value : value;
            double reactance = inertia * omega() - spring / omega();
            return peak / (1 + (reactance / damping) * (reactance / damping));
        }

        double[] powersWatts(double[] positionsSteps, double peak, double centre, double slope) {
            double[] powers = new double[positionsSteps.length];
            for (int i = 0; i < powers.length; i++) {
                powers[i] = powerWatts(positionsSteps[i], peak, centre, slope);
            }
            return powers;
        }

        double[] powersWatts(double[] positionsSteps) {
            return powersWatts(positionsSteps, peakWatts, peakSteps, valuePerStep);
        }

        PositionResonanceFit fit(double[] positionsSteps, double[] powersWatts) {
            return PositionResonanceFit.fit(positionsSteps, powersWatts, omega(), inertia, damping, capacitance,
                    valuePerStep > 0);
        }
    }

    /**
     * The reference RLC rig at 1 kHz: L = 10 mH, R = 4 Ω, C rising 1.95 nF per step. Half power
     * where X = ±R: C = 1/(ω(Lω ∓ R)) = 2.705 µF and 2.381 µF about C* = 2.533 µF, 88 steps
     * above p* and 78 below (the skew of 1/C).
     */
    private static final Rig RLC = new Rig(0.010, 4.0, 1000, true, 0.0156, 1040.3, 1.95e-9);
    /**
     * A force-driven oscillator at 20 Hz: m = 0.05 kg, b = 0.15 N·s/m, k falling 0.35 N/m per step.
     * Half power where k = ω(mω ∓ b), 18.85 N/m either side of k* = 789.6 N/m: 54 steps.
     */
    private static final Rig MECHANICAL = new Rig(0.05, 0.15, 20, false, 2.5e-3, 5000.5, -0.35);

    private static double[] positions(double from, double step, int count) {
        double[] positions = new double[count];
        for (int i = 0; i < count; i++) {
            positions[i] = from + step * i;
        }
        return positions;
    }

    private static void assertRecovered(Rig rig, PositionResonanceFit fit, double peakTol, double centreTol,
            double slopeTol) {
        assertEquals(rig.peakWatts(), fit.peakPowerWatts(), peakTol, "P*");
        assertEquals(rig.peakSteps(), fit.resonantPositionSteps(), centreTol, "p*");
        assertEquals(rig.valuePerStep(), fit.tunedValuePerStep(), slopeTol, "s");
    }

    @Test
    void recoversAnExactRlcCurve() {
        double[] x = positions(800, 25, 21); // −3 to +3.3 half widths, the skewed side longer
        PositionResonanceFit fit = RLC.fit(x, RLC.powersWatts(x));
        assertRecovered(RLC, fit, EXACT_TOL_FRACTION * RLC.peakWatts(), 1e-6, EXACT_TOL_FRACTION * 1.95e-9);
        assertEquals(1 / (0.010 * Math.pow(2 * Math.PI * 1000, 2)), fit.resonantTunedValue(), 1e-18, "C* = 1/(Lω²)");
        assertTrue(fit.capacitance());
        assertEquals(21, fit.points());
        assertTrue(fit.residualRmsFraction() < 1e-12, "residual " + fit.residualRmsFraction());
        for (double p : new double[] {850.5, 1000, 1100, 1290}) {
            assertEquals(RLC.powerWatts(p, RLC.peakWatts(), RLC.peakSteps(), RLC.valuePerStep()),
                    fit.powerWattsAt(p), EXACT_TOL_FRACTION * RLC.peakWatts(), "P at " + p);
        }
    }

    @Test
    void recoversAnExactMechanicalCurveWithAFallingStiffness() {
        double[] x = positions(4810, 20, 21); // −3.5 to +3.9 half widths
        PositionResonanceFit fit = MECHANICAL.fit(x, MECHANICAL.powersWatts(x));
        assertRecovered(MECHANICAL, fit, EXACT_TOL_FRACTION * MECHANICAL.peakWatts(), 1e-6,
                EXACT_TOL_FRACTION * 0.35);
        assertEquals(0.05 * Math.pow(2 * Math.PI * 20, 2), fit.resonantTunedValue(), 1e-9, "k* = mω²");
        assertFalse(fit.capacitance());
        assertEquals(MECHANICAL.powerWatts(4900, MECHANICAL.peakWatts(), MECHANICAL.peakSteps(), -0.35),
                fit.powerWattsAt(4900), EXACT_TOL_FRACTION * MECHANICAL.peakWatts(), "P at 4900");
    }

    @Test
    void analyticJacobianMatchesCentralDifferences() {
        for (Rig rig : new Rig[] {RLC, MECHANICAL}) {
            double[] x = positions(rig.peakSteps() - 200, 20, 21);
            JacobianCheck.assertMatchesCentralDifferences((p, values, jacobian) -> new PositionResonanceFit(p[0], p[1],
                    p[2], rig.resonantValue(), rig.omega(), rig.inertia(), rig.damping(), rig.capacitance(), 0,
                    x.length).evaluate(x, values, jacobian), new double[] {rig.peakWatts(), rig.peakSteps() + 7,
                            rig.valuePerStep() * 1.1}, x.length, 1e-7);
        }
    }

    /**
     * 1 % of P* Gaussian noise on 41 points, 20 seeds: every parameter within 4.5 Cramér–Rao
     * standard deviations (a chance of 7e-6 each), the RMS error over the seeds within 50 % of the
     * bound (three standard errors of an RMS over 20 seeds, 1/√40 = 16 % each) so a fit that
     * stopped short of the least-squares minimum shows, and the residual within 30 % of the noise
     * (3.7 standard deviations of an RMS over 38 degrees of freedom).
     */
    @Test
    void noisyCurvesAreRecoveredToTheCramerRaoBound() {
        double[] x = positions(800, 12.5, 41);
        double[] exact = RLC.powersWatts(x);
        double noiseWatts = 0.01 * RLC.peakWatts();
        double[] truth = {RLC.peakWatts(), RLC.peakSteps(), RLC.valuePerStep()};
        double[] bound = CramerRao.standardDeviations(p -> RLC.powersWatts(x, p[0], p[1], p[2]), truth, noiseWatts);
        int seeds = 20;
        double[] sumSquaredErrors = new double[3];
        for (int seed = 1; seed <= seeds; seed++) {
            Random random = new Random(seed);
            double[] noisy = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                noisy[i] = exact[i] + noiseWatts * random.nextGaussian();
            }
            PositionResonanceFit fit = RLC.fit(x, noisy);
            double[] fitted = {fit.peakPowerWatts(), fit.resonantPositionSteps(), fit.tunedValuePerStep()};
            for (int j = 0; j < 3; j++) {
                assertEquals(truth[j], fitted[j], 4.5 * bound[j], "parameter " + j + " (seed " + seed + ")");
                sumSquaredErrors[j] += (fitted[j] - truth[j]) * (fitted[j] - truth[j]);
            }
            assertEquals(0.01, fit.residualRmsFraction(), 0.003, "residual (seed " + seed + ")");
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(bound[j], Math.sqrt(sumSquaredErrors[j] / seeds), 0.5 * bound[j], "RMS error of parameter " + j);
        }
    }

    private static String errorOf(double[] x, double[] y) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RLC.fit(x, y));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void invalidPointsAreRefusedNamingTheCulprit() {
        double[] x = positions(800, 25, 21);
        double[] y = RLC.powersWatts(x);
        assertEquals("positionsSteps has 4 points: a power-against-position fit needs at least 5",
                errorOf(positions(950, 50, 4), RLC.powersWatts(positions(950, 50, 4))));
        double[] broken = y.clone();
        broken[9] = Double.NaN;
        assertEquals("powersWatts[9] = NaN W is not finite", errorOf(x, broken));
        double[] shuffled = x.clone();
        shuffled[3] = shuffled[2];
        assertEquals("positionsSteps[3] = 850.0 steps is not above positionsSteps[2] = 850.0 steps: positionsSteps"
                + " must increase strictly", errorOf(shuffled, y));
    }

    @Test
    void pointsOnOneSideOfThePeakAreRefused() {
        double[] above = positions(1100, 25, 9); // C above C*: the power only falls
        assertEquals("the points do not bracket the peak: the highest y is at the first x = 1100.0",
                errorOf(above, RLC.powersWatts(above)));
    }
}
