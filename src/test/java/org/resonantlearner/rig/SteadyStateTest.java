package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SteadyStateTest {
    private static final double TOL_RELATIVE = 1e-12;
    /** Root finding of the harmonic balance cubic is done to a few ulps. */
    private static final double TOL_ROOT_RELATIVE = 1e-10;
    /** Cardano's roots (ClosedForms) and the bracketed Newton agree to a few ulps; 1e-12 leaves room for conditioning. */
    private static final double TOL_CARDANO_RELATIVE = 1e-12;
    /** Hand values above are rounded to 7 significant digits. */
    private static final double TOL_HAND_ROUNDED_WATTS = 1e-8;

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
        // X = ωL − 1/(ωC) = 2π·1000·0.01 − 1/(2π·1000·2e-6) = 62.83185 − 79.57747 = −16.74562 Ω;
        // R² + X² = 100 + 280.4157 = 380.4157 Ω²; P = (V0²/2)·RL/(R² + X²) = 2·7/380.4157 = 0.03680184 W.
        double handWatts = 0.03680184;
        double closedFormWatts = ClosedForms.rlcLoadPowerWatts(10e-3, 10.0, 7.0, 2e-6, RLC_HZ, RLC_VOLTS);

        assertEquals(handWatts, closedFormWatts, TOL_HAND_ROUNDED_WATTS);
        assertEquals(closedFormWatts, SteadyState.loadPowerWatts(RLC, 2e-6, RLC_HZ, RLC_VOLTS), closedFormWatts * TOL_RELATIVE);
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
        // At C* = 2.5330 µF (f0 = 1 kHz): P* = V0²·RL/(2R²) = 0.14 W, Γ = R/(2πL) = 10/(2π·0.01) = 159.1549 Hz.
        // Half power where |ωL − 1/(ωC*)| = R: ω± = (±R + sqrt(R² + 4L/C*))/(2L), so f+ − f− = R/(2πL) = Γ.
        double capacitanceFarads = 1 / (Math.pow(2 * Math.PI * RLC_HZ, 2) * 10e-3);
        double peakWatts = 0.14;
        double linewidthHz = 159.15494309189535;
        double root = Math.sqrt(100 + 4 * 10e-3 / capacitanceFarads);
        double upperHz = (10 + root) / (2 * 10e-3) / (2 * Math.PI);
        double lowerHz = (-10 + root) / (2 * 10e-3) / (2 * Math.PI);

        assertEquals(linewidthHz, upperHz - lowerHz, linewidthHz * TOL_RELATIVE);
        assertEquals(linewidthHz, SteadyState.linewidthHz(RLC, capacitanceFarads), linewidthHz * TOL_RELATIVE);
        assertEquals(peakWatts, SteadyState.loadPowerWatts(RLC, capacitanceFarads, RLC_HZ, RLC_VOLTS), peakWatts * TOL_RELATIVE);
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
        // P(k = 1700) = ½·c_e·ω²·F0²/((k − mω²)² + (cω)²) = ½·0.08·35530.6·0.25/((−76.529)² + 18.850²)
        //             = 355.306/(5856.6 + 355.3) = 0.057197 W.
        double expectedDetunedWatts = ClosedForms.forceDrivenPowerWatts(0.05, 0.1, 0.08, 1700.0, FORCE_HZ, FORCE_NEWTONS);
        assertEquals(0.057197, expectedDetunedWatts, 1e-6);

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
        // A fine scan of the Williams–Yates closed form finds nothing better.
        double peakWatts = ClosedForms.williamsYatesPowerWatts(massKg, 2000.0, 5.0, 3.0, driveHz, 1e-4);
        assertEquals(peakWatts, SteadyState.loadPowerWatts(rig, massKg, driveHz, 1e-4), peakWatts * TOL_RELATIVE);
        for (double trialKg = 0.03; trialKg < 0.12; trialKg += 1e-5) {
            assertTrue(ClosedForms.williamsYatesPowerWatts(trialKg, 2000.0, 5.0, 3.0, driveHz, 1e-4) <= peakWatts * (1 + 1e-15));
        }
        assertTrue(peakWatts > 1.05 * ClosedForms.williamsYatesPowerWatts(2000.0 / (omega * omega), 2000.0, 5.0, 3.0,
                driveHz, 1e-4), "r = 1 is clearly worse");
    }

    @Test
    void duffingWithTinyCubicReducesToLinear() {
        ForceDrivenMechanicalRig nearlyLinear = new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 1e-9);
        for (double stiffnessNPerM : new double[] {1500.0, 1776.0, 1800.0, 2500.0}) {
            double expectedWatts = ClosedForms.forceDrivenPowerWatts(0.05, 0.1, 0.08, stiffnessNPerM, FORCE_HZ, FORCE_NEWTONS);
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
        // Q = sqrt(k·m)/c = sqrt(1776.5·0.05)/0.3 = 31.4.
        double quality = Math.sqrt(stiffnessNPerM * 0.05) / rig.totalDamping();
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

    // ---- Duffing: independent roots (Cardano), the mass-tuned optimum, the branch that counts --------

    @Test
    void duffingUpperBranchMatchesCardanoOverDetuningDriveAndNonlinearity() {
        // From weakly nonlinear far off resonance (the cubic's critical points beyond u = 1) to strongly
        // bistable: every amplitude the harmonic balance allows, and the upper one that the powers count.
        boolean sawBistable = false;
        boolean sawSingleBelowAndAbove = false;
        for (double cubic : new double[] {1e3, 1e5, 1e7, 1e9}) {
            ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.1, 0.2, 1000.0, cubic);
            for (double forceNewtons : new double[] {0.01, 0.5, 5.0}) {
                for (double driveHz = 20.0; driveHz <= 45.0; driveHz += 0.25) {
                    double[] expected = ClosedForms.duffingAmplitudes(rig, 1776.5, driveHz, forceNewtons);
                    double[] actual = SteadyState.displacementAmplitudes(rig, 1776.5, driveHz, forceNewtons);
                    String where = "k3 = " + cubic + ", F = " + forceNewtons + " N, " + driveHz + " Hz";
                    assertEquals(expected.length, actual.length, where);
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], actual[i], expected[i] * TOL_CARDANO_RELATIVE, where + ", root " + i);
                    }
                    double upperMetres = expected[expected.length - 1];
                    assertEquals(upperMetres, SteadyState.displacementAmplitude(rig, 1776.5, driveHz, forceNewtons),
                            upperMetres * TOL_CARDANO_RELATIVE, where);
                    double omega = 2 * Math.PI * driveHz;
                    double upperWatts = 0.5 * 0.2 * omega * omega * upperMetres * upperMetres;
                    assertEquals(upperWatts, SteadyState.loadPowerWatts(rig, 1776.5, driveHz, forceNewtons),
                            upperWatts * TOL_CARDANO_RELATIVE, where);
                    sawBistable |= expected.length == 3;
                    sawSingleBelowAndAbove |= expected.length == 1 && cubic == 1e9 && forceNewtons == 5.0;
                }
            }
        }
        assertTrue(sawBistable && sawSingleBelowAndAbove);
    }

    // Base-excited, mass tuned: k = 2000 N/m, c = 0.5 + 1.0 N·s/m, driven at 30 Hz with Y0 = 0.1 mm.
    private static final double MASS_RIG_HZ = 30.0;
    private static final double MASS_RIG_BASE_METRES = 1e-4;
    /** Linear optimum m* = k/ω² + c²/k = 2000/35530.58 + 2.25/2000 = 0.0562895 + 0.001125 = 0.0574145 kg. */
    private static final double LINEAR_MASS_KG = 2000.0 / Math.pow(2 * Math.PI * MASS_RIG_HZ, 2) + 1.5 * 1.5 / 2000.0;

    private static BaseExcitedMechanicalRig massTunedDuffing(double cubicNPerM3) {
        return new BaseExcitedMechanicalRig(BaseExcitedMechanicalRig.TunedParameter.MASS, 0.0, 2000.0, 0.5, 1.0, 470.0,
                cubicNPerM3);
    }

    @Test
    void duffingMassTunedOptimumMatchesAnIndependentScan() {
        // k3 = 3e8: the hardening spring acts stiffer, so the best mass moves above the linear m*.
        BaseExcitedMechanicalRig rig = massTunedDuffing(3e8);
        double expectedKg = scanArgmaxKg(rig, LINEAR_MASS_KG / 16, LINEAR_MASS_KG * 16, MASS_RIG_HZ, MASS_RIG_BASE_METRES);
        assertEquals(0.0610028, expectedKg, 1e-7);

        double massKg = SteadyState.resonantTunedValue(rig, MASS_RIG_HZ, MASS_RIG_BASE_METRES);
        assertEquals(expectedKg, massKg, expectedKg * TOL_ARGMAX_RELATIVE);
        assertTrue(massKg > 1.05 * LINEAR_MASS_KG, "hardening moves the optimum up: " + massKg + " kg");
        double peakWatts = ClosedForms.duffingUpperPowerWatts(rig, massKg, MASS_RIG_HZ, MASS_RIG_BASE_METRES);
        assertEquals(peakWatts, SteadyState.maximumLoadPowerWatts(rig, MASS_RIG_HZ, MASS_RIG_BASE_METRES),
                peakWatts * TOL_CARDANO_RELATIVE);
        assertTrue(peakWatts > 1.1 * ClosedForms.duffingUpperPowerWatts(rig, LINEAR_MASS_KG, MASS_RIG_HZ, MASS_RIG_BASE_METRES));
    }

    @Test
    void duffingMassTunedOptimumStopsAtTheSearchBoundWhenTheUpperBranchKeepsGrowing() {
        // k3 = 5e8: the upper branch (three branches there) keeps gaining with mass, because the
        // inertial force m·Y0·ω² grows with m; the search interval [m_lin/16, 16·m_lin] ends it.
        BaseExcitedMechanicalRig rig = massTunedDuffing(5e8);
        double boundKg = 16 * LINEAR_MASS_KG;

        assertEquals(boundKg, SteadyState.resonantTunedValue(rig, MASS_RIG_HZ, MASS_RIG_BASE_METRES),
                boundKg * TOL_ARGMAX_RELATIVE);
        assertEquals(3, ClosedForms.duffingAmplitudes(rig, boundKg, MASS_RIG_HZ, MASS_RIG_BASE_METRES).length);
        assertEquals(boundKg, scanArgmaxKg(rig, LINEAR_MASS_KG / 16, boundKg, MASS_RIG_HZ, MASS_RIG_BASE_METRES),
                boundKg * TOL_ARGMAX_RELATIVE);
    }

    /** Scan granularity of {@link #scanArgmaxKg}: 1e-4 in log mass, refined by a parabola through the best three. */
    private static final double SCAN_LOG_STEP = 1e-4;
    /**
     * The power is flat at its top (P ≈ P*(1 − 0.8·x²) for a relative mass error x): rounding in P
     * (1e-16) hides x below ~1e-8 and the parabola's cubic error is ~1e-8; 1e-6 leaves a margin.
     */
    private static final double TOL_ARGMAX_RELATIVE = 1e-6;

    /** Mass (kg) of the highest upper-branch power over [lowKg, highKg], from Cardano's roots on a dense log grid. */
    private static double scanArgmaxKg(RigModel rig, double lowKg, double highKg, double driveHz, double baseMetres) {
        int points = (int) Math.ceil(Math.log(highKg / lowKg) / SCAN_LOG_STEP) + 1;
        double logStep = Math.log(highKg / lowKg) / (points - 1);
        int best = 0;
        double[] watts = new double[points];
        for (int i = 0; i < points; i++) {
            watts[i] = ClosedForms.duffingUpperPowerWatts(rig, lowKg * Math.exp(i * logStep), driveHz, baseMetres);
            if (watts[i] > watts[best]) {
                best = i;
            }
        }
        if (best == 0 || best == points - 1) {
            return lowKg * Math.exp(best * logStep);
        }
        // Vertex of the parabola through the best point and its neighbours (in log mass).
        double curvature = watts[best - 1] - 2 * watts[best] + watts[best + 1];
        double offset = 0.5 * (watts[best - 1] - watts[best + 1]) / curvature;
        return lowKg * Math.exp((best + offset) * logStep);
    }

    @Test
    void duffingPowerCountsTheUpperOfThreeBranches() {
        // Mass-tuned base-excited rig at 0.9 kg with k3 = 5e8: three branches; the lower two are well below.
        BaseExcitedMechanicalRig rig = massTunedDuffing(5e8);
        double[] branches = ClosedForms.duffingAmplitudes(rig, 0.9, MASS_RIG_HZ, MASS_RIG_BASE_METRES);
        assertEquals(3, branches.length);
        double omega = 2 * Math.PI * 30.0;
        double upperWatts = 0.5 * 1.0 * omega * omega * branches[2] * branches[2];
        double lowerWatts = 0.5 * 1.0 * omega * omega * branches[0] * branches[0];

        assertEquals(upperWatts, SteadyState.loadPowerWatts(rig, 0.9, MASS_RIG_HZ, MASS_RIG_BASE_METRES), upperWatts * TOL_CARDANO_RELATIVE);
        assertTrue(upperWatts > 10 * lowerWatts);
        assertEquals(branches[2], SteadyState.displacementAmplitude(rig, 0.9, MASS_RIG_HZ, MASS_RIG_BASE_METRES), branches[2] * TOL_CARDANO_RELATIVE);
    }

    @Test
    void nonlinearCapacitorOptimumSitsOnTheBackbone() {
        // RLC with k3 = 1e12 V/C³, V0 = 2 V at 1 kHz: X* = V0/(Rω) = 2/(10·6283.19) = 3.1831e-5 C,
        // 1/C* = Lω² − ¾·k3·X*² = 0.01·3.9478e7 − 0.75·1e12·1.01321e-9 = 394784.2 − 759.9 = 394024.3 1/F.
        SeriesRlcRig rig = new SeriesRlcRig(10e-3, 1.0, 2.0, 7.0, 1e12);
        double omega = 2 * Math.PI * RLC_HZ;
        double peakCoulombs = RLC_VOLTS / (10.0 * omega);
        double expectedFarads = 1 / (10e-3 * omega * omega - 0.75 * 1e12 * peakCoulombs * peakCoulombs);
        assertEquals(1 / 394024.3, expectedFarads, expectedFarads * 1e-6);

        double capacitanceFarads = SteadyState.resonantTunedValue(rig, RLC_HZ, RLC_VOLTS);
        assertEquals(expectedFarads, capacitanceFarads, expectedFarads * TOL_RELATIVE);
        // On the backbone the upper branch reaches the linear peak power P* = V0²·RL/(2R²) = 0.14 W.
        assertEquals(0.14, SteadyState.maximumLoadPowerWatts(rig, RLC_HZ, RLC_VOLTS), 0.14 * TOL_CARDANO_RELATIVE);
        assertEquals(0.14, ClosedForms.duffingUpperPowerWatts(rig, capacitanceFarads, RLC_HZ, RLC_VOLTS),
                0.14 * TOL_CARDANO_RELATIVE);
    }

    @Test
    void drivesTooStrongForAnyPositiveSpringReturnTheNonPositiveBackboneValue() {
        // Force rig, k3 = 2e7 N/m³, 30 Hz: mω² = 1776.53 N/m; X* = F/(cω) = 5/(0.1·188.5) = 0.26526 m;
        // k_lin = 1776.53 − 0.75·2e7·0.070362 = 1776.53 − 1.05543e6 < 0; the RLC twin returns 1/k_lin < 0.
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 2e7);
        double omega = 2 * Math.PI * FORCE_HZ;
        double peakMetres = 5.0 / (0.1 * omega);
        double expectedNPerM = 0.05 * omega * omega - 0.75 * 2e7 * peakMetres * peakMetres;
        assertEquals(-1.05366e6, expectedNPerM, 1e2);
        assertEquals(expectedNPerM, SteadyState.resonantTunedValue(rig, FORCE_HZ, 5.0), -expectedNPerM * TOL_RELATIVE);

        SeriesRlcRig rlc = new SeriesRlcRig(10e-3, 1.0, 2.0, 7.0, 1e16);
        double peakCoulombs = RLC_VOLTS / (10.0 * 2 * Math.PI * RLC_HZ);
        double elastance = 10e-3 * Math.pow(2 * Math.PI * RLC_HZ, 2) - 0.75 * 1e16 * peakCoulombs * peakCoulombs;
        assertTrue(elastance < 0);
        assertEquals(1 / elastance, SteadyState.resonantTunedValue(rlc, RLC_HZ, RLC_VOLTS), -1 / elastance * TOL_RELATIVE);
    }

    // ---- linear amplitudes, degenerate drives, critical force, refusals ------------------------------

    @Test
    void linearAmplitudeIsForceOverImpedance() {
        // Force rig at k = 1700 N/m, 30 Hz, 0.5 N: |Z| = sqrt((1700 − 1776.529)² + (0.1·188.496)²) = 78.816 N/m,
        // X = 0.5/78.816 = 6.3439 mm; at 20 Hz (mω² = 789.57): |Z| = sqrt(910.43² + 12.566²) = 910.52, X = 0.54913 mm.
        for (double driveHz : new double[] {30.0, 20.0}) {
            double omega = 2 * Math.PI * driveHz;
            double expectedMetres = 0.5 / Math.hypot(1700 - 0.05 * omega * omega, 0.1 * omega);
            assertEquals(expectedMetres, SteadyState.displacementAmplitude(FORCE_RIG, 1700.0, driveHz, 0.5),
                    expectedMetres * TOL_RELATIVE);
            assertArrayEquals(new double[] {expectedMetres},
                    SteadyState.displacementAmplitudes(FORCE_RIG, 1700.0, driveHz, 0.5), expectedMetres * TOL_RELATIVE);
        }
        assertEquals(6.3439e-3, SteadyState.displacementAmplitude(FORCE_RIG, 1700.0, 30.0, 0.5), 1e-7);
        assertEquals(0.54913e-3, SteadyState.displacementAmplitude(FORCE_RIG, 1700.0, 20.0, 0.5), 1e-8);
    }

    @Test
    void duffingRigWithoutDriveRestsAndAVanishingDriveIsLinear() {
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 2e7);
        assertEquals(0.0, SteadyState.loadPowerWatts(rig, 1776.5, FORCE_HZ, 0.0));
        assertEquals(0.0, SteadyState.loadPowerWatts(rig, 1776.5, 0.0, 0.5), "no motion at 0 Hz: no power");
        assertEquals(0.0, SteadyState.displacementAmplitude(rig, 1776.5, FORCE_HZ, 0.0));
        assertArrayEquals(new double[] {0.0}, SteadyState.displacementAmplitudes(rig, 1776.5, FORCE_HZ, 0.0));
        // At 0 Hz the harmonic balance is static, k·X + ¾·k3·X³ = F (the limit ω → 0 of the one branch):
        // k = 1000 N/m, k3 = 4e6 N/m³, F = 13 N → X = 0.01 m (10 + 0.75·4e6·1e-6 = 13).
        ForceDrivenMechanicalRig stiff = new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 4e6);
        assertEquals(0.01, SteadyState.displacementAmplitude(stiff, 1000.0, 0.0, 13.0), 0.01 * TOL_RELATIVE);
        assertArrayEquals(new double[] {0.01}, SteadyState.displacementAmplitudes(stiff, 1000.0, 0.0, 13.0), 0.01 * TOL_RELATIVE);
        // Strongly nonlinear (the linear guess F/k is 3e4 times the root): k = 1 N/m, k3 = 4e12 N/m³,
        // F = 3.0001 N → X = 1e-4 m (1e-4 + 0.75·4e12·1e-12 = 3.0001); a negative peak force has the same amplitude.
        ForceDrivenMechanicalRig soft = new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 4e12);
        assertEquals(1e-4, SteadyState.displacementAmplitude(soft, 1.0, 0.0, -3.0001), 1e-4 * TOL_RELATIVE);
        // A nearly free spring: k = 1e-3 N/m, k3 = 4000 N/m³, F = 3.0001 N → X = 0.1 m (1e-4 + 0.75·4000·1e-3).
        ForceDrivenMechanicalRig loose = new ForceDrivenMechanicalRig(0.05, 0.02, 0.08, 1000.0, 4000.0);
        assertEquals(0.1, SteadyState.displacementAmplitude(loose, 1e-3, 0.0, 3.0001), 0.1 * TOL_RELATIVE);
        // 1e-170 N: F² underflows to 0 in the cubic's coefficient, leaving the linear X = F/|Z|.
        double omega = 2 * Math.PI * FORCE_HZ;
        double expectedMetres = 1e-170 / Math.hypot(1776.5 - 0.05 * omega * omega, 0.1 * omega);
        assertEquals(expectedMetres, SteadyState.displacementAmplitude(rig, 1776.5, FORCE_HZ, 1e-170),
                expectedMetres * TOL_RELATIVE);
    }

    @Test
    void criticalForceIsInfiniteForALinearRigAndTheExactOnsetAtLowQuality() {
        assertEquals(Double.POSITIVE_INFINITY, SteadyState.duffingCriticalForce(FORCE_RIG, 1776.5));
        // Q = 2: the exact cusp frequency ω_c = (√3·c + sqrt(3c² + 4mk))/(2m) is far from ω0, and so is
        // F_crit from the textbook value. By hand: c = sqrt(1776.5·0.05)/2 = 4.71235 N·s/m,
        // ω_c = (8.16203 + sqrt(66.6194 + 355.3))/0.1 = 287.027 rad/s, cω_c = 1352.57,
        // F² = 32·1352.57³/(9√3·1e6) = 7.91828e10/1.55885e7 = 5079.6, F = 71.271 N (textbook at ω0: 37.93 N).
        double massKg = 0.05;
        double stiffnessNPerM = 1776.5;
        double dampingNsPerM = Math.sqrt(stiffnessNPerM * massKg) / 2;
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(massKg, 0.0, dampingNsPerM, 1.0, 1e6);
        double criticalNewtons = SteadyState.duffingCriticalForce(rig, stiffnessNPerM);
        assertEquals(71.271, criticalNewtons, 1e-3);
        // Independently: Cardano's roots over a fine frequency scan find three branches only above it.
        assertEquals(1, maxCardanoBranchCount(massKg, stiffnessNPerM, dampingNsPerM, 1e6, 0.98 * criticalNewtons));
        assertEquals(3, maxCardanoBranchCount(massKg, stiffnessNPerM, dampingNsPerM, 1e6, 1.02 * criticalNewtons));
    }

    /** Most branches at any of 100,000 drive frequencies from ω0 to 2·ω0 (the bistable band opens above ω0). */
    private static int maxCardanoBranchCount(double massKg, double stiffnessNPerM, double dampingNsPerM, double cubic,
            double forceNewtons) {
        double naturalOmega = Math.sqrt(stiffnessNPerM / massKg);
        int most = 0;
        for (int i = 0; i <= 100_000; i++) {
            double omega = naturalOmega * (1 + i / 100_000.0);
            most = Math.max(most,
                    ClosedForms.duffingAmplitudes(massKg, stiffnessNPerM, dampingNsPerM, cubic, omega, forceNewtons).length);
        }
        return most;
    }

    @Test
    void resonantTunedValueRefusesWhatItCannotTune() {
        Refusals.assertRefused("driveFrequencyHz", "0.0", "Hz", () -> SteadyState.resonantTunedValue(FORCE_RIG, 0.0, 0.5));
        // Just inside: k* = m·ω² underflows to 0 at the smallest positive frequency (F/(cω) overflows
        // there, which must not turn the linear answer into NaN); 1 mHz by hand:
        // 0.05·(2π·0.001)² = 0.05·3.94784e-5 = 1.97392e-6 N/m.
        assertEquals(0.0, SteadyState.resonantTunedValue(FORCE_RIG, Double.MIN_VALUE, 0.5));
        assertEquals(0.0, SteadyState.resonantTunedValue(BaseExcitedMechanicalRig.stiffnessTuned(0.05, 0.02, 0.08, 470.0),
                Double.MIN_VALUE, 1e-4));
        assertEquals(1.97392e-6, SteadyState.resonantTunedValue(FORCE_RIG, 1e-3, 0.5), 1e-11);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SteadyState.resonantTunedValue(new UnitRig("H"), 1000.0, 1.0));
        assertEquals("tuned parameter unit H is not one of F, N/m, kg", error.getMessage());
    }

    /** A rig whose tuned unit is {@code unit}; otherwise the series RLC of these tests. */
    private record UnitRig(String unit) implements RigModel {
        @Override public String kind() { return "fake"; }
        @Override public String tunedParameterColumn() { return "Inductance (H)"; }
        @Override public String tunedParameterUnit() { return unit; }
        @Override public String driveAmplitudeUnit() { return "V"; }
        @Override public double inertia(double tunedValue) { return RLC.inertia(tunedValue); }
        @Override public double stiffness(double tunedValue) { return RLC.stiffness(tunedValue); }
        @Override public double totalDamping() { return RLC.totalDamping(); }
        @Override public double loadDamping() { return RLC.loadDamping(); }
        @Override public double cubicStiffness() { return 0.0; }
        @Override public double loadResistanceOhms() { return RLC.loadResistanceOhms(); }
        @Override public double loadVoltsPerVelocity() { return RLC.loadVoltsPerVelocity(); }
        @Override public double forceAmplitude(double driveAmplitude, double omega, double tunedValue) { return driveAmplitude; }
    }
}
