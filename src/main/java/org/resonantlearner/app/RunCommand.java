package org.resonantlearner.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.loop.ServiceLoop;
import org.resonantlearner.telemetry.AtomicFiles;
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

    @Override
    public Integer call() throws Exception {
        RunConfig config = configOption.load(new ConfigLoader.Overrides(seed, durationSeconds, tunerName));
        Path runDirectory = createRunDirectory(config);
        PrintStream out = System.out;
        if (!RunLogs.configure(runDirectory)) {
            System.err.println("warning: logging was already set up in this process; resonant-learner.log and"
                    + " power.log go where it points, power.csv and summary.json to " + runDirectory);
        }

        WindowRing ring = new WindowRing(8192);
        ServiceRun run;
        try {
            run = new ServiceRun(config, realtime, ring::publish);
        } catch (RuntimeException e) {
            // The adapters could not be opened (no device, wrong device): the record says so.
            Logger.error(e, "cannot open the {} adapters", config.mode().configName());
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("rig", config.rig().kind());
            failed.put("tuner", config.tunerName());
            failed.put("seed", config.seed());
            failed.put("exitStatus", "failed: " + e.getMessage());
            JSON.writeValue(runDirectory.resolve("summary.json").toFile(), failed);
            throw e;
        }
        RunMeasures measures = ServiceRun.measuresFor(config);
        String tunedColumn = config.rig().tunedParameterColumn();
        String tunedUnit = config.rig().tunedParameterUnit();
        RunRecorder recorder = new RunRecorder(ring, runDirectory.resolve("power.csv"), new PowerCsv(tunedColumn, run.simulated()),
                header(config, run.simulated()), measures, config.output().progressIntervalSeconds(),
                row -> RunRecorder.printProgress(out, row, tunedUnit));

        Path summaryFile = runDirectory.resolve("summary.json");
        writeSummary(summaryFile, run.summary(ServiceRun.measuresFor(config), "running"));
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopOnSignal = new Thread(() -> {
            run.loop().requestStop();
            try {
                finished.await();
                // Stopped on request with the record closed and the actuator safe: a clean exit.
                Runtime.getRuntime().halt(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-on-signal");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);

        out.printf("Running %s rig (%s), tuner %s, seed %d, %.1f s of %s time; record in %s%n", config.rig().kind(),
                run.simulated() ? "simulated" : config.adaptersDescription(),
                config.tunerName(), config.seed(), config.durationSeconds(),
                realtime || !run.simulated() ? "real" : "simulated", runDirectory);
        Logger.info("run started: rig {}, tuner {}, seed {}, config {}", config.rig().kind(), config.tunerName(),
                config.seed(), config.source());
        recorder.start();
        String exitStatus = "completed";
        long wallStartNanos = System.nanoTime();
        long lastSnapshotNanos = wallStartNanos;
        RunMeasures noLockFigures = ServiceRun.measuresFor(config);
        try {
            // Whole blocks per slice: a slice ending inside a block would end that block short and shift
            // every later block boundary (a move takes effect at the next block), so the record would
            // differ from one uninterrupted run of the same config (bench, tests).
            long sliceSamples = ServiceRun.BLOCK_SAMPLES
                    * Math.max(1, Math.round(SLICE_SECONDS * run.sampleRateHz() / ServiceRun.BLOCK_SAMPLES));
            ServiceLoop loop = run.loop();
            while (loop.samplesRead() < run.totalSamples() && !loop.stopRequested() && !loop.endOfStream()) {
                loop.run(Math.min(sliceSamples, run.totalSamples() - loop.samplesRead()));
                if (System.nanoTime() - lastSnapshotNanos > SNAPSHOT_INTERVAL_NANOS) {
                    // Lock figures live on the telemetry thread; the snapshot carries energies and status.
                    writeSummary(summaryFile, run.summary(noLockFigures, "running"));
                    lastSnapshotNanos = System.nanoTime();
                }
            }
            if (loop.samplesRead() < run.totalSamples()) {
                exitStatus = "stopped";
            }
        } catch (RuntimeException e) {
            exitStatus = "failed: " + e;
            Logger.error(e, "run failed");
            throw e;
        } finally {
            ring.close();
            recorder.finish();
            RunSummary summary = run.summary(measures, exitStatus);
            writeSummary(summaryFile, summary);
            double wallSeconds = (System.nanoTime() - wallStartNanos) / 1e9;
            Logger.info("run {}: {}", exitStatus, summary.toJsonMap());
            printSummary(out, summary, runDirectory, recorder.rowsWritten(), wallSeconds);
            run.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping on a signal: the hook is waiting for us, nothing to remove.
            }
        }
        return 0;
    }

    private Path createRunDirectory(RunConfig config) {
        Path directory = outDirectory;
        if (directory == null) {
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
            directory = Path.of(config.output().directory(),
                    stamp + "-" + config.rig().kind() + "-" + config.tunerName() + "-seed" + config.seed());
        }
        try {
            if (Files.exists(directory) && (!Files.isDirectory(directory) || hasEntries(directory))) {
                throw new ConfigException("--out " + directory
                        + ": already exists and is not an empty directory; a run never overwrites a record");
            }
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigException("--out " + directory + ": cannot create: " + e.getMessage(), e);
        }
        return directory;
    }

    private static boolean hasEntries(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.findAny().isPresent();
        }
    }

    private static List<String> header(RunConfig config, boolean simulated) {
        List<String> lines = new ArrayList<>();
        lines.add("Resonant Learner power record");
        lines.add("version: " + Main.version());
        lines.add("started: " + Instant.now());
        lines.add("rig: " + config.rig().kind() + " (" + (simulated ? "simulated" : config.adaptersDescription()) + ")");
        lines.add("tuner: " + config.tunerName());
        lines.add("seed: " + config.seed());
        lines.add("config: " + config.source());
        lines.add("calibration file: " + config.calibrationDescription());
        lines.add(simulated ? "one row per measurement window; Load power is measured from the ADC samples;"
                + " Harvested energy, Oracle and True columns come from the simulation"
                : "one row per measurement window; Load power and Harvested energy are measured from the ADC samples");
        lines.add("settings:");
        for (String setting : config.effectiveSettings()) {
            lines.add("  " + setting);
        }
        return lines;
    }

    static void writeSummary(Path file, RunSummary summary) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(summary.toJsonMap()));
    }

    private static void printSummary(PrintStream out, RunSummary s, Path runDirectory, long rows, double wallSeconds) {
        out.printf("%nRun %s after %.2f s of stream time (%.2f s wall).%n", s.exitStatus(), s.durationSeconds(),
                wallSeconds);
        out.printf("  harvested %.6g J of %.6g J oracle: capture ratio %.4f%n", s.harvestedEnergyJoules(),
                s.oracleEnergyJoules(), s.captureRatio());
        out.printf("  lock time %s; %d actuator moves, %d steps of travel, tuning energy %.4g J, net %.6g J%n",
                Double.isNaN(s.lockTimeSeconds()) ? "never locked" : String.format("%.3f s", s.lockTimeSeconds()),
                s.actuatorMoves(), s.actuatorTravelSteps(), s.tuningEnergyJoules(), s.netEnergyJoules());
        out.printf("Record: %s (power.csv with %d rows, summary.json, resonant-learner.log, power.log)%n",
                runDirectory, rows);
    }
}
