package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.AdcCalibration;

/**
 * The pacing every software-paced ADC source shares, on a converter that answers at once: absolute
 * deadlines from the first read's clock reading, a sample more than one period late is a gap
 * (never stitched over), the caller's buffer bounds, and the converter-paced path's interrupt.
 */
class PacedSampleSourceTest {
    /** 1 kS/s: one sample every 1 000 000 ns. */
    private static final double RATE_HZ = 1000.0;
    private static final long PERIOD_NANOS = 1_000_000L;
    /** Load volts = (input − 1 V) · 2 through this front end. */
    private static final AdcFrontEnd FRONT_END = new AdcFrontEnd(1.0, 2.0, 10.0, AdcCalibration.NONE);

    /** A converter whose every conversion reads 1.25 V and takes {@code busNanos} of the fake clock. */
    private static final class InstantConverter extends PacedSampleSource {
        private final FakeTimer timer;
        private final long busNanos;
        int conversions;

        InstantConverter(FakeTimer timer, long busNanos) {
            super(RATE_HZ, FRONT_END, timer, timer);
            this.timer = timer;
            this.busNanos = busNanos;
        }

        @Override
        void startStream() {}

        @Override
        double convertInputVolts() {
            conversions++;
            timer.nowNanos += busNanos;
            return 1.25;
        }

        @Override
        void stopStream() {}
    }

    @Test
    void deadlinesAreAbsoluteFromTheFirstReadsClock() {
        FakeTimer timer = new FakeTimer(5_000_000_000L);
        InstantConverter source = new InstantConverter(timer, 300_000L);
        double[] volts = new double[4];
        assertEquals(4, source.read(volts, 0, 4));
        // Bus time of 0.3 ms per sample never shifts the grid: sample n is due at start + n ms.
        assertEquals(List.of(5_000_000_000L, 5_001_000_000L, 5_002_000_000L, 5_003_000_000L), timer.deadlinesNanos);
        // (1.25 V − 1 V) · 2 V/V at the load.
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, volts);
        assertEquals(4, source.sampleIndex());
        assertEquals(2, source.read(volts, 1, 2));
        assertEquals(6, source.sampleIndex());
        assertSame(FRONT_END, source.frontEnd());
        assertEquals(10.0, source.loadResistanceOhms());
    }

    @Test
    void aSampleOnePeriodLateIsStillInItsSlotAndOneNanosecondMoreIsAGap() {
        // A conversion of two periods makes the next sample exactly one period late (and the one after two).
        InstantConverter onTheEdge = new InstantConverter(new FakeTimer(0L), 2 * PERIOD_NANOS);
        assertEquals(2, onTheEdge.read(new double[2], 0, 2));
        assertEquals(0, onTheEdge.samplesSkipped());
        FakeTimer timer = new FakeTimer(0L);
        InstantConverter late = new InstantConverter(timer, 2 * PERIOD_NANOS + 1);
        assertEquals(1, late.read(new double[3], 0, 3), "the read ends before the gap");
        assertEquals(0, late.samplesSkipped());
        assertEquals(1, late.conversions, "the late sample is not converted in that read");
        // Now 2 ms + 1 ns: slots 1 and 2 have passed; slot 3 (due at 3 ms) is the first still ahead.
        double[] volts = new double[2];
        assertEquals(1, late.read(volts, 0, 2), "sample 3, then the next gap (each conversion takes two periods)");
        assertEquals(2, late.samplesSkipped(), "slots 1 and 2 were lost");
        assertEquals(4, late.sampleIndex());
        assertEquals(List.of(0L, 1_000_000L, 1_000_000L, 3_000_000L, 4_000_000L), timer.deadlinesNanos);
        assertEquals(0.5, volts[0]);
        assertEquals(1, late.read(volts, 0, 2));
        assertEquals(4, late.samplesSkipped(), "slots 4 and 5 lost too: it resumed at slot 6 (6 ms, after 5 ms + 1 ns)");
        assertEquals(7, late.sampleIndex());
    }

    @Test
    void theSliceMustLieInsideTheBuffer() {
        InstantConverter source = new InstantConverter(new FakeTimer(0L), 0L);
        double[] volts = new double[40];
        assertEquals(16, source.read(volts, 24, 16), "the slice may end at the buffer's end");
        var e = assertThrows(IndexOutOfBoundsException.class, () -> source.read(volts, 25, 16));
        assertEquals("offset 25, count 16, length 40", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> source.read(volts, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> source.read(volts, 0, -1));
        assertEquals(16, source.conversions, "a refused slice converts nothing");
    }

    @Test
    void aConverterPacedReadReturnsMinusOneWhenInterruptedAndKeepsTheFlag() {
        PacedSampleSource source = new PacedSampleSource(RATE_HZ, FRONT_END) {
            private int conversions;

            @Override
            void startStream() {}

            @Override
            double convertInputVolts() {
                if (++conversions == 2) {
                    Thread.currentThread().interrupt(); // as a blocking wait for the ready pin would leave it
                }
                return 1.25;
            }

            @Override
            void stopStream() {}
        };
        double[] volts = new double[3];
        try {
            assertEquals(-1, source.read(volts, 0, 3));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertArrayEquals(new double[] {0.5, 0.0, 0.0}, volts, "the interrupted conversion is not passed on");
        assertEquals(1, source.sampleIndex());
        assertEquals(RATE_HZ, source.sampleRateHz());
    }
}
