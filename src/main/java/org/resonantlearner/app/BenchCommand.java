package org.resonantlearner.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.bench.BenchRunner;
import org.resonantlearner.bench.ComparisonTable;
import org.resonantlearner.bench.Scenario;
import org.resonantlearner.bench.ScenarioFile;
import org.resonantlearner.bench.StandardSuite;
import org.resonantlearner.control.Tuners;
import org.resonantlearner.telemetry.RunLogs;
import org.resonantlearner.telemetry.RunMeasures;
import org.resonantlearner.telemetry.RunSummary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: scenarios × tuners headless, as a comparison table; on the simulated rig in parallel,
 * on hardware (serial, pi4j) one run at a time on the one device.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run scenarios x tuners headless and print a comparison table.")
public final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    static final class Source {
        @Option(names = "--suite", paramLabel = "NAME", description = "Built-in suite: standard.")
        String suite;

        @Option(names = "--scenario", paramLabel = "FILE", description = "A scenario file (JSON, see README).")
        Path scenarioFile;
    }

    @Option(names = "--tuners", paramLabel = "NAME[,NAME...]", split = ",",
            description = "Tuners to compare (default: all five).")
    private List<String> tuners = new ArrayList<>(Tuners.names());

    @Option(names = "--only", paramLabel = "PREFIX",
            description = "Run only the scenarios whose name starts with PREFIX (e.g. static-).")
    private String onlyPrefix;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write DIR/bench.json.")
    private Path outDirectory;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed for every scenario (default: each scenario's own).")
    private Long seed;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A run config under every scenario (its mode, port or Pi wiring; the scenario's keys win).")
    private Path baseConfig;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available cores).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws IOException {
        RunLogs.configureConsoleOnly();
        for (String tuner : tuners) {
            if (!Tuners.names().contains(tuner)) {
                throw new ConfigException("--tuners: \"" + tuner + "\" is not a tuner; allowed " + Tuners.names());
            }
        }
        List<Scenario> scenarios;
        if (source.suite != null) {
            if (!source.suite.equals("standard")) {
                throw new ConfigException("--suite " + source.suite + ": unknown suite; allowed [standard]");
            }
            scenarios = StandardSuite.scenarios();
        } else {
            scenarios = ScenarioFile.read(source.scenarioFile);
        }
        if (baseConfig != null) {
            ObjectNode base = ScenarioFile.readBase(baseConfig);
            scenarios = scenarios.stream().map(s -> s.over(base)).toList();
        }
        if (onlyPrefix != null) {
            scenarios = scenarios.stream().filter(s -> s.name().startsWith(onlyPrefix)).toList();
            if (scenarios.isEmpty()) {
                throw new ConfigException("--only " + onlyPrefix + ": no scenario name starts with it");
            }
        }
        if (outDirectory != null && Files.exists(outDirectory.resolve("bench.json"))) {
            throw new ConfigException("--out " + outDirectory + ": bench.json already exists; a bench never overwrites results");
        }
        BenchRunner.Plan plan = BenchRunner.plan(scenarios, tuners, seed);
        if (plan.hardware()) {
            System.out.printf("Hardware mode: %d runs on one device, one at a time (--threads does not apply)%n",
                    plan.configs().size());
        }
        long wallStart = System.nanoTime();
        List<ComparisonTable.Entry> entries = new BenchRunner(BenchCommand::runHeadless, Math.max(1, threads))
                .run(plan);
        System.out.print(ComparisonTable.markdown(entries));
        System.out.printf("%n%d runs in %.1f s wall%n", entries.size(), (System.nanoTime() - wallStart) / 1e9);
        if (outDirectory != null) {
            Files.createDirectories(outDirectory);
            List<Map<String, Object>> json = new ArrayList<>();
            for (ComparisonTable.Entry entry : entries) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("scenario", entry.scenario());
                map.putAll(entry.summary().toJsonMap());
                json.add(map);
            }
            JSON.writeValue(outDirectory.resolve("bench.json").toFile(), json);
            System.out.println("Wrote " + outDirectory.resolve("bench.json"));
        }
        return 0;
    }

    /**
     * One run to the end with no record: rows go straight into the measures; the adapters are closed
     * after it. A run whose stream ended before its duration (the source closed) is "stopped", as
     * {@code run} says it, not "completed".
     */
    static RunSummary runHeadless(RunConfig config) {
        RunMeasures measures = ServiceRun.measuresFor(config);
        try (ServiceRun run = new ServiceRun(config, false, measures::accept)) {
            run.runToEnd();
            return run.summary(measures, run.loop().streamSamples() < run.totalSamples() ? "stopped" : "completed");
        }
    }
}
