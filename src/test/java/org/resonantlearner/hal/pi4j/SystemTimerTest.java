package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.resonantlearner.check.InvalidValueException;

/** Only lower bounds and early returns: nothing here depends on how fast the machine is. */
class SystemTimerTest {
    private final SystemTimer timer = new SystemTimer();

    @Test
    void delayLastsAtLeastWhatWasAsked() {
        long start = System.nanoTime();
        timer.delayNanos(300_000L);
        assertTrue(System.nanoTime() - start >= 300_000L);
    }

    @Test
    void awaitReturnsAtOrAfterTheDeadline() {
        long deadline = timer.nanoTime() + 250_000L;
        timer.awaitNanos(deadline);
        assertTrue(timer.nanoTime() >= deadline);
        timer.awaitNanos(deadline - 1_000_000_000L); // a past deadline returns at once
        timer.delayNanos(-5L);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // fails only if the interrupt were ignored
    void interruptedWaitReturnsEarlyAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            timer.awaitNanos(timer.nanoTime() + 600_000_000_000L);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesANegativeSpin() {
        assertEquals("spinNanos", assertThrows(InvalidValueException.class, () -> new SystemTimer(-1L)).key());
    }
}
