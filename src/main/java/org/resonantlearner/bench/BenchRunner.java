package org.resonantlearner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.telemetry.RunSummary;

/**
 * Runs scenarios × tuners headless, on a fixed number of threads. Every run is independent and
 * seeded, so the results do not depend on the thread count or the order runs finish in.
 */
public final class BenchRunner {
    private final Function<RunConfig, RunSummary> runOne;
    private final int threads;

    /**
     * Creates a runner.
     *
     * @param runOne runs one config to the end and returns its summary
     * @param threads worker threads (the machine's cores is a good choice)
     */
    public BenchRunner(Function<RunConfig, RunSummary> runOne, int threads) {
        this.runOne = runOne;
        this.threads = threads;
    }

    /**
     * Validates every scenario first (a bad one fails before anything runs), then runs them all.
     *
     * @param seed run seed for every scenario, or null for each scenario's own
     */
    public List<ComparisonTable.Entry> run(List<Scenario> scenarios, List<String> tuners, Long seed) {
        List<RunConfig> configs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (String tuner : tuners) {
                configs.add(ConfigLoader.fromTree("scenario " + scenario.name(), scenario.config(),
                        new ConfigLoader.Overrides(seed, null, tuner)));
                names.add(scenario.name());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<RunSummary>> futures = new ArrayList<>();
            for (RunConfig config : configs) {
                futures.add(pool.submit(() -> runOne.apply(config)));
            }
            List<ComparisonTable.Entry> entries = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                entries.add(new ComparisonTable.Entry(names.get(i), futures.get(i).get()));
            }
            return entries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a bench run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
