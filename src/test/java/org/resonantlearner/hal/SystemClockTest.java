package org.resonantlearner.hal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The hardware runs' clock is the system's monotonic clock: bracketed by two readings of it. */
class SystemClockTest {
    @Test
    void readsTheSystemsMonotonicClock() {
        Clock clock = new SystemClock();
        long before = System.nanoTime();
        long now = clock.nanoTime();
        long after = System.nanoTime();
        assertTrue(now - before >= 0 && after - now >= 0, before + " <= " + now + " <= " + after);
    }
}
