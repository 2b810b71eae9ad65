package org.resonantlearner.telemetry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * The telemetry thread of a run: drains the window ring into {@code power.csv} (whole lines, one
 * write per batch, so a {@code kill -9} leaves a file that parses), the tagged power log, the run
 * measures and the progress lines on the console. Never runs on the control thread.
 */
public final class RunRecorder {
    private static final int BATCH_ROWS = 256;
    private static final long IDLE_PARK_NANOS = 2_000_000L;

    private final WindowRing ring;
    private final PowerCsv csv;
    /** Unbuffered (a file channel's stream): each write is with the OS when it returns, nothing to flush. */
    private final OutputStream csvOut;
    private final RunMeasures measures;
    private final Consumer<double[]> progress;
    private final double progressIntervalSeconds;
    private final TaggedLogger powerLog = Logger.tag(RunLogs.POWER_TAG);
    private final double[] row = new double[WindowRow.COLUMNS];
    private final Thread thread;
    private double nextProgressSeconds;
    private long rowsWritten;
    private volatile Throwable failure;

    /**
     * Opens {@code csvFile} (it must not exist yet) and writes its header.
     *
     * @param progress receives a copy of the row each time a progress interval of stream time passes
     */
    public RunRecorder(WindowRing ring, Path csvFile, PowerCsv csv, List<String> headerLines, RunMeasures measures,
            double progressIntervalSeconds, Consumer<double[]> progress) {
        this.ring = ring;
        this.csv = csv;
        this.measures = measures;
        this.progress = progress;
        this.progressIntervalSeconds = progressIntervalSeconds;
        this.nextProgressSeconds = 0; // the first window shows where the run starts from
        try {
            this.csvOut = Files.newOutputStream(csvFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            csvOut.write(csv.header(headerLines).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + csvFile + ": " + e.getMessage(), e);
        }
        this.thread = new Thread(this::drainUntilClosed, "telemetry");
    }

    /** Starts the telemetry thread. */
    public void start() {
        thread.start();
    }

    /** Waits until the producer closed the ring and every row is written, then closes the file. */
    public void finish() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why the record stopped, in one line; null while it is fine. */
    public String failure() {
        Throwable f = failure;
        return f == null ? null : String.valueOf(f.getMessage());
    }

    /** Rows written to the CSV so far. */
    public long rowsWritten() {
        return rowsWritten;
    }

    private void drainUntilClosed() {
        StringBuilder batch = new StringBuilder(BATCH_ROWS * 160);
        try (csvOut) {
            while (true) {
                int batched = 0;
                while (batched < BATCH_ROWS && ring.poll(row)) {
                    handle(row, batch);
                    batched++;
                }
                if (batched > 0) {
                    csvOut.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                    batch.setLength(0);
                    continue;
                }
                if (ring.drained()) {
                    return;
                }
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            Logger.error(e, "telemetry stopped");
            // Keep draining so the control thread never blocks on a full ring.
            while (!ring.drained()) {
                if (!ring.poll(row)) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
        }
    }

    private void handle(double[] current, StringBuilder batch) {
        measures.accept(current);
        csv.appendRow(current, batch);
        rowsWritten++;
        powerLog.info("t={} s P={} W f={} Hz pos={} steps", current[WindowRow.TIME_SECONDS],
                current[WindowRow.LOAD_POWER_WATTS], current[WindowRow.DRIVE_FREQUENCY_HZ],
                (long) current[WindowRow.POSITION_STEPS]);
        if (current[WindowRow.TIME_SECONDS] >= nextProgressSeconds) {
            nextProgressSeconds = (Math.floor(current[WindowRow.TIME_SECONDS] / progressIntervalSeconds) + 1)
                    * progressIntervalSeconds;
            progress.accept(current.clone());
        }
    }

    /** Formats a progress line for a row: what a person watching a run wants to see. */
    public static void printProgress(PrintStream out, double[] row, String tunedUnit) {
        double oracle = row[WindowRow.ORACLE_ENERGY_JOULES];
        String capture = Double.isNaN(oracle) || oracle <= 0 ? ""
                : String.format("  capture so far %.3f", row[WindowRow.HARVESTED_ENERGY_JOULES] / oracle);
        double oracleWatts = row[WindowRow.ORACLE_POWER_WATTS];
        String oraclePower = Double.isNaN(oracleWatts) ? ""
                : String.format(" (oracle %.3f mW%s)", oracleWatts * 1e3,
                        row[WindowRow.TRUE_LOAD_POWER_WATTS] >= 0.95 * oracleWatts ? ", locked" : "");
        out.printf("t=%8.2f s  f=%9.3f Hz  position=%6d steps  tuning=%.4g %s  power=%8.3f mW%s%s  moves=%d%n",
                row[WindowRow.TIME_SECONDS], row[WindowRow.DRIVE_FREQUENCY_HZ], (long) row[WindowRow.POSITION_STEPS],
                row[WindowRow.TUNED_VALUE], tunedUnit, row[WindowRow.LOAD_POWER_WATTS] * 1e3, oraclePower, capture,
                (long) row[WindowRow.ACTUATOR_MOVES]);
    }
}
