package org.resonantlearner.app;

/**
 * Closed forms of the default config's rig, written out for the app tests (calibration/
 * rlc-reference.json, and the built-in defaults without it): L = 10 mH, R = Rs + Rc + RL = 0.5 + 1.5
 * + 2 Ω, C linear from 0.5 µF at 0 steps to 20 µF at 10 000 steps, driven by 0.5 V.
 */
final class ReferenceRlcRig {
    static final double INDUCTANCE_HENRIES = 0.010;
    static final double TOTAL_OHMS = 4.0;
    static final double LOAD_OHMS = 2.0;
    static final double DRIVE_VOLTS = 0.5;
    static final int MAX_STEPS = 10_000;

    private ReferenceRlcRig() {}

    /** C (F) at {@code steps} of the linear map. */
    static double faradsAt(int steps) {
        return 0.5e-6 + (20e-6 - 0.5e-6) * steps / MAX_STEPS;
    }

    /** Steady-state load power (W) at {@code steps}: (V0²/2)·RL / (R² + (ωL − 1/(ωC))²), DESIGN §2. */
    static double steadyPowerWatts(int steps, double frequencyHz) {
        double omega = 2 * Math.PI * frequencyHz;
        double reactanceOhms = omega * INDUCTANCE_HENRIES - 1 / (omega * faradsAt(steps));
        return DRIVE_VOLTS * DRIVE_VOLTS / 2 * LOAD_OHMS / (TOTAL_OHMS * TOTAL_OHMS + reactanceOhms * reactanceOhms);
    }

    /** The best whole position's steady power (W) at {@code frequencyHz}, by trying every position. */
    static double bestReachablePowerWatts(double frequencyHz) {
        double best = 0;
        for (int steps = 0; steps <= MAX_STEPS; steps++) {
            best = Math.max(best, steadyPowerWatts(steps, frequencyHz));
        }
        return best;
    }
}
