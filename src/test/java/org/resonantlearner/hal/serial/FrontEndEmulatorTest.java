package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.CountingActuator;

/** The emulator's side of the protocol over in-memory streams, with hand-written fakes for the ports. */
@Timeout(30)
class FrontEndEmulatorTest {
    private static final double WAIT_SECONDS = 10;

    /** Codes 0, 1, 2, … 4095, 0, … of a 12-bit, 3.3 V channel, as volts by the document's formula. */
    private static double rampVolts(long n) {
        return ReferenceFrames.volts((int) (n % 4096), 12, 3.3, 0, 0);
    }

    /**
     * A source of {@code volts(n)} for sample n, unpaced, that returns at most {@code maxPerRead}
     * samples per call (then every third call none, as a source whose read timed out) and ends after
     * {@code endAfter} samples.
     */
    private static final class ScriptedSource implements SampleSource {
        private final double rateHz;
        private final LongToDoubleFunction volts;
        private final int maxPerRead;
        private final long endAfter;
        private long next;
        private long calls;

        ScriptedSource(double rateHz, LongToDoubleFunction volts, int maxPerRead, long endAfter) {
            this.rateHz = rateHz;
            this.volts = volts;
            this.maxPerRead = maxPerRead;
            this.endAfter = endAfter;
        }

        /** The ramp, every sample asked for, never ending. */
        static ScriptedSource ramp() {
            return new ScriptedSource(500_000, FrontEndEmulatorTest::rampVolts, Integer.MAX_VALUE, Long.MAX_VALUE);
        }

        @Override
        public double sampleRateHz() {
            return rateHz;
        }

        @Override
        public int read(double[] loadVolts, int offset, int count) {
            if (next >= endAfter) {
                return -1;
            }
            if (maxPerRead < count && calls++ % 3 == 2) {
                return 0;
            }
            int n = (int) Math.min(Math.min(count, maxPerRead), endAfter - next);
            for (int i = 0; i < n; i++) {
                loadVolts[offset + i] = volts.applyAsDouble(next++);
            }
            return n;
        }

        @Override
        public void close() {}
    }

    private final BlockingQueue<ReferenceFrames.Frame> received = new LinkedBlockingQueue<>();
    private final AtomicInteger framesParsed = new AtomicInteger();
    private final FrameEncoder host = new FrameEncoder();
    private final CountingActuator actuator = new CountingActuator(0, 100, 50);
    private PipedOutputStream toDevice;
    private FrontEndEmulator emulator;
    private Thread deviceThread;

