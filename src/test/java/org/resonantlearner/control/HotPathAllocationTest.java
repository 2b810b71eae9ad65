package org.resonantlearner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.PowerWindow;

/**
 * The loop's hot path (meter update, tuner decision, safety clamp) must not allocate: measured with
 * the JVM's per-thread allocation counter after a warm-up.
 */
class HotPathAllocationTest {
    private static final int BLOCK_SAMPLES = 256;

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    /** One loop: samples → meter → tuner → limits, with a crude plant so the tuner moves. */
    private static final class Loop {
        final PowerMeter meter = new PowerMeter(20_000, 50, 10, 0.05);
        final SafetyLimits limits = new SafetyLimits(0, 10_000, 1e6);
        final double[] block = new double[BLOCK_SAMPLES];
        final Tuner tuner;
        long sample;
        int position = 4_000;
        double lastMoveSeconds = Double.NEGATIVE_INFINITY;

        Loop(Tuner tuner) {
            this.tuner = tuner;
            tuner.start(0, 10_000, position, 0.0);
        }

        void run(int blocks) {
            for (int b = 0; b < blocks; b++) {
                double x = (position - 5_000) / 75.0;
                double amplitude = 1.0 / Math.sqrt(1 + x * x);
                for (int i = 0; i < BLOCK_SAMPLES; i++) {
                    block[i] = amplitude * Math.sin(2 * Math.PI * 1_000 * (sample + i) / 20_000.0);
                }
                sample += BLOCK_SAMPLES;
                int offset = 0;
                while (offset < BLOCK_SAMPLES) {
                    offset += meter.update(block, offset, BLOCK_SAMPLES - offset);
                    if (meter.windowComplete()) {
                        PowerWindow w = meter.window();
                        w.positionSteps = position;
                        double request = tuner.decide(w);
                        int next = limits.clamp(request, position, w.endTimeSeconds - lastMoveSeconds);
                        if (next != position) {
                            position = next;
                            lastMoveSeconds = w.endTimeSeconds;
                        }
                    }
                }
            }
        }
    }

    @Test
    void theLoopAllocatesNothingForAnyTuner() {
        com.sun.management.ThreadMXBean threads = threads();
        long thread = Thread.currentThread().threadId();
        TunerSettings settings = TunerSettings.defaults(0.015);
        for (String name : Tuners.names()) {
            Loop loop = new Loop(Tuners.create(name, settings, 5));
            loop.run(2_000); // warm-up: class loading, JIT
            long before = threads.getThreadAllocatedBytes(thread);
            loop.run(2_000);
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertEquals(0, allocated, name + " loop allocated bytes");
        }
    }
}
