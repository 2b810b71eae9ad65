package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * Closed forms of a rig's periodic steady state under a sine drive: load power, response
 * amplitude, the power-maximising tuning, Q, linewidth and ring-up time.
 *
 * <p>Linear rig, a·q'' + b·q' + k·q = F·sin ωt: the phasor solution Q = F / (k − aω² + i·bω) gives
 * a velocity amplitude ωF / |k − aω² + i·bω| and a mean load power
 *
 * <pre>
 *   P = ½·loadDamping·ω²·F² / ((k − aω²)² + (bω)²)
 * </pre>
 *
 * <p>Duffing rig (k3·q³ added): first-harmonic balance with q ≈ X·sin(ωt − ψ), using
 * sin³ = ¾·sin − ¼·sin 3θ and dropping the third harmonic, gives
 *
 * <pre>
 *   [(k − aω²)·X + ¾·k3·X³]² + (bωX)² = F²
 * </pre>
 *
 * a cubic in X² with one or three positive roots. Above the critical force and close enough to
 * resonance there are two stable branches (the largest and smallest roots) and an unstable one
 * between them; which one the rig sits on depends on its history. <b>Every power in this class
 * counts the largest-amplitude (upper) branch</b>, the best a tuner could hold; the simulator may
 * sit on the lower one. Since (bωX)² ≤ F², no branch exceeds X = F/(bω), the linear peak.
 *
 * <p>All methods are static, allocation-free (except {@link #displacementAmplitudes}) and take the
 * tuned value in the rig's tuned unit, frequency in Hz and the drive amplitude in the rig's drive
 * unit (V, N or m).
 */
public final class SteadyState {
    private static final double TWO_PI = 2 * Math.PI;
    // The largest root of the normalised cubic is ≤ 1 exactly; bracket a little above 1 so that
    // rounding at the peak (root at 1 ± 1 ulp) cannot hide it.
    private static final double ROOT_BRACKET_TOP = 1 + 1e-9;
    private static final int MAX_ROOT_ITERATIONS = 200;
    // Duffing mass tuning has no closed form: log-spaced scan and golden section around the linear optimum.
    private static final double MASS_SEARCH_FACTOR = 16.0;
    private static final int MASS_SCAN_POINTS = 400;
    private static final double INVERSE_GOLDEN = (Math.sqrt(5) - 1) / 2;

    private SteadyState() {}

    /**
     * Mean power (W) into the load in steady state; for a Duffing rig, on the upper branch.
     *
     * @param rig the rig
     * @param tunedValue value of the tuned parameter (F, N/m or kg), &gt; 0
     * @param driveFrequencyHz drive frequency (Hz), &ge; 0
     * @param driveAmplitude peak drive amplitude in the rig's drive unit
     */
    public static double loadPowerWatts(RigModel rig, double tunedValue, double driveFrequencyHz, double driveAmplitude) {
        double omega = TWO_PI * driveFrequencyHz;
        double force = rig.forceAmplitude(driveAmplitude, omega, tunedValue);
        double detuning = rig.stiffness(tunedValue) - rig.inertia(tunedValue) * omega * omega;
        double dampingTimesOmega = rig.totalDamping() * omega;
        if (rig.cubicStiffness() == 0) {
            return 0.5 * rig.loadDamping() * omega * omega * force * force
                    / (detuning * detuning + dampingTimesOmega * dampingTimesOmega);
        }
        if (force == 0 || omega == 0) {
            return 0.0;
        }
        // P = ½·c_L·ω²·X² with X² = u·F²/(bω)² (see upperNormalisedRoot).
        double u = upperNormalisedRoot(detuning, dampingTimesOmega, rig.cubicStiffness(), force);
        return 0.5 * rig.loadDamping() * force * force * u / (rig.totalDamping() * rig.totalDamping());
    }

    /**
     * Steady-state amplitude of the generalised coordinate (C or m); for a Duffing rig the upper
     * branch (first harmonic). At 0 Hz, the limit ω → 0: F/k, or the root of k·X + ¾·k3·X³ = F.
     */
    public static double displacementAmplitude(RigModel rig, double tunedValue, double driveFrequencyHz,
            double driveAmplitude) {
        double omega = TWO_PI * driveFrequencyHz;
        double force = rig.forceAmplitude(driveAmplitude, omega, tunedValue);
        double detuning = rig.stiffness(tunedValue) - rig.inertia(tunedValue) * omega * omega;
        double dampingTimesOmega = rig.totalDamping() * omega;
        if (rig.cubicStiffness() == 0 || force == 0) {
            return Math.abs(force) / Math.hypot(detuning, dampingTimesOmega);
        }
        if (omega == 0) {
            // The normalised cubic divides by bω; at ω = 0 the balance is static: k·X + ¾·k3·X³ = |F|.
            return staticAmplitude(detuning, rig.cubicStiffness(), Math.abs(force));
        }
        double u = upperNormalisedRoot(detuning, dampingTimesOmega, rig.cubicStiffness(), force);
        return Math.abs(force) / dampingTimesOmega * Math.sqrt(u);
    }

    /**
     * Every first-harmonic amplitude (C or m) the harmonic balance allows, ascending: one value for a
     * linear rig or a Duffing rig below the bistable region, three inside it (the middle one is
     * unstable). Allocates: for tests and reports, not the hot path.
     */
    public static double[] displacementAmplitudes(RigModel rig, double tunedValue, double driveFrequencyHz,
            double driveAmplitude) {
        double omega = TWO_PI * driveFrequencyHz;
        double force = rig.forceAmplitude(driveAmplitude, omega, tunedValue);
        if (rig.cubicStiffness() == 0 || force == 0 || omega == 0) {
            return new double[] {displacementAmplitude(rig, tunedValue, driveFrequencyHz, driveAmplitude)};
        }
        double detuning = rig.stiffness(tunedValue) - rig.inertia(tunedValue) * omega * omega;
        double dampingTimesOmega = rig.totalDamping() * omega;
        double alpha = detuning / dampingTimesOmega;
        double beta = 0.75 * rig.cubicStiffness() * force * force / (dampingTimesOmega * dampingTimesOmega * dampingTimesOmega);
        double[] breaks = criticalBreaks(alpha, beta);
        double[] roots = new double[3];
        int count = 0;
        for (int i = 0; i + 1 < breaks.length; i++) {
            double lo = breaks[i];
            double hi = breaks[i + 1];
            // Where clamping made lo = hi the signs agree: no root counted twice.
            if ((cubic(lo, alpha, beta) <= 0) != (cubic(hi, alpha, beta) <= 0)) {
                roots[count++] = Math.abs(force) / dampingTimesOmega * Math.sqrt(Math.min(1.0, solve(lo, hi, alpha, beta)));
            }
        }
        double[] amplitudes = new double[count];
        System.arraycopy(roots, 0, amplitudes, 0, count);
        return amplitudes;
    }

    /**
     * The tuned value (F, N/m or kg) that maximises the steady-state load power at this drive.
     *
     * <ul>
     *   <li>Capacitance: C* = 1/(ω²L) (the force does not depend on C).</li>
     *   <li>Stiffness: k* = mω² (force-driven, and base-excited where m·Y0·ω² does not depend on k).</li>
     *   <li>Mass of the base-excited rig: P ∝ m² / ((k − mω²)² + (bω)²) because the force m·Y0·ω²
     *       grows with m; dP/dm = 0 gives k·(k − mω²) + (bω)² = 0, so m* = k/ω² + b²/k, above r = 1
     *       (r² = 1 + (bω/k)²).</li>
     *   <li>Duffing, capacitance or stiffness: the upper branch peaks on the backbone, at the linear
     *       peak amplitude X* = F/(bω), where k_lin = aω² − ¾·k3·X*² (C* = 1/k_lin). A non-positive
     *       k_lin (so strong a drive that no positive spring reaches the peak) is returned as is for
     *       stiffness and as its reciprocal (non-positive) for capacitance.</li>
     *   <li>Duffing, mass: numeric maximisation of the upper-branch power over [m_lin/16, 16·m_lin] around the
     *       linear optimum m_lin; the upper branch can keep growing with mass, then the bound is returned.</li>
     * </ul>
     *
     * @throws IllegalArgumentException for a rig whose tuned unit is not "F", "N/m" or "kg"
     */
    public static double resonantTunedValue(RigModel rig, double driveFrequencyHz, double driveAmplitude) {
        Check.positive("driveFrequencyHz", driveFrequencyHz, "Hz");
        double omega = TWO_PI * driveFrequencyHz;
        double damping = rig.totalDamping();
        double cubic = rig.cubicStiffness();
        switch (rig.tunedParameterUnit()) {
            case "F", "N/m" -> {
                // Inertia and force do not depend on C or k for these rigs: evaluate at a dummy value of 1.
                double stiffness = rig.inertia(1.0) * omega * omega;
                if (cubic != 0) {
                    // Only then: at a frequency so low that F/(bω) overflows, 0·∞ would make a linear k* NaN.
                    double peakAmplitude = rig.forceAmplitude(driveAmplitude, omega, 1.0) / (damping * omega);
                    stiffness -= 0.75 * cubic * peakAmplitude * peakAmplitude;
                }
                return rig.tunedParameterUnit().equals("F") ? 1.0 / stiffness : stiffness;
            }
            case "kg" -> {
                // The stiffness does not depend on the mass: evaluate at a dummy value of 1.
                double stiffness = rig.stiffness(1.0);
                double linearMass = stiffness / (omega * omega) + damping * damping / stiffness;
                if (cubic == 0) {
                    return linearMass;
                }
                return maximiseLogScale(rig, driveFrequencyHz, driveAmplitude,
                        linearMass / MASS_SEARCH_FACTOR, linearMass * MASS_SEARCH_FACTOR);
            }
            default -> throw new IllegalArgumentException(
                    "tuned parameter unit " + rig.tunedParameterUnit() + " is not one of F, N/m, kg");
        }
    }

    /** Steady-state load power (W) at {@link #resonantTunedValue}: for linear C or k tuning P* = ½·c_L·F²/b². */
    public static double maximumLoadPowerWatts(RigModel rig, double driveFrequencyHz, double driveAmplitude) {
        return loadPowerWatts(rig, resonantTunedValue(rig, driveFrequencyHz, driveAmplitude), driveFrequencyHz,
                driveAmplitude);
    }

    /** Small-amplitude natural frequency f0 = sqrt(k/a)/2π (Hz). */
    public static double naturalFrequencyHz(RigModel rig, double tunedValue) {
        return Math.sqrt(rig.stiffness(tunedValue) / rig.inertia(tunedValue)) / TWO_PI;
    }

    /** Loaded quality factor Q = ω0·a/b = sqrt(k·a)/b (load included in b). */
    public static double loadedQuality(RigModel rig, double tunedValue) {
        return Math.sqrt(rig.stiffness(tunedValue) * rig.inertia(tunedValue)) / rig.totalDamping();
    }

    /**
     * Full width at half power Γ = b/(2π·a) (Hz) of the response to a frequency sweep at fixed tuning:
     * exact for a force amplitude independent of frequency, the high-Q value for base excitation.
     * Detuning by Δf from the peak keeps P/P* = 1/(1 + (2Δf/Γ)²).
     */
    public static double linewidthHz(RigModel rig, double tunedValue) {
        return rig.totalDamping() / (TWO_PI * rig.inertia(tunedValue));
    }

    /**
     * Amplitude time constant τ (s) of the slowest free decay: free oscillations decay as e^(−t/τ),
     * so a tuner must wait a few τ after a move before judging the power. τ = 2a/b for Q &ge; ½ (every
     * harvester); an over-damped rig (Q &lt; ½) decays on its slow real mode, τ = 1/(σ − μ) with
     * σ = b/(2a), μ = sqrt(σ² − ω0²), computed as (σ + μ)/ω0² to avoid cancellation.
     */
    public static double amplitudeTimeConstantSeconds(RigModel rig, double tunedValue) {
        double inertia = rig.inertia(tunedValue);
        double decayRate = rig.totalDamping() / (2 * inertia);
        double naturalOmegaSquared = rig.stiffness(tunedValue) / inertia;
        if (decayRate * decayRate <= naturalOmegaSquared) {
            return 1.0 / decayRate;
        }
        return (decayRate + Math.sqrt(decayRate * decayRate - naturalOmegaSquared)) / naturalOmegaSquared;
    }

    /**
     * Peak generalised force (V or N) above which the Duffing rig has two stable branches at some
     * drive frequency; +∞ for a linear rig.
     *
     * <p>In the normalised cubic u·((α + βu)² + 1) = 1 (see the class comment) three roots first
     * appear at the cusp α = −√3, β = 8/(3√3), i.e. at k − aω² = −√3·bω and
     * F² = 32·(bω)³/(9√3·k3). This method uses the exact cusp frequency
     * ω_c = (√3·b + sqrt(3b² + 4ak))/(2a); for Q ≫ 1, ω_c → ω0 and it reduces to the textbook
     * F_crit² = 32·ω0³·b³/(9√3·k3).
     */
    public static double duffingCriticalForce(RigModel rig, double tunedValue) {
        double cubic = rig.cubicStiffness();
        if (cubic == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double inertia = rig.inertia(tunedValue);
        double damping = rig.totalDamping();
        double cuspOmega = (Math.sqrt(3) * damping
                + Math.sqrt(3 * damping * damping + 4 * inertia * rig.stiffness(tunedValue))) / (2 * inertia);
        double dampingTimesOmega = damping * cuspOmega;
        return Math.sqrt(32 * dampingTimesOmega * dampingTimesOmega * dampingTimesOmega / (9 * Math.sqrt(3) * cubic));
    }

    /**
     * The one positive root of g(X) = k·X + ¾·k3·X³ − F (k, k3, F &gt; 0) by Newton from X = F/k,
     * where g &ge; 0: g is increasing and convex, so the iterates fall monotonically onto the root and
     * stop when rounding no longer lets them fall.
     */
    private static double staticAmplitude(double stiffness, double cubic, double force) {
        double x = force / stiffness;
        double next = staticNewtonStep(x, stiffness, cubic, force);
        // Strictly decreasing doubles, bounded by the root (g < 0 below it turns the step upward): finite.
        while (next < x) {
            x = next;
            next = staticNewtonStep(x, stiffness, cubic, force);
        }
        return x;
    }

    private static double staticNewtonStep(double x, double stiffness, double cubic, double force) {
        return x - (stiffness * x + 0.75 * cubic * x * x * x - force) / (stiffness + 2.25 * cubic * x * x);
    }

    /**
     * Largest root u in (0, 1] of u·((α + βu)² + 1) = 1, the harmonic balance divided through by F²
     * with X² = u·F²/(bω)², α = (k − aω²)/(bω), β = ¾·k3·F²/(bω)³.
     */
    private static double upperNormalisedRoot(double detuning, double dampingTimesOmega, double cubic, double force) {
        double alpha = detuning / dampingTimesOmega;
        double beta = 0.75 * cubic * force * force / (dampingTimesOmega * dampingTimesOmega * dampingTimesOmega);
        if (beta == 0) {
            return 1.0 / (1.0 + alpha * alpha);
        }
        // h(u) = u((α+βu)²+1) − 1 is −1 at 0, and h(1) = (α+β)² ≥ 0 with h > 0 beyond 1, so the largest
        // root lies in (0, 1]. Where α² > 3, h' = 3β²u² + 4αβu + α² + 1 vanishes at a local maximum
        // and, right of it (β > 0), a local minimum. If h ≤ 0 at the minimum, the largest root lies
        // right of it, where h increases to the top. Otherwise h is positive from the maximum on, and
        // the only root lies left of the maximum, where h increases from −1. Without critical points
        // in (0, top) h increases on all of [0, top] (the minimum clamps to 0, where h = −1).
        double top = ROOT_BRACKET_TOP;
        double localMaximum = top;
        double localMinimum = 0.0;
        double discriminant = alpha * alpha - 3;
        if (discriminant > 0) {
            double root = Math.sqrt(discriminant);
            localMaximum = Math.min(Math.max((-2 * alpha - root) / (3 * beta), 0.0), top);
            localMinimum = Math.min(Math.max((-2 * alpha + root) / (3 * beta), 0.0), top);
        }
        double u = cubic(localMinimum, alpha, beta) <= 0
                ? solve(localMinimum, top, alpha, beta)
                : solve(0.0, localMaximum, alpha, beta);
        return Math.min(1.0, u);
    }

    /** Breakpoints 0, the critical points inside (0, top), top — ascending; allocates (report path only). */
    private static double[] criticalBreaks(double alpha, double beta) {
        double discriminant = alpha * alpha - 3;
        if (!(discriminant > 0)) {
            return new double[] {0.0, ROOT_BRACKET_TOP};
        }
        // β > 0 (k3 > 0, F ≠ 0): the local maximum comes first.
        double root = Math.sqrt(discriminant);
        double first = (-2 * alpha - root) / (3 * beta);
        double second = (-2 * alpha + root) / (3 * beta);
        return new double[] {
            0.0,
            Math.min(Math.max(first, 0.0), ROOT_BRACKET_TOP),
            Math.min(Math.max(second, 0.0), ROOT_BRACKET_TOP),
            ROOT_BRACKET_TOP,
        };
    }

    private static double cubic(double u, double alpha, double beta) {
        double shifted = alpha + beta * u;
        return u * (shifted * shifted + 1) - 1;
    }

    /** Safeguarded Newton on a bracket [lo, hi] where h is monotone and changes sign. */
    private static double solve(double lo, double hi, double alpha, double beta) {
        boolean increasing = cubic(hi, alpha, beta) > cubic(lo, alpha, beta);
        double u = 0.5 * (lo + hi);
        for (int i = 0; i < MAX_ROOT_ITERATIONS; i++) {
            double h = cubic(u, alpha, beta);
            if (h == 0) {
                return u;
            }
            if ((h < 0) == increasing) {
                lo = u;
            } else {
                hi = u;
            }
            double shifted = alpha + beta * u;
            double slope = shifted * shifted + 1 + 2 * beta * u * shifted;
            double next = u - h / slope;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - u) <= 4e-16 * u || hi - lo <= 4e-16 * hi) {
                return next;
            }
            u = next;
        }
        return u;
    }

    /** Scan then golden-section search of the upper-branch power over a log-spaced tuned value. */
    private static double maximiseLogScale(RigModel rig, double driveFrequencyHz, double driveAmplitude,
            double lowValue, double highValue) {
        double logLow = Math.log(lowValue);
        double logStep = (Math.log(highValue) - logLow) / (MASS_SCAN_POINTS - 1);
        int best = 0;
        double bestPower = -1;
        for (int i = 0; i < MASS_SCAN_POINTS; i++) {
            double power = loadPowerWatts(rig, Math.exp(logLow + i * logStep), driveFrequencyHz, driveAmplitude);
            if (power > bestPower) {
                bestPower = power;
                best = i;
            }
        }
        double a = logLow + Math.max(best - 1, 0) * logStep;
        double b = logLow + Math.min(best + 1, MASS_SCAN_POINTS - 1) * logStep;
        double c = b - INVERSE_GOLDEN * (b - a);
        double d = a + INVERSE_GOLDEN * (b - a);
        double powerC = loadPowerWatts(rig, Math.exp(c), driveFrequencyHz, driveAmplitude);
        double powerD = loadPowerWatts(rig, Math.exp(d), driveFrequencyHz, driveAmplitude);
        while (b - a > 1e-12) {
            if (powerC >= powerD) {
                b = d;
                d = c;
                powerD = powerC;
                c = b - INVERSE_GOLDEN * (b - a);
                powerC = loadPowerWatts(rig, Math.exp(c), driveFrequencyHz, driveAmplitude);
            } else {
                a = c;
                c = d;
                powerC = powerD;
                d = a + INVERSE_GOLDEN * (b - a);
                powerD = loadPowerWatts(rig, Math.exp(d), driveFrequencyHz, driveAmplitude);
            }
        }
        double bestLog = 0.5 * (a + b);
        return bestPower > loadPowerWatts(rig, Math.exp(bestLog), driveFrequencyHz, driveAmplitude)
                ? Math.exp(logLow + best * logStep) : Math.exp(bestLog);
    }
}
