package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.resonantlearner.hal.CountingActuator;
import org.resonantlearner.hal.SampleSource;

/**
 * The emulator as a device, in process over pipes: real-time sampling from power-up (no backlog),
 * the effective sample index of a MOVE, and the faults with their counters and the truth log.
 */
@Timeout(30)
class FrontEndEmulatorDeviceTest {
    private final CountingActuator actuator = new CountingActuator(0, 4000, 50);
    private FrontEndEmulator emulator;
    private Thread device;
    private HostEnd host;
    private PipedOutputStream hostToDevice;
    private final ByteArrayOutputStream truth = new ByteArrayOutputStream();

    /** An unpaced source at {@code rateHz} whose sample n has the code {@code code(n)} (12 bits, 3.3 V). */
    private static SampleSource codes(double rateHz, LongToIntFunction code) {
        return new SampleSource() {
            private long next;

            @Override
            public double sampleRateHz() {
                return rateHz;
            }

            @Override
            public int read(double[] loadVolts, int offset, int count) {
                for (int i = 0; i < count; i++) {
                    loadVolts[offset + i] = ReferenceFrames.volts(code.applyAsInt(next++), 12, 3.3, 0, 0);
                }
                return count;
            }

            @Override
            public void close() {}
        };
    }

    private void start(SampleSource source, EmulatorFaults faults, boolean log) throws IOException {
        emulator = new FrontEndEmulator(source, actuator, 12, 3.3, 64, 7).withFaults(faults);
        if (log) {
            emulator.withTruthLog(new TruthLog(truth));
        }
        hostToDevice = new PipedOutputStream();
        PipedInputStream deviceIn = new PipedInputStream(hostToDevice, 4096);
        PipedOutputStream deviceToHost = new PipedOutputStream();
        PipedInputStream hostIn = new PipedInputStream(deviceToHost, 1 << 20);
        host = new HostEnd(hostIn, hostToDevice);
        device = Thread.ofPlatform().daemon().start(() -> emulator.run(deviceIn, deviceToHost));
    }

    /** Stops the device, lets the host read everything, returns the frames received after INFO. */
    private List<HostEnd.Frame> stopAndCollect() throws Exception {
        emulator.stop();
        device.join(5000);
        assertFalse(device.isAlive(), "run returned on stop");
        hostToDevice.close();
        List<HostEnd.Frame> frames = new ArrayList<>();
        for (HostEnd.Frame frame = host.poll(5); frame != HostEnd.END; frame = host.poll(5)) {
            assertNotNull(frame, "the end of the device's output");
            frames.add(frame);
        }
        return frames;
    }

    @AfterEach
    void end() throws Exception {
        if (emulator != null) {
            emulator.stop();
            device.join(5000);
            host.close();
        }
    }

    @Test
    void aLateHostGetsFreshSamplesAtTheRealTimeRateNotABacklog() throws Exception {
        double rate = 20_000;
        long started = System.nanoTime();
        start(codes(rate, n -> (int) (n % 4096)), EmulatorFaults.NONE, false);
        Thread.sleep(1500);
        double helloAt = (System.nanoTime() - started) / 1e9;
        host.hello();
        HostEnd.Frame info = host.await(FrontEndProtocol.TYPE_INFO, 5);
        long next = info.u32(32);
        double infoAt = (System.nanoTime() - started) / 1e9;
        // The device took samples for the 1.5 s before the HELLO and sends none of them.
        assertTrue(next >= 0.95 * helloAt * rate - 64 && next <= infoAt * rate + 64,
                "INFO's next index " + next + " for a HELLO " + helloAt + " s after power-up");
        HostEnd.Frame first = host.await(FrontEndProtocol.TYPE_SAMPLES12, 5);
        assertEquals(next, first.firstIndex(), "the first sample sent is the one INFO named");
        assertEquals(next % 4096, first.codes()[0]);
        // Then one second of stream: it comes at the device's rate, not faster.
        long firstArrival = first.arrivalNanos();
        long samples = 0;
        long expectedIndex = next + 64;
        HostEnd.Frame frame;
        while ((frame = host.poll(2)) != null && frame.arrivalNanos() - firstArrival < 1_000_000_000L) {
            assertEquals(expectedIndex, frame.firstIndex(), "no gap on a clean link");
            expectedIndex += 64;
            samples += 64;
        }
        assertNotNull(frame);
        assertTrue(samples > 0.85 * rate && samples < 1.1 * rate, samples + " samples in the first second");
        double deviceSeconds = frame.firstIndex() / rate;
        double wallSeconds = (frame.arrivalNanos() - started) / 1e9;
        assertEquals(wallSeconds, deviceSeconds, 0.15, "the stream keeps to the wall clock since power-up");
        List<HostEnd.Frame> rest = stopAndCollect();
        EmulatorCounters counters = emulator.counters();
        assertEquals(next, counters.samplesBeforeFirstHello(), "every sample before the HELLO, counted");
        assertEquals(1, counters.hellosAnswered());
        assertEquals(counters.samplesTaken(), counters.samplesDelivered() + counters.samplesNotDelivered());
        assertEquals(counters.samplesDelivered(), expectedIndex - next + 64 + 64L * rest.size(),
                "delivered = what the host got");
    }

