package org.resonantlearner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.resonantlearner.harvest.EnergyLedger;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.TuningCost;
import org.resonantlearner.loop.ServiceLoop;

/**
 * The loop's hot path (source read, meter update, tuner decision, safety clamp, actuator move,
 * ledger) must not allocate: the shipped {@link ServiceLoop} on a {@link LorentzianSineRig}, measured
 * with the JVM's allocation counter of the thread that runs it (the control thread), after a warm-up.
 */
class HotPathAllocationTest {
    private static final int BLOCK_SAMPLES = 256;
    /** Samples per run: 2000 blocks, 25.6 s of stream time at 20 kS/s. */
    private static final long RUN_SAMPLES = 2_000L * BLOCK_SAMPLES;
    /**
     * Runs measured after the warm-up. A C2 deoptimisation now and then puts a few objects on the
     * thread once (seen: 72 to 352 bytes in one run of six, never with C1 alone, and in the tuners'
     * and the source's code alike); a hot path that allocates does so in every run. So the least
     * of three runs must be 0.
     */
    private static final int MEASURED_RUNS = 3;

    /** True when the environment variable CI is set to anything but blank or "false". */
    private static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** Skips without the counter on a developer's JVM; fails under CI, where a skip would hide the check. */
    private static void requireCounter(boolean available, String why) {
        if (!available && onCi()) {
            fail(why + ": the allocation check cannot run, and CI must not skip it (run CI on a HotSpot JDK)");
        }
        assumeTrue(available, why);
    }

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        requireCounter(bean instanceof com.sun.management.ThreadMXBean,
                "no com.sun.management.ThreadMXBean (per-thread allocation counter) on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        requireCounter(threads.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    private static ServiceLoop loop(Tuner tuner) {
        LorentzianSineRig rig = RlcLikeRig.rig(5).noise(0.01).startAt(4_000);
        PowerMeter meter = new PowerMeter(rig.sampleRateHz, LorentzianSineRig.LOAD_OHMS,
                LorentzianSineRig.WINDOW_PERIODS, 0.05);
        // A rate limit the tuners run into, so that the clamp's limiting path is on the hot path too.
        SafetyLimits limits = new SafetyLimits(RlcLikeRig.MIN_STEPS, RlcLikeRig.MAX_STEPS, 1e5);
        return new ServiceLoop(rig.source(), rig.actuator(), meter, tuner, limits, new EnergyLedger(TuningCost.free()),
                (window, end, serviceLoop) -> { }, BLOCK_SAMPLES, rig.clock(), 1.0);
    }

    @Test
    void theLoopAllocatesNothingForAnyTuner() {
        com.sun.management.ThreadMXBean threads = threads();
        long thread = Thread.currentThread().threadId();
        TunerSettings settings = TunerSettings.defaults(RlcLikeRig.SETTLE_SECONDS);
        for (String name : Tuners.names()) {
            ServiceLoop loop = loop(Tuners.create(name, settings, 5));
            loop.run(RUN_SAMPLES); // warm-up: class loading, JIT
            long[] allocated = new long[MEASURED_RUNS];
            for (int run = 0; run < MEASURED_RUNS; run++) {
                long before = threads.getThreadAllocatedBytes(thread);
                loop.run(RUN_SAMPLES);
                allocated[run] = threads.getThreadAllocatedBytes(thread) - before;
            }
            assertEquals(0, Arrays.stream(allocated).min().orElseThrow(),
                    name + " loop allocated bytes in every run: " + Arrays.toString(allocated));
        }
    }
}
