package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteadyStateTest {
    private static final double TOL_RELATIVE = 1e-12;
    /** Root finding of the harmonic balance cubic is done to a few ulps. */
    private static final double TOL_ROOT_RELATIVE = 1e-10;

    // Series RLC: L = 10 mH, Rs = 1 Ω, Rc = 2 Ω, RL = 7 Ω (R = 10 Ω), V0 = 2 V at 1 kHz.
    private static final SeriesRlcRig RLC = SeriesRlcRig.linear(10e-3, 1.0, 2.0, 7.0);
    private static final double RLC_HZ = 1000.0;
    private static final double RLC_VOLTS = 2.0;

    // Force-driven: m = 50 g, c_m = 0.02, c_e = 0.08 N·s/m, F0 = 0.5 N at 30 Hz.
    private static final ForceDrivenMechanicalRig FORCE_RIG = new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 0.0);
    private static final double FORCE_HZ = 30.0;
    private static final double FORCE_NEWTONS = 0.5;

    @Test
    void rlcPowerMatchesHandValue() {
        // X = ωL − 1/(ωC) = 62.83185 − 79.57747 Ω; P = (V0²/2)·RL/(R² + X²).
        double expectedWatts = 0.036801842296512996;

        assertEquals(expectedWatts, SteadyState.loadPowerWatts(RLC, 2e-6, RLC_HZ, RLC_VOLTS), expectedWatts * TOL_RELATIVE);
    }

    @Test
    void rlcOptimumQualityAndTimeConstantMatchHandValues() {
        // C* = 1/(ω²L); P* = V0²·RL/(2R²) = 4·7/200; Q = ω0L/R = 2π·1000·0.01/10; τ = 2L/R; Γ = R/(2πL).
        double expectedCapacitanceFarads = 2.5330295910584444e-06;
        double expectedPeakWatts = 0.14;
        double expectedQuality = 6.283185307179586;
        double expectedTauSeconds = 2e-3;
        double expectedLinewidthHz = 159.15494309189532;

        double capacitanceFarads = SteadyState.resonantTunedValue(RLC, RLC_HZ, RLC_VOLTS);
        assertEquals(expectedCapacitanceFarads, capacitanceFarads, expectedCapacitanceFarads * TOL_RELATIVE);
        assertEquals(expectedPeakWatts, SteadyState.loadPowerWatts(RLC, capacitanceFarads, RLC_HZ, RLC_VOLTS),
                expectedPeakWatts * TOL_RELATIVE);
        assertEquals(expectedPeakWatts, SteadyState.maximumLoadPowerWatts(RLC, RLC_HZ, RLC_VOLTS),
                expectedPeakWatts * TOL_RELATIVE);
        assertEquals(expectedQuality, SteadyState.loadedQuality(RLC, capacitanceFarads), expectedQuality * TOL_RELATIVE);
        assertEquals(expectedTauSeconds, SteadyState.amplitudeTimeConstantSeconds(RLC, capacitanceFarads), 1e-15);
        assertEquals(expectedLinewidthHz, SteadyState.linewidthHz(RLC, capacitanceFarads), expectedLinewidthHz * TOL_RELATIVE);
        assertEquals(RLC_HZ, SteadyState.naturalFrequencyHz(RLC, capacitanceFarads), RLC_HZ * TOL_RELATIVE);
    }

    @Test
    void halfPowerPointsAreOneLinewidthApart() {
        double capacitanceFarads = SteadyState.resonantTunedValue(RLC, RLC_HZ, RLC_VOLTS);
        double linewidthHz = SteadyState.linewidthHz(RLC, capacitanceFarads);
        double peakWatts = SteadyState.loadPowerWatts(RLC, capacitanceFarads, RLC_HZ, RLC_VOLTS);
        // P/P* = 1/(1 + (2Δf/Γ)²) holds for the half-power points of a series RLC: the two
        // frequencies where |X| = R, f± = f0·(sqrt(1 + 1/(4Q²)) ± 1/(2Q)), 1/Q apart in f0 units.
        double quality = SteadyState.loadedQuality(RLC, capacitanceFarads);
        double upperHz = RLC_HZ * (Math.sqrt(1 + 1 / (4 * quality * quality)) + 1 / (2 * quality));
        double lowerHz = RLC_HZ * (Math.sqrt(1 + 1 / (4 * quality * quality)) - 1 / (2 * quality));

        assertEquals(linewidthHz, upperHz - lowerHz, linewidthHz * TOL_RELATIVE);
        assertEquals(peakWatts / 2, SteadyState.loadPowerWatts(RLC, capacitanceFarads, upperHz, RLC_VOLTS),
                peakWatts * TOL_RELATIVE);
        assertEquals(peakWatts / 2, SteadyState.loadPowerWatts(RLC, capacitanceFarads, lowerHz, RLC_VOLTS),
                peakWatts * TOL_RELATIVE);
    }

    @Test
    void forceDrivenOptimumMatchesHandValues() {
        // k* = mω² = 0.05·(2π·30)²; P* = ½·c_e·F0²/c² = 0.5·0.08·0.25/0.01.
        double expectedStiffnessNPerM = 1776.5287921960842;
        double expectedPeakWatts = 1.0;
        // P(k = 1700) = ½·c_e·ω²·F0²/((k − mω²)² + (cω)²).
        double expectedDetunedWatts = 0.05719702893455721;

        double stiffnessNPerM = SteadyState.resonantTunedValue(FORCE_RIG, FORCE_HZ, FORCE_NEWTONS);
        assertEquals(expectedStiffnessNPerM, stiffnessNPerM, expectedStiffnessNPerM * TOL_RELATIVE);
        assertEquals(expectedPeakWatts, SteadyState.maximumLoadPowerWatts(FORCE_RIG, FORCE_HZ, FORCE_NEWTONS),
                expectedPeakWatts * TOL_RELATIVE);
        assertEquals(expectedDetunedWatts, SteadyState.loadPowerWatts(FORCE_RIG, 1700.0, FORCE_HZ, FORCE_NEWTONS),
                expectedDetunedWatts * TOL_RELATIVE);
        assertEquals(2 * 0.05 / 0.1, SteadyState.amplitudeTimeConstantSeconds(FORCE_RIG, stiffnessNPerM), 1e-15);
    }

    @Test
    void overDampedRigDecaysOnItsSlowMode() {
        // Q = 0.1: σ = 5·ω0, slow mode rate σ − sqrt(σ² − ω0²) = ω0·(5 − sqrt(24)).
        double naturalOmega = 2 * Math.PI * 30;
        double stiffnessNPerM = 0.05 * naturalOmega * naturalOmega;
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.0, Math.sqrt(stiffnessNPerM * 0.05) / 0.1, 1.0, 0.0);
        double expectedTauSeconds = 1 / (naturalOmega * (5 - Math.sqrt(24)));

        assertEquals(expectedTauSeconds, SteadyState.amplitudeTimeConstantSeconds(rig, stiffnessNPerM),
                expectedTauSeconds * 1e-9);
    }

    @Test
    void baseExcitedPowerIsWilliamsYates() {
        double massKg = 0.05;
        double mechanicalNsPerM = 0.03;
        double electricalNsPerM = 0.12;
        BaseExcitedMechanicalRig stiffnessTuned = BaseExcitedMechanicalRig.stiffnessTuned(massKg, mechanicalNsPerM,
                electricalNsPerM, 470.0);
        BaseExcitedMechanicalRig massTuned = BaseExcitedMechanicalRig.massTuned(1800.0, mechanicalNsPerM,
                electricalNsPerM, 470.0);
        double baseMetres = 20e-6;
        for (double driveHz : new double[] {20.0, 28.0, 30.0, 30.2, 33.0, 45.0}) {
            assertWilliamsYates(stiffnessTuned, 1800.0, massKg, 1800.0, driveHz, baseMetres);
            assertWilliamsYates(massTuned, 0.07, 0.07, 1800.0, driveHz, baseMetres);
        }
    }

    private static void assertWilliamsYates(BaseExcitedMechanicalRig rig, double tunedValue, double massKg,
            double stiffnessNPerM, double driveHz, double baseMetres) {
        double omega = 2 * Math.PI * driveHz;
        double naturalOmega = Math.sqrt(stiffnessNPerM / massKg);
        double r = omega / naturalOmega;
        double zetaElectrical = rig.electricalDampingNsPerM() / (2 * massKg * naturalOmega);
        double zetaTotal = rig.totalDamping() / (2 * massKg * naturalOmega);
        // Williams & Yates 1996: P = m·ζe·Y0²·ω³·r³ / ((1 − r²)² + (2ζT·r)²).
        double expectedWatts = massKg * zetaElectrical * baseMetres * baseMetres * omega * omega * omega * r * r * r
                / ((1 - r * r) * (1 - r * r) + (2 * zetaTotal * r) * (2 * zetaTotal * r));

        assertEquals(expectedWatts, SteadyState.loadPowerWatts(rig, tunedValue, driveHz, baseMetres),
                expectedWatts * TOL_RELATIVE, rig.tunedParameter() + " at " + driveHz + " Hz");
    }

    @Test
    void massTunedOptimumIsAboveUnitFrequencyRatio() {
        // Low Q makes the shift visible: k = 2000 N/m, c = 5 N·s/m, 30 Hz.
        BaseExcitedMechanicalRig rig = BaseExcitedMechanicalRig.massTuned(2000.0, 2.0, 3.0, 470.0);
        double driveHz = 30.0;
        // m* = k/ω² + c²/k, r² = m*ω²/k = 1 + (cω/k)² = 1.222.
        double expectedMassKg = 0.06878954646796545;

        double massKg = SteadyState.resonantTunedValue(rig, driveHz, 1e-4);
        assertEquals(expectedMassKg, massKg, expectedMassKg * TOL_RELATIVE);
        double omega = 2 * Math.PI * driveHz;
        assertEquals(1.2220660990245107, massKg * omega * omega / 2000.0, 1e-12);
        // A fine scan finds nothing better.
        double peakWatts = SteadyState.loadPowerWatts(rig, massKg, driveHz, 1e-4);
        for (double trialKg = 0.03; trialKg < 0.12; trialKg += 1e-5) {
            assertTrue(SteadyState.loadPowerWatts(rig, trialKg, driveHz, 1e-4) <= peakWatts * (1 + 1e-15));
        }
        assertTrue(peakWatts > 1.05 * SteadyState.loadPowerWatts(rig, 2000.0 / (omega * omega), driveHz, 1e-4),
                "r = 1 is clearly worse");
    }

    @Test
    void duffingWithTinyCubicReducesToLinear() {
        ForceDrivenMechanicalRig nearlyLinear = new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 1e-9);
        for (double stiffnessNPerM : new double[] {1500.0, 1776.0, 1800.0, 2500.0}) {
            double expectedWatts = SteadyState.loadPowerWatts(FORCE_RIG, stiffnessNPerM, FORCE_HZ, FORCE_NEWTONS);
            assertEquals(expectedWatts, SteadyState.loadPowerWatts(nearlyLinear, stiffnessNPerM, FORCE_HZ, FORCE_NEWTONS),
                    expectedWatts * 1e-6);
        }
    }

    @Test
    void duffingRootsSatisfyHarmonicBalanceAndPowerCountsTheUpperBranch() {
        // Q ≈ 30 at 30 Hz, k3 chosen so that a 0.5 N drive is far above the critical force.
        double cubic = 2e7;
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.1, 0.2, 1000.0, cubic);
        double stiffnessNPerM = 1776.5;
        double forceNewtons = 0.5;
        assertTrue(forceNewtons > 3 * SteadyState.duffingCriticalForce(rig, stiffnessNPerM));
        boolean sawThreeBranches = false;
        for (double driveHz = 29.0; driveHz < 34.0; driveHz += 0.05) {
            double omega = 2 * Math.PI * driveHz;
            double[] amplitudes = SteadyState.displacementAmplitudes(rig, stiffnessNPerM, driveHz, forceNewtons);
            assertTrue(amplitudes.length == 1 || amplitudes.length == 3, "one or three branches");
            sawThreeBranches |= amplitudes.length == 3;
            for (double amplitudeMetres : amplitudes) {
                double inPhase = (stiffnessNPerM - 0.05 * omega * omega) * amplitudeMetres
                        + 0.75 * cubic * amplitudeMetres * amplitudeMetres * amplitudeMetres;
                double quadrature = rig.totalDamping() * omega * amplitudeMetres;
                assertEquals(forceNewtons * forceNewtons, inPhase * inPhase + quadrature * quadrature,
                        forceNewtons * forceNewtons * TOL_ROOT_RELATIVE, "harmonic balance at " + driveHz + " Hz");
            }
            double upperMetres = amplitudes[amplitudes.length - 1];
            assertEquals(upperMetres, SteadyState.displacementAmplitude(rig, stiffnessNPerM, driveHz, forceNewtons),
                    upperMetres * TOL_ROOT_RELATIVE);
            double expectedWatts = 0.5 * rig.loadDamping() * omega * omega * upperMetres * upperMetres;
            assertEquals(expectedWatts, SteadyState.loadPowerWatts(rig, stiffnessNPerM, driveHz, forceNewtons),
                    expectedWatts * TOL_ROOT_RELATIVE);
        }
        assertTrue(sawThreeBranches, "bistable region found above the critical force");
    }

    @Test
    void duffingCriticalForceIsTheOnsetOfBistability() {
        double cubic = 2e7;
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.1, 0.2, 1000.0, cubic);
        double stiffnessNPerM = 1776.5;
        double criticalNewtons = SteadyState.duffingCriticalForce(rig, stiffnessNPerM);

        assertEquals(1, maxBranchCount(rig, stiffnessNPerM, 0.98 * criticalNewtons));
        assertEquals(3, maxBranchCount(rig, stiffnessNPerM, 1.02 * criticalNewtons));

        // The textbook form F² = 32·ω0³·c³/(9√3·k3) is the high-Q limit (ω_cusp → ω0).
        double naturalOmega = Math.sqrt(stiffnessNPerM / 0.05);
        double textbookNewtons = Math.sqrt(32 * Math.pow(naturalOmega * rig.totalDamping(), 3) / (9 * Math.sqrt(3) * cubic));
        double quality = SteadyState.loadedQuality(rig, stiffnessNPerM);
        assertEquals(textbookNewtons, criticalNewtons, textbookNewtons * 3 / quality);
    }

    private static int maxBranchCount(RigModel rig, double stiffnessNPerM, double forceNewtons) {
        int most = 0;
        for (double driveHz = 28.0; driveHz < 34.0; driveHz += 0.001) {
            most = Math.max(most, SteadyState.displacementAmplitudes(rig, stiffnessNPerM, driveHz, forceNewtons).length);
        }
        return most;
    }

    @Test
    void duffingOptimumSitsOnTheBackboneAtTheLinearPeak() {
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 2e7);
        double omega = 2 * Math.PI * FORCE_HZ;
        double peakMetres = FORCE_NEWTONS / (rig.totalDamping() * omega);
        // Backbone: k + ¾·k3·X*² = mω² at the linear peak amplitude X* = F/(cω).
        double expectedStiffnessNPerM = 0.05 * omega * omega - 0.75 * 2e7 * peakMetres * peakMetres;

        assertEquals(expectedStiffnessNPerM, SteadyState.resonantTunedValue(rig, FORCE_HZ, FORCE_NEWTONS), 1e-9);
        assertEquals(1.0, SteadyState.maximumLoadPowerWatts(rig, FORCE_HZ, FORCE_NEWTONS), 1e-9);
        for (double stiffnessNPerM = 1500; stiffnessNPerM < 1900; stiffnessNPerM += 0.25) {
            assertTrue(SteadyState.loadPowerWatts(rig, stiffnessNPerM, FORCE_HZ, FORCE_NEWTONS) <= 1.0 + 1e-9);
        }
    }
}
