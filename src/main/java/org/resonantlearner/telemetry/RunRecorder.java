package org.resonantlearner.telemetry;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * The telemetry thread of a run: drains the window ring into the record ({@link RecordWriter}: whole
 * lines, one write per batch, so a {@code kill -9} leaves files that parse), the tagged power log,
 * the run measures and the progress lines on the console. Never runs on the control thread.
 *
 * <p>The first failure (a write the disk refused, the disk reserve reached, a bug) stops the record
 * once: one ERROR line, the file closed on its last whole line, {@link #failure()} set for the
 * control thread to stop the run. The thread keeps draining the ring so the producer never blocks.
 */
public final class RunRecorder {
    private static final int BATCH_ROWS = 256;
    private static final long IDLE_PARK_NANOS = 2_000_000L;

    private final WindowRing ring;
    private final RecordWriter writer;
    private final RunMeasures measures;
    private final Consumer<double[]> progress;
    private final double progressIntervalSeconds;
    private final TaggedLogger powerLog = Logger.tag(RunLogs.POWER_TAG);
    private final double[][] batch = new double[BATCH_ROWS][WindowRow.COLUMNS];
    private final double[] drained = new double[WindowRow.COLUMNS];
    private final Thread thread;
    private double nextProgressSeconds;
    private volatile String failure;

    /**
     * Creates the record in {@code runDirectory} ({@code power.csv}, or segments when
     * {@code record.segmented()}; the first file must not exist yet) and writes its header.
     *
     * @param progress receives a copy of the row each time a progress interval of stream time passes
     * @throws java.io.UncheckedIOException naming the file when it cannot be created
     */
    public RunRecorder(WindowRing ring, Path runDirectory, PowerCsv csv, List<String> headerLines, RecordSettings record,
            RunMeasures measures, double progressIntervalSeconds, Consumer<double[]> progress) {
        this(ring, RecordWriter.open(runDirectory, csv, headerLines, record), measures, progressIntervalSeconds,
                progress);
    }

    RunRecorder(WindowRing ring, RecordWriter writer, RunMeasures measures, double progressIntervalSeconds,
            Consumer<double[]> progress) {
        this.ring = ring;
        this.writer = writer;
        this.measures = measures;
        this.progress = progress;
        this.progressIntervalSeconds = progressIntervalSeconds;
        this.nextProgressSeconds = 0; // the first window shows where the run starts from
        this.thread = new Thread(this::drainUntilClosed, "telemetry");
    }

    /** Starts the telemetry thread. */
    public void start() {
        thread.start();
    }

    /**
     * Waits until the producer closed the ring and every row is handled, the record closed. Never
     * throws: a failure is in {@link #failure()}. An interrupt is kept for the caller, not obeyed,
     * since the record must be closed before the run reports.
     */
    public void finish() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Null while recording goes well, else the one-line reason it stopped, e.g.
     * "power.csv: no space left on device". Safe to poll from any thread.
     */
    public String failure() {
        return failure;
    }

    /** Rows written to the record so far; exact once {@link #finish()} returned. */
    public long rowsWritten() {
        return writer.rowsWritten();
    }

    private void drainUntilClosed() {
        try {
            while (true) {
                int batched = 0;
                while (batched < BATCH_ROWS && ring.poll(batch[batched])) {
                    handle(batch[batched]);
                    batched++;
                }
                if (batched > 0) {
                    writer.flush();
                    // Logged once the rows are on disk: a full disk fails here once, not per row.
                    for (int i = 0; i < batched; i++) {
                        logPower(batch[i]);
                    }
                    continue;
                }
                if (ring.drained()) {
                    writer.close();
                    return;
                }
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        } catch (RecordWriter.RecordFailure e) {
            stopRecording(e.getMessage());
            Logger.error("run record: {}", failure);
        } catch (IOException | RuntimeException e) {
            stopRecording("telemetry failed: " + e);
            Logger.error(e, "recording stopped");
        }
        // Keep draining so the control thread never blocks on a full ring.
        while (!ring.drained()) {
            if (!ring.poll(drained)) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
    }

    private void stopRecording(String reason) {
        failure = reason;
        writer.abandon(reason);
    }

    private void handle(double[] current) throws IOException {
        measures.accept(current);
        writer.append(current);
        if (current[WindowRow.TIME_SECONDS] >= nextProgressSeconds) {
            nextProgressSeconds = (Math.floor(current[WindowRow.TIME_SECONDS] / progressIntervalSeconds) + 1)
                    * progressIntervalSeconds;
            progress.accept(current.clone());
        }
    }

    private void logPower(double[] current) {
        powerLog.info("t={} s P={} W f={} Hz pos={} steps", current[WindowRow.TIME_SECONDS],
                current[WindowRow.LOAD_POWER_WATTS], current[WindowRow.DRIVE_FREQUENCY_HZ],
                (long) current[WindowRow.POSITION_STEPS]);
    }

    /**
     * Formats a progress line for a row: what a person watching a run wants to see. "locked" is
     * {@link RunMeasures#locked}'s judgement at {@code lockFraction}, the same as the summary's.
     */
    public static void printProgress(PrintStream out, double[] row, String tunedUnit, double lockFraction) {
        double oracle = row[WindowRow.ORACLE_ENERGY_JOULES];
        String capture = Double.isNaN(oracle) || oracle <= 0 ? ""
                : String.format("  capture so far %.3f", row[WindowRow.HARVESTED_ENERGY_JOULES] / oracle);
        double oracleWatts = row[WindowRow.ORACLE_POWER_WATTS];
        String locked = RunMeasures.locked(row, lockFraction) ? ", locked" : "";
        String reference;
        if (!Double.isNaN(oracleWatts)) {
            reference = String.format(" (oracle %.3f mW%s)", oracleWatts * 1e3, locked);
        } else if (RunMeasures.judged(row)) {
            reference = String.format(" (lock reference %.3f mW%s)", row[WindowRow.LOCK_REFERENCE_WATTS] * 1e3, locked);
        } else {
            reference = "";
        }
        out.printf("t=%8.2f s  f=%9.3f Hz  position=%6d steps  tuning=%.4g %s  power=%8.3f mW%s%s  moves=%d%n",
                row[WindowRow.TIME_SECONDS], row[WindowRow.DRIVE_FREQUENCY_HZ], (long) row[WindowRow.POSITION_STEPS],
                row[WindowRow.TUNED_VALUE], tunedUnit, row[WindowRow.LOAD_POWER_WATTS] * 1e3, reference, capture,
                (long) row[WindowRow.ACTUATOR_MOVES]);
    }
}
