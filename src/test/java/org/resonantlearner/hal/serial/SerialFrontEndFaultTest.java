package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final int MIN_STEPS = -500;
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
    /**
     * Reads that may come back empty (each after the host's 0.1 s read timeout) before a test gives
     * up: 3 s, where the frames were written before the read and arrive within milliseconds.
     */
    private static final int MAX_EMPTY_READS = 30;
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

    /** INFO of the scripted device: 12-bit SAMPLES16 at 20 kS/s, 3.3 V, actuator −500 … 10 000 steps at 1 234. */
    private static byte[] info(long bootId, long nextSampleIndex) {
        return ReferenceFrames.infoPayload(ADC_BITS, FrontEndProtocol.TYPE_SAMPLES16, SAMPLES_PER_FRAME,
                SAMPLE_RATE_HZ, FULL_SCALE_MICROVOLTS, MIN_STEPS, MAX_STEPS, START_STEPS, bootId, nextSampleIndex);
    }

    private SerialFrontEnd open(ScriptedDevice device, SerialFrontEndSettings settings) {
        return SerialFrontEnd.open(device.hostPath(), settings, CALIBRATION);
    }

    @Test
    void eachSampleIsDeliveredOnceAsItsDocumentedVoltsAndRefusedFramesAreCounted() throws Exception {
        int[] first = codes(0, SAMPLES_PER_FRAME);
        int[] second = codes(1, SAMPLES_PER_FRAME);
        second[0] = 0;
        second[1] = TOP_CODE; // the extremes are valid codes
        int[] third = codes(2, SAMPLES_PER_FRAME);
        int[] tooHigh = codes(3, SAMPLES_PER_FRAME);
        tooHigh[10] = TOP_CODE + 1;
        int[] ten = codes(5, 10); // shorter than the refused frame before it
        try (ScriptedDevice device = ScriptedDevice.start(directory).acknowledgeMoves()
                .onHello((d, hello) -> {
                    // Sample frames before INFO belong to an older session: ignored, not counted.
                    d.samples16(5_000, codes(4, SAMPLES_PER_FRAME));
                    d.info(info(BOOT_ID, 0));
                });
                SerialFrontEnd frontEnd = open(device, SETTINGS)) {
            device.samples16(0, first);
            device.samples16(0, first); // repeated
            device.samples16(32, first); // backwards: starts inside what was delivered
            // 2^31 ahead is as far behind (mod 2^32): refused, not 2^31 samples lost.
            device.samples16(64 + (1L << 31), first);
            device.samples16(64, tooHigh); // a code above 2^12 − 1 at [10], although its CRC matches
            device.samples16(64, ten);
            device.info(info(BOOT_ID, 74)); // the answer to a repeated HELLO: numbering restarts at 0
            device.samples16(74, second);
            device.samples16(202, third); // samples 138 … 201 never sent

            double[] read = readExactly(frontEnd, 3 * SAMPLES_PER_FRAME + ten.length);
            assertVolts(volts(first, ten, second, third), read);
            assertEquals(0, frontEnd.read(new double[1], 0, 1), "nothing is delivered twice");
            assertEquals(4, frontEnd.invalidSampleFrames(), "repeated, backwards (twice) and out-of-range frames");
            assertEquals(SAMPLES_PER_FRAME, frontEnd.samplesLost(), "the 64 samples never sent");
            assertEquals(1, frontEnd.connections(), "a repeated INFO is not a new session");
            assertEquals(START_STEPS, frontEnd.positionSteps());
            // stale, INFO, 6 sample frames, INFO, 2 sample frames: all valid, numbered without gaps.
            assertEquals(11, frontEnd.framesDecoded());
            assertEquals(0, frontEnd.droppedFrames());
            assertEquals(0, frontEnd.corruptFrames());
            assertEquals(0, frontEnd.bytesSkipped());
        }
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

            // Never both sides of the gap in one read: the stream index of every sample stays known.
            double[] got = new double[2 * SAMPLES_PER_FRAME];
            assertEquals(SAMPLES_PER_FRAME, frontEnd.read(got, 0, got.length), "the read ends at the gap");
            assertEquals(0, frontEnd.samplesSkipped());
            assertEquals(SAMPLES_PER_FRAME, frontEnd.read(got, SAMPLES_PER_FRAME, SAMPLES_PER_FRAME));
            assertEquals(SAMPLES_PER_FRAME, frontEnd.samplesSkipped(), "the damaged frame's samples come before these");
            assertVolts(volts(first, third), got);
            assertEquals(1, frontEnd.corruptFrames());
            assertEquals(1, frontEnd.droppedFrames(), "the damaged frame's sequence number is missing");
            assertEquals(SAMPLES_PER_FRAME, frontEnd.samplesLost(), "the damaged frame's samples");
            assertEquals(garbage.length + damaged.length, frontEnd.bytesSkipped());
            assertEquals(3, frontEnd.framesDecoded(), "INFO and two sample frames");
            assertEquals(0, frontEnd.invalidSampleFrames());
        }
    }

    @Test
    void aFullRingDropsWholeFramesCountsThemAndDeliversTheRestInOrder() throws Exception {
        int[] a = codes(0, 512);
        int[] b = codes(1, 512);
        int[] c = codes(2, 512);
        int[] d = codes(3, 256);
        try (ScriptedDevice device = ScriptedDevice.start(directory).answerHelloWith(info(BOOT_ID, 0))
                .acknowledgeMoves();
                SerialFrontEnd frontEnd = open(device, SETTINGS)) {
            // The reader reads nothing: a and b fill the 1024-sample ring, c finds no room.
            device.samples16(0, a);
            device.samples16(512, b);
            device.samples16(1024, c);
            frontEnd.moveTo(2_000); // its ACK follows the three frames: they have been handled
            assertEquals(512, frontEnd.ringOverrunSamples());
            assertEquals(512, frontEnd.samplesLost(), "the overrun is part of the samples lost");

            double[] head = new double[256];
            assertEquals(256, frontEnd.read(head, 0, 256));
            // d (index 1536 follows c: no gap) exactly fills the 256 samples just freed, across the
            // end of the ring.
            device.samples16(1536, d);
            assertEquals(1536, frontEnd.lastMoveEffectiveSampleIndex(), "the ACK after c: c's samples count");
            frontEnd.moveTo(2_001);
            assertEquals(1792, frontEnd.lastMoveEffectiveSampleIndex(), "the ACK after d, in stream numbering");
            double[] rest = new double[3 + 1024];
            assertEquals(768, frontEnd.read(rest, 3, 1024), "a read ends at the gap c left");
            assertEquals(0, frontEnd.samplesSkipped(), "nothing is missing before a and b");
            assertEquals(256, frontEnd.read(rest, 3 + 768, 256), "d, on the far side of the gap");
            assertEquals(512, frontEnd.samplesSkipped(), "c is missing before d");
            double[] abd = volts(a, b, d);
            assertVolts(Arrays.copyOf(abd, 256), head);
            assertVolts(Arrays.copyOfRange(abd, 256, abd.length),
                    Arrays.copyOfRange(rest, 3, rest.length));
            assertEquals(512, frontEnd.ringOverrunSamples());
            assertEquals(512, frontEnd.samplesLost());
            assertEquals(0, frontEnd.invalidSampleFrames());
            assertThrows(IllegalArgumentException.class, () -> frontEnd.read(new double[1025], 0, 1025),
                    "more than the ring holds can never be read");
            Thread.currentThread().interrupt();
            frontEnd.close();
            assertTrue(Thread.interrupted(), "close keeps the interrupt flag");
        }
    }

    @Test
    void aNakFailsTheMoveNamingTheReasonAndLeavesThePosition() throws Exception {
        try (ScriptedDevice device = ScriptedDevice.start(directory).answerHelloWith(info(BOOT_ID, 0))
                .onMove((d, move) -> {
                    int id = move.commandId();
                    switch (move.value()) {
                        case 100 -> d.nak(id, FrontEndProtocol.NAK_ACTUATOR_FAULT);
                        case 200 -> d.nak(id, FrontEndProtocol.NAK_NO_SESSION);
                        case 300 -> d.nak(id, FrontEndProtocol.NAK_OUT_OF_RANGE);
                        case 400 -> d.nak(id, 9);
                        default -> {
                            d.nak(id - 1, FrontEndProtocol.NAK_ACTUATOR_FAULT); // late, for another command
                            d.ack(id, move.value() - 2); // reached 2 steps short
                        }
                    }
                });
                SerialFrontEnd frontEnd = open(device, SETTINGS)) {
            assertEquals(MIN_STEPS, frontEnd.minPositionSteps());
            assertEquals(MAX_STEPS, frontEnd.maxPositionSteps());
            assertThrows(IllegalArgumentException.class, () -> frontEnd.moveTo(MIN_STEPS - 1), "never sent");
            SerialFrontEndException fault = assertThrows(SerialFrontEndException.class, () -> frontEnd.moveTo(100));
            assertTrue(fault.getMessage().contains("MOVE to 100 steps refused by the front-end (ACTUATOR_FAULT)"),
                    fault.getMessage());
            assertEquals(START_STEPS, frontEnd.positionSteps());
            SerialFrontEndException noSession = assertThrows(SerialFrontEndException.class,
                    () -> frontEnd.moveTo(200));
            assertTrue(noSession.getMessage().contains("(NO_SESSION)"), noSession.getMessage());
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> frontEnd.moveTo(300));
            assertTrue(range.getMessage().contains("300 steps refused by the front-end as out of range"),
                    range.getMessage());
            SerialFrontEndException unknown = assertThrows(SerialFrontEndException.class, () -> frontEnd.moveTo(400));
            assertTrue(unknown.getMessage().contains("(reason 9)"), unknown.getMessage());
            assertEquals(START_STEPS, frontEnd.positionSteps());

            frontEnd.moveTo(500);
            assertEquals(498, frontEnd.positionSteps(), "the position the ACK reports, not the target");
            List<String> moves = device.hostFrames().stream()
                    .filter(f -> f.type() == FrontEndProtocol.TYPE_MOVE)
                    .map(f -> f.commandId() + ":" + f.value()).toList();
            assertEquals(List.of("1:100", "2:200", "3:300", "4:400", "5:500"), moves,
                    "one MOVE per command, numbered from 1");
        }
    }

    @Test
    void anUnansweredMoveIsResentUnderItsIdThenTimesOutAndALateAckIsIgnored() throws Exception {
        SerialFrontEndSettings quickRetry = new SerialFrontEndSettings(0.02, 3.0, 3.0, 5.0, 0.02, 0.1, 0.05, 1.0, 10.0,
                1024);
        try (ScriptedDevice device = ScriptedDevice.start(directory).answerHelloWith(info(BOOT_ID, 0))
                .onMove((d, move) -> {
                    if (move.value() == 800) {
                        d.ack(move.commandId() - 1, 777); // the late ACK of the abandoned MOVE
                        d.ack(move.commandId(), 800);
                    }
                });
                SerialFrontEnd frontEnd = open(device, quickRetry)) {
            SerialFrontEndException timeout = assertThrows(SerialFrontEndException.class, () -> frontEnd.moveTo(700));
            assertTrue(timeout.getMessage().contains("MOVE to 700 steps not acknowledged within 1.0 s (connected)"),
                    timeout.getMessage());
            assertEquals(START_STEPS, frontEnd.positionSteps());

            frontEnd.moveTo(800);
            assertEquals(800, frontEnd.positionSteps());
            List<ScriptedDevice.HostFrame> moves = device.hostFrames().stream()
                    .filter(f -> f.type() == FrontEndProtocol.TYPE_MOVE).toList();
            List<ScriptedDevice.HostFrame> abandoned = moves.subList(0, moves.size() - 1);
            assertTrue(abandoned.size() >= 2, "resent every 0.05 s for 1 s: " + abandoned.size() + " copies");
            for (ScriptedDevice.HostFrame copy : abandoned) {
                assertEquals(1, copy.commandId(), "a resend keeps the command id");
                assertEquals(700, copy.value());
            }
            assertEquals(2, moves.getLast().commandId(), "the next command has the next id");
        }
    }

    @Test
    void aSilentDeviceIsDroppedAndTheMoveResentToItAfterTheReconnection() throws Exception {
        AtomicInteger hellos = new AtomicInteger();
        int[] before = codes(0, SAMPLES_PER_FRAME);
        int[] after = codes(1, SAMPLES_PER_FRAME);
        try (ScriptedDevice device = ScriptedDevice.start(directory)
                .onHello((d, hello) -> {
                    if (hellos.incrementAndGet() == 1) {
                        d.info(info(BOOT_ID, 0));
                        return;
                    }
                    // Still numbering the old session's frames: ignored, and no frames counted as
                    // dropped for the jump from the old numbering.
                    d.write(ReferenceFrames.frame(FrontEndProtocol.TYPE_SAMPLES16, 1_000,
                            ReferenceFrames.samples16Payload(500, codes(2, SAMPLES_PER_FRAME))));
                    d.info(info(BOOT_ID, 1_000)); // not reset (same boot id): the gap is exact, 1000 − 64
                })
                .onMove((d, move) -> {
                    if (hellos.get() > 1) {
                        d.ack(move.commandId(), move.value());
                    }
                });
                SerialFrontEnd frontEnd = open(device, STALLING)) {
            device.samples16(0, before);
            assertVolts(volts(before), readExactly(frontEnd, SAMPLES_PER_FRAME));

            // The device falls silent in the middle of a frame and leaves the MOVE unanswered: the
            // host drops it after 0.5 s, reconnects, and sends the MOVE again (its resend interval,
            // 5 s, is far off). The half frame is dropped with the old connection.
            byte[] halfFrame = Arrays.copyOf(ReferenceFrames.frame(FrontEndProtocol.TYPE_SAMPLES16, 2,
                    ReferenceFrames.samples16Payload(64, codes(3, SAMPLES_PER_FRAME))), 20);
            device.write(halfFrame);
            frontEnd.moveTo(600);
            assertEquals(600, frontEnd.positionSteps());
            assertEquals(1, frontEnd.disconnects());
            assertEquals(2, frontEnd.connections());
            assertEquals(1, frontEnd.reconnects());
            assertTrue(frontEnd.connected());
            assertTrue(frontEnd.lastFailure().contains("no frame for 0.5 s"), frontEnd.lastFailure());
            assertEquals(1_000 - SAMPLES_PER_FRAME, frontEnd.samplesLost());
            assertEquals(halfFrame.length, frontEnd.bytesSkipped());
            assertEquals(0, frontEnd.corruptFrames());
            assertEquals(0, frontEnd.droppedFrames());
            List<String> frames = device.hostFrames().stream()
                    .map(f -> FrontEndProtocol.typeName(f.type()) + ":" + f.commandId() + ":" + f.value()).toList();
            assertEquals(List.of("HELLO:0:2", "MOVE:1:600", "HELLO:0:2", "MOVE:1:600"), frames);

            device.samples16(1_000, after);
            assertVolts(volts(after), readExactly(frontEnd, SAMPLES_PER_FRAME));
            assertEquals(1_000 - SAMPLES_PER_FRAME, frontEnd.samplesLost());
            assertEquals(frontEnd.samplesLost(), frontEnd.samplesSkipped(), "the outage is a gap in the stream");
        }
    }

    @Test
    void aChangedDeviceIsRefusedUntilTheOriginalReturnsAndAResetsGapIsEstimatedFromTheClock() throws Exception {
        long resetBootId = 0xB007;
        List<byte[]> answers = new ArrayList<>();
        answers.add(info(BOOT_ID, 0));
        // Each refused attempt costs about half a second (jSerialComm stops its event thread on
        // close): two changed devices, one invalid INFO.
        answers.add(ReferenceFrames.infoPayload(ADC_BITS, FrontEndProtocol.TYPE_SAMPLES16, SAMPLES_PER_FRAME,
                2 * SAMPLE_RATE_HZ, FULL_SCALE_MICROVOLTS, MIN_STEPS, MAX_STEPS, START_STEPS, BOOT_ID, 0));
        answers.add(ReferenceFrames.infoPayload(ADC_BITS, FrontEndProtocol.TYPE_SAMPLES16, SAMPLES_PER_FRAME,
                SAMPLE_RATE_HZ, FULL_SCALE_MICROVOLTS, MIN_STEPS, MAX_STEPS + 1, START_STEPS, BOOT_ID, 0));
        answers.add(ReferenceFrames.infoPayload(0, FrontEndProtocol.TYPE_SAMPLES16, SAMPLES_PER_FRAME,
                SAMPLE_RATE_HZ, FULL_SCALE_MICROVOLTS, MIN_STEPS, MAX_STEPS, START_STEPS, BOOT_ID, 0)); // 0 bits
        // The original device after a reset: new boot id, counter at 100, actuator elsewhere; another
        // frame size is allowed too.
        answers.add(ReferenceFrames.infoPayload(ADC_BITS, FrontEndProtocol.TYPE_SAMPLES16, 2 * SAMPLES_PER_FRAME,
                SAMPLE_RATE_HZ, FULL_SCALE_MICROVOLTS, MIN_STEPS, MAX_STEPS, 42, resetBootId, 100));
        int refusals = answers.size() - 2;

        AtomicReference<SerialFrontEnd> host = new AtomicReference<>();
        List<String> failures = new ArrayList<>();
        AtomicLong resetInfoWrittenNanos = new AtomicLong();
        AtomicInteger hellos = new AtomicInteger();
        int[] before = codes(0, SAMPLES_PER_FRAME);
        try (ScriptedDevice device = ScriptedDevice.start(directory).onHello((d, hello) -> {
            int k = hellos.getAndIncrement();
            if (k >= 2) {
                synchronized (failures) {
                    failures.add(host.get().lastFailure()); // why attempt k − 1 failed
                }
            }
            if (k == answers.size() - 1) {
                resetInfoWrittenNanos.set(System.nanoTime());
            }
            d.info(answers.get(Math.min(k, answers.size() - 1)));
        }); SerialFrontEnd frontEnd = open(device, STALLING)) {
            host.set(frontEnd);
            long sampleSentNanos = System.nanoTime();
            device.samples16(0, before);
            readExactly(frontEnd, SAMPLES_PER_FRAME);
            long sampleReadNanos = System.nanoTime();

            // The device falls silent; the host drops it and is answered by changed devices first.
            assertTrue(frontEnd.awaitConnections(2, WAIT_SECONDS), frontEnd.lastFailure());
            long reconnectedNanos = System.nanoTime();

            synchronized (failures) {
                assertEquals(refusals, failures.size(), failures.toString());
                for (int i = 0; i < refusals - 1; i++) {
                    assertTrue(failures.get(i).startsWith("the front-end changed: first "), failures.get(i));
                }
                assertTrue(failures.get(refusals - 1).startsWith("invalid INFO: adcBits = 0"),
                        failures.get(refusals - 1));
            }
            assertEquals(refusals, frontEnd.failedAttempts());
            assertEquals(1, frontEnd.disconnects());
            assertEquals(SAMPLE_RATE_HZ, frontEnd.sampleRateHz(), 0.0);
            assertEquals(resetBootId, frontEnd.deviceInfo().bootId());
            assertEquals(42, frontEnd.positionSteps());
            // Reset: the gap is the host's clock from the last sample to the new INFO times 20 kS/s.
            // The test brackets both instants: the last sample was handled between its sending and
            // its reading, the INFO between its writing and the end of the wait.
            long lower = (long) Math.floor((resetInfoWrittenNanos.get() - sampleReadNanos) * 1e-9 * SAMPLE_RATE_HZ);
            long upper = (long) Math.ceil((reconnectedNanos - sampleSentNanos) * 1e-9 * SAMPLE_RATE_HZ);
            long lost = frontEnd.samplesLost();
            assertTrue(lower <= lost && lost <= upper, lost + " samples lost, expected in [" + lower + ", " + upper
                    + "]");
            assertTrue(lower >= 0.5 * SAMPLE_RATE_HZ, "the stall timeout alone is 10 000 samples");
        }
    }

    @Test
    void openFailsNamingARefusedHello() throws Exception {
        try (ScriptedDevice device = ScriptedDevice.start(directory)
                .onHello((d, hello) -> d.nak(0, FrontEndProtocol.NAK_UNSUPPORTED_VERSION))) {
            SerialFrontEndException e = assertThrows(SerialFrontEndException.class, () -> open(device, QUICK_START));
            assertTrue(e.getMessage().contains("did not complete a handshake within 1.5 s: the front-end refused HELLO"
                    + " (UNSUPPORTED_VERSION)"), e.getMessage());
            assertEquals(2, device.hostFrames().getFirst().value(), "HELLO carries the host's version, 2");
        }
    }

    @Test
    void openFailsNamingBothVersionsWhenTheDeviceSpeaksAnother() throws Exception {
        try (ScriptedDevice device = ScriptedDevice.start(directory)
                .onHello((d, hello) -> d.write(ReferenceFrames.frame(1, FrontEndProtocol.TYPE_INFO, 0, info(7, 0))))) {
            SerialFrontEndException e = assertThrows(SerialFrontEndException.class, () -> open(device, QUICK_START));
            assertTrue(e.getMessage().endsWith("did not complete a handshake within 1.5 s: the front-end speaks protocol"
                    + " version 1; this host speaks version 2"), e.getMessage());
        }
    }

    @Test
    void openFailsNamingASilentDevice() throws Exception {
        try (ScriptedDevice device = ScriptedDevice.start(directory)) {
            SerialFrontEndException e = assertThrows(SerialFrontEndException.class, () -> open(device, QUICK_START));
            assertTrue(e.getMessage().contains("no INFO within 0.2 s of HELLO"), e.getMessage());
        }
    }

    @Test
    void anInterruptedOrClosedAdapterStopsReadingAndMoving() throws Exception {
        // A MOVE would wait 30 s for its ACK: only close can end it sooner.
        SerialFrontEndSettings patient = new SerialFrontEndSettings(0.02, 3.0, 3.0, 5.0, 0.02, 0.1, 30.0, 30.0, 10.0,
                1024);
        try (ScriptedDevice device = ScriptedDevice.start(directory).answerHelloWith(info(BOOT_ID, 0));
                SerialFrontEnd frontEnd = open(device, patient)) {
            double[] buffer = new double[8];
            Thread.currentThread().interrupt();
            assertEquals(-1, frontEnd.read(buffer, 0, 8));
            assertTrue(Thread.interrupted(), "the interrupt flag stays set");
            Thread.currentThread().interrupt();
            SerialFrontEndException interrupted = assertThrows(SerialFrontEndException.class,
                    () -> frontEnd.moveTo(10));
            assertTrue(interrupted.getMessage().contains("interrupted"), interrupted.getMessage());
            assertTrue(Thread.interrupted(), "the interrupt flag stays set");
            Thread.currentThread().interrupt();
            assertFalse(frontEnd.awaitDisconnects(1, WAIT_SECONDS));
            assertTrue(Thread.interrupted(), "the interrupt flag stays set");

            int[] codes = codes(0, SAMPLES_PER_FRAME);
            device.samples16(0, codes);
            double[] part = new double[6];
            assertEquals(4, frontEnd.read(part, 2, 4), "fewer samples than arrived are read");
            double[] expected = volts(codes);
            assertVolts(new double[] {0, 0, expected[0], expected[1], expected[2], expected[3]}, part);
            assertVolts(Arrays.copyOfRange(expected, 4, SAMPLES_PER_FRAME),
                    readExactly(frontEnd, SAMPLES_PER_FRAME - 4));

            AtomicReference<Throwable> moveFailure = new AtomicReference<>();
            Thread mover = Thread.ofPlatform().start(() -> {
                try {
                    frontEnd.moveTo(20);
                } catch (Throwable t) {
                    moveFailure.set(t);
                }
            });
            while (device.nextHostFrame().value() != 20) {
                // HELLO and the interrupted MOVE to 10 came first.
            }
            frontEnd.close();
            mover.join((long) (WAIT_SECONDS * 1000));
            assertFalse(mover.isAlive(), "close ends a pending moveTo");
            assertTrue(moveFailure.get() instanceof SerialFrontEndException e
                    && e.getMessage().contains("MOVE to 20 steps: the front-end is closed"),
                    String.valueOf(moveFailure.get()));
            frontEnd.close();
            assertFalse(frontEnd.connected());
            assertEquals(-1, frontEnd.read(buffer, 0, 8));
            SerialFrontEndException closed = assertThrows(SerialFrontEndException.class, () -> frontEnd.moveTo(10));
            assertTrue(closed.getMessage().contains("the front-end is closed"), closed.getMessage());
            assertFalse(frontEnd.awaitConnections(2, WAIT_SECONDS), "no wait outlives the adapter");
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
