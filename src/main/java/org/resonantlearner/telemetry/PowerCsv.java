package org.resonantlearner.telemetry;

import java.util.ArrayList;
import java.util.List;

/**
 * The format of {@code power.csv}: {@code #}-commented header lines saying how the run was made,
 * one line of column names with units in parentheses, then one row per measurement window.
 */
public final class PowerCsv {
    private static final int[] HARDWARE_COLUMNS = {
        WindowRow.TIME_SECONDS, WindowRow.DRIVE_FREQUENCY_HZ, WindowRow.POSITION_STEPS, WindowRow.TUNED_VALUE,
        WindowRow.LOAD_POWER_WATTS, WindowRow.HARVESTED_ENERGY_JOULES, WindowRow.TUNING_ENERGY_JOULES,
        WindowRow.ACTUATOR_MOVES, WindowRow.SAMPLES_LOST_BEFORE, WindowRow.WALL_CLOCK_MILLIS,
    };
    private static final int[] SIMULATED_EXTRA_COLUMNS = {
        WindowRow.ORACLE_POWER_WATTS, WindowRow.TRUE_LOAD_POWER_WATTS, WindowRow.TRUE_DRIVE_FREQUENCY_HZ,
        WindowRow.ORACLE_ENERGY_JOULES,
    };

    /** Samples missing from the stream between the previous window and this one: after an outage the time column jumps by as much. */
    public static final String SAMPLES_LOST_COLUMN = "Samples lost before";
    /** When the window reached the recorder's side: Unix time in seconds, with milliseconds (UTC). */
    public static final String WALL_CLOCK_COLUMN = "Wall clock (Unix s)";

    private final int[] columns;
    private final List<String> names;

    /**
     * Chooses the columns.
     *
     * @param tunedParameterColumn the rig's tuned parameter with unit, e.g. "Capacitance (F)"
     * @param simulated true to add the columns only a simulated rig can fill (oracle, truth)
     */
    public PowerCsv(String tunedParameterColumn, boolean simulated) {
        List<String> columnNames = new ArrayList<>(List.of("Time (s)", "Drive frequency (Hz)",
                "Tuning position (steps)", tunedParameterColumn, "Load power (W)", "Harvested energy (J)",
                "Tuning energy (J)", "Actuator moves", SAMPLES_LOST_COLUMN, WALL_CLOCK_COLUMN));
        if (simulated) {
            columnNames.addAll(List.of("Oracle power (W)", "True load power (W)", "True drive frequency (Hz)",
                    "Oracle energy (J)"));
            columns = new int[HARDWARE_COLUMNS.length + SIMULATED_EXTRA_COLUMNS.length];
            System.arraycopy(HARDWARE_COLUMNS, 0, columns, 0, HARDWARE_COLUMNS.length);
            System.arraycopy(SIMULATED_EXTRA_COLUMNS, 0, columns, HARDWARE_COLUMNS.length,
                    SIMULATED_EXTRA_COLUMNS.length);
        } else {
            columns = HARDWARE_COLUMNS.clone();
        }
        names = List.copyOf(columnNames);
    }

    /** Column names in file order. */
    public List<String> columnNames() {
        return names;
    }

    /** The header: each of {@code headerLines} behind "# ", then the column-name line; ends with a newline. */
    public String header(List<String> headerLines) {
        StringBuilder text = new StringBuilder();
        for (String line : headerLines) {
            text.append("# ").append(line.replace('\n', ' ')).append('\n');
        }
        text.append(String.join(",", names)).append('\n');
        return text.toString();
    }

    /** Appends one row as a CSV line (with its newline) to {@code out}. */
    public void appendRow(double[] row, StringBuilder out) {
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            int column = columns[i];
            double value = row[column];
            if (Double.isNaN(value)) {
                out.append("NaN");
            } else if (column == WindowRow.POSITION_STEPS || column == WindowRow.ACTUATOR_MOVES
                    || column == WindowRow.SAMPLES_LOST_BEFORE) {
                out.append((long) value);
            } else if (column == WindowRow.WALL_CLOCK_MILLIS) {
                appendMillisAsSeconds((long) value, out);
            } else {
                out.append(value);
            }
        }
        out.append('\n');
    }

    /** "1767225600.042" for 1767225600042 ms: fixed point, never an exponent; no allocation. */
    private static void appendMillisAsSeconds(long millis, StringBuilder out) {
        long seconds = Math.floorDiv(millis, 1000);
        int fraction = (int) Math.floorMod(millis, 1000);
        out.append(seconds).append('.');
        if (fraction < 100) {
            out.append('0');
        }
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
    }
}