    /** Serves {@code device} on a thread; the test writes to {@link #toDevice} and takes from {@link #received}. */
    private void start(FrontEndEmulator device) throws IOException {
        emulator = device;
        toDevice = new PipedOutputStream();
        PipedInputStream fromHost = new PipedInputStream(toDevice, 4096);
        // The emulator writes one whole frame per call; the test parses each with its own reading of
        // the document, not with the project's decoder. The buffer in front keeps what the emulator
        // does not flush.
        OutputStream toHost = new BufferedOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                received.add(ReferenceFrames.parse(Arrays.copyOfRange(b, off, off + len)));
                framesParsed.incrementAndGet();
            }
        }, FrontEndProtocol.MAX_FRAME_BYTES);
        deviceThread = Thread.ofPlatform().daemon().start(() -> device.run(fromHost, toHost));
    }

    private void startRamp() throws IOException {
        start(new FrontEndEmulator(ScriptedSource.ramp(), actuator, 12, 3.3, 64, 0xC0FFEE));
    }

    @AfterEach
    void stop() throws Exception {
        if (toDevice != null) {
            toDevice.close(); // end of input: the emulator returns
            deviceThread.join(10_000);
        }
    }

    /** Waits for the device thread to end on its own (not through the end of input). */
    private void assertRunEnds() throws InterruptedException {
        deviceThread.join((long) (WAIT_SECONDS * 1000));
        assertFalse(deviceThread.isAlive(), "run returned");
        assertEquals(framesParsed.get(), emulator.framesSent(), "every frame sent reached the host");
    }

    private void send(int length) throws IOException {
        toDevice.write(host.buffer(), 0, length);
        toDevice.flush();
    }

    private ReferenceFrames.Frame next() throws InterruptedException {
        ReferenceFrames.Frame frame = received.poll((long) WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(frame, "no frame from the emulator within " + WAIT_SECONDS + " s");
        return frame;
    }

    /** The next frame of {@code type}, skipping sample frames. */
    private ReferenceFrames.Frame nextOfType(int type) throws InterruptedException {
        while (true) {
            ReferenceFrames.Frame frame = next();
            if (frame.type() == type) {
                return frame;
            }
            assertEquals(FrontEndProtocol.TYPE_SAMPLES12, frame.type(), "unexpected frame");
        }
    }

    /** The ramp's codes for samples {@code first} .. {@code first + count − 1}. */
    private static int[] ramp(long first, int count) {
        return IntStream.range(0, count).map(i -> (int) ((first + i) % 4096)).toArray();
    }

    @Test
    void helloIsAnsweredWithInfoAndStartsTheStream() throws Exception {
        startRamp();
        send(host.hello(FrontEndProtocol.VERSION));
        ReferenceFrames.Frame info = next();
        assertEquals(FrontEndProtocol.TYPE_INFO, info.type());
        assertEquals(0, info.sequence());
        ReferenceFrames.Frame samples = next();
        assertEquals(FrontEndProtocol.TYPE_SAMPLES12, samples.type());
        assertEquals(1, samples.sequence());
        long first = info.u32(32);
        assertEquals(first, samples.u32(0), "first sample index: the one INFO announced");
        // The codes are the ramp's: first, first + 1, … (mod 4096), packed two in three bytes as the
        // document says: (a, b) → a[7:0], b[3:0] a[11:8], b[11:4].
        int a = (int) (first % 4096);
        int b = (int) ((first + 1) % 4096);
        assertEquals(String.format("%02x%02x%02x", a & 0xFF, (b & 0xF) << 4 | a >> 8, b >> 4),
                java.util.HexFormat.of().formatHex(samples.payload(), 4, 7));
        assertArrayEquals(ramp(first, 64), samples.codes());
        ReferenceFrames.Frame nextSamples = next();
        assertEquals(first + 64, nextSamples.u32(0), "the sample index runs on");
    }

    @Test
    void helloWithAnotherVersionIsRefused() throws Exception {
        startRamp();
        send(host.hello(1));
        ReferenceFrames.Frame nak = next();
        assertEquals(FrontEndProtocol.TYPE_NAK, nak.type());
        assertEquals(0, nak.u16(0));
        assertEquals(FrontEndProtocol.NAK_UNSUPPORTED_VERSION, nak.u8(2));
    }

    @Test
    void moveBeforeHelloIsRefused() throws Exception {
        startRamp();
        send(host.move(7, 10));
        ReferenceFrames.Frame nak = next();
        assertEquals(FrontEndProtocol.TYPE_NAK, nak.type());
        assertEquals(7, nak.u16(0));
        assertEquals(FrontEndProtocol.NAK_NO_SESSION, nak.u8(2));
        assertEquals(50, actuator.position);
    }

    @Test
    void movesAreExecutedAndAcknowledgedOrRefusedWhenOutOfRange() throws Exception {
        startRamp();
        send(host.hello(FrontEndProtocol.VERSION));
        nextOfType(FrontEndProtocol.TYPE_INFO);

        send(host.move(1, 80));
        ReferenceFrames.Frame ack = nextOfType(FrontEndProtocol.TYPE_ACK);
        assertEquals(1, ack.u16(0));
        assertEquals(80, ack.i32(2));

        send(host.move(2, 101));
        ReferenceFrames.Frame nak = nextOfType(FrontEndProtocol.TYPE_NAK);
        assertEquals(2, nak.u16(0));
        assertEquals(FrontEndProtocol.NAK_OUT_OF_RANGE, nak.u8(2));

        assertEquals(1, emulator.movesExecuted());
        assertEquals(80, emulator.positionSteps());
    }

    @Test
    void infoDescribesTheDeviceAndTheFrameTypeFollowsTheAdc() throws Exception {
        startRamp();
        assertEquals(new FrontEndInfo(2, 1, 0, 0, 12, FrontEndProtocol.TYPE_SAMPLES12, 64, 500_000, 3_300_000, 0, 100,
                50, 0xC0FFEE, 0), emulator.info());
        send(host.hello(FrontEndProtocol.VERSION));
        ReferenceFrames.Frame info = next();
        // Field by field as the document's INFO table lays them out.
        assertEquals(List.of(2, 1, 0, 0, 12, FrontEndProtocol.TYPE_SAMPLES12), List.of(info.u8(0), info.u8(1),
                info.u8(2), info.u8(3), info.u8(4), info.u8(5)));
        assertEquals(64, info.u16(6));
        assertEquals(500_000, info.u32(8));
        assertEquals(3_300_000, info.u32(12));
        assertEquals(List.of(0, 100, 50), List.of(info.i32(16), info.i32(20), info.i32(24)));
        assertEquals(0xC0FFEE, info.u32(28));
        long nextIndex = info.u32(32);
        assertEquals(0, nextIndex % 64, "the device samples whole frames from power-up");
        assertEquals(nextIndex, next().u32(0), "INFO names the first sample it sends");

        SampleSource ramp = ScriptedSource.ramp();
        assertEquals(FrontEndProtocol.TYPE_SAMPLES16,
                new FrontEndEmulator(ramp, actuator, 16, 3.3, 64, 1).info().sampleFrameType(), "16 bits");
        assertEquals(FrontEndProtocol.TYPE_SAMPLES16,
                new FrontEndEmulator(ramp, actuator, 12, 3.3, 63, 1).info().sampleFrameType(), "an odd frame size");
        assertEquals(FrontEndProtocol.TYPE_SAMPLES12,
                new FrontEndEmulator(ramp, actuator, 8, 3.3, 2, 1).info().sampleFrameType(), "8 bits, 2 per frame");
    }

    @Test
    void theSampleRateMustBeAWholeNumberOfHertzTheProtocolCarries() {
        for (double rateHz : new double[] {1, 4_294_967_295.0}) {
            FrontEndEmulator device = new FrontEndEmulator(new ScriptedSource(rateHz, n -> 0, 1, 1), actuator, 12,
                    3.3, 64, 1);
            assertEquals((long) rateHz, device.info().sampleRateHz());
        }
        for (double rateHz : new double[] {0, 0.5, 1000.5, 4_294_967_296.0}) {
            assertThrows(IllegalArgumentException.class, () -> new FrontEndEmulator(
                    new ScriptedSource(rateHz, n -> 0, 1, 1), actuator, 12, 3.3, 64, 1), rateHz + " Hz");
        }
    }

    @Test
    void voltsOutsideTheInputSpanAreClampedToTheEndCodes() throws Exception {
        double[] volts = {-10, 10, Double.NaN, 0, -1.65, 1.65, rampVolts(1), rampVolts(4094)};
        start(new FrontEndEmulator(new ScriptedSource(20_000, n -> volts[(int) (n % volts.length)], Integer.MAX_VALUE,
                Long.MAX_VALUE), actuator, 12, 3.3, volts.length, 1));
        send(host.hello(FrontEndProtocol.VERSION));
        nextOfType(FrontEndProtocol.TYPE_INFO);
        // 0 V is mid-scale: (0 / 3.3 + 0.5) · 4095 = 2047.5, rounded to 2048; ±1.65 V are the ends.
        assertArrayEquals(new int[] {0, 4095, 0, 2048, 0, 4095, 1, 4094}, next().codes());
    }

    @Test
    void aSourceThatReturnsFewerSamplesIsReadUntilTheFrameIsFull() throws Exception {
        start(new FrontEndEmulator(new ScriptedSource(500_000, FrontEndEmulatorTest::rampVolts, 24, Long.MAX_VALUE),
                actuator, 12, 3.3, 64, 1));
        send(host.hello(FrontEndProtocol.VERSION));
        long first = nextOfType(FrontEndProtocol.TYPE_INFO).u32(32);
        assertArrayEquals(ramp(first, 64), next().codes());
        assertArrayEquals(ramp(first + 64, 64), next().codes());
    }

    @Test
    void theRunEndsWithTheSource() throws Exception {
        // 20 frames of 64 at 640 S/s: 2 s of samples, then the source ends.
        start(new FrontEndEmulator(new ScriptedSource(640, FrontEndEmulatorTest::rampVolts, Integer.MAX_VALUE,
                20 * 64 + 10), actuator, 12, 3.3, 64, 1));
        send(host.hello(FrontEndProtocol.VERSION));
        ReferenceFrames.Frame info = next();
        assertEquals(FrontEndProtocol.TYPE_INFO, info.type());
        assertRunEnds(); // the 10 samples left make no frame
        long expected = info.u32(32);
        assertTrue(expected < 20 * 64, "the HELLO came before the source ended: " + expected);
        for (ReferenceFrames.Frame frame = received.poll(); frame != null; frame = received.poll()) {
            assertEquals(expected, frame.u32(0));
            assertArrayEquals(ramp(expected, 64), frame.codes());
            expected += 64;
        }
        assertEquals(20 * 64, expected, "every frame after the HELLO up to the source's end");
    }

    @Test
    void aHelloWhileStreamingRestartsTheNumberingAndTellsTheNextSampleIndex() throws Exception {
        startRamp();
        send(host.hello(FrontEndProtocol.VERSION));
        nextOfType(FrontEndProtocol.TYPE_INFO);
        next();
        send(host.hello(FrontEndProtocol.VERSION));
        ReferenceFrames.Frame info = nextOfType(FrontEndProtocol.TYPE_INFO);
        assertEquals(0, info.sequence());
        long nextIndex = info.u32(32);
        assertTrue(nextIndex % 64 == 0, "whole frames were sampled: " + nextIndex);
        ReferenceFrames.Frame samples = next();
        assertEquals(1, samples.sequence());
        assertEquals(nextIndex, samples.u32(0));
        assertEquals(nextIndex % 4096, samples.codes()[0], "the ramp runs on across the HELLO");
    }

    @Test
    void stopEndsTheRunEvenWhileTheSourceIsStalled() throws Exception {
        // Every read returns nothing, as a source whose reads time out.
        start(new FrontEndEmulator(new ScriptedSource(500_000, FrontEndEmulatorTest::rampVolts, 0, Long.MAX_VALUE),
                actuator, 12, 3.3, 64, 1));
        send(host.hello(FrontEndProtocol.VERSION));
        assertEquals(FrontEndProtocol.TYPE_INFO, next().type());
        emulator.stop();
        assertRunEnds();
        assertEquals(1, framesParsed.get(), "no frame of samples that never came");
    }

    @Test
    void aCorruptFrameFromTheHostIsCountedBeforeTheFrameAfterItIsAnswered() throws Exception {
        startRamp();
        byte[] corrupt = Arrays.copyOf(host.buffer(), host.hello(FrontEndProtocol.VERSION));
        corrupt[corrupt.length - 1] ^= 0x01;
        byte[] hello = Arrays.copyOf(host.buffer(), host.hello(FrontEndProtocol.VERSION));
        toDevice.write(ReferenceFrames.concat(corrupt, hello)); // one chunk for the emulator's reader
        toDevice.flush();
        assertEquals(FrontEndProtocol.TYPE_INFO, next().type());
        assertEquals(1, emulator.hostFramesCorrupt());
    }
}
