package org.resonantlearner.hal.serial;

import org.resonantlearner.hal.AdcCalibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;

/**
 * The adapter against the emulator over real pseudo-terminals (socat): the service opens the
 * host end by path with jSerialComm, the emulator (backed by the simulated rig, paced to the wall
 * clock at 20 kS/s) serves the device end. Every timeout below is a generous upper bound of a
 * blocking wait, never a sleep.
 */
@Timeout(60)
class SerialFrontEndPtyTest {
    /** Quick back-off and stall detection so a reconnection takes well under a second here. */
    private static final SerialFrontEndSettings SETTINGS = new SerialFrontEndSettings(0.05, 2.0, 0.25, 2.0, 0.02,
            0.2, 0.5, 10.0, 20.0, 1 << 18);
    private static final double WAIT_SECONDS = 20.0;
    /**
     * The host computes code · slope + intercept, the document (code / (2^bits − 1) − 0.5) · full
     * scale: the same value rounded differently, a few ulps of a volt-sized reading apart.
     */
    private static final double VOLTS_TOLERANCE = 1e-12;

    @TempDir
    Path directory;

    @Test
    void streamsTheSimulatedSamplesUnchanged() throws Exception {
        try (PtyPair pty = PtyPair.start(directory);
                EmulatedDevice device = new EmulatedDevice(pty.devicePath(), 1, 0x1111, 0, 0);
                SerialFrontEnd frontEnd = SerialFrontEnd.open(pty.hostPath(), SETTINGS, AdcCalibration.NONE)) {
            RunConfig config = ConfigLoader.load(null, ConfigLoader.Overrides.none());
            assertEquals(config.sensor().sampleRateHz(), frontEnd.sampleRateHz(), 0.0);
            assertEquals(config.actuator().minPositionSteps(), frontEnd.minPositionSteps());
            assertEquals(config.actuator().maxPositionSteps(), frontEnd.maxPositionSteps());
            assertEquals(config.actuator().initialPositionSteps(), frontEnd.positionSteps());

            double[] received = readAll(frontEnd, 10_000);

            double[] expected = expectedVolts(device.sentFrames());
            assertPrefix(expected, received, 0, received.length);
            assertEquals(0, frontEnd.corruptFrames());
            assertEquals(0, frontEnd.droppedFrames());
            assertEquals(0, frontEnd.samplesLost());
            assertEquals(1, frontEnd.connections());
            assertTrue(frontEnd.framesDecoded() >= 10_000 / EmulatedDevice.SAMPLES_PER_FRAME);
        }
    }

    @Test
    void corruptFramesAndGarbageAreCountedAndNoCorruptSampleIsPassedOn() throws Exception {
        try (PtyPair pty = PtyPair.start(directory);
                EmulatedDevice device = new EmulatedDevice(pty.devicePath(), 1, 0x2222, 7, 5);
                SerialFrontEnd frontEnd = SerialFrontEnd.open(pty.hostPath(), SETTINGS, AdcCalibration.NONE)) {
            double[] received = readAll(frontEnd, 10_000);

            // What arrives is exactly the intact frames' samples, back to back: a damaged frame's
            // samples are missing, never altered.
            double[] expected = expectedVolts(device.sentFrames());
            assertPrefix(expected, received, 0, received.length);
            assertTrue(device.damagedFrames() > 0);
            assertTrue(frontEnd.corruptFrames() > 0, "corrupt frames counted");
            assertTrue(frontEnd.droppedFrames() > 0, "sequence gaps counted");
            assertTrue(frontEnd.bytesSkipped() > 0, "garbage skipped");
            assertTrue(frontEnd.samplesLost() >= EmulatedDevice.SAMPLES_PER_FRAME, "lost samples counted");
            assertEquals(0, frontEnd.invalidSampleFrames());
            assertEquals(1, frontEnd.connections(), "corruption alone never drops the session");
        }
    }

    @Test
    void reconnectsAfterTheDeviceIsUnpluggedAndPluggedBackIn() throws Exception {
        PtyPair first = PtyPair.start(directory);
        EmulatedDevice firstDevice = new EmulatedDevice(first.devicePath(), 1, 0xAAAA, 0, 0);
        try (SerialFrontEnd frontEnd = SerialFrontEnd.open(first.hostPath(), SETTINGS, AdcCalibration.NONE)) {
            double[] before = readAll(frontEnd, 4_000);

            // Unplug: the emulator dies with its pseudo-terminals, the device path vanishes.
            first.kill();
            firstDevice.awaitEnd();
            assertTrue(frontEnd.awaitDisconnects(1, WAIT_SECONDS), "disconnect noticed");
            List<EmulatedDevice.SentFrame> firstFrames = firstDevice.sentFrames();

            // Plug back in: a new pair at the same path, a freshly booted emulator with other noise.
            try (PtyPair second = PtyPair.start(directory);
                    EmulatedDevice secondDevice = new EmulatedDevice(second.devicePath(), 2, 0xBBBB, 0, 0)) {
                assertTrue(frontEnd.awaitConnections(2, WAIT_SECONDS), "reconnected: " + frontEnd.lastFailure());
                double[] after = readAll(frontEnd, 8_000);

                assertEquals(1, frontEnd.disconnects());
                assertEquals(1, frontEnd.reconnects());
                FrontEndInfo info = frontEnd.deviceInfo();
                assertEquals(0xBBBB, info.bootId());
                // The stream resumes: what was read is the first emulator's samples up to some point,
                // then the second emulator's from its first sample on.
                double[] stream = concat(before, after);
                double[] firstExpected = expectedVolts(firstFrames);
                double[] secondExpected = expectedVolts(secondDevice.sentFrames());
                int split = commonPrefix(firstExpected, stream);
                assertTrue(split >= before.length, "the samples read before the unplug are the first emulator's");
                assertSpliced(secondExpected, stream, before.length, split);
                assertTrue(frontEnd.samplesLost() > 0, "the gap of the unplug is reported");
            }
        } finally {
            first.kill();
            firstDevice.close();
        }
    }

