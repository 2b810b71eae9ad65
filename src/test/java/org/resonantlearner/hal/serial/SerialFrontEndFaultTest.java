package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.hal.AdcCalibration;

/**
 * The adapter against a scripted device over a real pseudo-terminal: the test writes exactly the
 * frames each fault needs (repeated, backwards, out-of-range, damaged, too many for the ring, NAK,
 * no answer, silence, a changed device) and checks what the host delivers and counts. Expected volts
 * come from the document's formula ({@link ReferenceFrames#volts}); every frame is built by
 * {@link ReferenceFrames}. Waits are blocking with generous upper bounds; a sample frame's effects
 * are synchronised by reading its samples or by a MOVE whose ACK the device writes after it (the
 * host handles frames in stream order).
 */
@Timeout(60)
class SerialFrontEndFaultTest {
    private static final int ADC_BITS = 12;
    private static final int TOP_CODE = 4095; // 2^12 − 1
    private static final long FULL_SCALE_MICROVOLTS = 3_300_000;
    private static final double FULL_SCALE_VOLTS = 3.3;
    private static final long SAMPLE_RATE_HZ = 20_000;
    private static final int MIN_STEPS = 0;
    private static final int MAX_STEPS = 10_000;
    private static final int START_STEPS = 1_234;
    private static final long BOOT_ID = 0x5EED;
    private static final int SAMPLES_PER_FRAME = 64;
    private static final double OFFSET_VOLTS = 0.05;
    private static final double GAIN_ERROR = 0.02;
    private static final AdcCalibration CALIBRATION = new AdcCalibration(OFFSET_VOLTS, GAIN_ERROR);
    /**
     * The host computes code · slope + intercept, the document (code / 4095 − 0.5) · 3.3 V corrected:
     * the same value rounded differently, a few ulps of a 2 V reading (ulp 4.4e-16 V) apart.
     */
    private static final double VOLTS_TOLERANCE = 1e-12;
    /** Reads that may come back empty (each after the host's 0.1 s read timeout) before a test gives up. */
    private static final int MAX_EMPTY_READS = 100;
    private static final double WAIT_SECONDS = 10;

    /**
     * One HELLO per attempt (the retry interval equals the handshake timeout), a stall timeout no
     * test reaches, quick back-off, MOVE resent only after 5 s (so every resend a test sees comes from
     * the behaviour it tests), the smallest ring.
     */
    private static final SerialFrontEndSettings SETTINGS = new SerialFrontEndSettings(0.02, 3.0, 3.0, 5.0, 0.02, 0.1,
            5.0, 5.0, 10.0, 1024);
    /** As {@link #SETTINGS} with a 0.5 s stall timeout: a silent device is dropped quickly. */
    private static final SerialFrontEndSettings STALLING = new SerialFrontEndSettings(0.02, 3.0, 3.0, 0.5, 0.02, 0.1,
            5.0, 10.0, 10.0, 1024);

    /**
     * A 0.2 s handshake (HELLO every 0.05 s) and 1.5 s to start: room for the first attempt, which
     * ends with a close of about 0.4 s (jSerialComm stops its event thread).
     */
    private static final SerialFrontEndSettings QUICK_START = new SerialFrontEndSettings(0.02, 0.2, 0.05, 1.0, 0.02,
            0.05, 0.5, 1.0, 1.5, 1024);

    @TempDir
    Path directory;

    /** INFO of the scripted device: 12-bit SAMPLES16 at 20 kS/s, 3.3 V, actuator 0 … 10 000 steps at 1 234. */
    private static byte[] info(long bootId, long nextSampleIndex) {
        return ReferenceFrames.infoPayload(ADC_BITS, FrontEndProtocol.TYPE_SAMPLES16, SAMPLES_PER_FRAME,
                SAMPLE_RATE_HZ, FULL_SCALE_MICROVOLTS, MIN_STEPS, MAX_STEPS, START_STEPS, bootId, nextSampleIndex);
    }

    private SerialFrontEnd open(ScriptedDevice device, SerialFrontEndSettings settings) {
        return SerialFrontEnd.open(device.hostPath(), settings, CALIBRATION);
    }

    @Test
    void garbageAndADamagedFrameAreSkippedAndCountedExactly() throws Exception {
        int[] first = codes(0, SAMPLES_PER_FRAME);
        int[] lost = codes(1, SAMPLES_PER_FRAME);
        int[] third = codes(2, SAMPLES_PER_FRAME);
        try (ScriptedDevice device = ScriptedDevice.start(directory).answerHelloWith(info(BOOT_ID, 0));
                SerialFrontEnd frontEnd = open(device, SETTINGS)) {
            byte[] garbage = {0x00, 0x11, (byte) 0xA5, 0x22}; // 0xA5 without 0x5A: no candidate, no error
            byte[] damaged = device.next(FrontEndProtocol.TYPE_SAMPLES16,
                    ReferenceFrames.samples16Payload(SAMPLES_PER_FRAME, lost));
            damaged[damaged.length - 1] ^= 0x01; // its CRC no longer matches
            // One burst, as one USB packet brings it: the host decodes it in one read, and its
            // counters must already include the damage when the samples after it can be read.
            device.write(ReferenceFrames.concat(garbage,
                    device.next(FrontEndProtocol.TYPE_SAMPLES16, ReferenceFrames.samples16Payload(0, first)), damaged,
                    device.next(FrontEndProtocol.TYPE_SAMPLES16,
                            ReferenceFrames.samples16Payload(2 * SAMPLES_PER_FRAME, third))));

            assertVolts(volts(first, third), readExactly(frontEnd, 2 * SAMPLES_PER_FRAME));
            assertEquals(1, frontEnd.corruptFrames());
            assertEquals(1, frontEnd.droppedFrames(), "the damaged frame's sequence number is missing");
            assertEquals(SAMPLES_PER_FRAME, frontEnd.samplesLost(), "the damaged frame's samples");
            assertEquals(garbage.length + damaged.length, frontEnd.bytesSkipped());
            assertEquals(3, frontEnd.framesDecoded(), "INFO and two sample frames");
            assertEquals(0, frontEnd.invalidSampleFrames());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** 64 distinct-looking 12-bit codes, a different run for each {@code seed}. */
    private static int[] codes(int seed, int count) {
        int[] codes = new int[count];
        for (int k = 0; k < count; k++) {
            codes[k] = (seed * 1_009 + k * 263) % (TOP_CODE + 1);
        }
        return codes;
    }

    /** The documented volts of the frames' codes, back to back. */
    private static double[] volts(int[]... frames) {
        int total = 0;
        for (int[] frame : frames) {
            total += frame.length;
        }
        double[] volts = new double[total];
        int at = 0;
        for (int[] frame : frames) {
            for (int code : frame) {
                volts[at++] = ReferenceFrames.volts(code, ADC_BITS, FULL_SCALE_VOLTS, OFFSET_VOLTS, GAIN_ERROR);
            }
        }
        return volts;
    }

    private static void assertVolts(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "samples");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], VOLTS_TOLERANCE, "sample " + i);
        }
    }

    private static double[] readExactly(SerialFrontEnd frontEnd, int count) {
        double[] volts = new double[count];
        int at = 0;
        int emptyReads = 0;
        while (at < count) {
            int got = frontEnd.read(volts, at, count - at);
            if (got < 0) {
                fail("read ended at sample " + at);
            }
            emptyReads = got == 0 ? emptyReads + 1 : 0;
            if (emptyReads > MAX_EMPTY_READS) {
                fail("no samples for " + MAX_EMPTY_READS + " read timeouts at sample " + at);
            }
            at += got;
        }
        return volts;
    }
}
