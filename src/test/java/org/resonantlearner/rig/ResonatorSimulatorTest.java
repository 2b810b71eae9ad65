package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

class ResonatorSimulatorTest {
    /** Acceptance limit of the specification for time domain vs closed form. */
    private static final double TOL_SPEC_RELATIVE = 5e-3;
    /** What exact discretisation actually achieves after 25 τ: transient e^(−50) plus rounding. */
    private static final double TOL_EXACT_RELATIVE = 1e-8;
    /** RK4 at ≤ 0.05 rad per sub-step. */
    private static final double TOL_RK4_RELATIVE = 1e-5;
    /** First-harmonic balance neglects the third harmonic: ~k3·X²/(32·k) here. */
    private static final double TOL_HARMONIC_BALANCE_RELATIVE = 1e-2;
    private static final int SAMPLES_PER_PERIOD = 64;
    private static final int SETTLE_TIME_CONSTANTS = 25;
    private static final int AVERAGED_PERIODS = 20;

    private static final double[] QUALITIES = {2, 5, 20, 50, 200};
    /** Drive frequency over natural frequency, in units of half-linewidths 1/(2Q) around 1, and far off. */
    private static final double[] DETUNINGS_HALF_LINEWIDTHS = {0, 1, -1, 3, -3};
    private static final double[] FAR_RATIOS = {0.7, 1.3};

    @Test
    void steadyStatePowerMatchesClosedFormForEveryRigQualityAndDetuning() {
        double worst = 0;
        for (double quality : QUALITIES) {
            for (double ratio : driveRatios(quality)) {
                worst = Math.max(worst, relativeError(rlcWithQuality(quality), 1.0 / (Math.pow(2 * Math.PI * 1000, 2) * 10e-3),
                        1000 * ratio, 2.0));
                ForceDrivenMechanicalRig force = forceRigWithQuality(quality, 0.0);
                worst = Math.max(worst, relativeError(force, stiffnessAt30Hz(), 30 * ratio, 0.5));
                BaseExcitedMechanicalRig stiffnessTuned = baseRigWithQuality(quality, BaseExcitedMechanicalRig.TunedParameter.STIFFNESS);
                worst = Math.max(worst, relativeError(stiffnessTuned, stiffnessAt30Hz(), 30 * ratio, 50e-6));
                BaseExcitedMechanicalRig massTuned = baseRigWithQuality(quality, BaseExcitedMechanicalRig.TunedParameter.MASS);
                worst = Math.max(worst, relativeError(massTuned, 0.05, 30 * ratio, 50e-6));
            }
        }
        System.out.printf("time domain vs closed form, worst relative error over %d cases: %.3g%n",
                QUALITIES.length * (DETUNINGS_HALF_LINEWIDTHS.length + FAR_RATIOS.length) * 4, worst);
        assertTrue(worst < TOL_SPEC_RELATIVE);
        assertEquals(0.0, worst, TOL_EXACT_RELATIVE);
    }

    @Test
    void oneHourRunStaysOnTheClosedForm() {
        // 31.25 Hz at 2 kS/s: 64 samples per period, 7.2 million steps.
        ForceDrivenMechanicalRig rig = forceRigWithQuality(50, 0.0);
        double driveHz = 31.25;
        double stiffnessNPerM = 0.05 * Math.pow(2 * Math.PI * 30.0, 2);
        double sampleRateHz = SAMPLES_PER_PERIOD * driveHz;
        ResonatorSimulator sim = new ResonatorSimulator(rig, Drive.constant(driveHz, 0.5), sampleRateHz, stiffnessNPerM);
        long samples = (long) (3600 * sampleRateHz);
        for (long i = 0; i < samples; i++) {
            sim.step();
        }
        double expectedWatts = SteadyState.loadPowerWatts(rig, stiffnessNPerM, driveHz, 0.5);

        assertEquals(3600.0, sim.timeSeconds(), 1e-9);
        assertEquals(expectedWatts, meanPowerOverPeriods(sim, AVERAGED_PERIODS), expectedWatts * TOL_SPEC_RELATIVE);
        assertEquals(expectedWatts, meanPowerOverPeriods(sim, AVERAGED_PERIODS), expectedWatts * 1e-9);
        // The drive phase is still where 2π·f·t puts it (t is a whole number of periods).
        double phaseErrorRadians = Math.IEEEremainder(sim.drivePhaseRadians(), 2 * Math.PI);
        assertEquals(0.0, phaseErrorRadians, 1e-6);
    }

