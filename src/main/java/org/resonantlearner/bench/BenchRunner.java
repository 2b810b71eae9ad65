package org.resonantlearner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.telemetry.RunSummary;

/**
 * Runs scenarios × tuners headless, on a fixed number of threads (one on hardware: one device, one
 * run at a time). Every run is independent and seeded, so the results do not depend on the thread
 * count or the order runs finish in.
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
     * The runs of scenarios × tuners, validated (a bad scenario fails before anything runs).
     *
     * @param configs one per run, scenario by scenario, tuner by tuner
     * @param names the scenario name of each run
     */
    public record Plan(List<RunConfig> configs, List<String> names) {
        /**
         * True when a run is on hardware (serial, or pi4j on a Pi): there is one device, so the runs go
         * one at a time, in order.
         */
        public boolean hardware() {
            return configs.stream().anyMatch(config -> !config.physicsSimulated());
        }
    }

    /**
     * Plans the runs of every scenario with every tuner.
     *
     * @param tuners the tuner names; a null entry runs each scenario's own ({@code tuner.name})
     * @param seed run seed for every scenario, or null for each scenario's own
     */
    public static Plan plan(List<Scenario> scenarios, List<String> tuners, Long seed) {
        List<RunConfig> configs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (String tuner : tuners) {
                configs.add(ConfigLoader.fromTree("scenario " + scenario.name(), scenario.config(),
                        new ConfigLoader.Overrides(seed, null, tuner)));
                names.add(scenario.name());
            }
        }
        return new Plan(List.copyOf(configs), List.copyOf(names));
    }

    /** Plans one run per scenario, each with its own tuner ({@code tuner.name}, default noise-brake). */
    public static Plan plan(List<Scenario> scenarios, Long seed) {
        return plan(scenarios, java.util.Collections.singletonList(null), seed);
    }

    /** Validates every scenario first, then runs them all; see {@link #run(Plan)}. */
    public List<ComparisonTable.Entry> run(List<Scenario> scenarios, List<String> tuners, Long seed) {
        return run(plan(scenarios, tuners, seed));
    }

    /**
     * Runs the plan: on the simulated rig on the runner's threads; on hardware ({@link Plan#hardware})
     * one run at a time, in order, since the runs share the one device. The first failed run ends the
     * bench with its own exception (e.g. the port that cannot be opened).
     */
    public List<ComparisonTable.Entry> run(Plan plan) {
        return execute(plan, i -> new ComparisonTable.Entry(plan.names().get(i), runOne.apply(plan.configs().get(i))));
    }

    /**
     * One run of the plan: its summary, or the exception it failed with (then the summary is null),
     * and the wall time it took.
     *
     * @param scenario the scenario's name
     * @param summary the run's summary; null when it failed
     * @param failure what the run failed with; null when it ran to its end
     * @param wallSeconds wall time of the run, opening and closing the adapters included (s)
     */
    public record Outcome(String scenario, RunSummary summary, RuntimeException failure, double wallSeconds) {}

    /**
     * Runs the plan as {@link #run(Plan)} does, but a failed run ends only itself: its outcome carries
     * the failure and every other run still runs (the pass/fail runner reports each).
     */
    public List<Outcome> runEach(Plan plan) {
        return execute(plan, i -> {
            long startNanos = System.nanoTime();
            RunSummary summary = null;
            RuntimeException failure = null;
            try {
                summary = runOne.apply(plan.configs().get(i));
            } catch (RuntimeException e) {
                failure = e;
            }
            return new Outcome(plan.names().get(i), summary, failure, (System.nanoTime() - startNanos) / 1e9);
        });
    }

    /**
     * {@code task} of every run of the plan (by its index), on the pool {@link #run(Plan)} describes;
     * the results in plan order.
     */
    private <T> List<T> execute(Plan plan, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(plan.hardware() ? 1 : threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < plan.configs().size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure; // the run's own failure, for the command line to report in its words
            }
            throw new IllegalStateException("a bench run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
