package org.resonantlearner.hal.pi4j;

import java.util.concurrent.locks.LockSupport;
import org.resonantlearner.check.Check;

/**
 * The real clock, sample timer and delay of the Pi adapters: {@link System#nanoTime()}, parking for
 * the bulk of a wait and busy-spinning for the last stretch.
 *
 * <p>Why spin: {@link LockSupport#parkNanos} on Linux oversleeps by tens of microseconds, which is
 * longer than a whole STEP pulse; a spin of at most {@code spinNanos} keeps the short waits
 * close to what was asked while long waits (relay break times, slow sample rates) still leave the
 * CPU to others. Every wait is a lower bound: the kernel may always preempt the thread.
 */
public final class SystemTimer implements PiTimer {
    /** Default last stretch of each wait that is busy-spun instead of parked (ns). */
    public static final long DEFAULT_SPIN_NANOS = 200_000L;

    private final long spinNanos;

    /** A timer that spins the last {@link #DEFAULT_SPIN_NANOS} of every wait. */
    public SystemTimer() {
        this(DEFAULT_SPIN_NANOS);
    }

    /**
     * A timer that spins the last {@code spinNanos} of every wait.
     *
     * @param spinNanos busy-spun stretch at the end of each wait (ns), in [0, 10 000 000]
     */
    public SystemTimer(long spinNanos) {
        this.spinNanos = Check.inRange("spinNanos", spinNanos, "ns", 0L, 10_000_000L);
    }

    /** {@link System#nanoTime()}. */
    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /** Parks, then spins, until {@code System.nanoTime() >= deadlineNanos}. */
    @Override
    public void awaitNanos(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            if (remaining > spinNanos) {
                LockSupport.parkNanos(remaining - spinNanos);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Waits at least {@code durationNanos}; non-positive durations return at once. */
    @Override
    public void delayNanos(long durationNanos) {
        if (durationNanos > 0) {
            awaitNanos(System.nanoTime() + durationNanos);
        }
    }
}