    @Test
    void rungeKuttaFallbackMatchesExactDiscretisationWhenNearlyLinear() {
        // k3 = 1e-30 N/m³ is physically nothing but sends the step through the RK4 path.
        double quality = 50;
        ForceDrivenMechanicalRig linear = forceRigWithQuality(quality, 0.0);
        ForceDrivenMechanicalRig nearlyLinear = forceRigWithQuality(quality, 1e-30);
        double driveHz = 30.3;
        double sampleRateHz = 2000.0;
        ResonatorSimulator exact = new ResonatorSimulator(linear, Drive.constant(driveHz, 0.5), sampleRateHz, stiffnessAt30Hz());
        ResonatorSimulator fallback = new ResonatorSimulator(nearlyLinear, Drive.constant(driveHz, 0.5), sampleRateHz,
                stiffnessAt30Hz());
        assertEquals(0.0, worstVelocityDifference(exact, fallback, 200_000), TOL_RK4_RELATIVE);
        // And the fallback's own steady state agrees with the closed form.
        assertEquals(0.0, relativeError(nearlyLinear, stiffnessAt30Hz(), 30.3, 0.5), TOL_RK4_RELATIVE);
    }

    @Test
    void duffingAboveCriticalForceSitsOnAHarmonicBalanceBranch() {
        // Q = 100 at 30 Hz, k3 = 1e6 N/m³, drive 4× the critical force: bistable from 30.8 to beyond 31.9 Hz.
        double massKg = 0.05;
        double stiffnessNPerM = 1776.5;
        double dampingNsPerM = Math.sqrt(stiffnessNPerM * massKg) / 100;
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(massKg, 0.3 * dampingNsPerM, 0.7 * dampingNsPerM,
                1000.0, 1e6);
        double forceNewtons = 4 * SteadyState.duffingCriticalForce(rig, stiffnessNPerM);
        double driveHz = 31.4;
        double[] branches = SteadyState.displacementAmplitudes(rig, stiffnessNPerM, driveHz, forceNewtons);
        assertEquals(3, branches.length);
        double lowerMetres = branches[0];
        double upperMetres = branches[2];

        // From rest the rig rings up onto the lower branch.
        ResonatorSimulator fromRest = new ResonatorSimulator(rig, Drive.constant(driveHz, forceNewtons),
                SAMPLES_PER_PERIOD * driveHz, stiffnessNPerM);
        settle(fromRest, 2 * massKg / dampingNsPerM, driveHz);
        assertEquals(lowerMetres, firstHarmonicAmplitude(fromRest), lowerMetres * TOL_HARMONIC_BALANCE_RELATIVE);

        // Started on the upper branch's harmonic-balance orbit, it stays there.
        ResonatorSimulator onUpper = new ResonatorSimulator(rig, Drive.constant(driveHz, forceNewtons),
                SAMPLES_PER_PERIOD * driveHz, stiffnessNPerM);
        double omega = 2 * Math.PI * driveHz;
        double inPhase = (stiffnessNPerM - massKg * omega * omega + 0.75 * 1e6 * upperMetres * upperMetres) * upperMetres;
        double quadrature = rig.totalDamping() * omega * upperMetres;
        // q = X·sin(ωt − ψ) with (cos ψ, sin ψ) = (inPhase, quadrature)/F.
        onUpper.setState(-upperMetres * quadrature / forceNewtons, omega * upperMetres * inPhase / forceNewtons);
        settle(onUpper, 2 * massKg / dampingNsPerM, driveHz);
        assertEquals(upperMetres, firstHarmonicAmplitude(onUpper), upperMetres * TOL_HARMONIC_BALANCE_RELATIVE);

        // The oracle's figure is the upper branch: the rig on it harvests that power.
        double upperWatts = SteadyState.loadPowerWatts(rig, stiffnessNPerM, driveHz, forceNewtons);
        assertEquals(upperWatts, meanPowerOverPeriods(onUpper, AVERAGED_PERIODS), upperWatts * 3 * TOL_HARMONIC_BALANCE_RELATIVE);
    }

    @Test
    void perSampleFrequencyChangesStayOnTheClosedForm() {
        // A ramp of one part in 1e9 over the run changes ω every sample (the slow path) yet is
        // physically constant.
        ForceDrivenMechanicalRig rig = forceRigWithQuality(20, 0.0);
        double driveHz = 30.2;
        Drive drive = Drive.of(new FrequencyRamp(driveHz, driveHz * (1 + 1e-9), 0.0, 1e3), 0.5);
        ResonatorSimulator sim = new ResonatorSimulator(rig, drive, SAMPLES_PER_PERIOD * driveHz, stiffnessAt30Hz());
        settle(sim, SteadyState.amplitudeTimeConstantSeconds(rig, stiffnessAt30Hz()), driveHz);
        double expectedWatts = SteadyState.loadPowerWatts(rig, stiffnessAt30Hz(), driveHz, 0.5);

        assertEquals(expectedWatts, meanPowerOverPeriods(sim, AVERAGED_PERIODS), expectedWatts * 1e-7);
    }

