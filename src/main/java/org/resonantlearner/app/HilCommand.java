package org.resonantlearner.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.bench.BenchRunner;
import org.resonantlearner.bench.HilSuite;
import org.resonantlearner.bench.HilTable;
import org.resonantlearner.bench.HilVerdict;
import org.resonantlearner.bench.JunitReport;
import org.resonantlearner.calibration.CalibrationException;
import org.resonantlearner.calibration.CalibrationFailedException;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.hal.serial.SerialFrontEndException;
import org.resonantlearner.telemetry.AtomicFiles;
import org.resonantlearner.telemetry.RunLogs;
import org.resonantlearner.telemetry.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hil}: the pass/fail runner for hardware in the loop. Runs a suite's scenarios as {@code bench}
 * runs them (each with its own tuner), in whatever mode the configs say, judges each against its
 * criteria, prints one row per scenario and criterion with PASS, FAIL or SKIP and the measured value,
 * optionally writes JUnit XML; exit 0 when nothing failed, 1 when something did, 2 for bad input
 * (before anything runs).
 */
@Command(name = "hil", mixinStandardHelpOptions = true,
        description = "Run a suite of scenarios with pass/fail criteria (any mode) and report PASS/FAIL/SKIP.")
public final class HilCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** What {@code --out} writes into its directory. */
    static final String RESULTS_FILE = "hil.json";

    @Option(names = "--suite", required = true, paramLabel = "FILE|NAME",
            description = "The suite: a suite file (JSON, see README) or a built-in suite: reference.")
    private String suite;

    @Option(names = "--config", paramLabel = "BASE",
            description = "A run config merged under every scenario (the scenario's keys win): the mode and port.")
    private Path baseConfig;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the report as JUnit XML.")
    private Path junitFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/" + RESULTS_FILE
            + " (each scenario's rows and run summary).")
    private Path outDirectory;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed for every scenario (default: each scenario's own).")
    private Long seed;

    @Option(names = "--only", paramLabel = "PREFIX",
            description = "Run only the scenarios whose name starts with PREFIX (e.g. static-).")
    private String onlyPrefix;

    @Override
    public Integer call() throws IOException {
        RunLogs.configureConsoleOnly();
        HilSuite hilSuite = HilSuite.BUILT_IN.contains(suite) ? HilSuite.builtIn(suite, baseConfig)
                : HilSuite.read(suiteFile(), baseConfig);
        if (onlyPrefix != null) {
            hilSuite = hilSuite.only(onlyPrefix);
        }
        if (junitFile != null && Files.isDirectory(junitFile)) {
            throw new ConfigException("--junit " + junitFile + ": is a directory; allowed a file path");
        }
        if (outDirectory != null && Files.exists(outDirectory.resolve(RESULTS_FILE))) {
            throw new ConfigException("--out " + outDirectory + ": " + RESULTS_FILE
                    + " already exists; a hil run never overwrites results");
        }
        BenchRunner.Plan plan = hilSuite.plan(seed);
        long criteria = hilSuite.cases().stream().mapToLong(c -> c.limits().size()).sum();
        System.out.printf("hil: %s, %d scenarios, %d criteria, mode %s%n", hilSuite.source(), plan.configs().size(),
                criteria, String.join(", ", plan.configs().stream().map(c -> c.mode().configName()).distinct().toList()));
        if (plan.hardware()) {
            System.out.printf("Hardware mode: %d runs on one device, one at a time%n", plan.configs().size());
        }
        LocalDateTime started = LocalDateTime.now();
        long wallStart = System.nanoTime();
        boolean hardware = plan.hardware();
        List<BenchRunner.Outcome> outcomes = new BenchRunner(config -> {
            if (hardware) {
                System.out.printf("  running %s: %.1f s on %s%n", config.source(), config.durationSeconds(),
                        config.adaptersDescription());
            }
            return BenchCommand.runHeadless(config);
        }, Math.max(1, Runtime.getRuntime().availableProcessors())).runEach(plan);
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;

        List<HilVerdict> rows = new ArrayList<>();
        List<List<HilVerdict>> rowsOfScenario = new ArrayList<>();
        Map<String, Double> runWallSeconds = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            BenchRunner.Outcome outcome = outcomes.get(i);
            RunConfig config = plan.configs().get(i);
            List<HilVerdict> scenarioRows = verdicts(hilSuite, i, outcome, config);
            rows.addAll(scenarioRows);
            rowsOfScenario.add(scenarioRows);
            runWallSeconds.put(outcome.scenario(), outcome.wallSeconds());
        }
        System.out.println();
        System.out.print(HilTable.markdown(rows));
        System.out.println();
        System.out.println(HilTable.total(rows, outcomes.size(), wallSeconds));
        if (junitFile != null) {
            JunitReport.write(junitFile, hilSuite.name(), rows, runWallSeconds, wallSeconds, started);
            System.out.println("Wrote " + junitFile);
        }
        if (outDirectory != null) {
            writeResults(outDirectory.resolve(RESULTS_FILE), outcomes, rowsOfScenario);
            System.out.println("Wrote " + outDirectory.resolve(RESULTS_FILE));
        }
        return HilVerdict.count(rows, HilVerdict.Status.FAIL) == 0 ? 0 : Main.EXIT_FAILURE;
    }

    /** The suite file of {@code --suite}; one line when it is neither a file nor a built-in suite. */
    private Path suiteFile() {
        Path file = Path.of(suite);
        if (!Files.exists(file)) {
            throw new ConfigException("--suite " + suite + ": no such file, and not a built-in suite "
                    + HilSuite.BUILT_IN);
        }
        return file;
    }

    /**
     * The rows of scenario {@code index}: one per criterion when its run completed, else the one row
     * that says why it did not.
     */
    private static List<HilVerdict> verdicts(HilSuite suite, int index, BenchRunner.Outcome outcome,
            RunConfig config) {
        if (outcome.failure() != null) {
            return List.of(HilVerdict.runFailed(outcome.scenario(), reason(outcome.failure())));
        }
        RunSummary summary = outcome.summary();
        if (!summary.exitStatus().equals("completed")) {
            return List.of(HilVerdict.runFailed(outcome.scenario(), String.format(java.util.Locale.ROOT,
                    "%s after %.3f s of %.3f s of stream time", summary.exitStatus(), summary.durationSeconds(),
                    config.durationSeconds())));
        }
        return suite.judge(index, summary, config.mode().configName());
    }

    /**
     * A failed run's reason in one line: an expected failure's own words (no device, no answer, a
     * device that does not fit the config), a bug's class and message (its trace with RL_STACK_TRACE).
     */
    static String reason(RuntimeException failure) {
        boolean expected = failure instanceof ConfigException || failure instanceof SerialFrontEndException
                || failure instanceof CalibrationFailedException || failure instanceof CalibrationException
                || failure instanceof InvalidValueException;
        if (expected) {
            return Main.oneLine(failure.getMessage());
        }
        if (System.getenv(Main.TRACE_VARIABLE) != null) {
            failure.printStackTrace();
        }
        return "internal error: " + failure.getClass().getSimpleName() + ": " + Main.oneLine(failure.getMessage());
    }

    /** {@code --out}: per scenario its rows, its run's wall time and its summary (or why there is none). */
    private static void writeResults(Path file, List<BenchRunner.Outcome> outcomes, List<List<HilVerdict>> rows)
            throws IOException {
        List<Map<String, Object>> json = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            BenchRunner.Outcome outcome = outcomes.get(i);
            Map<String, Object> scenario = new LinkedHashMap<>();
            scenario.put("scenario", outcome.scenario());
            boolean failed = rows.get(i).stream().anyMatch(row -> row.status() == HilVerdict.Status.FAIL);
            scenario.put("result", failed ? "FAIL" : "PASS");
            scenario.put("wallSeconds", outcome.wallSeconds());
            List<Map<String, Object>> checks = new ArrayList<>();
            for (HilVerdict row : rows.get(i)) {
                Map<String, Object> check = new LinkedHashMap<>();
                check.put("criterion", row.criterion());
                check.put("limit", row.limit());
                check.put("measured", row.measured());
                check.put("result", row.status().name());
                check.put("reason", row.reason());
                checks.add(check);
            }
            scenario.put("checks", checks);
            scenario.put("summary", outcome.summary() == null ? null : outcome.summary().toJsonMap());
            json.add(scenario);
        }
        AtomicFiles.write(file, JSON.writeValueAsBytes(json));
    }
}
