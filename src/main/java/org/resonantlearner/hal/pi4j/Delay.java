package org.resonantlearner.hal.pi4j;

/**
 * Waits a short, bounded time between two pin or bus operations (STEP pulse widths, DIR setup,
 * relay break time, ADC poll interval).
 *
 * <p>Injected so that no driver sleeps by itself: the real implementation is {@link SystemTimer};
 * tests pass a fake that records every requested duration and returns at once.
 */
public interface Delay {

    /**
     * Returns no earlier than {@code durationNanos} after the call. When the thread is interrupted
     * it returns early with the interrupt flag still set.
     */
    void delayNanos(long durationNanos);
}
