package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        double peakVelocity = 0;
        double worstDifference = 0;
        for (int i = 0; i < 200_000; i++) {
            exact.step();
            fallback.step();
            peakVelocity = Math.max(peakVelocity, Math.abs(exact.velocity()));
            worstDifference = Math.max(worstDifference, Math.abs(exact.velocity() - fallback.velocity()));
        }
        assertEquals(0.0, worstDifference / peakVelocity, TOL_RK4_RELATIVE);
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