    @Test
    void slowSweepIsQuasiStatic() {
        // Q = 5 RLC at 1 kHz (Γ = 200 Hz, τ = 1.6 ms) swept 900 → 1100 Hz in 10 s: 20 Hz/s·τ ≪ Γ.
        SeriesRlcRig rig = rlcWithQuality(5);
        double capacitanceFarads = 1.0 / (Math.pow(2 * Math.PI * 1000, 2) * 10e-3);
        Drive drive = Drive.of(new FrequencyRamp(900, 1100, 0.0, 10.0), 2.0);
        double sampleRateHz = 100e3;
        ResonatorSimulator sim = new ResonatorSimulator(rig, drive, sampleRateHz, capacitanceFarads);
        double worst = 0;
        for (double checkSeconds : new double[] {1.0, 3.0, 5.0, 7.0, 9.0}) {
            while (sim.timeSeconds() < checkSeconds) {
                sim.step();
            }
            // 100 ms window: ~100 periods, so the partial last period weighs < 1 %·(v² ripple).
            int samples = (int) (0.1 * sampleRateHz);
            double sum = 0;
            for (int i = 0; i < samples; i++) {
                sim.step();
                sum += sim.loadPowerWatts();
            }
            double midHz = drive.frequencyHz(checkSeconds + 0.05);
            double expectedWatts = SteadyState.loadPowerWatts(rig, capacitanceFarads, midHz, 2.0);
            worst = Math.max(worst, Math.abs(sum / samples - expectedWatts) / expectedWatts);
        }
        assertEquals(0.0, worst, TOL_SPEC_RELATIVE);
    }

    @Test
    void afterAFrequencyStepTheRigSettlesOnTheNewClosedForm() {
        ForceDrivenMechanicalRig rig = forceRigWithQuality(20, 0.0);
        double sampleRateHz = 64 * 31.0;
        Drive drive = Drive.of(new FrequencySteps(30.0, new double[] {5.0}, new double[] {31.0}), 0.5);
        ResonatorSimulator sim = new ResonatorSimulator(rig, drive, sampleRateHz, stiffnessAt30Hz());
        while (sim.timeSeconds() < 5.0 + SETTLE_TIME_CONSTANTS * SteadyState.amplitudeTimeConstantSeconds(rig, stiffnessAt30Hz())) {
            sim.step();
        }
        double expectedWatts = SteadyState.loadPowerWatts(rig, stiffnessAt30Hz(), 31.0, 0.5);

        assertEquals(31.0, sim.driveFrequencyHz());
        assertEquals(expectedWatts, meanPowerOverPeriods(sim, AVERAGED_PERIODS), expectedWatts * TOL_EXACT_RELATIVE);
    }

    @Test
    void retuningMovesTheSteadyStateToTheNewClosedForm() {
        SeriesRlcRig rig = rlcWithQuality(20);
        double driveHz = 1000.0;
        ResonatorSimulator sim = new ResonatorSimulator(rig, Drive.constant(driveHz, 2.0), 64 * driveHz, 2.0e-6);
        settle(sim, SteadyState.amplitudeTimeConstantSeconds(rig, 2.0e-6), driveHz);
        double detunedWatts = meanPowerOverPeriods(sim, AVERAGED_PERIODS);
        double resonantFarads = SteadyState.resonantTunedValue(rig, driveHz, 2.0);
        sim.setTunedValue(resonantFarads);
        settle(sim, SteadyState.amplitudeTimeConstantSeconds(rig, resonantFarads), driveHz);
        double expectedWatts = SteadyState.maximumLoadPowerWatts(rig, driveHz, 2.0);

        assertEquals(resonantFarads, sim.tunedValue());
        assertEquals(SteadyState.loadPowerWatts(rig, 2.0e-6, driveHz, 2.0), detunedWatts, detunedWatts * TOL_EXACT_RELATIVE);
        assertEquals(expectedWatts, meanPowerOverPeriods(sim, AVERAGED_PERIODS), expectedWatts * TOL_EXACT_RELATIVE);
    }

    @Test
    void loadVoltsAndPowerAreConsistent() {
        ForceDrivenMechanicalRig rig = forceRigWithQuality(20, 0.0);
        ResonatorSimulator sim = new ResonatorSimulator(rig, Drive.constant(30.0, 0.5), 2000.0, stiffnessAt30Hz());
        for (int i = 0; i < 1000; i++) {
            sim.step();
            double volts = sim.loadVolts();
            assertEquals(sim.loadPowerWatts(), volts * volts / rig.loadResistanceOhms(), 1e-12 * (1 + sim.loadPowerWatts()));
            assertEquals(rig.loadVoltsPerVelocity() * sim.velocity(), volts);
        }
        assertEquals(1000, sim.sampleIndex());
        assertEquals(0.5, sim.timeSeconds(), 1e-15);
        assertEquals(0.5, sim.driveAmplitude());
    }

