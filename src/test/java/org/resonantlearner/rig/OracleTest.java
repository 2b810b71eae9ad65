package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The oracle against an independent brute force: every whole position of the range, its power from
 * the closed forms of DESIGN §2 ({@link ClosedForms}), never from {@link SteadyState} or the oracle.
 */
class OracleTest {
    /** Oracle (SteadyState) and ClosedForms evaluate the same closed form in a different order: rounding only. */
    private static final double TOL_RELATIVE = 1e-12;
    /** Upper Duffing branch: bracketed Newton against Cardano, a few ulps (see SteadyStateTest). */
    private static final double TOL_CARDANO_RELATIVE = 1e-12;

    // L = 10 mH, Rs = 1 Ω, Rc = 2 Ω, RL = 7 Ω (R = 10 Ω).
    private static final SeriesRlcRig RLC = SeriesRlcRig.linear(10e-3, 1.0, 2.0, 7.0);

    private static double rlcWatts(double capacitanceFarads, double driveHz, double volts) {
        return ClosedForms.rlcLoadPowerWatts(10e-3, 10.0, 7.0, capacitanceFarads, driveHz, volts);
    }

    /** Position-by-position power of a rig, for the brute force. */
    private interface PowerAtPosition {
        double watts(int positionSteps);
    }

    /** The first position of [min, max] with the highest power (ties go to the lowest position). */
    private static int bruteForceBest(PowerAtPosition power, int minPositionSteps, int maxPositionSteps) {
        int best = minPositionSteps;
        for (int position = minPositionSteps + 1; position <= maxPositionSteps; position++) {
            if (power.watts(position) > power.watts(best)) {
                best = position;
            }
        }
        return best;
    }

    @Test
    void bestPositionIsTheWholeStepNearestTheResonantCapacitance() {
        // 1 nF per step from 1 µF to 4 µF; C* = 1/(ω²L), and P is unimodal in C, so the best whole
        // position is one of the two around (C* − 1 µF)/1 nF.
        LinearTuningMap map = new LinearTuningMap(0, 3000, 1e-6, 4e-6);
        Oracle oracle = new Oracle(RLC, map, 0, 3000);
        for (double driveHz : new double[] {850.0, 1000.0, 1234.5, 1500.0}) {
            double resonantFarads = 1 / (Math.pow(2 * Math.PI * driveHz, 2) * 10e-3);
            double resonantPosition = (resonantFarads - 1e-6) / 1e-9;
            int below = (int) Math.floor(resonantPosition);
            int expectedPosition = rlcWatts(map.valueAt(below), driveHz, 2.0) >= rlcWatts(map.valueAt(below + 1), driveHz, 2.0)
                    ? below : below + 1;
            double powerWatts = oracle.powerWatts(driveHz, 2.0);

            assertEquals(expectedPosition, oracle.bestPositionSteps(), driveHz + " Hz");
            assertEquals(map.valueAt(expectedPosition), oracle.bestTunedValue());
            double expectedWatts = rlcWatts(map.valueAt(expectedPosition), driveHz, 2.0);
            assertEquals(expectedWatts, powerWatts, expectedWatts * TOL_RELATIVE);
            // Within one step of C* the power is within (ΔC/C·Q)² ≈ 1e-6 of P* = V0²·RL/(2R²) = 0.14 W.
            assertEquals(0.14, powerWatts, 0.14 * 1e-4);
        }
    }

    /** Asks the oracle for 2 V at 1 kHz and asserts it picks {@code expectedPosition}, with the closed-form power there. */
    private static void assertBestAt1kHz(int expectedPosition, Oracle oracle) {
        double watts = oracle.powerWatts(1000.0, 2.0);
        assertEquals(expectedPosition, oracle.bestPositionSteps(), oracle.toString());
        assertEquals(rlcWatts(oracle.map().valueAt(expectedPosition), 1000.0, 2.0), watts, watts * TOL_RELATIVE);
    }

