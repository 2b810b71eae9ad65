package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunMeasuresTest {
    private static final double TOL_SECONDS = 1e-12;

    private static double[] row(double time, double truePowerWatts, double oraclePowerWatts, double harvestedJoules,
            double tuningJoules) {
        double[] row = new double[WindowRow.COLUMNS];
        java.util.Arrays.fill(row, Double.NaN);
        row[WindowRow.TIME_SECONDS] = time;
        row[WindowRow.TRUE_LOAD_POWER_WATTS] = truePowerWatts;
        row[WindowRow.ORACLE_POWER_WATTS] = oraclePowerWatts;
        row[WindowRow.HARVESTED_ENERGY_JOULES] = harvestedJoules;
        row[WindowRow.TUNING_ENERGY_JOULES] = tuningJoules;
        return row;
    }

    @Test
    void lockTimeIsTheStartOfTheStreakThatLastsToTheEnd() {
        RunMeasures measures = new RunMeasures(0.95, new double[0]);
        measures.accept(row(0.1, 0.10, 1.0, 0, 0));
        measures.accept(row(0.2, 0.96, 1.0, 0, 0)); // locked briefly ...
        measures.accept(row(0.3, 0.90, 1.0, 0, 0)); // ... lost again
        measures.accept(row(0.4, 0.95, 1.0, 0, 0)); // locked for good from here
        measures.accept(row(0.5, 1.00, 1.0, 0, 0));
        assertEquals(0.4, measures.lockTimeSeconds(), TOL_SECONDS);
        assertEquals(3.0 / 5.0, measures.lockedFraction(), TOL_SECONDS);
    }

    @Test
    void neverLockedIsNaN() {
        RunMeasures measures = new RunMeasures(0.95, new double[0]);
        measures.accept(row(0.1, 0.99, 1.0, 0, 0));
        measures.accept(row(0.2, 0.50, 1.0, 0, 0));
        assertTrue(Double.isNaN(measures.lockTimeSeconds()));
    }

    @Test
    void relockTimeIsMeasuredFromEachDriveEvent() {
        RunMeasures measures = new RunMeasures(0.95, new double[] {1.0, 2.0});
        measures.accept(row(0.5, 1.0, 1.0, 0, 0));
        measures.accept(row(1.1, 0.2, 1.0, 0, 0));
        measures.accept(row(1.3, 0.99, 1.0, 0, 0));
        measures.accept(row(1.9, 0.99, 1.0, 0, 0));
        measures.accept(row(2.1, 0.3, 1.0, 0, 0));
        assertEquals(0.5, measures.lockTimeSeconds(), TOL_SECONDS);
        double[] relock = measures.relockTimesSeconds();
        assertEquals(0.3, relock[0], TOL_SECONDS);
        assertTrue(Double.isNaN(relock[1]));
    }

    @Test
    void breakEvenIsWhenHarvestLastCaughtUpWithTuningCost() {
        RunMeasures measures = new RunMeasures(0.95, new double[0]);
        measures.accept(row(0.1, 1, 1, 0.0, 0.5));
        measures.accept(row(0.2, 1, 1, 0.6, 0.5));
        assertEquals(0.2, measures.breakEvenTimeSeconds(), TOL_SECONDS);
        measures.accept(row(0.3, 1, 1, 0.6, 0.9));
        assertTrue(Double.isNaN(measures.breakEvenTimeSeconds()));
        measures.accept(row(0.4, 1, 1, 1.0, 0.9));
        assertEquals(0.4, measures.breakEvenTimeSeconds(), TOL_SECONDS);
        assertArrayEquals(new double[0], measures.relockTimesSeconds());
    }

    @Test
    void withoutAnOracleNothingIsJudgedLocked() {
        // Hardware: no oracle and no truth, only the measured load power.
        RunMeasures measures = new RunMeasures(0.95, new double[] {1.0});
        for (int i = 1; i <= 4; i++) {
            double[] row = row(0.4 * i, Double.NaN, Double.NaN, 0.1 * i, 0);
            row[WindowRow.LOAD_POWER_WATTS] = 1.0;
            measures.accept(row);
        }
        assertTrue(Double.isNaN(measures.lockTimeSeconds()));
        assertTrue(Double.isNaN(measures.relockTimesSeconds()[0]));
        assertTrue(Double.isNaN(measures.lockedFraction()), "no window was judged: " + measures.lockedFraction());
    }

    @Test
    void breakEvenIsZeroWhenTuningNeverCostMoreThanTheHarvest() {
        RunMeasures measures = new RunMeasures(0.95, new double[0]);
        measures.accept(row(0.1, 1, 1, 0.5, 0.1));
        assertEquals(0.0, measures.breakEvenTimeSeconds(), TOL_SECONDS);
    }
}
