package org.resonantlearner.rig;

/**
 * The closed forms of DESIGN §2, written out again for the tests so that expected values never come
 * from the code under test, plus an independent solution of the Duffing harmonic balance (the cubic
 * in X² solved by the trigonometric / Cardano formulas, polished by Newton on the polynomial),
 * where {@link SteadyState} brackets a normalised cubic and runs a safeguarded Newton.
 */
final class ClosedForms {
    private static final double TWO_PI = 2 * Math.PI;
    private static final int NEWTON_POLISH_STEPS = 4;

    private ClosedForms() {}

    /** Series RLC: P_L = (V0²/2)·RL / (R² + (ωL − 1/(ωC))²), R = Rs + Rc + RL. */
    static double rlcLoadPowerWatts(double inductanceHenries, double totalOhms, double loadOhms,
            double capacitanceFarads, double driveHz, double sourceVolts) {
        double omega = TWO_PI * driveHz;
        double reactanceOhms = omega * inductanceHenries - 1 / (omega * capacitanceFarads);
        return sourceVolts * sourceVolts / 2 * loadOhms / (totalOhms * totalOhms + reactanceOhms * reactanceOhms);
    }

    /** Force-driven mechanical rig: P = ½·c_e·F0²·ω² / ((k − mω²)² + (cω)²). */
    static double forceDrivenPowerWatts(double massKg, double totalNsPerM, double electricalNsPerM,
            double stiffnessNPerM, double driveHz, double forceNewtons) {
        double omega = TWO_PI * driveHz;
        double detuning = stiffnessNPerM - massKg * omega * omega;
        return 0.5 * electricalNsPerM * forceNewtons * forceNewtons * omega * omega
                / (detuning * detuning + totalNsPerM * omega * totalNsPerM * omega);
    }

    /**
     * Base-excited rig (Williams &amp; Yates 1996): P = m·ζe·Y0²·ω³·r³ / ((1 − r²)² + (2ζT·r)²) with
     * ωn = sqrt(k/m), r = ω/ωn, ζ = c/(2mωn).
     */
    static double williamsYatesPowerWatts(double massKg, double stiffnessNPerM, double totalNsPerM,
            double electricalNsPerM, double driveHz, double baseMetres) {
        double omega = TWO_PI * driveHz;
        double naturalOmega = Math.sqrt(stiffnessNPerM / massKg);
        double r = omega / naturalOmega;
        double zetaElectrical = electricalNsPerM / (2 * massKg * naturalOmega);
        double zetaTotal = totalNsPerM / (2 * massKg * naturalOmega);
        return massKg * zetaElectrical * baseMetres * baseMetres * omega * omega * omega * r * r * r
                / ((1 - r * r) * (1 - r * r) + (2 * zetaTotal * r) * (2 * zetaTotal * r));
    }

    /**
     * Every positive first-harmonic amplitude X of a·q'' + b·q' + k·q + k3·q³ = F·sin ωt, ascending:
     * the real positive roots y = X² of [(k − aω²) + ¾·k3·y]²·y + (bω)²·y − F² = 0, a cubic
     * (9/16)k3²·y³ + (3/2)(k − aω²)k3·y² + ((k − aω²)² + (bω)²)·y − F² = 0 (k3 &gt; 0).
     */
    static double[] duffingAmplitudes(double inertia, double stiffness, double damping, double cubic,
            double omega, double force) {
        double detuning = stiffness - inertia * omega * omega;
        double a3 = 9.0 / 16 * cubic * cubic;
        double a2 = 1.5 * detuning * cubic / a3;
        double a1 = (detuning * detuning + damping * omega * damping * omega) / a3;
        double a0 = -force * force / a3;
        // Depressed cubic t³ + p·t + q = 0 with y = t − a2/3.
        double p = a1 - a2 * a2 / 3;
        double q = 2 * a2 * a2 * a2 / 27 - a2 * a1 / 3 + a0;
        double shift = -a2 / 3;
        double[] roots;
        double discriminant = -(4 * p * p * p + 27 * q * q);
        if (discriminant > 0) {
            double m = 2 * Math.sqrt(-p / 3);
            double theta = Math.acos(3 * q / (p * m)) / 3;
            roots = new double[] {
                m * Math.cos(theta) + shift,
                m * Math.cos(theta - TWO_PI / 3) + shift,
                m * Math.cos(theta - 2 * TWO_PI / 3) + shift,
            };
        } else {
            double s = Math.sqrt(q * q / 4 + p * p * p / 27);
            roots = new double[] {Math.cbrt(-q / 2 + s) + Math.cbrt(-q / 2 - s) + shift};
        }
        int positive = 0;
        double[] amplitudes = new double[roots.length];
        for (double y : roots) {
            for (int i = 0; i < NEWTON_POLISH_STEPS; i++) {
                double value = ((y + a2) * y + a1) * y + a0;
                double slope = (3 * y + 2 * a2) * y + a1;
                if (slope != 0) {
                    y -= value / slope;
                }
            }
            if (y > 0) {
                amplitudes[positive++] = Math.sqrt(y);
            }
        }
        double[] result = java.util.Arrays.copyOf(amplitudes, positive);
        java.util.Arrays.sort(result);
        return result;
    }

    /** Mean load power on the upper (largest-amplitude) Duffing branch: ½·c_L·ω²·X_max². */
    static double duffingUpperPowerWatts(RigModel rig, double tunedValue, double driveHz, double driveAmplitude) {
        double[] amplitudes = duffingAmplitudes(rig, tunedValue, driveHz, driveAmplitude);
        double omega = TWO_PI * driveHz;
        double upper = amplitudes[amplitudes.length - 1];
        return 0.5 * rig.loadDamping() * omega * omega * upper * upper;
    }

    /** {@link #duffingAmplitudes(double, double, double, double, double, double)} for a rig model. */
    static double[] duffingAmplitudes(RigModel rig, double tunedValue, double driveHz, double driveAmplitude) {
        double omega = TWO_PI * driveHz;
        return duffingAmplitudes(rig.inertia(tunedValue), rig.stiffness(tunedValue), rig.totalDamping(),
                rig.cubicStiffness(), omega, rig.forceAmplitude(driveAmplitude, omega, tunedValue));
    }
}
