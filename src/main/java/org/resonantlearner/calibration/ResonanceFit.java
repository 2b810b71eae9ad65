package org.resonantlearner.calibration;

import org.resonantlearner.check.Check;

/**
 * A least-squares fit of a driven damped oscillator's load power against drive frequency, at one
 * actuator position: the resonant frequency and loaded Q that a calibration row records.
 *
 * <p><b>Model.</b> P(f) = P0 · (f/f0)^n / (1 + Q² (f/f0 − f0/f)²), n = {@code driveExponent}, fixed
 * by the rig: 0 for a voltage-driven series RLC or a force-driven mechanical oscillator (exact for
 * both, and then P0 is the maximum power, at f0, and f0/Q the full width at half maximum); 4 for a
 * base-excited oscillator, whose driving force grows as ω² (then P0 is the power at f0, the peak
 * sits slightly above f0, and the curve rises again as f² far above it). The unknowns are P0, f0, Q.
 *
 * <p><b>Method.</b> Seed: with y = P/(f/f_ref)^n (f_ref the frequency where this is highest) the
 * model becomes y = P0'/(1 + Q²(f/f0 − f0/f)²), and f²/y is exactly a quadratic in u = f²:
 * a + b·u + c·u² with c = Q²/(P0'·f0²), a = Q²·f0²/P0', b = (1 − 2Q²)/P0'. That is solved by
 * linear least squares, each equation weighted by y²/f² so that its residual is an error in y
 * rather than in 1/y (the tails would dominate otherwise, and a point with y = 0 would be infinite),
 * with f in units of f_ref and u centred on 1 so that the three columns stay distinguishable over a
 * narrow sweep. Then f0⁴ = a/c, 1/P0' = (f²/y at f0)/f0² (the vertex, computed from the centred
 * form to avoid cancelling large terms at high Q) and Q² = c·f0²·P0'. Should that give anything
 * non-physical (a negative curvature, f0 outside the sweep — only with heavy noise), the seed is the
 * highest point instead, with Q from the interpolated half-power points. Refinement: Levenberg–
 * Marquardt ({@link LevenbergMarquardt}) on the unweighted residuals P_i − P(f_i) with the analytic
 * Jacobian, until the relative parameter step is below 1e-12, in at most 200 iterations.
 *
 * @param peakPowerWatts P0 (W): the maximum power for n = 0, the power at f0 otherwise; &gt; 0
 * @param resonantFrequencyHz f0 (Hz), inside the swept range
 * @param loadedQ Q of the rig with its load (dimensionless), &gt; 0
 * @param driveExponent n, as given, in [0, {@value #MAX_DRIVE_EXPONENT}]
 * @param residualRmsFraction sqrt(mean((P_i − P(f_i))²)) / P0: the fit quality (about the noise
 *     relative to the peak for a good fit), ≥ 0
 * @param points number of points fitted, ≥ {@value #MIN_POINTS}
 */
