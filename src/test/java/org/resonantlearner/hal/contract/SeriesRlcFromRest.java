package org.resonantlearner.hal.contract;

/**
 * The load voltage of a linear series RLC circuit driven by {@code V0·sin(ωt)} from rest (no charge,
 * no current at t = 0), in closed form: the expectation the sample-source fixtures of the simulated
 * rig and of the emulated front-end hold their samples to.
 *
 * <p>{@code L·q'' + R·q' + q/C = V0·sin ωt}, R = Rs + Rc + RL, load voltage RL·q'. With X = ωL −
 * 1/(ωC), |Z| = √(R² + X²) and φ = atan2(X, R), the steady state is {@code i_p = (V0/|Z|)·sin(ωt − φ)},
 * {@code q_p = −(V0/(ω|Z|))·cos(ωt − φ)}. The free response (underdamped: 1/(LC) > α²) is
 * {@code q_h = e^(−αt)·(A·cos ω_d t + B·sin ω_d t)}, α = R/(2L), ω_d = √(1/(LC) − α²); q(0) = 0 gives
 * A = −q_p(0) = (V0/(ω|Z|))·cos φ, and i(0) = 0 gives −αA + ω_d·B = −i_p(0) = (V0/|Z|)·sin φ.
 */
public final class SeriesRlcFromRest {
    private final double loadOhms;
    private final double omega;
    private final double currentAmplitudeAmps;
    private final double phaseRadians;
    private final double decayPerSecond;
    private final double dampedOmega;
    private final double a;
    private final double b;

    /**
     * The circuit and its drive.
     *
     * @param inductanceHenries L (H)
     * @param totalOhms R = Rs + Rc + RL (Ω)
     * @param loadOhms RL (Ω)
     * @param capacitanceFarads C (F)
     * @param driveVolts V0 (V)
     * @param driveHz drive frequency (Hz)
     */
    public SeriesRlcFromRest(double inductanceHenries, double totalOhms, double loadOhms, double capacitanceFarads,
            double driveVolts, double driveHz) {
        this.loadOhms = loadOhms;
        this.omega = 2 * Math.PI * driveHz;
        double reactanceOhms = omega * inductanceHenries - 1 / (omega * capacitanceFarads);
        double impedanceOhms = Math.hypot(totalOhms, reactanceOhms);
        this.currentAmplitudeAmps = driveVolts / impedanceOhms;
        this.phaseRadians = Math.atan2(reactanceOhms, totalOhms);
        this.decayPerSecond = totalOhms / (2 * inductanceHenries);
        double naturalOmegaSquared = 1 / (inductanceHenries * capacitanceFarads);
        if (!(naturalOmegaSquared > decayPerSecond * decayPerSecond)) {
            throw new IllegalArgumentException("the closed form here is for an underdamped circuit");
        }
        this.dampedOmega = Math.sqrt(naturalOmegaSquared - decayPerSecond * decayPerSecond);
        this.a = currentAmplitudeAmps / omega * Math.cos(phaseRadians);
        this.b = (currentAmplitudeAmps * Math.sin(phaseRadians) + decayPerSecond * a) / dampedOmega;
    }

    /** The load voltage RL·i (V) at {@code timeSeconds} after the drive started. */
    public double loadVolts(double timeSeconds) {
        double steadyAmps = currentAmplitudeAmps * Math.sin(omega * timeSeconds - phaseRadians);
        double cos = Math.cos(dampedOmega * timeSeconds);
        double sin = Math.sin(dampedOmega * timeSeconds);
        // i_h = d/dt[e^(−αt)(A cos ω_d t + B sin ω_d t)]
        double freeAmps = Math.exp(-decayPerSecond * timeSeconds)
                * ((-decayPerSecond * a + dampedOmega * b) * cos + (-decayPerSecond * b - dampedOmega * a) * sin);
        return loadOhms * (steadyAmps + freeAmps);
    }
}