    @Test
    void unreachableOptimumClampsToTheRangeEdge() {
        // C* = 2.533 µF at 1 kHz lies above a 1..2 µF map and below a 3..4 µF one.
        assertBestAt1kHz(1000, new Oracle(RLC, new LinearTuningMap(0, 1000, 1e-6, 2e-6), 0, 1000));
        assertBestAt1kHz(0, new Oracle(RLC, new LinearTuningMap(0, 1000, 3e-6, 4e-6), 0, 1000));
        // The actuator range, not the map, decides what is reachable.
        LinearTuningMap wide = new LinearTuningMap(0, 3000, 1e-6, 4e-6);
        assertBestAt1kHz(800, new Oracle(RLC, wide, 0, 800));
        assertBestAt1kHz(2000, new Oracle(RLC, wide, 2000, 3000));
    }

    @Test
    void matchesBruteForceOnNonlinearMaps() {
        SeriesRlcRig rig = SeriesRlcRig.linear(1e-3, 5.0, 10.0, 50.0);
        VaractorTuningMap varactor = new VaractorTuningMap(100e-12, 0.7, 0.5, 20e-12, 5.0, 12);
        CapacitorBankTuningMap bank = new CapacitorBankTuningMap(40e-12, 0.1e-12, 10);
        TabulatedTuningMap table = new TabulatedTuningMap(
                new double[] {0, 100, 400, 1000, 2000}, new double[] {120e-12, 100e-12, 80e-12, 60e-12, 50e-12});
        TuningMap[] maps = {varactor, bank, table};
        int[] maxPositions = {4095, 1023, 2000};
        for (int m = 0; m < maps.length; m++) {
            TuningMap map = maps[m];
            Oracle oracle = new Oracle(rig, map, 0, maxPositions[m]);
            for (double driveHz = 480e3; driveHz < 700e3; driveHz += 17e3) {
                double hz = driveHz;
                PowerAtPosition power = position -> ClosedForms.rlcLoadPowerWatts(1e-3, 65.0, 50.0, map.valueAt(position),
                        hz, 1.0);
                int best = bruteForceBest(power, 0, maxPositions[m]);
                double bruteWatts = power.watts(best);
                assertEquals(bruteWatts, oracle.powerWatts(driveHz, 1.0), bruteWatts * TOL_RELATIVE,
                        map.kind() + " at " + driveHz + " Hz");
                assertEquals(bruteWatts, power.watts(oracle.bestPositionSteps()), bruteWatts * TOL_RELATIVE);
            }
        }
    }

    @Test
    void matchesBruteForceOverADenseSweepOfAnOffsetRange() {
        // Positions −1234..1766 (3000 steps, coarse grid of 65 plus refinement) over 400 drives: the
        // refined bracket's edges land on every side of the best whole position.
        LinearTuningMap map = new LinearTuningMap(-1234, 1766, 1e-6, 4e-6);
        Oracle oracle = new Oracle(RLC, map, -1234, 1766);
        for (int i = 0; i < 400; i++) {
            double driveHz = 850.0 + i * 1.6;
            PowerAtPosition power = position -> rlcWatts(map.valueAt(position), driveHz, 2.0);
            int best = bruteForceBest(power, -1234, 1766);
            double watts = oracle.powerWatts(driveHz, 2.0);
            assertEquals(power.watts(best), watts, watts * TOL_RELATIVE, driveHz + " Hz");
            assertEquals(best, oracle.bestPositionSteps(), driveHz + " Hz");
        }
    }

    @Test
    void massTunedOptimumIsNotAtUnitFrequencyRatio() {
        // k = 2000 N/m, c = 5 N·s/m, 30 Hz, 0.1 g per step from 30 g. Forcing m·Y0·ω² grows with m, so
        // m* = k/ω² + c²/k = 0.0562895 + 0.0125 = 0.0687895 kg (position 387.9), not k/ω² (position 262.9).
        BaseExcitedMechanicalRig rig = BaseExcitedMechanicalRig.massTuned(2000.0, 2.0, 3.0, 470.0);
        LinearTuningMap map = new LinearTuningMap(0, 900, 0.03, 0.12);
        Oracle oracle = new Oracle(rig, map, 0, 900);
        PowerAtPosition williamsYates = position -> ClosedForms.williamsYatesPowerWatts(map.valueAt(position), 2000.0, 5.0,
                3.0, 30.0, 1e-4);
        int expectedPosition = bruteForceBest(williamsYates, 0, 900);
        assertEquals(388, expectedPosition);

        double watts = oracle.powerWatts(30.0, 1e-4);
        assertEquals(expectedPosition, oracle.bestPositionSteps());
        assertEquals(williamsYates.watts(expectedPosition), watts, watts * TOL_RELATIVE);
        assertTrue(watts > 1.05 * williamsYates.watts(263), "r = 1 is clearly worse");
    }

