package org.resonantlearner.hal.pi4j;

/**
 * Paces software-timed sampling: waits until an absolute deadline on the sampling {@link
 * org.resonantlearner.hal.Clock}.
 *
 * <p>Deadlines are absolute, not durations, so the time spent reading the bus does not accumulate
 * as drift. The real implementation is {@link SystemTimer}; tests pass a fake that records the
 * deadlines and moves its clock to them.
 */
public interface SampleTimer {

    /**
     * Returns once the clock reads {@code deadlineNanos} or later (at once when it already does).
     * When the thread is interrupted it returns early with the interrupt flag still set.
     */
    void awaitNanos(long deadlineNanos);
}
