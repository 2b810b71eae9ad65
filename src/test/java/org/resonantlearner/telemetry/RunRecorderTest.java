package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.resonantlearner.telemetry.TestWindows.COLUMN_LINE;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telemetry thread: what it writes to power.csv, what it feeds the measures and the progress
 * lines. The test thread is the producer; {@link RunRecorder#finish} waits for the writer, so nothing
 * sleeps. Rows outnumber the ring, so the producer also waits on the writer as a real run does.
 */
class RunRecorderTest {
    private static final double TOL = 1e-12;

    @TempDir
    Path runDirectory;

    /** {@link TestWindows#window}, at half the oracle's power up to window 10 and the whole of it from 11 on. */
    private static double[] window(int k) {
        double[] row = TestWindows.window(k);
        row[WindowRow.TRUE_LOAD_POWER_WATTS] = k <= 10 ? 0.5e-3 : 1e-3;
        return row;
    }

    private RunRecorder recorder(WindowRing ring, RunMeasures measures, List<double[]> progress) {
        return new RunRecorder(ring, runDirectory, new PowerCsv("Capacitance (F)", true),
                List.of("Resonant Learner power record", "seed: 7"), RecordSettings.defaults(false), measures, 0.5,
                progress::add);
    }

    @Test
    void everyRowGoesToTheCsvInOrderAndToTheMeasures() throws Exception {
        WindowRing ring = new WindowRing(8);
        RunMeasures measures = new RunMeasures(0.95, new double[0]);
        RunRecorder recorder = recorder(ring, measures, new ArrayList<>());
        Path csvFile = runDirectory.resolve("power.csv");
        assertEquals(List.of("# Resonant Learner power record", "# seed: 7", COLUMN_LINE),
                Files.readAllLines(csvFile), "the header is on disk before the first row");

        recorder.start();
        int rows = 300; // more than one batch of 256
        for (int k = 1; k <= rows; k++) {
            ring.publish(window(k));
        }
        ring.close();
        recorder.finish();

        assertEquals(rows, recorder.rowsWritten());
        String text = Files.readString(csvFile);
        assertTrue(text.endsWith("\n"), "whole lines only");
        List<String> lines = text.lines().toList();
        assertEquals(3 + rows, lines.size());
        for (int k = 1; k <= rows; k++) {
            String[] fields = lines.get(2 + k).split(",");
            assertEquals(TestWindows.COLUMN_LINE.split(",").length, fields.length, lines.get(2 + k));
            assertEquals(k / 10.0, Double.parseDouble(fields[0]), 0.0, "time of row " + k);
            assertEquals(String.valueOf(k), fields[2], "position of row " + k);
            assertEquals(String.valueOf(k), fields[7], "moves of row " + k);
        }
        // Locked from the first window at full oracle power, which ends at 1.1 s: 290 of 300 windows.
        assertEquals(1.1, measures.lockTimeSeconds(), TOL);
        assertEquals(290.0 / 300.0, measures.lockedFraction(), TOL);
    }

    @Test
    void progressShowsTheFirstWindowThenOneEveryIntervalOfStreamTime() throws Exception {
        WindowRing ring = new WindowRing(8);
        List<double[]> progress = new ArrayList<>();
        RunRecorder recorder = recorder(ring, new RunMeasures(0.95, new double[0]), progress);
        recorder.start();
        for (int k = 1; k <= 31; k++) { // windows end every 0.1 s up to 3.1 s
            ring.publish(window(k));
        }
        ring.close();
        recorder.finish();
        // The first window (0.1 s), then the first window at or past each multiple of 0.5 s.
        List<Double> shownSeconds = progress.stream().map(row -> row[WindowRow.TIME_SECONDS]).toList();
        assertEquals(List.of(0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0), shownSeconds);
        assertEquals(5.0, progress.get(1)[WindowRow.POSITION_STEPS], 0.0, "each a copy of its own row");
    }

    @Test
    void anExistingCsvIsNeverOverwritten() throws IOException {
        Path csvFile = runDirectory.resolve("power.csv");
        Files.writeString(csvFile, "an earlier run\n");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> recorder(new WindowRing(4), new RunMeasures(0.95, new double[0]), new ArrayList<>()));
        assertTrue(e.getMessage().contains(csvFile.toString()), e.getMessage());
        assertEquals("an earlier run\n", Files.readString(csvFile));
    }

    /**
     * A failing consumer must not stall the control thread: the recorder keeps draining the ring (here
     * of 4 rows, fed 50), reports the failure in failure() and finish returns. The timeout only guards
     * against a recorder that stops draining, which would leave this producer waiting for ever.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFailureIsReportedByFailureAndTheRingStillDrains() throws Exception {
        WindowRing ring = new WindowRing(4);
        IllegalStateException broken = new IllegalStateException("console gone");
        RunRecorder recorder = new RunRecorder(ring, runDirectory, new PowerCsv("Capacitance (F)", true),
                List.of("seed: 7"), RecordSettings.defaults(false), new RunMeasures(0.95, new double[0]), 0.5,
                row -> {
                    throw broken;
                });
        assertNull(recorder.failure(), "nothing failed before the first row");
        recorder.start();
        for (int k = 1; k <= 50; k++) {
            ring.publish(window(k));
        }
        ring.close();
        recorder.finish();
        assertEquals("telemetry failed: java.lang.IllegalStateException: console gone", recorder.failure());
        assertEquals(List.of("# seed: 7", COLUMN_LINE), Files.readAllLines(runDirectory.resolve("power.csv")),
                "the batch that failed never reached the file");
        assertEquals(0, recorder.rowsWritten());
    }

    /**
     * An interrupt of the thread that waits does not cut the record short: finish still waits for all
     * 1000 rows (published before the writer starts, so its first batch is a full 256) and hands the
     * interrupt back.
     */
    @Test
    void anInterruptedFinishStillWaitsForEveryRowAndKeepsTheInterrupt() throws Exception {
        WindowRing ring = new WindowRing(2048);
        RunRecorder recorder = recorder(ring, new RunMeasures(0.95, new double[0]), new ArrayList<>());
        for (int k = 1; k <= 1000; k++) {
            ring.publish(window(k));
        }
        ring.close();
        recorder.start();
        Thread.currentThread().interrupt();
        recorder.finish();
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertNull(recorder.failure());
        assertEquals(1000, recorder.rowsWritten());
        assertEquals(3 + 1000, Files.readAllLines(runDirectory.resolve("power.csv")).size());
    }

    /** Formats with a fixed locale (the line is for people, so it follows theirs), then restores it. */
    private static String progressLine(double[] row, String tunedUnit) {
        Locale before = Locale.getDefault(Locale.Category.FORMAT);
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            RunRecorder.printProgress(out, row, tunedUnit, 0.95);
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, before);
        }
    }

    private static double[] progressRow() {
        double[] row = new double[WindowRow.COLUMNS];
        Arrays.fill(row, Double.NaN);
        row[WindowRow.TIME_SECONDS] = 12.5;
        row[WindowRow.DRIVE_FREQUENCY_HZ] = 1000.25;
        row[WindowRow.POSITION_STEPS] = 1234;
        row[WindowRow.TUNED_VALUE] = 2.2e-9;
        row[WindowRow.LOAD_POWER_WATTS] = 0.4;
        row[WindowRow.ACTUATOR_MOVES] = 17;
        return row;
    }

    @Test
    void aHardwareProgressLineShowsWhatWasMeasured() {
        assertEquals("t=   12.50 s  f= 1000.250 Hz  position=  1234 steps  tuning=2.200e-09 F  power= 400.000 mW"
                + "  moves=17" + System.lineSeparator(), progressLine(progressRow(), "F"));
    }

    @Test
    void aSimulatedProgressLineAddsTheOracleTheLockAndTheCaptureSoFar() {
        double[] row = progressRow();
        row[WindowRow.ORACLE_POWER_WATTS] = 0.5;
        row[WindowRow.LOCK_REFERENCE_WATTS] = 0.5;
        row[WindowRow.TRUE_LOAD_POWER_WATTS] = 0.475; // exactly 95 % of the oracle: locked
        row[WindowRow.HARVESTED_ENERGY_JOULES] = 0.3;
        row[WindowRow.ORACLE_ENERGY_JOULES] = 0.6;
        assertEquals("t=   12.50 s  f= 1000.250 Hz  position=  1234 steps  tuning=2.200e-09 F  power= 400.000 mW"
                + " (oracle 500.000 mW, locked)  capture so far 0.500  moves=17" + System.lineSeparator(),
                progressLine(row, "F"));
    }

    @Test
    void belowTheLockFractionOrBeforeAnyOracleEnergyThereIsNeitherLockNorCapture() {
        double[] row = progressRow();
        row[WindowRow.ORACLE_POWER_WATTS] = 0.5;
        row[WindowRow.LOCK_REFERENCE_WATTS] = 0.5;
        row[WindowRow.TRUE_LOAD_POWER_WATTS] = 0.47;
        row[WindowRow.HARVESTED_ENERGY_JOULES] = 0.3;
        row[WindowRow.ORACLE_ENERGY_JOULES] = 0.0; // the very start of a run
        assertEquals("t=   12.50 s  f= 1000.250 Hz  position=  1234 steps  tuning=2.200e-09 N/m  power= 400.000 mW"
                + " (oracle 500.000 mW)  moves=17" + System.lineSeparator(), progressLine(row, "N/m"));
    }

    @Test
    void aHardwareProgressLineJudgesLockAsTheSummaryDoes() {
        double[] row = progressRow(); // measured 400 mW, no oracle
        row[WindowRow.LOCK_REFERENCE_WATTS] = 0.41;
        assertEquals("t=   12.50 s  f= 1000.250 Hz  position=  1234 steps  tuning=2.200e-09 F  power= 400.000 mW"
                + " (lock reference 410.000 mW, locked)  moves=17" + System.lineSeparator(), progressLine(row, "F"));
        assertTrue(RunMeasures.locked(row, 0.95));
        row[WindowRow.LOCK_REFERENCE_WATTS] = 0.5;
        assertFalse(RunMeasures.locked(row, 0.95));
        assertFalse(progressLine(row, "F").contains("locked"));
    }
}
