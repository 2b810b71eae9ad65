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
        row[WindowRow.LOCK_REFERENCE_WATTS] = oraclePowerWatts;
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
    void lockedMeansAtLeastTheFractionOfTheOraclePowerOfTheSameWindow() {
        // Oracle 0.5 W: locked from 0.95 × 0.5 = 0.475 W up (0.475 included).
        RunMeasures measures = new RunMeasures(0.95, new double[0]);
        measures.accept(row(0.2, 0.100, 0.5, 0, 0));
        measures.accept(row(0.4, 0.475, 0.5, 0, 0)); // exactly 95 %: locked
        measures.accept(row(0.6, 0.474, 0.5, 0, 0)); // just under: the streak breaks
        measures.accept(row(0.8, 0.490, 0.5, 0, 0)); // locked from here to the end
        measures.accept(row(1.0, 0.500, 0.5, 0, 0));
        assertEquals(0.8, measures.lockTimeSeconds(), TOL_SECONDS);
        assertEquals(3.0 / 5.0, measures.lockedFraction(), TOL_SECONDS);
    }

    @Test
    void withoutTheTruthTheMeasuredPowerIsJudged() {
        RunMeasures measures = new RunMeasures(0.95, new double[0]);
        double[] low = row(0.5, Double.NaN, 2e-3, 0, 0);
        low[WindowRow.LOAD_POWER_WATTS] = 1.0e-3;
        double[] high = row(1.0, Double.NaN, 2e-3, 0, 0);
        high[WindowRow.LOAD_POWER_WATTS] = 1.95e-3;
        measures.accept(low);
        measures.accept(high);
        assertEquals(1.0, measures.lockTimeSeconds(), TOL_SECONDS);
        assertEquals(0.5, measures.lockedFraction(), TOL_SECONDS);
    }

    @Test
    void aWindowEndingAtTheDriveEventBelongsToTheSegmentBeforeIt() {
        RunMeasures measures = new RunMeasures(0.95, new double[] {1.0});
        measures.accept(row(0.5, 1.0, 1.0, 0, 0));
        measures.accept(row(1.0, 0.5, 1.0, 0, 0)); // ends at the event: the first segment ends unlocked
        measures.accept(row(1.5, 1.0, 1.0, 0, 0));
        measures.accept(row(2.0, 1.0, 1.0, 0, 0));
        assertTrue(Double.isNaN(measures.lockTimeSeconds()));
        assertEquals(0.5, measures.relockTimesSeconds()[0], TOL_SECONDS); // 1.5 - 1.0
    }

    @Test
    void aSegmentWithoutWindowsNeverLocked() {
        // Two drive events 0.2 s apart with no window ending between them.
        RunMeasures measures = new RunMeasures(0.95, new double[] {1.0, 1.2});
        measures.accept(row(0.5, 1.0, 1.0, 0, 0));
        measures.accept(row(1.5, 1.0, 1.0, 0, 0));
        measures.accept(row(2.0, 1.0, 1.0, 0, 0));
        assertEquals(0.5, measures.lockTimeSeconds(), TOL_SECONDS);
        double[] relock = measures.relockTimesSeconds();
        assertEquals(2, relock.length);
        assertTrue(Double.isNaN(relock[0]));
        assertEquals(0.3, relock[1], TOL_SECONDS); // 1.5 - 1.2
    }

    @Test
    void aDeficitPaidBackExactlyToZeroIsBrokenEven() {
        RunMeasures measures = new RunMeasures(0.95, new double[0]);
        measures.accept(row(0.1, 1, 1, 0.0, 0.5));
        measures.accept(row(0.2, 1, 1, 0.5, 0.5)); // net exactly 0: paid back
        assertEquals(0.2, measures.breakEvenTimeSeconds(), TOL_SECONDS);
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