    @Test
    void whiteNoiseDriveGivesTheFluctuationDissipationPower() {
        // Force noise σ held for h = 1/fs: two-sided autocorrelation D = σ²·h, and for
        // a·q'' + b·q' + k·q = w(t) the velocity variance is D/(2ab) (equipartition of the injected power).
        ForceDrivenMechanicalRig rig = forceRigWithQuality(5, 0.0);
        double sampleRateHz = 2000.0;
        double noiseNewtonsRms = 0.2;
        Drive drive = new Drive(new ConstantFrequency(30.0), new ConstantAmplitude(0.0),
                new GaussianNoise(noiseNewtonsRms, sampleRateHz, 17));
        ResonatorSimulator sim = new ResonatorSimulator(rig, drive, sampleRateHz, stiffnessAt30Hz());
        int samples = 4_000_000;
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            sim.step();
            sum += sim.loadPowerWatts();
        }
        double expectedWatts = rig.loadDamping() * noiseNewtonsRms * noiseNewtonsRms / sampleRateHz
                / (2 * rig.massKg() * rig.totalDamping());
        // ~2000 s / τ (53 ms) ≈ 38,000 independent stretches: a few % covers 5 standard errors.
        assertEquals(expectedWatts, sum / samples, expectedWatts * 0.04);
    }

    @Test
    void sameDriveSameTrace() {
        ForceDrivenMechanicalRig rig = forceRigWithQuality(20, 0.0);
        Drive first = new Drive(new FrequencyRandomWalk(30, 28, 32, 0.05, 0.1, 4), new ConstantAmplitude(0.5),
                new GaussianNoise(0.05, 500, 9));
        Drive second = new Drive(new FrequencyRandomWalk(30, 28, 32, 0.05, 0.1, 4), new ConstantAmplitude(0.5),
                new GaussianNoise(0.05, 500, 9));
        ResonatorSimulator a = new ResonatorSimulator(rig, first, 2000.0, stiffnessAt30Hz());
        ResonatorSimulator b = new ResonatorSimulator(rig, second, 2000.0, stiffnessAt30Hz());
        for (int i = 0; i < 100_000; i++) {
            a.step();
            b.step();
            // Asking the second drive out of order must not disturb it.
            second.frequencyHz(i % 7 * 0.3);
            second.noise(i % 5 * 0.01);
            assertEquals(a.loadVolts(), b.loadVolts());
        }
    }

    @Test
    void integratorHandlesCriticalAndOverDamping() {
        // ζ = 1/(2Q): Q = 0.5 is critical, Q = 0.1 heavily over-damped; both reach the closed form.
        for (double quality : new double[] {0.5, 0.5 * (1 + 1e-9), 0.1, 0.02}) {
            ForceDrivenMechanicalRig rig = forceRigWithQuality(quality, 0.0);
            assertEquals(0.0, relativeError(rig, stiffnessAt30Hz(), 30.0, 0.5), TOL_EXACT_RELATIVE, "Q = " + quality);
            assertEquals(0.0, relativeError(rig, stiffnessAt30Hz(), 21.0, 0.5), TOL_EXACT_RELATIVE, "Q = " + quality);
        }
    }

    @Test
    void constructorAndTuningRejectBadValues() {
        ForceDrivenMechanicalRig rig = forceRigWithQuality(20, 0.0);
        Drive drive = Drive.constant(30.0, 0.5);
        assertEquals("sampleRateHz", assertThrows(InvalidValueException.class,
                () -> new ResonatorSimulator(rig, drive, 0.0, 1000.0)).key());
        assertEquals("tunedValue", assertThrows(InvalidValueException.class,
                () -> new ResonatorSimulator(rig, drive, 1000.0, -1.0)).key());
        ResonatorSimulator sim = new ResonatorSimulator(rig, drive, 1000.0, 1000.0);
        assertEquals("tunedValue", assertThrows(InvalidValueException.class, () -> sim.setTunedValue(Double.NaN)).key());
    }

    // ---- one step against independent references -----------------------------------------------

    /**
     * The code's Φ and Γ0 agree with the 60-digit series to about 1 ulp (2e-16 relative, measured);
     * 1e-15 is five ulps.
     */
    private static final double TOL_ONE_STEP_RELATIVE = 1e-15;

    @Test
    void freeResponseOverOneSampleIsTheExactMatrixExponential() {
        // Φ = e^{Mh}, M = [[0, 1], [−k/m, −c/m]], from its Taylor series summed in 60-digit decimals;
        // the simulator's free step from (1, 0) and (0, 1) gives its columns. Under-damped, both
        // sides of critical damping close enough for the simulator's series (|(ω0² − σ²)h²| < 1e-3),
        // critical, and over-damped (m, k, c, sample rate).
        double[][] cases = {
            {0.05, 1776.5, 0.3, 640},
            {1, 9.09, 6, 10},
            {1, 8.91, 6, 10},
            {1, 9, 6, 10},
            {1, 1, 6, 10},
        };
        for (double[] c : cases) {
            ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(c[0], 0.0, c[2], 1.0, 0.0);
            double[] expected = exactOneStep(c[0], c[1], c[2], 1.0 / c[3]);
            ResonatorSimulator sim = new ResonatorSimulator(rig, Drive.constant(1.0, 0.0), c[3], c[1]);
            sim.setState(1.0, 0.0);
            sim.step();
            double[] actual = new double[4];
            actual[0] = sim.displacement();
            actual[2] = sim.velocity();
            sim.setState(0.0, 1.0);
            sim.step();
            actual[1] = sim.displacement();
            actual[3] = sim.velocity();
            for (int i = 0; i < 4; i++) {
                assertEquals(expected[i], actual[i], Math.abs(expected[i]) * TOL_ONE_STEP_RELATIVE,
                        "Φ[" + i / 2 + "][" + i % 2 + "] for m, k, c, fs = " + java.util.Arrays.toString(c));
            }
        }
    }

    /**
     * The displacement gain is (1 − Φ00)/k with Φ00 = 0.957 here: the difference loses 1.4 digits,
     * so an ulp of Φ00 is 2.5e-15 of the gain; 1e-13 leaves a margin.
     */
    private static final double TOL_NOISE_GAIN_RELATIVE = 1e-13;

    @Test
    void heldNoiseOverOneSampleIsTheExactConvolution() {
        // From rest with only noise: x(h) = Γ0·W0, Γ0 = ∫0^h e^{Ms} ds·B = h·Σ (Mh)^n/(n+1)!·B, B = (0, 1/a),
        // W0 the first held noise value rms·N_0 of the seed's stream. For base excitation the noise is
        // a base displacement: W0 = m·w0·ω² (m = 0.05 kg, 30 Hz).
        double sampleRateHz = 640.0;
        double stiffnessNPerM = 1776.5;
        double noise = 0.2 * CounterRandom.gaussian(CounterRandom.streamKey(31), 0);
        Drive drive = new Drive(new ConstantFrequency(30.0), new ConstantAmplitude(0.0), new GaussianNoise(0.2, sampleRateHz, 31));
        double[] exact = exactOneStep(0.05, stiffnessNPerM, 0.3, 1 / sampleRateHz);

        ResonatorSimulator force = new ResonatorSimulator(new ForceDrivenMechanicalRig(0.05, 0.1, 0.2, 1.0, 0.0), drive,
                sampleRateHz, stiffnessNPerM);
        force.step();
        assertEquals(exact[4] * noise, force.displacement(), Math.abs(exact[4] * noise) * TOL_NOISE_GAIN_RELATIVE);
        assertEquals(exact[5] * noise, force.velocity(), Math.abs(exact[5] * noise) * TOL_ONE_STEP_RELATIVE);

        double baseNoise = 0.05 * noise * Math.pow(2 * Math.PI * 30.0, 2);
        ResonatorSimulator base = new ResonatorSimulator(BaseExcitedMechanicalRig.stiffnessTuned(0.05, 0.1, 0.2, 1.0),
                drive, sampleRateHz, stiffnessNPerM);
        base.step();
        assertEquals(exact[5] * baseNoise, base.velocity(), Math.abs(exact[5] * baseNoise) * TOL_ONE_STEP_RELATIVE);
    }

    /**
     * {Φ00, Φ01, Φ10, Φ11, Γ0_q, Γ0_v} for a·q'' + b·q' + k·q = u over one sample h, from the Taylor
     * series of e^{Mh} and of ∫0^h e^{Ms} ds summed with 60 significant digits. The inputs are the
     * doubles the simulator forms (σ = b/(2a), ω0² = k/a), taken exactly.
     */
    private static double[] exactOneStep(double inertia, double stiffness, double damping, double h) {
        java.math.MathContext digits = new java.math.MathContext(60);
        java.math.BigDecimal step = new java.math.BigDecimal(h);
        java.math.BigDecimal[][] mh = {
            {java.math.BigDecimal.ZERO, step},
            {new java.math.BigDecimal(-(stiffness / inertia)).multiply(step, digits),
                new java.math.BigDecimal(-2 * (damping / (2 * inertia))).multiply(step, digits)},
        };
        java.math.BigDecimal[][] term = {{java.math.BigDecimal.ONE, java.math.BigDecimal.ZERO},
            {java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE}};
        java.math.BigDecimal[][] phi = new java.math.BigDecimal[2][2];
        java.math.BigDecimal[][] integral = new java.math.BigDecimal[2][2];
        for (java.math.BigDecimal[] row : phi) {
            java.util.Arrays.fill(row, java.math.BigDecimal.ZERO);
        }
        for (java.math.BigDecimal[] row : integral) {
            java.util.Arrays.fill(row, java.math.BigDecimal.ZERO);
        }
        // ‖Mh‖ ≤ 1 in every case here: 100 terms leave less than 1e-150.
        for (int n = 0; n < 100; n++) {
            java.math.BigDecimal[][] next = new java.math.BigDecimal[2][2];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    phi[i][j] = phi[i][j].add(term[i][j], digits);
                    integral[i][j] = integral[i][j].add(term[i][j].divide(java.math.BigDecimal.valueOf(n + 1), digits), digits);
                    next[i][j] = term[i][0].multiply(mh[0][j], digits).add(term[i][1].multiply(mh[1][j], digits), digits)
                            .divide(java.math.BigDecimal.valueOf(n + 1), digits);
                }
            }
            term = next;
        }
        java.math.BigDecimal inputGain = step.divide(new java.math.BigDecimal(inertia), digits);
        return new double[] {
            phi[0][0].doubleValue(), phi[0][1].doubleValue(), phi[1][0].doubleValue(), phi[1][1].doubleValue(),
            integral[0][1].multiply(inputGain, digits).doubleValue(), integral[1][1].multiply(inputGain, digits).doubleValue(),
        };
    }

    @Test
    void drivePhaseStaysReducedAndFollowsTheFrequency() {
        // 3 Hz at 8 S/s: 3π/4 per sample. After 3 samples 9π/4 → π/4; after 5, 15π/4 → 7π/4.
        ResonatorSimulator sim = new ResonatorSimulator(forceRigWithQuality(20, 0.0), Drive.constant(3.0, 0.5), 8.0,
                stiffnessAt30Hz());
        for (int i = 0; i < 3; i++) {
            sim.step();
        }
        assertEquals(Math.PI / 4, sim.drivePhaseRadians(), 1e-14);
        sim.step();
        sim.step();
        assertEquals(7 * Math.PI / 4, sim.drivePhaseRadians(), 1e-14);
        // 1 Hz at 4 S/s: a quarter turn per sample, exact in binary; the fourth lands on 2π exactly,
        // which must wrap to 0.
        ResonatorSimulator quarter = new ResonatorSimulator(forceRigWithQuality(20, 0.0), Drive.constant(1.0, 0.5), 4.0,
                stiffnessAt30Hz());
        for (int i = 1; i <= 12; i++) {
            quarter.step();
            double phase = quarter.drivePhaseRadians();
            assertTrue(phase >= 0 && phase < 2 * Math.PI, "phase " + phase + " after " + i + " samples");
            assertEquals(Math.cos(i * Math.PI / 2), Math.cos(phase), 1e-14);
            assertEquals(Math.sin(i * Math.PI / 2), Math.sin(phase), 1e-14);
        }
        assertEquals(0.0, quarter.drivePhaseRadians());
        // 2.25 Hz at 1 S/s (aliased, but allowed): 4.5π per sample, reduced to π/2 after the first.
        ResonatorSimulator aliased = new ResonatorSimulator(forceRigWithQuality(20, 0.0), Drive.constant(2.25, 0.5), 1.0,
                stiffnessAt30Hz());
        aliased.step();
        assertEquals(Math.PI / 2, aliased.drivePhaseRadians(), 1e-14);
    }

    @Test
    void accessorsReportTheSetUp() {
        ForceDrivenMechanicalRig rig = forceRigWithQuality(20, 0.0);
        Drive drive = Drive.constant(30.0, 0.5);
        ResonatorSimulator sim = new ResonatorSimulator(rig, drive, 1234.0, 1700.0);
        assertSame(rig, sim.rig());
        assertSame(drive, sim.drive());
        assertEquals(1234.0, sim.sampleRateHz());
        assertEquals(30.0, sim.driveFrequencyHz());
        assertEquals(0.5, sim.driveAmplitude());
        assertEquals(0.0, sim.timeSeconds());
        assertEquals("ResonatorSimulator[rig=mechanical-force, drive=constant, sampleRateHz=1234.0, tunedValue=1700.0, "
                + "timeSeconds=0.0]", sim.toString());
        Refusals.assertRefused("displacement", "NaN", "", () -> sim.setState(Double.NaN, 0.0));
        Refusals.assertRefused("velocity", "Infinity", "", () -> sim.setState(0.0, Double.POSITIVE_INFINITY));
        Refusals.assertRefused("rig", "null", "", () -> new ResonatorSimulator(null, drive, 1000.0, 1700.0));
        Refusals.assertRefused("drive", "null", "", () -> new ResonatorSimulator(rig, null, 1000.0, 1700.0));
    }

    // ---- the Runge–Kutta fallback against a fine independent integration -----------------------

    @Test
    void rungeKuttaFallbackFollowsNoiseWithTheExactPathsSign() {
        // With k3 = 1e-30 the fallback must reproduce the exact path sample by sample, noise included.
        ForceDrivenMechanicalRig linear = forceRigWithQuality(10, 0.0);
        ForceDrivenMechanicalRig nearlyLinear = forceRigWithQuality(10, 1e-30);
        Drive drive = new Drive(new ConstantFrequency(30.0), new ConstantAmplitude(0.1), new GaussianNoise(0.3, 400.0, 8));
        ResonatorSimulator exact = new ResonatorSimulator(linear, drive, 2000.0, stiffnessAt30Hz());
        ResonatorSimulator fallback = new ResonatorSimulator(nearlyLinear, drive, 2000.0, stiffnessAt30Hz());
        assertEquals(0.0, worstVelocityDifference(exact, fallback, 20_000), TOL_RK4_RELATIVE);
    }

    @Test
    void rungeKuttaFallbackTracksAFrequencyRampAtAFixedSubStepCount() {
        // 20 → 25 Hz over 2 s below f0 = 30 Hz: the sub-step count stays set by ω0 while ω changes
        // every sample, so the sub-step rotation must follow ω alone.
        ForceDrivenMechanicalRig linear = forceRigWithQuality(10, 0.0);
        ForceDrivenMechanicalRig nearlyLinear = forceRigWithQuality(10, 1e-30);
        Drive drive = Drive.of(new FrequencyRamp(20.0, 25.0, 0.0, 2.0), 0.5);
        ResonatorSimulator exact = new ResonatorSimulator(linear, drive, 1000.0, stiffnessAt30Hz());
        ResonatorSimulator fallback = new ResonatorSimulator(nearlyLinear, drive, 1000.0, stiffnessAt30Hz());
        assertEquals(0.0, worstVelocityDifference(exact, fallback, 2000), TOL_RK4_RELATIVE);
    }

    @Test
    void rungeKuttaFallbackStaysStableOnAFastOverDampedMode() {
        // c = 2000 N·s/m on 50 g (Q ≈ 0.005): the fast mode decays at about c/m = 40,000 /s, 40 per
        // sample at 1 kS/s; RK4 is stable only to |λ·h_s| ≈ 2.8, so the sub-steps must follow the decay
        // rate, not ω or ω0.
        ForceDrivenMechanicalRig linear = new ForceDrivenMechanicalRig(0.05, 0.0, 2000.0, 1.0, 0.0);
        ForceDrivenMechanicalRig nearlyLinear = new ForceDrivenMechanicalRig(0.05, 0.0, 2000.0, 1.0, 1e-30);
        Drive drive = Drive.constant(30.0, 0.5);
        ResonatorSimulator exact = new ResonatorSimulator(linear, drive, 1000.0, stiffnessAt30Hz());
        ResonatorSimulator fallback = new ResonatorSimulator(nearlyLinear, drive, 1000.0, stiffnessAt30Hz());
        assertEquals(0.0, worstVelocityDifference(exact, fallback, 200), TOL_RK4_RELATIVE);
    }

    /** Steps both simulators {@code samples} times: the worst |v_exact − v_fallback| over the peak |v_exact|. */
    private static double worstVelocityDifference(ResonatorSimulator exact, ResonatorSimulator fallback, int samples) {
        double peakVelocity = 0;
        double worstDifference = 0;
        for (int i = 0; i < samples; i++) {
            exact.step();
            fallback.step();
            peakVelocity = Math.max(peakVelocity, Math.abs(exact.velocity()));
            worstDifference = Math.max(worstDifference, Math.abs(exact.velocity() - fallback.velocity()));
        }
        return worstDifference / peakVelocity;
    }

    /**
     * Fine reference: 4000 RK4 sub-steps per sample (≤ 2e-4 rad each) with the drive sine evaluated
     * directly, against the simulator's adaptive ≤ 0.05 rad sub-steps: measured 2.4e-7 of the peak
     * over this run, so 1e-5 leaves a factor 40, while a stale sub-step rotation or a lost sub-step
     * count is off by far more.
     */
    private static final double TOL_RK4_TRACE_RELATIVE = 1e-5;

    @Test
    void rungeKuttaFallbackMatchesAFineIntegrationThroughStiffeningAndAFrequencyStep() {
        // k3 = 1e9 N/m³ with 2 N ringing up from rest: the cubic term comes to dominate the spring
        // (3·k3·X² > k, so the sub-steps grow with the amplitude); 8 samples per drive period; the
        // frequency steps from 40 Hz to 37 Hz at 1 s.
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.1, 0.2, 1.0, 1e9);
        Drive drive = Drive.of(new FrequencySteps(40.0, new double[] {1.0}, new double[] {37.0}), 2.0);
        double sampleRateHz = 320.0;
        ResonatorSimulator sim = new ResonatorSimulator(rig, drive, sampleRateHz, 1776.5);
        double q = 0;
        double v = 0;
        double phase = 0;
        double peak = 0;
        double worst = 0;
        int substeps = 4000;
        double h = 1 / sampleRateHz;
        double hs = h / substeps;
        for (int n = 0; n < 640; n++) {
            double omega = 2 * Math.PI * drive.frequencyHz(n * h);
            for (int i = 0; i < substeps; i++) {
                double s = i * hs;
                double k1q = v;
                double k1v = duffingAcceleration(q, v, 2.0 * Math.sin(phase + omega * s));
                double k2q = v + 0.5 * hs * k1v;
                double k2v = duffingAcceleration(q + 0.5 * hs * k1q, k2q, 2.0 * Math.sin(phase + omega * (s + 0.5 * hs)));
                double k3q = v + 0.5 * hs * k2v;
                double k3v = duffingAcceleration(q + 0.5 * hs * k2q, k3q, 2.0 * Math.sin(phase + omega * (s + 0.5 * hs)));
                double k4q = v + hs * k3v;
                double k4v = duffingAcceleration(q + hs * k3q, k4q, 2.0 * Math.sin(phase + omega * (s + hs)));
                q += hs / 6 * (k1q + 2 * k2q + 2 * k3q + k4q);
                v += hs / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
            }
            phase += omega * h;
            sim.step();
            peak = Math.max(peak, Math.abs(v));
            worst = Math.max(worst, Math.abs(sim.velocity() - v));
        }
        System.out.printf("RK4 fallback vs fine integration: worst %.3g of peak %.3g m/s%n", worst / peak, peak);
        double peakMetres = peak / (2 * Math.PI * 37.0);
        assertTrue(3 * 1e9 * peakMetres * peakMetres > 1776.5, "rang up to " + peak + " m/s: 3·k3·X² above k");
        assertEquals(0.0, worst / peak, TOL_RK4_TRACE_RELATIVE);
    }

    /** m·a = F − c·v − k·q − k3·q³ for the rig of the fine-integration test. */
    private static double duffingAcceleration(double q, double v, double force) {
        return (force - 0.3 * v - 1776.5 * q - 1e9 * q * q * q) / 0.05;
    }

    // ---- helpers -------------------------------------------------------------------------

    private static double[] driveRatios(double quality) {
        double[] ratios = new double[DETUNINGS_HALF_LINEWIDTHS.length + FAR_RATIOS.length];
        for (int i = 0; i < DETUNINGS_HALF_LINEWIDTHS.length; i++) {
            ratios[i] = 1 + DETUNINGS_HALF_LINEWIDTHS[i] / (2 * quality);
        }
        System.arraycopy(FAR_RATIOS, 0, ratios, DETUNINGS_HALF_LINEWIDTHS.length, FAR_RATIOS.length);
        return ratios;
    }

    /** L = 10 mH, f0 = 1 kHz at the nominal capacitance, R split 10/20/70 % source/coil/load. */
    private static SeriesRlcRig rlcWithQuality(double quality) {
        double resistanceOhms = 2 * Math.PI * 1000 * 10e-3 / quality;
        return SeriesRlcRig.linear(10e-3, 0.1 * resistanceOhms, 0.2 * resistanceOhms, 0.7 * resistanceOhms);
    }

    /** m = 50 g, f0 = 30 Hz at the nominal stiffness, c split 30/70 % mechanical/electrical. */
    private static ForceDrivenMechanicalRig forceRigWithQuality(double quality, double cubicNPerM3) {
        double dampingNsPerM = Math.sqrt(stiffnessAt30Hz() * 0.05) / quality;
        return new ForceDrivenMechanicalRig(0.05, 0.3 * dampingNsPerM, 0.7 * dampingNsPerM, 1000.0, cubicNPerM3);
    }

    private static BaseExcitedMechanicalRig baseRigWithQuality(double quality, BaseExcitedMechanicalRig.TunedParameter tuned) {
        double dampingNsPerM = Math.sqrt(stiffnessAt30Hz() * 0.05) / quality;
        return new BaseExcitedMechanicalRig(tuned, 0.05, stiffnessAt30Hz(), 0.3 * dampingNsPerM, 0.7 * dampingNsPerM,
                470.0, 0.0);
    }

    private static double stiffnessAt30Hz() {
        return 0.05 * Math.pow(2 * Math.PI * 30, 2);
    }

    /** Runs to steady state at 64 samples per drive period and returns |P_sim − P_closed| / P_closed. */
    private static double relativeError(RigModel rig, double tunedValue, double driveHz, double amplitude) {
        ResonatorSimulator sim = new ResonatorSimulator(rig, Drive.constant(driveHz, amplitude),
                SAMPLES_PER_PERIOD * driveHz, tunedValue);
        settle(sim, SteadyState.amplitudeTimeConstantSeconds(rig, tunedValue), driveHz);
        double expectedWatts = SteadyState.loadPowerWatts(rig, tunedValue, driveHz, amplitude);
        return Math.abs(meanPowerOverPeriods(sim, AVERAGED_PERIODS) - expectedWatts) / expectedWatts;
    }

    /** Steps whole drive periods covering SETTLE_TIME_CONSTANTS amplitude time constants (at least 50 periods). */
    private static void settle(ResonatorSimulator sim, double tauSeconds, double driveHz) {
        long periods = Math.max(50, (long) Math.ceil(SETTLE_TIME_CONSTANTS * tauSeconds * driveHz));
        long samples = periods * SAMPLES_PER_PERIOD;
        for (long i = 0; i < samples; i++) {
            sim.step();
        }
    }

    /** Mean load power over whole drive periods (the sample rate is SAMPLES_PER_PERIOD × drive frequency). */
    private static double meanPowerOverPeriods(ResonatorSimulator sim, int periods) {
        int samples = periods * SAMPLES_PER_PERIOD;
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            sim.step();
            sum += sim.loadPowerWatts();
        }
        return sum / samples;
    }

    /** Amplitude of the displacement's component at the drive frequency, over AVERAGED_PERIODS periods. */
    private static double firstHarmonicAmplitude(ResonatorSimulator sim) {
        int samples = AVERAGED_PERIODS * SAMPLES_PER_PERIOD;
        double sinSum = 0;
        double cosSum = 0;
        for (int i = 0; i < samples; i++) {
            double phase = sim.drivePhaseRadians();
            sinSum += sim.displacement() * Math.sin(phase);
            cosSum += sim.displacement() * Math.cos(phase);
            sim.step();
        }
        return 2 * Math.hypot(sinSum, cosSum) / samples;
    }
}
