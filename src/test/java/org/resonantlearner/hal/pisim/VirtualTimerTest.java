package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

/** Virtual time: waits move it exactly and never back; paced, it keeps to the wall clock. And the faults' checks. */
class VirtualTimerTest {
    @Test
    void waitsMoveTheClockExactlyAndNeverBack() {
        VirtualTimer timer = new VirtualTimer(false);
        assertEquals(0L, timer.nanoTime());
        timer.awaitNanos(1_000L);
        assertEquals(1_000L, timer.nanoTime());
        timer.awaitNanos(500L);
        assertEquals(1_000L, timer.nanoTime(), "a deadline passed already");
        timer.delayNanos(250L);
        assertEquals(1_250L, timer.nanoTime());
        timer.delayNanos(0L);
        timer.delayNanos(-5L);
        assertEquals(1_250L, timer.nanoTime());
        timer.advanceNanos(1L);
        assertEquals(1_251L, timer.nanoTime());
    }

    @Test
    void pacedTheWallClockCatchesUpWithEveryAdvance() {
        VirtualTimer timer = new VirtualTimer(true);
        long wallStart = System.nanoTime();
        timer.delayNanos(30_000_000L);
        timer.awaitNanos(60_000_000L);
        long wallNanos = System.nanoTime() - wallStart;
        assertTrue(wallNanos >= 60_000_000L, "60 ms of virtual time took " + wallNanos + " ns of wall time");
        assertEquals(60_000_000L, timer.nanoTime());
    }

    @Test
    void faultsAreCheckedAndNamed() {
        assertTrue(SimulatedPiFaults.NONE.none());
        assertTrue(!new SimulatedPiFaults("all-ones", -1, false, 0.0, List.of()).none());
        assertEquals("spiMiso", org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
                () -> new SimulatedPiFaults("stuck", -1, false, 0.0, List.of())).key());
        assertEquals("lostStepFraction", org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
                () -> new SimulatedPiFaults("ok", -1, false, 1.5, List.of())).key());
        assertEquals("adsReadyStopsAfterConversions", org.junit.jupiter.api.Assertions.assertThrows(
                InvalidValueException.class, () -> new SimulatedPiFaults("ok", -2, false, 0.0, List.of())).key());
        List<Integer> addresses = new java.util.ArrayList<>(List.of(0x60));
        SimulatedPiFaults faults = new SimulatedPiFaults("ok", 0, false, 1.0, addresses);
        addresses.add(0x48);
        assertEquals(List.of(0x60), faults.i2cNakAddresses(), "a copy");
    }
}