public record ResonanceFit(double peakPowerWatts, double resonantFrequencyHz, double loadedQ, double driveExponent,
        double residualRmsFraction, int points) {
    /** Fewest points of a sweep: three unknowns, and two more to see the misfit. */
    public static final int MIN_POINTS = 5;
    /** Largest drive exponent accepted (4 is the largest a rig kind uses). */
    public static final double MAX_DRIVE_EXPONENT = 8;
    private static final String FIT = "resonance fit";

    /** Validates every field. */
    public ResonanceFit {
        Check.positive("peakPowerWatts", peakPowerWatts, "W");
        Check.positive("resonantFrequencyHz", resonantFrequencyHz, "Hz");
        Check.positive("loadedQ", loadedQ, "");
        Check.inRange("driveExponent", driveExponent, "", 0, MAX_DRIVE_EXPONENT);
        Check.nonNegative("residualRmsFraction", residualRmsFraction, "");
        Check.inRange("points", points, "", MIN_POINTS, Integer.MAX_VALUE);
    }

    /**
     * Fits the model to a frequency sweep.
     *
     * @param frequenciesHz drive frequencies (Hz): finite, &gt; 0, strictly increasing, at least
     *     {@value #MIN_POINTS}
     * @param powersWatts load power at each frequency (W): finite, ≥ 0; the highest P/f^n must not
     *     be at either end (the sweep must bracket the resonance)
     * @param driveExponent n of the model, in [0, {@value #MAX_DRIVE_EXPONENT}]
     * @throws IllegalArgumentException with a one-line message naming the culprit: invalid input, a
     *     sweep that does not bracket the resonance, no convergence, or a non-physical result
     */
    public static ResonanceFit fit(double[] frequenciesHz, double[] powersWatts, double driveExponent) {
        Check.inRange("driveExponent", driveExponent, "", 0, MAX_DRIVE_EXPONENT);
        PeakData.requireCurve("frequenciesHz", "Hz", frequenciesHz, "powersWatts", "W", powersWatts,
                "a " + FIT, MIN_POINTS);
        int count = frequenciesHz.length;
        if (!(frequenciesHz[0] > 0)) { // increasing, so the first is the lowest
            throw new IllegalArgumentException(
                    PeakData.at("frequenciesHz", 0, frequenciesHz[0], "Hz") + " is not > 0");
        }
        // y = P/(f/f_first)^n: the power with the drive's own growth taken out, which peaks near f0.
        double[] drivenOut = new double[count];
        for (int i = 0; i < count; i++) {
            drivenOut[i] = powersWatts[i] / Math.pow(frequenciesHz[i] / frequenciesHz[0], driveExponent);
        }
        int peak = PeakData.indexOfMax(drivenOut);
        if (peak == 0 || peak == count - 1) {
            throw new IllegalArgumentException("the sweep does not bracket the resonance: the highest power"
                    + (driveExponent == 0 ? "" : " divided by f^" + exponentText(driveExponent)
                            + " (the drive's growth)")
                    + " is at the " + (peak == 0 ? "first" : "last") + " frequency " + frequenciesHz[peak] + " Hz");
        }
        double[] seed = seed(frequenciesHz, powersWatts, driveExponent, peak);
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise(FIT,
                (p, values, jacobian) -> evaluate(frequenciesHz, driveExponent, p, values, jacobian),
                powersWatts, seed);
        double peakPowerWatts = solution.parameters()[0];
        double resonantFrequencyHz = Math.abs(solution.parameters()[1]); // as evaluate() reads it
        double loadedQ = Math.abs(solution.parameters()[2]); // the model has Q only as Q²
        if (!(peakPowerWatts > 0)) {
            throw new IllegalArgumentException(FIT + " gave a non-physical peakPowerWatts = " + peakPowerWatts + " W");
        }
        if (!(loadedQ > 0)) {
            throw new IllegalArgumentException(FIT + " gave a non-physical loadedQ = " + loadedQ);
        }
        if (!(resonantFrequencyHz >= frequenciesHz[0] && resonantFrequencyHz <= frequenciesHz[count - 1])) {
            throw new IllegalArgumentException(FIT + " put the resonance at " + resonantFrequencyHz
                    + " Hz, outside the sweep " + frequenciesHz[0] + " to " + frequenciesHz[count - 1] + " Hz");
        }
        return new ResonanceFit(peakPowerWatts, resonantFrequencyHz, loadedQ, driveExponent,
                solution.residualRms() / peakPowerWatts, count);
    }

    /** "4" rather than "4.0" in messages. */
    private static String exponentText(double driveExponent) {
        return driveExponent == Math.rint(driveExponent)
                ? Long.toString((long) driveExponent) : Double.toString(driveExponent);
    }

    /**
     * f0/Q (Hz): the full width at half maximum of P(f) for n = 0 (exactly, at any Q), the
     * oscillator's bandwidth otherwise.
     */
    public double linewidthHz() {
        return resonantFrequencyHz / loadedQ;
    }

    /** The fitted model P(f) (W) at {@code frequencyHz} (Hz, &gt; 0). */
    public double powerWattsAt(double frequencyHz) {
        Check.positive("frequencyHz", frequencyHz, "Hz");
        return power(frequencyHz, peakPowerWatts, resonantFrequencyHz, loadedQ, driveExponent);
    }

    private static double power(double frequencyHz, double peakPowerWatts, double resonantFrequencyHz,
            double loadedQ, double driveExponent) {
        double x = frequencyHz / resonantFrequencyHz;
        double detuning = x - 1 / x;
        return peakPowerWatts * Math.pow(x, driveExponent) / (1 + loadedQ * loadedQ * detuning * detuning);
    }

    /**
     * The model and its Jacobian for p = (P0, f0, Q), read with f0 = |p[1]|: −f0 gives the same curve
     * for an even n, and a step that lands there would otherwise read as a resonance outside the sweep.
     */
    static void evaluate(double[] frequenciesHz, double driveExponent, double[] p, double[] values,
            double[][] jacobian) {
        double peakPowerWatts = p[0];
        double resonantFrequencyHz = Math.abs(p[1]);
        double frequencySign = Math.signum(p[1]);
        double q = p[2];
        for (int i = 0; i < frequenciesHz.length; i++) {
            double x = frequenciesHz[i] / resonantFrequencyHz;
            double g = x - 1 / x;
            double denominator = 1 + q * q * g * g;
            double m = peakPowerWatts * Math.pow(x, driveExponent) / denominator;
            values[i] = m;
            jacobian[i][0] = m / peakPowerWatts;
            // ∂x/∂f0 = −x/f0 and ∂g/∂x = 1 + 1/x², so ∂m/∂f0 = (m/f0)·(−n + 2Q²·g·(x + 1/x)/D).
            jacobian[i][1] = frequencySign * m / resonantFrequencyHz
                    * (-driveExponent + 2 * q * q * g * (x + 1 / x) / denominator);
            jacobian[i][2] = -2 * q * g * g * m / denominator;
        }
    }

    /** Starting (P0, f0, Q): the linearised fit, or the highest point and its half-power width. */
    static double[] seed(double[] frequenciesHz, double[] powersWatts, double driveExponent, int peak) {
        int count = frequenciesHz.length;
        double referenceHz = frequenciesHz[peak];
        double referenceWatts = powersWatts[peak];
        double[] y = new double[count]; // P/(P_ref·s^n), s = f/f_ref: 1 at the reference point
        double[][] design = new double[count][];
        for (int i = 0; i < count; i++) {
            double s = frequenciesHz[i] / referenceHz;
            double u = s * s;
            double v = u - 1;
            y[i] = powersWatts[i] / (referenceWatts * Math.pow(s, driveExponent));
            double weight = y[i] * y[i] / u;
            design[i] = new double[] {weight, weight * v, weight * v * v};
        }
        double[] abc = LevenbergMarquardt.linearLeastSquares(design, y);
        if (abc != null) {
            // u/y = α + β(u − 1) + γ(u − 1)² = a + b·u + c·u² with a = α − β + γ, c = γ.
            double alpha = abc[0];
            double beta = abc[1];
            double gamma = abc[2];
            double u0 = Math.sqrt((alpha - beta + gamma) / gamma);
            double inversePeak = (alpha + beta * (u0 - 1) + gamma * (u0 - 1) * (u0 - 1)) / u0;
            double s0 = Math.sqrt(u0);
            double peakPowerWatts = referenceWatts * Math.pow(s0, driveExponent) / inversePeak;
            double resonantFrequencyHz = s0 * referenceHz;
            double loadedQ = Math.sqrt(gamma * u0 / inversePeak);
            if (gamma > 0 && inversePeak > 0 && Double.isFinite(peakPowerWatts) && Double.isFinite(loadedQ)
                    && resonantFrequencyHz >= frequenciesHz[0] && resonantFrequencyHz <= frequenciesHz[count - 1]) {
                return new double[] {peakPowerWatts, resonantFrequencyHz, loadedQ};
            }
        }
        return new double[] {referenceWatts, referenceHz, referenceHz / PeakData.halfMaximumWidth(frequenciesHz, y, peak)};
    }
}
