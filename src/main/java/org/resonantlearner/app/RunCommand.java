package org.resonantlearner.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.loop.ServiceLoop;
import org.resonantlearner.telemetry.AtomicFiles;
import org.resonantlearner.telemetry.DiskGuard;
import org.resonantlearner.telemetry.PowerCsv;
import org.resonantlearner.telemetry.RunLogs;
import org.resonantlearner.telemetry.RunMeasures;
import org.resonantlearner.telemetry.RunRecorder;
import org.resonantlearner.telemetry.RunSummary;
import org.resonantlearner.telemetry.WindowRing;
import org.tinylog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: one run of the service (simulated rig by default, or a real front-end), with a run
 * record and progress lines. SIGTERM or Ctrl-C stops the loop, puts the actuator in its safe state,
 * closes the record and exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the service loop (default: simulated RLC rig, noise-plus-brake tuner) and record it.")
public final class RunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Stream time per loop slice: how promptly a stop request and summary snapshots are seen. */
    private static final double SLICE_SECONDS = 0.25;
    /** Wall time between tries to open a missing front-end in a service. */
    private static final long OPEN_RETRY_MILLIS = 5_000;
    /** What summary.json says from the moment the run directory is claimed. */
    private static final Map<String, Object> JSON_STARTING = Map.of("exitStatus", "starting");
    /** Wall time between "running" snapshots of summary.json. */
    private static final long SNAPSHOT_INTERVAL_NANOS = 2_000_000_000L;

    @Mixin
    private ConfigOption configOption;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed (overrides the config).")
    private Long seed;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stream time to run, s (overrides the config).")
    private Double durationSeconds;

    @Option(names = "--tuner", paramLabel = "NAME",
            description = "noise-brake (default), fixed, sweep, perturb-observe or extremum-seeking.")
    private String tunerName;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory to create (default: <output.directory>/<time>-<rig>-<tuner>-seed<N>).")
    private Path outDirectory;

    @Option(names = "--realtime", description = "Pace the simulated rig to the wall clock (demos).")
    private boolean realtime;

    @Option(names = "--service",
            description = "Run until stopped (SIGTERM), with the record in rotating segments (a service for months)."
                    + " Waits for a missing front-end instead of failing.")
    private boolean service;

    @Override
    public Integer call() {
        // The hook comes first: a signal at any moment from here on ends in a clean stop.
        StopOnSignal stop = StopOnSignal.install();
        int exitCode = Main.EXIT_FAILURE;
        try {
            exitCode = runUntilDone(stop);
        } catch (ConfigException e) {
            // Printed here, not by Main: a waiting signal hook ends the process as soon as done() is called.
            System.err.println("error: " + Main.oneLine(e.getMessage()));
            exitCode = Main.EXIT_CONFIG_ERROR;
        } finally {
            stop.done(exitCode);
        }
        return exitCode;
    }

    private int runUntilDone(StopOnSignal stop) {
        if (service && durationSeconds != null) {
            throw new ConfigException("--service and --duration: allowed one of them (a service runs until stopped)");
        }
        RunConfig config = configOption.load(new ConfigLoader.Overrides(seed, durationSeconds, tunerName));
        if (stop.requested()) {
            return 0; // stopped before anything was created
        }
        String lowDisk = diskShortfall(config);
        if (lowDisk != null) {
            System.err.println("error: " + lowDisk + " (output.diskReserveBytes); nothing was started");
            return Main.EXIT_FAILURE;
        }
        Path runDirectory = RunDirectory.claim(outDirectory, config, JSON_STARTING);
        Path summaryFile = runDirectory.resolve(RunDirectory.SUMMARY_FILE);
        if (!RunLogs.configure(runDirectory, !service)) {
            System.err.println("warning: logging was already set up in this process; resonant-learner.log and"
                    + " power.log go where it points, power.csv and summary.json to " + runDirectory);
        }
        PrintStream out = System.out;
        WindowRing ring = new WindowRing(8192);
        ServiceRun run;
        try {
            run = open(config, stop, ring, summaryFile);
        } catch (RuntimeException e) {
            // The adapters could not be opened (no device, wrong device): the record says so.
            Logger.error(e, "cannot open the {} adapters", config.mode().configName());
            writeStatusOnly(summaryFile, config, "failed: " + e.getMessage());
            if (e instanceof ConfigException) {
                throw e;
            }
            System.err.println("error: " + Main.oneLine(e.getMessage()));
            return Main.EXIT_FAILURE;
        }
        if (run == null) {
            Logger.info("run stopped while waiting for the {} adapters", config.mode().configName());
            writeStatusOnly(summaryFile, config, "stopped");
            return 0;
        }
        stop.attach(run.loop());
        String failure = null;
        RunRecorder recorder = null;
        RunMeasures measures = ServiceRun.measuresFor(config);
        String exitStatus = "completed";
        long wallStartNanos = System.nanoTime();
        try {
            String tunedUnit = config.rig().tunedParameterUnit();
            recorder = new RunRecorder(ring, runDirectory,
                    new PowerCsv(config.rig().tunedParameterColumn(), run.simulated()), header(config, run.simulated()),
                    config.output().record(service), measures, config.output().progressIntervalSeconds(),
                    row -> RunRecorder.printProgress(out, row, tunedUnit, measures.lockFraction()));
            writeSummary(summaryFile, run.summary(ServiceRun.measuresFor(config), "running"));
            String timeBase = realtime || !run.simulated() ? "real" : "simulated";
            out.printf("Running %s rig (%s), tuner %s, seed %d, %s; record in %s%n", config.rig().kind(),
                    config.adaptersDescription(), config.tunerName(), config.seed(),
                    service ? "until stopped, in " + timeBase + " time, as a service"
                            : String.format("%.1f s of %s time", config.durationSeconds(), timeBase),
                    runDirectory);
            Logger.info("run started: rig {}, tuner {}, seed {}, config {}", config.rig().kind(), config.tunerName(),
                    config.seed(), config.source());
            recorder.start();
            failure = runLoop(run, recorder, summaryFile);
            if (failure != null) {
                exitStatus = "failed: " + failure;
            } else if (run.loop().streamSamples() < sampleBudget(run)) {
                exitStatus = "stopped";
            }
        } catch (IOException | RuntimeException e) {
            failure = String.valueOf(e.getMessage());
            exitStatus = "failed: " + failure;
            Logger.error(e, "run failed");
        } finally {
            try {
                ring.close();
                if (recorder != null) {
                    recorder.finish();
                    if (failure == null && recorder.failure() != null) {
                        failure = recorder.failure();
                        exitStatus = "failed: " + failure;
                    }
                }
                RunSummary summary = run.summary(measures, exitStatus);
                try {
                    writeSummary(summaryFile, summary);
                } catch (IOException e) {
                    Logger.error("summary.json not written: {}", e.getMessage());
                    if (failure == null) {
                        failure = "summary.json not written: " + e.getMessage();
                    }
                }
                Logger.info("run {}: {}", exitStatus, summary.toJsonMap());
                printSummary(out, summary, runDirectory, service, recorder == null ? 0 : recorder.rowsWritten(),
                        (System.nanoTime() - wallStartNanos) / 1e9);
            } finally {
                run.close(); // the actuator's safe state, whatever happened above
            }
        }
        if (failure != null) {
            System.err.println("error: run failed: " + Main.oneLine(failure) + " (record in " + runDirectory + ")");
            return Main.EXIT_FAILURE;
        }
        return 0;
    }

    /** Null when the disk the record goes to keeps its reserve, else the one-line reason. */
    private String diskShortfall(RunConfig config) {
        Path where = outDirectory != null ? outDirectory : Path.of(config.output().directory());
        try {
            return DiskGuard.shortfall(where, config.output().diskReserveBytes());
        } catch (IOException e) {
            return "cannot read the free space of " + where + ": " + RunDirectory.reason(e);
        }
    }

    /** Samples to run: the configured duration, or no end for a service. */
    private long sampleBudget(ServiceRun run) {
        return service ? Long.MAX_VALUE : run.totalSamples();
    }

    /**
     * Runs the loop in slices until the budget is spent, a stop is requested, the stream ends or the
     * record fails; returns the failure's one-line reason, or null.
     */
    private String runLoop(ServiceRun run, RunRecorder recorder, Path summaryFile) {
        // Whole blocks per slice: a slice ending inside a block would end that block short and shift
        // every later block boundary (a move takes effect at the next block), so the record would
        // differ from one uninterrupted run of the same config (bench, tests).
        long sliceSamples = ServiceRun.BLOCK_SAMPLES
                * Math.max(1, Math.round(SLICE_SECONDS * run.sampleRateHz() / ServiceRun.BLOCK_SAMPLES));
        long budget = sampleBudget(run);
        ServiceLoop loop = run.loop();
        RunMeasures noLockFigures = ServiceRun.measuresFor(run.config());
        long lastSnapshotNanos = System.nanoTime();
        while (loop.streamSamples() < budget && !loop.stopRequested() && !loop.endOfStream()) {
            loop.run(Math.min(sliceSamples, budget - loop.streamSamples()));
            if (recorder.failure() != null) {
                return recorder.failure();
            }
            if (System.nanoTime() - lastSnapshotNanos > SNAPSHOT_INTERVAL_NANOS) {
                try {
                    // Lock figures live on the telemetry thread; the snapshot carries energies and status.
                    writeSummary(summaryFile, run.summary(noLockFigures, "running"));
                } catch (IOException e) {
                    return "summary.json: " + RunDirectory.reason(e);
                }
                lastSnapshotNanos = System.nanoTime();
            }
        }
        return null;
    }

    /**
     * Opens the adapters. A service waits for a missing front-end, retrying, and says in its log and
     * summary what it waits for; returns null when a stop came while it waited.
     */
    private ServiceRun open(RunConfig config, StopOnSignal stop, WindowRing ring, Path summaryFile) {
        String lastReason = null;
        while (true) {
            try {
                return new ServiceRun(config, realtime, ring::publish);
            } catch (ConfigException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!service) {
                    throw e;
                }
                String reason = String.valueOf(e.getMessage());
                if (!reason.equals(lastReason)) {
                    String waiting = "waiting for the " + config.mode().configName() + " adapters ("
                            + config.adaptersDescription() + "): " + reason + "; retrying every "
                            + OPEN_RETRY_MILLIS / 1000 + " s";
                    Logger.warn(waiting);
                    System.err.println("warning: " + waiting); // the journal's copy
                    writeStatusOnly(summaryFile, config, "waiting: " + reason);
                    lastReason = reason;
                }
            }
            for (long waited = 0; waited < OPEN_RETRY_MILLIS; waited += 100) {
                if (stop.requested()) {
                    return null;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    /** A summary with no run behind it yet (start-up, waiting, failed to open); a failure to write it is logged. */
    private static void writeStatusOnly(Path summaryFile, RunConfig config, String exitStatus) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("rig", config.rig().kind());
        status.put("tuner", config.tunerName());
        status.put("seed", config.seed());
        status.put("exitStatus", exitStatus);
        try {
            writeJson(summaryFile, status);
        } catch (IOException e) {
            Logger.error("summary.json not written: {}", e.getMessage());
        }
    }

    private static List<String> header(RunConfig config, boolean simulated) {
        List<String> lines = new ArrayList<>();
        lines.add("Resonant Learner power record");
        lines.add("version: " + Main.version());
        lines.add("started: " + Instant.now());
        lines.add("rig: " + config.rig().kind() + " (" + config.adaptersDescription() + ")");
        lines.add("tuner: " + config.tunerName());
        lines.add("seed: " + config.seed());
        lines.add("config: " + config.source());
        lines.add("calibration file: " + config.calibrationDescription());
        lines.add(simulated ? "one row per measurement window; Load power is measured from the ADC samples;"
                + " Harvested energy, Oracle and True columns come from the simulation"
                : "one row per measurement window; Load power and Harvested energy are measured from the ADC samples");
        lines.add("Time is stream time at the window's end, gaps included: after an outage it jumps, and "
                + PowerCsv.SAMPLES_LOST_COLUMN + " says how many samples are missing before the row; "
                + PowerCsv.WALL_CLOCK_COLUMN + " is when the window reached the recorder (Unix time, UTC, ms)");
        lines.add("settings:");
        for (String setting : config.effectiveSettings()) {
            lines.add("  " + setting);
        }
        return lines;
    }

    static void writeSummary(Path file, RunSummary summary) throws IOException {
        writeJson(file, summary.toJsonMap());
    }

    /**
     * Writes {@code value} as JSON to {@code file}, atomically; on a full disk (no room for the
     * temporary copy) in place, into the blocks the file already has, so the final status still lands.
     */
    private static void writeJson(Path file, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException atomicFailed) {
            try {
                Files.write(file, bytes);
            } catch (IOException inPlaceFailed) {
                atomicFailed.addSuppressed(inPlaceFailed);
                throw atomicFailed;
            }
        }
    }

    private static void printSummary(PrintStream out, RunSummary s, Path runDirectory, boolean segmented, long rows,
            double wallSeconds) {
        out.printf("%nRun %s after %.2f s of stream time (%.2f s wall).%n", s.exitStatus(), s.durationSeconds(),
                wallSeconds);
        out.printf("  %s%n", s.energyLine());
        out.printf("  %s; %d actuator moves, %d steps of travel, tuning energy %.4g J, net %.6g J%n", s.lockPhrase(),
                s.actuatorMoves(), s.actuatorTravelSteps(), s.tuningEnergyJoules(), s.netEnergyJoules());
        out.printf("Record: %s (%s with %d rows, summary.json, resonant-learner.log%s)%n", runDirectory,
                segmented ? "power-NNNNNN.csv segments and segments.json" : "power.csv", rows,
                segmented ? "" : ", power.log");
    }
}
