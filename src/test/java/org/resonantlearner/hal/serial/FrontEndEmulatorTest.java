package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.CountingActuator;

/** The emulator's side of the protocol over in-memory streams, with hand-written fakes for the ports. */
@Timeout(30)
class FrontEndEmulatorTest {
    private static final double WAIT_SECONDS = 10;

    /** A ramp of volts, code by code, unpaced. */
    private static final class RampSource implements SampleSource {
        private long next;

        @Override
        public double sampleRateHz() {
            return 500_000;
        }

        @Override
        public int read(double[] loadVolts, int offset, int count) {
            for (int i = 0; i < count; i++) {
                // Nominal law of a 12-bit, 3.3 V channel: codes 0, 1, 2, … 4095, 0, …
                loadVolts[offset + i] = ((next++ % 4096) / 4095.0 - 0.5) * 3.3;
            }
            return count;
        }

        @Override
        public void close() {}
    }

    private final BlockingQueue<ReferenceFrames.Frame> received = new LinkedBlockingQueue<>();
    private final FrameEncoder host = new FrameEncoder();
    private final CountingActuator actuator = new CountingActuator(0, 100, 50);
    private PipedOutputStream toDevice;
    private FrontEndEmulator emulator;
    private Thread deviceThread;

    @BeforeEach
    void start() throws IOException {
        toDevice = new PipedOutputStream();
        PipedInputStream fromHost = new PipedInputStream(toDevice, 4096);
        // The emulator writes one whole frame per call; the test parses each with its own reading of
        // the document, not with the project's decoder.
        OutputStream toHost = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                received.add(ReferenceFrames.parse(java.util.Arrays.copyOfRange(b, off, off + len)));
            }
        };
        emulator = new FrontEndEmulator(new RampSource(), actuator, 12, 3.3, 64, 0xC0FFEE);
        deviceThread = Thread.ofPlatform().daemon().start(() -> {
            try {
                emulator.run(fromHost, toHost);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        toDevice.close(); // end of input: the emulator returns
        deviceThread.join(10_000);
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

    @Test
    void helloIsAnsweredWithInfoAndStartsTheStream() throws Exception {
        send(host.hello(FrontEndProtocol.VERSION));
        ReferenceFrames.Frame info = next();
        assertEquals(FrontEndProtocol.TYPE_INFO, info.type());
        assertEquals(0, info.sequence());
        ReferenceFrames.Frame samples = next();
        assertEquals(FrontEndProtocol.TYPE_SAMPLES12, samples.type());
        assertEquals(1, samples.sequence());
        assertEquals(0, samples.i32(0), "first sample index");
        // The codes are the ramp's: 0, 1, 2, … 63, packed two in three bytes as the document says:
        // (0, 1) → 00 10 00, (2, 3) → 02 30 00.
        assertEquals("00000000001000023000", java.util.HexFormat.of().formatHex(samples.payload(), 0, 10));
        assertArrayEquals(java.util.stream.IntStream.range(0, 64).toArray(), samples.codes());
        ReferenceFrames.Frame nextSamples = next();
        assertEquals(64, nextSamples.i32(0), "the sample index runs on");
    }

    @Test
    void helloWithAnotherVersionIsRefused() throws Exception {
        send(host.hello(2));
        ReferenceFrames.Frame nak = next();
        assertEquals(FrontEndProtocol.TYPE_NAK, nak.type());
        assertEquals(0, nak.u16(0));
        assertEquals(FrontEndProtocol.NAK_UNSUPPORTED_VERSION, nak.u8(2));
    }

    @Test
    void moveBeforeHelloIsRefused() throws Exception {
        send(host.move(7, 10));
        ReferenceFrames.Frame nak = next();
        assertEquals(FrontEndProtocol.TYPE_NAK, nak.type());
        assertEquals(7, nak.u16(0));
        assertEquals(FrontEndProtocol.NAK_NO_SESSION, nak.u8(2));
        assertEquals(50, actuator.position);
    }

    @Test
    void movesAreExecutedAndAcknowledgedOrRefusedWhenOutOfRange() throws Exception {
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
}
