package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The columns of power.csv against the README ("What a run leaves behind") and DESIGN §6: every
 * column name carries its unit in parentheses, except the count of actuator moves, which has none.
 */
class PowerCsvTest {
    /** A name, a space and a unit in parentheses at the end: "Load power (W)". */
    private static final Pattern NAME_WITH_UNIT = Pattern.compile(".*\\S \\([^()\\s][^()]*\\)");

    /** The columns every rig writes, in file order, as the README lists them. */
    private static final List<String> HARDWARE_COLUMNS = List.of("Time (s)", "Drive frequency (Hz)",
            "Tuning position (steps)", "Capacitance (F)", "Load power (W)", "Harvested energy (J)",
            "Tuning energy (J)", "Actuator moves", "Samples lost before", "Wall clock (Unix s)");
    /** The columns only the simulated rig can fill, after those. */
    private static final List<String> SIMULATED_COLUMNS = List.of("Oracle power (W)", "True load power (W)",
            "True drive frequency (Hz)", "Oracle energy (J)");
    /** Counts have no unit. */
    private static final List<String> UNITLESS_COLUMNS = List.of("Actuator moves", "Samples lost before");

    private static List<String> simulatedColumns() {
        List<String> all = new ArrayList<>(HARDWARE_COLUMNS);
        all.addAll(SIMULATED_COLUMNS);
        return all;
    }

    @Test
    void hardwareRecordsTheMeasuredColumnsOnly() {
        assertEquals(HARDWARE_COLUMNS, new PowerCsv("Capacitance (F)", false).columnNames());
    }

    @Test
    void theSimulatedRigAddsOracleAndTruthColumns() {
        assertEquals(simulatedColumns(), new PowerCsv("Capacitance (F)", true).columnNames());
    }

    @Test
    void everyColumnButTheCountsCarriesItsUnitInParentheses() {
        for (boolean simulated : new boolean[] {false, true}) {
            for (String tuned : List.of("Capacitance (F)", "Stiffness (N/m)", "Mass (kg)")) {
                for (String name : new PowerCsv(tuned, simulated).columnNames()) {
                    if (UNITLESS_COLUMNS.contains(name)) {
                        assertTrue(!name.contains("("), name);
                    } else {
                        assertTrue(NAME_WITH_UNIT.matcher(name).matches(), "no unit in \"" + name + "\"");
                    }
                }
            }
        }
    }

    @Test
    void theHeaderIsCommentLinesThenTheColumnNames() {
        PowerCsv csv = new PowerCsv("Stiffness (N/m)", false);
        String header = csv.header(List.of("Resonant Learner power record", "seed: 7", "a note\nover two lines"));
        assertEquals("# Resonant Learner power record\n"
                + "# seed: 7\n"
                + "# a note over two lines\n"
                + "Time (s),Drive frequency (Hz),Tuning position (steps),Stiffness (N/m),Load power (W),"
                + "Harvested energy (J),Tuning energy (J),Actuator moves,Samples lost before,Wall clock (Unix s)\n",
                header);
    }

    /** A row whose every column holds a different value, so a column taken from the wrong place shows. */
    private static double[] distinctRow() {
        double[] row = new double[WindowRow.COLUMNS];
        for (int i = 0; i < row.length; i++) {
            row[i] = 1000 + i + 0.25;
        }
        row[WindowRow.TIME_SECONDS] = 12.5;
        row[WindowRow.DRIVE_FREQUENCY_HZ] = Double.NaN; // a window closed by time
        row[WindowRow.POSITION_STEPS] = 4321;
        row[WindowRow.TUNED_VALUE] = 2.2e-9;
        row[WindowRow.LOAD_POWER_WATTS] = 1.5e-3;
        row[WindowRow.HARVESTED_ENERGY_JOULES] = 0.125;
        row[WindowRow.TUNING_ENERGY_JOULES] = 0.0;
        row[WindowRow.ACTUATOR_MOVES] = 17;
        row[WindowRow.ORACLE_POWER_WATTS] = 2.0e-3;
        row[WindowRow.TRUE_LOAD_POWER_WATTS] = 1.25e-3;
        row[WindowRow.TRUE_DRIVE_FREQUENCY_HZ] = 1000.5;
        row[WindowRow.ORACLE_ENERGY_JOULES] = 0.25;
        row[WindowRow.SAMPLES_LOST_BEFORE] = 640;
        row[WindowRow.WALL_CLOCK_MILLIS] = 1_767_225_600_042L;
        return row;
    }

    @Test
    void aHardwareRowHasTheMeasuredValuesWithCountsAsWholeNumbers() {
        StringBuilder out = new StringBuilder("before\n");
        new PowerCsv("Capacitance (F)", false).appendRow(distinctRow(), out);
        assertEquals("before\n12.5,NaN,4321,2.2E-9,0.0015,0.125,0.0,17,640,1767225600.042\n", out.toString());
    }

    @Test
    void aSimulatedRowAddsOracleAndTruthValuesAndReadsBack() {
        StringBuilder out = new StringBuilder();
        double[] row = distinctRow();
        new PowerCsv("Capacitance (F)", true).appendRow(row, out);
        assertEquals("12.5,NaN,4321,2.2E-9,0.0015,0.125,0.0,17,640,1767225600.042,0.002,0.00125,1000.5,0.25\n",
                out.toString());
        double[] readBack = Arrays.stream(out.toString().strip().split(",")).mapToDouble(Double::parseDouble).toArray();
        int[] columns = {WindowRow.TIME_SECONDS, WindowRow.DRIVE_FREQUENCY_HZ, WindowRow.POSITION_STEPS,
            WindowRow.TUNED_VALUE, WindowRow.LOAD_POWER_WATTS, WindowRow.HARVESTED_ENERGY_JOULES,
            WindowRow.TUNING_ENERGY_JOULES, WindowRow.ACTUATOR_MOVES, WindowRow.SAMPLES_LOST_BEFORE,
            WindowRow.WALL_CLOCK_MILLIS, WindowRow.ORACLE_POWER_WATTS,
            WindowRow.TRUE_LOAD_POWER_WATTS, WindowRow.TRUE_DRIVE_FREQUENCY_HZ, WindowRow.ORACLE_ENERGY_JOULES};
        for (int i = 0; i < columns.length; i++) {
            double expected = columns[i] == WindowRow.WALL_CLOCK_MILLIS ? row[columns[i]] / 1000 : row[columns[i]];
            assertEquals(expected, readBack[i], 0.0, simulatedColumns().get(i));
        }
    }

    @Test
    void theWallClockIsFixedPointSecondsWithMillisecondsAlsoOnAWholeSecond() {
        double[] row = distinctRow();
        for (long[] c : new long[][] {{1_767_225_600_000L, 0}, {1_767_225_600_007L, 0}, {1_767_225_600_070L, 0}}) {
            row[WindowRow.WALL_CLOCK_MILLIS] = c[0];
            StringBuilder out = new StringBuilder();
            new PowerCsv("Capacitance (F)", false).appendRow(row, out);
            String[] fields = out.toString().strip().split(",");
            String wall = fields[fields.length - 1];
            assertTrue(wall.matches("\\d+\\.\\d{3}"), wall);
            assertEquals(c[0] / 1000.0, Double.parseDouble(wall), 5e-4, wall);
        }
    }
}
