package org.resonantlearner.app;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.telemetry.RunLogs;
import org.resonantlearner.telemetry.RunMeasures;
import org.resonantlearner.telemetry.WindowRing;
import org.resonantlearner.telemetry.WindowRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code loop-bench}: measures the service loop itself on the simulated rig — bytes allocated per
 * loop cycle on the control thread (target 0) and simulated seconds per wall second (target ≥ 500
 * at 20 kS/s). Figures, not a pass/fail test: machines differ.
 */
@Command(name = "loop-bench", mixinStandardHelpOptions = true,
        description = "Measure loop allocation (bytes per cycle) and speed (simulated s per wall s).")
public final class LoopBenchCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption configOption;

    @Option(names = "--tuner", paramLabel = "NAME", description = "Tuner (default noise-brake).")
    private String tunerName;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Simulated seconds before measuring (default 20).")
    private double warmupSeconds = 20;

    @Option(names = "--measure", paramLabel = "SECONDS", description = "Simulated seconds measured (default 200).")
    private double measureSeconds = 200;

    @Option(names = "--seed", paramLabel = "N", description = "Run seed.")
    private Long seed;

    @Override
    public Integer call() throws InterruptedException {
        RunLogs.configureConsoleOnly();
        RunConfig config = configOption.load(new ConfigLoader.Overrides(seed, warmupSeconds + measureSeconds, tunerName));
        WindowRing ring = new WindowRing(8192);
        RunMeasures measures = ServiceRun.measuresFor(config);
        ServiceRun run = new ServiceRun(config, false, ring::publish);
        Thread drain = new Thread(() -> {
            double[] row = new double[WindowRow.COLUMNS];
            while (!ring.drained()) {
                if (ring.poll(row)) {
                    measures.accept(row);
                } else {
                    LockSupport.parkNanos(100_000);
                }
            }
        }, "telemetry-drain");
        drain.start();

        double sampleRateHz = config.sensor().sampleRateHz();
        run.loop().run(Math.round(warmupSeconds * sampleRateHz));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long samplesBefore = run.loop().samplesRead();
        long windowsBefore = run.loop().windows();
        long movesBefore = run.loop().ledger().moves();
        long bytesBefore = threads.getCurrentThreadAllocatedBytes();
        long wallBefore = System.nanoTime();
        run.loop().run(Math.round(measureSeconds * sampleRateHz));
        long wallNanos = System.nanoTime() - wallBefore;
        long bytes = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
        long samples = run.loop().samplesRead() - samplesBefore;
        ring.close();
        drain.join();

        long cycles = (samples + ServiceRun.BLOCK_SAMPLES - 1) / ServiceRun.BLOCK_SAMPLES;
        double simulatedSeconds = samples / sampleRateHz;
        double wallSeconds = wallNanos / 1e9;
        System.out.printf("loop-bench: %s rig at %.0f S/s, tuner %s, %d samples per loop cycle%n",
                config.rig().kind(), sampleRateHz, config.tunerName(), ServiceRun.BLOCK_SAMPLES);
        System.out.printf("measured after %.0f s of warm-up: %.0f simulated s, %d loop cycles, %d windows, %d moves%n",
                warmupSeconds, simulatedSeconds, cycles, run.loop().windows() - windowsBefore,
                run.loop().ledger().moves() - movesBefore);
        System.out.printf("bytes allocated per loop cycle: %.3f (%d bytes in all on the control thread)%n",
                (double) bytes / cycles, bytes);
        System.out.printf("simulated seconds per wall second: %.0f (%.2f M samples/s)%n",
                simulatedSeconds / wallSeconds, samples / wallSeconds / 1e6);
        System.out.printf("ring waits for the telemetry thread: %d%n", ring.producerWaits());
        return 0;
    }
}
