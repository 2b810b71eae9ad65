package org.resonantlearner.calibration;

/**
 * Load power against actuator position at a fixed drive frequency, fitted with the rig's own model
 * and a tuned value that changes linearly with position near the peak:
 *
 * <pre>
 *   v(p) = v* + s·(p − p*)            tuned value (C or k) near the peak; v* resonates at the drive
 *   X(p) = a·ω − K(v(p))/ω             reactance; K = 1/C on an RLC rig, K = k on a mechanical one
 *   P(p) = P* / (1 + (X(p)/b)²)        exact for a drive force that does not depend on v
 * </pre>
 *
 * with a (inductance or mass), b (total resistance or damping) and ω fixed. Unknowns P*, p*, s;
 * Levenberg–Marquardt from the Lorentzian seed. Unlike a Lorentzian in position, the model keeps
 * the curve's skew (1/C is not linear in C), so P* comes out unbiased — and every position's tuned
 * value is inverted from P/P*.
 *
 * @param peakPowerWatts P*, the power at resonance (W)
 * @param resonantPositionSteps p*, where the rig resonates at the drive frequency (steps)
 * @param tunedValuePerStep s, the slope of the tuned value near p* (file's unit per step)
 * @param resonantTunedValue v*, the tuned value resonant at the drive (file's unit)
 * @param angularFrequency ω of the drive (rad/s)
 * @param inertia a, the rig's fixed inertia (H or kg)
 * @param damping b, the rig's total damping (Ω or N·s/m)
 * @param capacitance true when the tuned value is a capacitance (K = 1/v), false for a stiffness
 * @param residualRmsFraction RMS residual relative to P*
 * @param points points fitted
 */
public record PositionResonanceFit(double peakPowerWatts, double resonantPositionSteps, double tunedValuePerStep,
        double resonantTunedValue, double angularFrequency, double inertia, double damping, boolean capacitance,
        double residualRmsFraction, int points) {
    private static final String FIT = "power-against-position fit";

    /**
     * Fits the points.
     *
     * @param positionsSteps positions, strictly increasing, at least {@value LorentzianFit#MIN_POINTS}
     * @param powersWatts load power at each (W), the highest not at either end
     * @param angularFrequency ω of the fixed drive (rad/s)
     * @param inertia the rig's fixed inertia a (H or kg)
     * @param damping the rig's total damping b (Ω or N·s/m)
     * @param capacitance true for an RLC rig (tuned value C, K = 1/C), false for a stiffness
     * @param tunedValueRises true when the tuned value rises with position (the nominal map's direction)
     * @throws IllegalArgumentException when the points do not bracket a peak or the fit fails
     */
    public static PositionResonanceFit fit(double[] positionsSteps, double[] powersWatts, double angularFrequency,
            double inertia, double damping, boolean capacitance, boolean tunedValueRises) {
        // Checked here too, so that an error names this fit's arrays rather than the seed's x and y.
        PeakData.requireCurve("positionsSteps", "steps", positionsSteps, "powersWatts", "W", powersWatts,
                "a " + FIT, LorentzianFit.MIN_POINTS);
        LorentzianFit seed = LorentzianFit.fit(positionsSteps, powersWatts);
        double omega = angularFrequency;
        double springAtResonance = inertia * omega * omega;
        double resonantValue = capacitance ? 1 / springAtResonance : springAtResonance;
        // At the Lorentzian's half width |X| = b: the tuned value on the side where X = −b sets the
        // slope's size (that side's spring constant ω(aω + b) is positive for any Q); its sign is the map's.
        double springAtHalfWidth = omega * (inertia * omega + damping);
        double valueAtHalfWidth = capacitance ? 1 / springAtHalfWidth : springAtHalfWidth;
        double slope = Math.abs(valueAtHalfWidth - resonantValue) / seed.halfWidth() * (tunedValueRises ? 1 : -1);
        PositionResonanceFit start = new PositionResonanceFit(seed.peakValue(), seed.centre(), slope, resonantValue,
                omega, inertia, damping, capacitance, 0, positionsSteps.length);
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise(FIT,
                (p, values, jacobian) -> start.with(p).evaluate(positionsSteps, values, jacobian), powersWatts,
                new double[] {seed.peakValue(), seed.centre(), slope});
        PositionResonanceFit fitted = start.with(solution.parameters());
        if (!(fitted.peakPowerWatts() > 0) || fitted.tunedValuePerStep() == 0
                || (fitted.tunedValuePerStep() > 0) != tunedValueRises) {
            throw new IllegalArgumentException(FIT + " gave a non-physical result: peak " + fitted.peakPowerWatts()
                    + " W, slope " + fitted.tunedValuePerStep() + " per step");
        }
        return new PositionResonanceFit(fitted.peakPowerWatts(), fitted.resonantPositionSteps(),
                fitted.tunedValuePerStep(), resonantValue, omega, inertia, damping, capacitance,
                solution.residualRms() / fitted.peakPowerWatts(), positionsSteps.length);
    }

    private PositionResonanceFit with(double[] p) {
        return new PositionResonanceFit(p[0], p[1], p[2], resonantTunedValue, angularFrequency, inertia, damping,
                capacitance, residualRmsFraction, points);
    }

    /** The fitted power at {@code positionSteps} (W). */
    public double powerWattsAt(double positionSteps) {
        double u = reactance(tunedValueAt(positionSteps)) / damping;
        return peakPowerWatts / (1 + u * u);
    }

    private double tunedValueAt(double positionSteps) {
        return resonantTunedValue + tunedValuePerStep * (positionSteps - resonantPositionSteps);
    }

    private double reactance(double tunedValue) {
        double spring = capacitance ? 1 / tunedValue : tunedValue;
        return inertia * angularFrequency - spring / angularFrequency;
    }

    /** The model at each position and its Jacobian for (P*, p*, s), at this record's parameters. */
    void evaluate(double[] positionsSteps, double[] values, double[][] jacobian) {
        for (int i = 0; i < positionsSteps.length; i++) {
            double value = tunedValueAt(positionsSteps[i]);
            double u = reactance(value) / damping;
            double denominator = 1 + u * u;
            values[i] = peakPowerWatts / denominator;
            // dP/du · du/dv, with dK/dv = −1/v² for K = 1/C and 1 for K = k.
            double dPowerDu = -2 * peakPowerWatts * u / (denominator * denominator);
            double dSpringDValue = capacitance ? -1 / (value * value) : 1;
            double dPowerDValue = dPowerDu * (-dSpringDValue / (angularFrequency * damping));
            jacobian[i][0] = 1 / denominator;
            jacobian[i][1] = dPowerDValue * -tunedValuePerStep;
            jacobian[i][2] = dPowerDValue * (positionsSteps[i] - resonantPositionSteps);
        }
    }
}
