package org.resonantlearner.hal.pisim;

import java.util.concurrent.locks.LockSupport;
import org.resonantlearner.hal.pi4j.PiTimer;

/**
 * Virtual time for the drivers on simulated Pi hardware: a wait for a deadline or a delay moves the
 * clock there at once, so a run goes as fast as the CPU allows and every wait the drivers ask for is
 * exact. Bus transfers advance it too ({@link #advanceNanos}), by the time the bits take on the wire.
 *
 * <p>With {@code pacedToWallClock} (a demo, {@code run --realtime}) every advance also waits until the
 * wall clock has caught up with it, as the real timer would. Thread-safe: the clock is read by the
 * chips' own threads (the ADS1115's ALERT/RDY pulses) while the control thread moves it.
 */
public final class VirtualTimer implements PiTimer {
    private final boolean pacedToWallClock;
    private volatile long nowNanos;
    private long wallStartNanos;
    private boolean wallStarted;

    /** A clock at 0 ns. */
    public VirtualTimer(boolean pacedToWallClock) {
        this.pacedToWallClock = pacedToWallClock;
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    /** Moves the clock to {@code deadlineNanos} when that is later than now. */
    @Override
    public void awaitNanos(long deadlineNanos) {
        moveTo(deadlineNanos);
    }

    /** Moves the clock on by {@code durationNanos}; non-positive durations return at once. */
    @Override
    public void delayNanos(long durationNanos) {
        if (durationNanos > 0) {
            advanceNanos(durationNanos);
        }
    }

    /** Moves the clock on by {@code durationNanos} (a bus transfer's time on the wire). */
    public synchronized void advanceNanos(long durationNanos) {
        moveTo(nowNanos + durationNanos);
    }

    private synchronized void moveTo(long targetNanos) {
        if (pacedToWallClock && !wallStarted) {
            // Virtual time so far (0 at first) is now on the wall clock; from here on it keeps to it.
            wallStartNanos = System.nanoTime() - nowNanos;
            wallStarted = true;
        }
        if (targetNanos > nowNanos) {
            nowNanos = targetNanos;
        }
        if (pacedToWallClock) {
            keepToWallClock();
        }
    }

    private void keepToWallClock() {
        long remaining;
        while ((remaining = wallStartNanos + nowNanos - System.nanoTime()) > 0
                && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(remaining);
        }
    }
}