    @Test
    void movesAreAcknowledgedAndExecutedOnTheSimulatedActuator() throws Exception {
        try (PtyPair pty = PtyPair.start(directory);
                EmulatedDevice device = new EmulatedDevice(pty.devicePath(), 1, 0x3333, 0, 0);
                SerialFrontEnd frontEnd = SerialFrontEnd.open(pty.hostPath(), SETTINGS, AdcCalibration.NONE)) {
            readAll(frontEnd, 1_000);
            frontEnd.moveTo(3_000);
            assertEquals(3_000, frontEnd.positionSteps());
            frontEnd.moveTo(frontEnd.minPositionSteps());
            assertEquals(frontEnd.minPositionSteps(), frontEnd.positionSteps());
            frontEnd.moveTo(frontEnd.maxPositionSteps());
            assertEquals(frontEnd.maxPositionSteps(), frontEnd.positionSteps());

            assertEquals(3, device.emulator().movesExecuted());
            assertEquals(frontEnd.maxPositionSteps(), device.emulator().positionSteps());
            assertThrows(IllegalArgumentException.class, () -> frontEnd.moveTo(frontEnd.maxPositionSteps() + 1));
            assertEquals(3, device.emulator().movesExecuted(), "an out-of-range move never leaves the host");
            // Samples keep flowing around the commands.
            readAll(frontEnd, 1_000);
            assertEquals(0, frontEnd.samplesLost());
        }
    }

    @Test
    void openFailsWithTheReasonWhenNoDeviceIsThere() {
        SerialFrontEndSettings quick = new SerialFrontEndSettings(0.05, 0.2, 0.05, 1.0, 0.01, 0.05, 0.5, 1.0, 0.3,
                1024);
        String missing = directory.resolve("nothing-here").toString();
        SerialFrontEndException e = assertThrows(SerialFrontEndException.class,
                () -> SerialFrontEnd.open(missing, quick, AdcCalibration.NONE));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    private static double[] readAll(SerialFrontEnd frontEnd, int count) {
        double[] volts = new double[count];
        int block = 256;
        int at = 0;
        int emptyReads = 0;
        while (at < count) {
            // A read returns early (even empty) after its timeout, e.g. while the device is away.
            int got = frontEnd.read(volts, at, Math.min(block, count - at));
            if (got < 0) {
                fail("read ended early at sample " + at);
            }
            emptyReads = got == 0 ? emptyReads + 1 : 0;
            if (emptyReads > 300) {
                fail("no samples for 300 read timeouts at sample " + at);
            }
            at += got;
        }
        return volts;
    }

    /**
     * The load volts of the intact sample frames, in order: each frame the emulator wrote parsed by
     * {@link ReferenceFrames} (not the host's decoder), its codes turned into volts by the document's
     * formula with the ADC bits and full scale of the INFO the emulator sent.
     */
    static double[] expectedVolts(List<EmulatedDevice.SentFrame> frames) {
        int adcBits = 0;
        double fullScaleVolts = 0;
        double[] volts = new double[1024];
        int size = 0;
        for (EmulatedDevice.SentFrame sent : frames) {
            ReferenceFrames.Frame frame = ReferenceFrames.parse(sent.bytes());
            if (frame.type() == FrontEndProtocol.TYPE_INFO) {
                adcBits = frame.u8(4);
                fullScaleVolts = frame.u32(12) * 1e-6;
            } else if (frame.isSampleFrame() && !sent.damaged()) {
                for (int code : frame.codes()) {
                    if (size == volts.length) {
                        volts = java.util.Arrays.copyOf(volts, 2 * size);
                    }
                    volts[size++] = ReferenceFrames.volts(code, adcBits, fullScaleVolts, 0, 0);
                }
            }
        }
        return java.util.Arrays.copyOf(volts, size);
    }

    private static boolean sameVolts(double expected, double actual) {
        return Math.abs(expected - actual) <= VOLTS_TOLERANCE;
    }

    private static void assertPrefix(double[] expected, double[] actual, int expectedFrom, int count) {
        assertTrue(expected.length - expectedFrom >= count,
                "the device sent " + expected.length + " samples, fewer than the " + count + " read");
        for (int i = 0; i < count; i++) {
            if (!sameVolts(expected[expectedFrom + i], actual[i])) {
                fail("sample " + i + ": expected " + expected[expectedFrom + i] + " V, read " + actual[i] + " V");
            }
        }
    }

    /** Checks that {@code stream} continues with {@code second} from some split in [minSplit, maxSplit]. */
    private static void assertSpliced(double[] second, double[] stream, int minSplit, int maxSplit) {
        for (int split = maxSplit; split >= minSplit; split--) {
            int tail = stream.length - split;
            if (tail <= second.length && matches(second, stream, split)) {
                return;
            }
        }
        fail("after the reconnection the stream is not the second emulator's samples from its first on");
    }

    /** Whether {@code stream} from {@code split} on is {@code second} from its start. */
    private static boolean matches(double[] second, double[] stream, int split) {
        for (int i = split; i < stream.length; i++) {
            if (!sameVolts(second[i - split], stream[i])) {
                return false;
            }
        }
        return true;
    }

    private static int commonPrefix(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && sameVolts(a[i], b[i])) {
            i++;
        }
        return i;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
