package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * Long waits leave the CPU to others: a wait parks for all but the last {@code spinNanos}. Measured
 * as the waiting thread's CPU time, which a parked thread does not use however slow or loaded the
 * machine is, so this is a lower-bound test like the others of the timer.
 */
class SystemTimerParkingTest {
    /** The wait: 0.2 s of wall time. */
    private static final long WAIT_NANOS = 200_000_000L;
    /**
     * CPU the wait may use: parking costs microseconds and the default 0.2 ms spin at most that;
     * a thread spinning through the whole wait gets its fair share of 0.2 s, over 20 ms on two cores
     * up to a load of 20.
     */
    private static final long CPU_LIMIT_NANOS = 20_000_000L;

    @Test
    void aLongDelayParksInsteadOfSpinning() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SystemTimer timer = new SystemTimer();
        long start = System.nanoTime();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        timer.delayNanos(WAIT_NANOS);
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
        assertTrue(System.nanoTime() - start >= WAIT_NANOS, "the delay lasts what was asked");
        assertTrue(cpuNanos < CPU_LIMIT_NANOS, "CPU time of a 0.2 s delay: " + cpuNanos + " ns");
    }
}
