package org.resonantlearner.hal.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.SampleSource;

/**
 * The contract of the {@link SampleSource} port, run against every adapter by one subclass per
 * adapter (a few lines: the factory).
 *
 * <p>The contract, from the port's Javadoc:
 * <ul>
 *   <li>{@code sampleRateHz()} is positive, finite and constant over the life of the source (before
 *       the first read, between reads, after close);
 *   <li>{@code read(buf, off, n)} writes only inside {@code buf[off .. off + n)}, returns a count in
 *       {@code [0, n]} while the source is open (never more than asked, never negative), and the
 *       samples it returns are the load volts the device was fed, in order, without gaps;
 *   <li>after {@code close()}, {@code read} returns -1 and writes nothing; closing twice is harmless,
 *       and so is closing a source that was never read.
 * </ul>
 * "Finite" would pass a source that scales, offsets, reorders or drops samples, so each fixture
 * also says what its device was fed — a cycle of codes a mock converter answers, the closed-form
 * response of the simulated circuit — as load volts per sample index, with the tolerance its
 * converter allows (its quantisation, its noise), and the contract holds every sample to it.
 *
 * <p>Each test gets a fresh source from {@link #newSource}; the contract closes it afterwards.
 */
public abstract class SampleSourceContract {
    /** A value no adapter produces: the buffer outside the slice is filled with it and must keep it. */
    private static final double SENTINEL = -7.77e300;
    private static final int BUFFER_LENGTH = 40;
    private static final int OFFSET = 7;
    private static final int COUNT = 16;

    private final List<SampleSource> opened = new ArrayList<>();

    /**
     * A source under test and what its device was fed.
     *
     * @param source the adapter, open
     * @param expectedLoadVolts the load voltage (V) of sample n of the stream (n from 0), from what the
     *     fixture fed the device, never from the adapter
     * @param toleranceVolts how far a sample may lie from it (V): the converter's rounding and noise
     */
    public record SourceFixture(SampleSource source, LongToDoubleFunction expectedLoadVolts,
            double toleranceVolts) {}

    /**
     * A fresh fixture whose device answers every read at once (mocks, fake timers, the unpaced
     * simulation): a read of a few dozen samples must not block on the wall clock.
     */
    protected abstract SourceFixture createSource();

    private SampleSource newSource() {
        return newFixture().source();
    }

    private SourceFixture newFixture() {
        SourceFixture fixture = createSource();
        opened.add(fixture.source());
        return fixture;
    }

    @AfterEach
    void closeSources() {
        for (SampleSource source : opened) {
            source.close();
        }
    }

    private static double[] sentinelBuffer() {
        double[] buffer = new double[BUFFER_LENGTH];
        Arrays.fill(buffer, SENTINEL);
        return buffer;
    }

    @Test
    void sampleRateIsPositiveFiniteAndConstant() {
        SampleSource source = newSource();
        double rateHz = source.sampleRateHz();
        assertTrue(rateHz > 0 && Double.isFinite(rateHz), "sampleRateHz = " + rateHz + " Hz");
        source.read(new double[COUNT], 0, COUNT);
        assertEquals(rateHz, source.sampleRateHz(), "sampleRateHz after a read");
        source.read(new double[COUNT], 0, COUNT);
        assertEquals(rateHz, source.sampleRateHz(), "sampleRateHz after two reads");
        source.close();
        assertEquals(rateHz, source.sampleRateHz(), "sampleRateHz after close");
    }

    @Test
    void readWritesOnlyInsideTheRequestedSlice() {
        SampleSource source = newSource();
        for (int block = 0; block < 3; block++) {
            double[] buffer = sentinelBuffer();
            int read = source.read(buffer, OFFSET, COUNT);
            assertTrue(read >= 0 && read <= COUNT, "block " + block + ": read returned " + read);
            for (int i = 0; i < BUFFER_LENGTH; i++) {
                if (i < OFFSET || i >= OFFSET + COUNT) {
                    assertEquals(SENTINEL, buffer[i], "block " + block + ": buffer[" + i + "] outside ["
                            + OFFSET + ", " + (OFFSET + COUNT) + ") was written");
                }
            }
        }
    }

    @Test
    void readReturnsAtMostTheCountAndNeverANegativeBeforeClose() {
        SampleSource source = newSource();
        for (int count : new int[] {1, COUNT, 0, 3, BUFFER_LENGTH - OFFSET}) {
            int read = source.read(sentinelBuffer(), OFFSET, count);
            assertTrue(read >= 0, "read of " + count + " returned " + read + " on an open source");
            assertTrue(read <= count, "read of " + count + " returned " + read + ", more than asked");
        }
    }

    @Test
    void samplesAreTheVoltsTheDeviceWasFed() {
        SourceFixture fixture = newFixture();
        SampleSource source = fixture.source();
        long sampleIndex = 0;
        // Blocks of different sizes and offsets: a source must not lose or repeat a sample at a block edge.
        int[] counts = {COUNT, 1, 3, COUNT, BUFFER_LENGTH - OFFSET};
        for (int block = 0; block < counts.length; block++) {
            double[] buffer = sentinelBuffer();
            int read = source.read(buffer, OFFSET, counts[block]);
            for (int i = OFFSET; i < OFFSET + read; i++) {
                assertTrue(buffer[i] != SENTINEL, "block " + block + ": sample " + i + " was counted but not written");
                double expected = fixture.expectedLoadVolts().applyAsDouble(sampleIndex);
                assertEquals(expected, buffer[i], fixture.toleranceVolts(),
                        "block " + block + ": sample " + sampleIndex + " of the stream");
                sampleIndex++;
            }
        }
        assertTrue(sampleIndex > 0, "no sample arrived");
    }

    @Test
    void readAfterCloseReturnsMinusOneAndWritesNothing() {
        SampleSource source = newSource();
        source.read(sentinelBuffer(), OFFSET, COUNT);
        source.close();
        double[] buffer = sentinelBuffer();
        assertEquals(-1, source.read(buffer, OFFSET, COUNT));
        assertEquals(-1, source.read(buffer, OFFSET, 1));
        double[] untouched = sentinelBuffer();
        assertTrue(Arrays.equals(untouched, buffer), "a read after close wrote into the buffer");
    }

    @Test
    void closeBeforeAnyReadEndsTheStream() {
        SampleSource source = newSource();
        source.close();
        assertEquals(-1, source.read(sentinelBuffer(), OFFSET, COUNT));
    }

    @Test
    void closingTwiceIsHarmless() {
        SampleSource source = newSource();
        source.read(sentinelBuffer(), OFFSET, COUNT);
        source.close();
        assertDoesNotThrow(source::close);
        assertEquals(-1, source.read(sentinelBuffer(), OFFSET, COUNT));
    }
}
