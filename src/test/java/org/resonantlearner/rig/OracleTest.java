package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OracleTest {
    private static final double TOL_RELATIVE = 1e-12;
    private static final SeriesRlcRig RLC = SeriesRlcRig.linear(10e-3, 1.0, 2.0, 7.0);

    @Test
    void bestPositionIsWithinOneStepOfResonantCapacitance() {
        // 1 nF per step from 1 µF to 4 µF.
        LinearTuningMap map = new LinearTuningMap(0, 3000, 1e-6, 4e-6);
        Oracle oracle = new Oracle(RLC, map, 0, 3000);
        double stepFarads = 1e-9;
        for (double driveHz : new double[] {850.0, 1000.0, 1234.5, 1500.0}) {
            double powerWatts = oracle.powerWatts(driveHz, 2.0);
            double resonantFarads = SteadyState.resonantTunedValue(RLC, driveHz, 2.0);

            assertEquals(resonantFarads, oracle.bestTunedValue(), stepFarads);
            assertEquals(map.valueAt(oracle.bestPositionSteps()), oracle.bestTunedValue());
            assertEquals(SteadyState.loadPowerWatts(RLC, oracle.bestTunedValue(), driveHz, 2.0), powerWatts,
                    powerWatts * TOL_RELATIVE);
            // No whole position does better than the one reported.
            for (int neighbour = -3; neighbour <= 3; neighbour++) {
                assertTrue(oracle.powerAtPositionWatts(oracle.bestPositionSteps() + neighbour, driveHz, 2.0) <= powerWatts);
            }
        }
    }

    @Test
    void unreachableOptimumClampsToTheRangeEdge() {
        // C* = 2.533 µF at 1 kHz lies above a 1..2 µF map and below a 3..4 µF one.
        LinearTuningMap low = new LinearTuningMap(0, 1000, 1e-6, 2e-6);
        Oracle lowOracle = new Oracle(RLC, low, 0, 1000);
        double lowWatts = lowOracle.powerWatts(1000.0, 2.0);

        assertEquals(1000, lowOracle.bestPositionSteps());
        assertEquals(SteadyState.loadPowerWatts(RLC, 2e-6, 1000.0, 2.0), lowWatts, lowWatts * TOL_RELATIVE);

        LinearTuningMap high = new LinearTuningMap(0, 1000, 3e-6, 4e-6);
        Oracle highOracle = new Oracle(RLC, high, 0, 1000);
        highOracle.powerWatts(1000.0, 2.0);
        assertEquals(0, highOracle.bestPositionSteps());

        // The actuator range, not the map, decides what is reachable.
        LinearTuningMap wide = new LinearTuningMap(0, 3000, 1e-6, 4e-6);
        Oracle limited = new Oracle(RLC, wide, 0, 800);
        limited.powerWatts(1000.0, 2.0);
        assertEquals(800, limited.bestPositionSteps());
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
            Oracle oracle = new Oracle(rig, maps[m], 0, maxPositions[m]);
            for (double driveHz = 480e3; driveHz < 700e3; driveHz += 17e3) {
                double bruteWatts = 0;
                for (int position = 0; position <= maxPositions[m]; position++) {
                    bruteWatts = Math.max(bruteWatts, oracle.powerAtPositionWatts(position, driveHz, 1.0));
                }
                assertEquals(bruteWatts, oracle.powerWatts(driveHz, 1.0), bruteWatts * TOL_RELATIVE,
                        maps[m].kind() + " at " + driveHz + " Hz");
            }
        }
    }

    @Test
    void massTunedOptimumIsNotAtUnitFrequencyRatio() {
        BaseExcitedMechanicalRig rig = BaseExcitedMechanicalRig.massTuned(2000.0, 2.0, 3.0, 470.0);
        // 0.1 g per step from 30 g to 120 g.
        LinearTuningMap map = new LinearTuningMap(0, 900, 0.03, 0.12);
        Oracle oracle = new Oracle(rig, map, 0, 900);
        double driveHz = 30.0;
        double omega = 2 * Math.PI * driveHz;
        oracle.powerWatts(driveHz, 1e-4);

        double bestMassKg = oracle.bestTunedValue();
        double unitRatioMassKg = 2000.0 / (omega * omega);
        assertEquals(SteadyState.resonantTunedValue(rig, driveHz, 1e-4), bestMassKg, 1e-4);
        assertTrue(bestMassKg - unitRatioMassKg > 0.01, "optimum mass well above the r = 1 mass");
    }

    @Test
    void smallRangeIsSearchedExhaustivelyAndRepeatedQueriesAreCached() {
        LinearTuningMap map = new LinearTuningMap(0, 20, 2.3e-6, 2.7e-6);
        Oracle oracle = new Oracle(RLC, map, 0, 20);
        double first = oracle.powerWatts(1000.0, 2.0);
        int firstPosition = oracle.bestPositionSteps();

        // C* = 2.533 µF is position 11.65 → 12.
        assertEquals(12, firstPosition);
        assertEquals(first, oracle.powerWatts(1000.0, 2.0));
        oracle.powerWatts(1100.0, 2.0);
        assertTrue(oracle.bestPositionSteps() < firstPosition);
        assertEquals(first, oracle.powerWatts(1000.0, 2.0));
        assertEquals(firstPosition, oracle.bestPositionSteps());
    }
}