    @Test
    void anAckNamesTheFirstSampleTakenAtTheNewPosition() throws Exception {
        // Each sample's code is the actuator's position when it was taken.
        start(codes(20_000, n -> actuator.position), EmulatorFaults.NONE, false);
        host.hello();
        host.await(FrontEndProtocol.TYPE_INFO, 5);
        List<HostEnd.Frame> frames = new ArrayList<>();
        frames.add(host.await(FrontEndProtocol.TYPE_SAMPLES12, 5));
        host.move(9, 1000);
        HostEnd.Frame frame;
        while ((frame = host.poll(5)).type() != FrontEndProtocol.TYPE_ACK) {
            frames.add(frame);
        }
        long effective = frame.u32(6);
        assertEquals(1000, (int) frame.u32(2));
        for (int i = 0; i < 5; i++) {
            frames.add(host.await(FrontEndProtocol.TYPE_SAMPLES12, 5));
        }
        int checked = 0;
        for (HostEnd.Frame samples : frames) {
            for (int i = 0; i < samples.codes().length; i++) {
                long index = samples.firstIndex() + i;
                assertEquals(index < effective ? 50 : 1000, samples.codes()[i], "sample " + index
                        + " against the effective index " + effective);
                checked++;
            }
        }
        assertTrue(checked >= 6 * 64);
        assertTrue(frames.getFirst().firstIndex() < effective && frames.getLast().firstIndex() > effective);
    }

    /** Codes 0xAA5, 0x005, …: SAMPLES12 packs each pair as A5 5A 00, a sync pattern in every three bytes. */
    private static int syncPatterns(long n) {
        return n % 2 == 0 ? 0xAA5 : 0x005;
    }

    @Test
    void eachDamagedFrameIsOneCorruptAndOneDroppedFrameAndTheTruthLogSaysWhatWasSent() throws Exception {
        start(codes(200_000, FrontEndEmulatorDeviceTest::syncPatterns),
                new EmulatorFaults(0.01, 0.1, 0, 0, 0, 0, 0, 7), true);
        host.hello();
        host.await(FrontEndProtocol.TYPE_INFO, 5);
        Thread.sleep(1000);
        List<HostEnd.Frame> frames = stopAndCollect();
        EmulatorCounters counters = emulator.counters();
        assertTrue(counters.sampleFramesDamaged() > 500, "damaged frames: " + counters.sampleFramesDamaged());
        assertTrue(counters.sampleFramesDropped() > 100, "dropped frames: " + counters.sampleFramesDropped());
        assertEquals(counters.sampleFramesDamaged(), host.decoder.corruptFrames(),
                "the host's decoder rejects each damaged frame once");
        for (HostEnd.Frame frame : frames) {
            for (int i = 0; i < frame.codes().length; i++) {
                assertEquals(syncPatterns(frame.firstIndex() + i), frame.codes()[i], "no damaged sample got through");
            }
        }
        assertEquals(counters.sampleFramesSent(), frames.size());

        Map<Long, String[]> log = new HashMap<>();
        Map<String, Long> samplesByFate = new HashMap<>();
        String[] lines = truth.toString(StandardCharsets.US_ASCII).split("\n");
        assertEquals(TruthLog.HEADER, lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            log.put(Long.parseLong(fields[0]), fields);
            samplesByFate.merge(fields[2], Long.parseLong(fields[1]), Long::sum);
        }
        long lastReceived = frames.getLast().firstIndex();
        long lostBeforeLast = 0;
        for (String[] fields : log.values()) {
            long first = Long.parseLong(fields[0]);
            if (first < lastReceived && (fields[2].equals("damaged") || fields[2].equals("dropped"))) {
                lostBeforeLast++;
            }
        }
        assertEquals(lostBeforeLast, host.decoder.droppedFrames(), "one dropped frame per damaged or dropped frame");
        for (HostEnd.Frame frame : frames) {
            String[] fields = log.get(frame.firstIndex());
            assertNotNull(fields, "the log has the frame at " + frame.firstIndex());
            assertEquals("sent", fields[2]);
            assertEquals(String.format("%08x", TruthLog.codesCrc32(frame.codes(), 0, frame.codes().length)), fields[5],
                    "the codes the host got are the codes the device sent");
        }
        assertEquals(counters.samplesTaken(), samplesByFate.values().stream().mapToLong(Long::longValue).sum(),
                "one line per frame taken");
        assertEquals(counters.samplesDamaged(), samplesByFate.get("damaged"));
        assertEquals(counters.samplesDropped(), samplesByFate.get("dropped"));
        assertEquals(counters.samplesDelivered(), samplesByFate.get("sent"));
    }