    @Test
    void duffingMassTunedOptimumMatchesAScanOfTheUpperBranch() {
        // Base-excited, mass tuned, hardening k3 = 3e8 N/m³ (k = 2000 N/m, c = 1.5 N·s/m, 30 Hz, Y0 = 0.1 mm):
        // the oracle counts the upper branch; Cardano's largest root gives its power at every position.
        BaseExcitedMechanicalRig rig = new BaseExcitedMechanicalRig(BaseExcitedMechanicalRig.TunedParameter.MASS, 0.0,
                2000.0, 0.5, 1.0, 470.0, 3e8);
        LinearTuningMap map = new LinearTuningMap(0, 900, 0.03, 0.12);
        Oracle oracle = new Oracle(rig, map, 0, 900);
        PowerAtPosition upper = position -> ClosedForms.duffingUpperPowerWatts(rig, map.valueAt(position), 30.0, 1e-4);
        int expectedPosition = bruteForceBest(upper, 0, 900);
        // The continuous optimum is 0.0610028 kg (SteadyStateTest), position 310.03; the linear one 274.1.
        assertEquals(310, expectedPosition);

        double watts = oracle.powerWatts(30.0, 1e-4);
        assertEquals(expectedPosition, oracle.bestPositionSteps());
        assertEquals(upper.watts(expectedPosition), watts, watts * TOL_CARDANO_RELATIVE);
    }

