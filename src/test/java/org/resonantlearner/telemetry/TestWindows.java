package org.resonantlearner.telemetry;

import java.util.Arrays;

/** Window rows and the column line the telemetry tests share. */
final class TestWindows {
    private TestWindows() {}

    /** The column line of a simulated capacitance-tuned record. */
    static final String COLUMN_LINE = "Time (s),Drive frequency (Hz),Tuning position (steps),Capacitance (F),"
            + "Load power (W),Harvested energy (J),Tuning energy (J),Actuator moves,Samples lost before,"
            + "Wall clock (Unix s),Oracle power (W),"
            + "True load power (W),True drive frequency (Hz),Oracle energy (J)";

    /**
     * Window k of a simulated run: it ends at k/10 s with the actuator at step k after k moves, at the
     * oracle's full 1 mW (its lock reference), stamped 1767225600 + k/10 s on the wall clock, no sample
     * lost; harvested and oracle 1e-4·k J, measured 2e-4·k J, tuning 1e-5·k J so far.
     */
    static double[] window(int k) {
        double[] row = new double[WindowRow.COLUMNS];
        Arrays.fill(row, Double.NaN);
        row[WindowRow.TIME_SECONDS] = k / 10.0;
        row[WindowRow.DRIVE_FREQUENCY_HZ] = 1000.0;
        row[WindowRow.POSITION_STEPS] = k;
        row[WindowRow.TUNED_VALUE] = 1e-6;
        row[WindowRow.LOAD_POWER_WATTS] = 1e-3;
        row[WindowRow.HARVESTED_ENERGY_JOULES] = 1e-4 * k;
        row[WindowRow.TUNING_ENERGY_JOULES] = 1e-5 * k;
        row[WindowRow.ACTUATOR_MOVES] = k;
        row[WindowRow.ORACLE_POWER_WATTS] = 1e-3;
        row[WindowRow.TRUE_LOAD_POWER_WATTS] = 1e-3;
        row[WindowRow.TRUE_DRIVE_FREQUENCY_HZ] = 1000.0;
        row[WindowRow.ORACLE_ENERGY_JOULES] = 1e-4 * k;
        row[WindowRow.MEASURED_ENERGY_JOULES] = 2e-4 * k;
        row[WindowRow.LOCK_REFERENCE_WATTS] = 1e-3;
        row[WindowRow.SAMPLES_LOST_BEFORE] = 0;
        row[WindowRow.WALL_CLOCK_MILLIS] = 1_767_225_600_000L + 100L * k;
        return row;
    }
}