    @Test
    void aStallLosesTheSamplesTakenMeanwhileAndTheHostSeesExactlyThatGap() throws Exception {
        double rate = 20_000;
        start(codes(rate, n -> (int) (n % 4096)), new EmulatorFaults(0, 0, 0, 0, 0, 0.5, 0.2, 1), true);
        host.hello();
        host.await(FrontEndProtocol.TYPE_INFO, 5);
        Thread.sleep(1700);
        List<HostEnd.Frame> frames = stopAndCollect();
        long gaps = 0;
        int stallsSeen = 0;
        for (int i = 1; i < frames.size(); i++) {
            long gap = frames.get(i).firstIndex() - frames.get(i - 1).firstIndex() - 64;
            if (gap > 0) {
                stallsSeen++;
                assertEquals(0.2 * rate, gap, 64, "a stall of 0.2 s");
                double startSeconds = (frames.get(i - 1).firstIndex() + 64) / rate;
                assertEquals(0, startSeconds % 0.5, 64 / rate, "a stall begins every 0.5 s");
            }
            gaps += Math.max(0, gap);
        }
        assertTrue(stallsSeen >= 2, "stalls seen: " + stallsSeen);
        EmulatorCounters counters = emulator.counters();
        String[] lines = truth.toString(StandardCharsets.US_ASCII).split("\n");
        long stalledBeforeLast = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            if (fields[2].equals("stalled") && Long.parseLong(fields[0]) < frames.getLast().firstIndex()) {
                stalledBeforeLast += Long.parseLong(fields[1]);
            }
        }
        assertEquals(stalledBeforeLast, gaps, "the host's gaps are the stalled samples");
        assertTrue(counters.samplesStalled() >= stalledBeforeLast);
        assertEquals(0, host.decoder.droppedFrames(), "a stalled frame takes no sequence number");
    }

    @Test
    void everyFrameLeavesTheLatencyAfterItWasReady() throws Exception {
        start(codes(20_000, n -> 0), new EmulatorFaults(0, 0, 0.3, 0, 0, 0, 0, 1), false);
        long helloAt = System.nanoTime();
        host.hello();
        HostEnd.Frame info = host.await(FrontEndProtocol.TYPE_INFO, 5);
        assertTrue(info.arrivalNanos() - helloAt >= 300_000_000L, "INFO after " + (info.arrivalNanos() - helloAt));
        host.await(FrontEndProtocol.TYPE_SAMPLES12, 5);
        long moveAt = System.nanoTime();
        host.move(1, 10);
        HostEnd.Frame ack = host.await(FrontEndProtocol.TYPE_ACK, 5);
        assertTrue(ack.arrivalNanos() - moveAt >= 300_000_000L, "ACK after " + (ack.arrivalNanos() - moveAt));
        assertTrue(ack.arrivalNanos() - moveAt < 1_000_000_000L, "ACK after " + (ack.arrivalNanos() - moveAt));
    }

    @Test
    void faultOptionsOutsideTheirRangeAreRefusedNamingTheOptionAndTheRange() {
        assertEquals("--corrupt-rate 1.5 is outside [0.0, 1.0]", assertThrows(IllegalArgumentException.class,
                () -> new EmulatorFaults(1.5, 0, 0, 0, 0, 0, 0, 1)).getMessage());
        assertEquals("--drop-rate -0.1 is outside [0.0, 1.0]", assertThrows(IllegalArgumentException.class,
                () -> new EmulatorFaults(0, -0.1, 0, 0, 0, 0, 0, 1)).getMessage());
        assertEquals("--latency-ms 20000.0 is outside [0.0, 10000.0]", assertThrows(IllegalArgumentException.class,
                () -> new EmulatorFaults(0, 0, 20, 0, 0, 0, 0, 1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EmulatorFaults(0, 0, 0, 1, 2, 0, 0, 1))
                .getMessage().startsWith("--unplug-for 2.0"));
        assertEquals("--unplug-for needs --unplug-every", assertThrows(IllegalArgumentException.class,
                () -> new EmulatorFaults(0, 0, 0, 0, 1, 0, 0, 1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EmulatorFaults(0, 0, 0, 0, 0, 1, 0, 1))
                .getMessage().startsWith("--stall-for 0.0 is outside (0, 1.0)"));
        assertEquals(0.5, new EmulatorFaults(0, 0, 0, 2, 0.5, 0, 0, 1).unplugForSeconds());
    }
}