    @Test
    void duffingOracleCountsTheUpperBranchWhereThreeCoexist() {
        // Force-driven, k3 = 2e7 N/m³, Q ≈ 30, 0.5 N at 31 Hz, stiffness 500..2500 N/m in 1 N/m steps:
        // well above the critical force, so part of the range is bistable. The backbone optimum:
        // X* = F/(cω) = 0.5/(0.3·194.779) = 8.5566 mm, k = mω² − ¾·k3·X*² = 1896.94 − 1098.26 = 798.7 N/m (position 298.7).
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.1, 0.2, 1000.0, 2e7);
        LinearTuningMap map = new LinearTuningMap(0, 2000, 500.0, 2500.0);
        Oracle oracle = new Oracle(rig, map, 0, 2000);
        double omega = 2 * Math.PI * 31.0;
        int bistable = 0;
        for (int position = 0; position <= 2000; position++) {
            double[] branches = ClosedForms.duffingAmplitudes(rig, map.valueAt(position), 31.0, 0.5);
            double upperWatts = 0.5 * 0.2 * omega * omega * branches[branches.length - 1] * branches[branches.length - 1];
            assertEquals(upperWatts, oracle.powerAtPositionWatts(position, 31.0, 0.5), upperWatts * TOL_CARDANO_RELATIVE);
            if (branches.length == 3) {
                bistable++;
                assertTrue(upperWatts > 2 * 0.5 * 0.2 * omega * omega * branches[0] * branches[0]);
            }
        }
        assertTrue(bistable > 50, bistable + " bistable positions");
        PowerAtPosition upper = position -> ClosedForms.duffingUpperPowerWatts(rig, map.valueAt(position), 31.0, 0.5);
        int expectedPosition = bruteForceBest(upper, 0, 2000);
        assertEquals(299, expectedPosition);
        double watts = oracle.powerWatts(31.0, 0.5);
        assertEquals(expectedPosition, oracle.bestPositionSteps());
        assertEquals(upper.watts(expectedPosition), watts, watts * TOL_CARDANO_RELATIVE);
        // On the backbone the upper branch reaches the linear peak ½·c_e·F²/c² = 0.5·0.2·0.25/0.09 = 0.2778 W.
        assertEquals(0.5 * 0.2 * 0.25 / 0.09, watts, 0.2778 * 1e-4);
    }

    @Test
    void smallRangeIsSearchedExhaustivelyAndRepeatedQueriesAreCached() {
        LinearTuningMap map = new LinearTuningMap(0, 20, 2.3e-6, 2.7e-6);
        Oracle oracle = new Oracle(RLC, map, 0, 20);
        double first = oracle.powerWatts(1000.0, 2.0);
        int firstPosition = oracle.bestPositionSteps();

        // C* = 2.533 µF is position (2.533 − 2.3)/0.02 = 11.65 → 12.
        assertEquals(12, firstPosition);
        assertEquals(rlcWatts(map.valueAt(12), 1000.0, 2.0), first, first * TOL_RELATIVE);
        assertEquals(first, oracle.powerWatts(1000.0, 2.0));
        oracle.powerWatts(1100.0, 2.0);
        assertTrue(oracle.bestPositionSteps() < firstPosition);
        assertEquals(first, oracle.powerWatts(1000.0, 2.0));
        assertEquals(firstPosition, oracle.bestPositionSteps());
        // Same frequency, half the amplitude: a new answer, a quarter of the power (P ∝ V0²).
        assertEquals(first / 4, oracle.powerWatts(1000.0, 1.0), first * TOL_RELATIVE);
    }

    @Test
    void searchReachesTheTopPositionAndExhaustiveSearchResolvesTiesToTheLowest() {
        // 3-bit bank (codes 0..7, 100..170 pF) on an actuator of 0..20 steps: positions 7..20 all
        // give code 7. Far below resonance the largest capacitance wins, first reached at 7.
        CapacitorBankTuningMap bank = new CapacitorBankTuningMap(100e-12, 10e-12, 3);
        Oracle exhaustive = new Oracle(RLC, bank, 0, 20);
        exhaustive.powerWatts(1000.0, 2.0);
        assertEquals(7, exhaustive.bestPositionSteps());
        // On a range the coarse grid covers (0..300 steps) the tie goes to the coarse grid's point:
        // grid positions 0, 4, 9, 14, ... (300·i/64), the first with code 7 is 9; the whole positions
        // checked around it (7, 8, ...) only tie with it.
        Oracle coarse = new Oracle(RLC, bank, 0, 300);
        double coarseWatts = coarse.powerWatts(1000.0, 2.0);
        assertEquals(9, coarse.bestPositionSteps());
        assertEquals(rlcWatts(170e-12, 1000.0, 2.0), coarseWatts, coarseWatts * TOL_RELATIVE);

        // Increasing capacitance on 0..10 (exhaustive) and 0..64 (the largest exhaustive span), 1 kHz far
        // below resonance: the top position is the best and must be visited.
        LinearTuningMap rising = new LinearTuningMap(0, 100, 100e-12, 200e-12);
        for (int top : new int[] {10, 64, 65}) {
            assertBestAt1kHz(top, new Oracle(RLC, rising, 0, top));
        }
    }

    @Test
    void singlePositionRangeAndConstructorChecks() {
        LinearTuningMap map = new LinearTuningMap(0, 3000, 1e-6, 4e-6);
        Oracle single = new Oracle(RLC, map, 1533, 1533);
        assertBestAt1kHz(1533, single);

        assertSame(RLC, single.rig());
        assertSame(map, single.map());
        assertEquals(1533, single.minPositionSteps());
        assertEquals(1533, single.maxPositionSteps());
        assertTrue(single.toString().endsWith(", positions 1533..1533]"), single.toString());
        assertEquals(-5, new Oracle(RLC, map, -5, 10).bestPositionSteps(), "before any query: the lowest position");

        Refusals.assertRefused("maxPositionSteps", "1532", "steps", () -> new Oracle(RLC, map, 1533, 1532));
        Refusals.assertRefused("rig", "null", "", () -> new Oracle(null, map, 0, 10));
        Refusals.assertRefused("map", "null", "", () -> new Oracle(RLC, null, 0, 10));
        // The full int range is accepted (the span is computed in long).
        Oracle huge = new Oracle(RLC, map, Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, huge.maxPositionSteps());
    }
}
