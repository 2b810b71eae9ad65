package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.serial.FrontEndInfo;
import org.resonantlearner.hal.serial.SerialFrontEnd;
import org.resonantlearner.hal.serial.SerialFrontEndSettings;
import org.resonantlearner.hal.serial.TruthLog;

/**
 * Issue 10, "what it must show", byte corruption: {@code emulate-frontend --link} (its own socat
 * device node) in a child JVM with the same rig seed and fault seed every time, {@code run} in serial
 * mode in another, or the host's {@link SerialFrontEnd} in this JVM.
 *
 * <ul>
 *   <li>Fixed tuner at byte flip rates 0, 1e-3, 1e-2: the spread of power.csv's drive frequency stays
 *       within 2× the clean link's, and the summary's corrupt-frame, dropped-frame and lost-sample
 *       counters equal the emulator's report and truth log exactly.
 *   <li>Noise-brake at 1e-3: moves within 25 % of the clean link's over the same stream time.
 *   <li>No sample of a damaged or dropped frame reaches {@code read}: every sample the host returned,
 *       placed at its device index by {@code samplesSkipped}, against the truth log's codes.
 * </ul>
 *
 * <p>End effects. A SIGTERM ends the emulator's socat at once, and the frame or two the emulator has
 * just written to it never reach the host although the report counts them (seen: 1991 corrupt frames
 * on the host, 1992 damaged in the report). So a run ends thus: the emulator's JVM is frozen
 * (SIGSTOP), socat passes on what it holds and the host reads it, socat is ended (the host's port
 * ends), the run gets SIGTERM, then the emulator SIGTERM and SIGCONT: its next write finds the link
 * gone, so every frame the report counts as sent or damaged reached the host, and no other. A
 * decoder counts a lost frame only when a later valid frame shows the gap in the sequence numbers,
 * and the host counts lost samples only up to its last sample frame, so those two counters are
 * compared over the device indices from the session's first frame (INFO's next sample index) to the
 * last frame the log marks "sent", which is the host's last sample frame.
 */
@Timeout(300)
class SerialCorruptionAcceptanceTest {
    private static final String RIG_SEED = "1";
    private static final String FAULT_SEED = "7";
    /** Stream time of every {@code run}: it is stopped once its progress line passes this (s). */
    private static final double STREAM_SECONDS = 9.0;
    /** Moves are compared up to this stream time, which both noise-brake runs reach (s). */
    private static final double MOVES_UNTIL_SECONDS = 8.5;
    private static final Pattern PROGRESS = Pattern.compile("(?m)^t=\\s*([0-9.]+) s");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private static void requireSocat() {
        org.resonantlearner.hal.serial.AvrBuilds.requireTools("socat", "socat");
    }

    // ---------------------------------------------------------------- the truth log

    /** One line of the emulator's truth log. */
    private record Frame(long firstIndex, int samples, String fate, long codesCrc32) {
        boolean sent() {
            return fate.equals("sent");
        }

        boolean lost() {
            return fate.equals("damaged") || fate.equals("dropped");
        }
    }

    private static List<Frame> readTruthLog(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertEquals(TruthLog.HEADER, lines.get(0));
        List<Frame> frames = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            frames.add(new Frame(Long.parseLong(fields[0]), Integer.parseInt(fields[1]), fields[2],
                    Long.parseLong(fields[5], 16)));
        }
        frames.sort(Comparator.comparingLong(Frame::firstIndex)); // written when final: a few out of order
        for (int i = 1; i < frames.size(); i++) {
            Frame previous = frames.get(i - 1);
            assertEquals(previous.firstIndex() + previous.samples(), frames.get(i).firstIndex(),
                    "one line per frame taken, none missing");
        }
        return frames;
    }

    /** The first index of the session (INFO's next sample index): the first frame taken with a session up. */
    private static long sessionStart(List<Frame> frames) {
        return frames.stream().filter(f -> !f.fate().equals("no-session")).findFirst().orElseThrow().firstIndex();
    }

    private static Frame lastSent(List<Frame> frames) {
        return frames.stream().filter(Frame::sent).reduce((a, b) -> b).orElseThrow();
    }

    // ---------------------------------------------------------------- one serial run

    /** What one serial run left: the run's summary and power.csv, the emulator's report and truth log. */
    private record SerialRun(String name, JsonNode summary, JsonNode report, PowerCsvFile csv, List<Frame> truth) {
        JsonNode frontEnd() {
            return summary.get("frontEnd");
        }

        double driveFrequencySpreadHz() {
            int column = csv.column("Drive frequency (Hz)");
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : csv.rows()) {
                min = Math.min(min, row[column]);
                max = Math.max(max, row[column]);
            }
            return max - min;
        }

        /** The power.csv's cumulative moves at the last row up to {@code seconds} of stream time. */
        long movesUntil(double seconds) {
            int time = csv.column("Time (s)");
            int moves = csv.column("Actuator moves");
            long count = -1;
            for (double[] row : csv.rows()) {
                if (row[time] <= seconds) {
                    count = (long) row[moves];
                }
            }
            double lastTime = csv.rows().getLast()[time];
            assertTrue(count >= 0 && lastTime > seconds, name + ": rows up to " + lastTime + " s");
            return count;
        }
    }

    /**
     * Starts {@code emulate-frontend --link} with the fixed seeds and {@code corruptRate}, then
     * {@code run} in serial mode with {@code tuner}; once the run's stream time passes
     * {@value #STREAM_SECONDS} s stops the emulator, lets the host read to the end of its port, and
     * stops the run.
     */
    private SerialRun serialRun(String name, String tuner, double corruptRate) throws Exception {
        Path dir = Files.createDirectories(directory.resolve(name));
        Path node = dir.resolve("dev");
        Path report = dir.resolve("report.json");
        Path truth = dir.resolve("truth.csv");
        Path runDirectory = dir.resolve("run");
        List<String> emulatorArgs = new ArrayList<>(List.of("emulate-frontend", "--link", node.toString(), "--seed",
                RIG_SEED, "--fault-seed", FAULT_SEED, "--report", report.toString(), "--truth-log", truth.toString()));
        if (corruptRate > 0) {
            emulatorArgs.addAll(List.of("--corrupt-rate", Double.toString(corruptRate)));
        }
        EmulatorProcess emulator = EmulatorProcess.start(dir.resolve("emulator.txt"), emulatorArgs);
        ChildJvm run = null;
        try {
            awaitPath(node, emulator);
            Path config = dir.resolve("serial.json");
            Files.writeString(config, "{\"mode\": \"serial\", \"serial\": {\"port\": \"" + node
                    + "\"}, \"output\": {\"progressIntervalSeconds\": 0.25}}");
            run = ChildJvm.start(dir.resolve("run.txt"), "run", "--config", config.toString(), "--tuner", tuner,
                    "--seed", RIG_SEED, "--duration", "600", "--out", runDirectory.toString());
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (streamSeconds(run.output()) < STREAM_SECONDS) {
                assertTrue(System.nanoTime() < deadline, name + ": the run did not reach " + STREAM_SECONDS
                        + " s of stream time:\n" + run.output());
                Thread.sleep(50);
            }
            // A SIGTERM would end the emulator's socat at once, losing the frame or two the emulator had
            // just written to it (and counted as sent). So: freeze the emulator, let socat pass on what it
            // has and the host read it, end socat (the host's port ends), stop the run; the emulator then
            // finds its link gone (nothing more is delivered) and is stopped.
            emulator.signal("STOP");
            Thread.sleep(500); // well under the host's 1 s stall timeout
            emulator.endSocat(node);
            Path log = runDirectory.resolve("resonant-learner.log");
            String lost = "front-end at " + node + " lost: ";
            deadline = System.nanoTime() + 20_000_000_000L;
            while (!(Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(lost))) {
                assertTrue(System.nanoTime() < deadline, name + ": the host never saw the port end");
                Thread.sleep(50);
            }
            run.terminate();
            assertEquals(0, run.waitFor(30), run.output());
            emulator.terminate();
            emulator.signal("CONT");
            assertEquals(0, emulator.waitFor(20), emulator.output());
        } finally {
            emulator.kill();
            if (run != null) {
                run.kill();
            }
        }
        JsonNode summary = JSON.readTree(runDirectory.resolve("summary.json").toFile());
        assertEquals("stopped", summary.get("exitStatus").asText());
        return new SerialRun(name, summary, JSON.readTree(report.toFile()),
                PowerCsvFile.read(runDirectory.resolve("power.csv")), readTruthLog(truth));
    }

    /** {@code emulate-frontend} in a child JVM, with the signals this test sends it and its socat child. */
    private record EmulatorProcess(Process process, Path outputFile) {
        static EmulatorProcess start(Path output, List<String> arguments) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(arguments);
            return new EmulatorProcess(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start(), output);
        }

        /** Sends {@code SIG<name>} to the emulator's JVM (by its pid). */
        void signal(String name) throws IOException, InterruptedException {
            assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start()
                    .waitFor(), "kill -" + name);
        }

        /**
         * Ends the socat child the emulator runs for {@code node} (by its pid) and waits until the
         * node is gone (socat removes it as it exits; with the emulator frozen nobody reaps it yet).
         */
        void endSocat(Path node) throws Exception {
            List<ProcessHandle> socats = process.toHandle().children()
                    .filter(p -> p.info().command().orElse("").endsWith("socat")).toList();
            assertEquals(1, socats.size(), "one socat child of the emulator");
            socats.get(0).destroy();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.exists(node, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                assertTrue(System.nanoTime() < deadline, "socat did not remove " + node);
                Thread.sleep(20);
            }
        }

        void terminate() {
            process.destroy();
        }

        int waitFor(double seconds) throws InterruptedException {
            if (!process.waitFor(Math.round(seconds * 1000), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return -1;
            }
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        }

        /** Kills the emulator if it still runs, stopped or not (for a finally block); its socat follows. */
        void kill() {
            process.destroyForcibly();
        }
    }

    private static void awaitPath(Path node, EmulatorProcess emulator) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(node)) {
            assertTrue(System.nanoTime() < deadline, "the emulator made no device node:\n" + emulator.output());
            Thread.sleep(50);
        }
    }

    /** The stream time of the last progress line in {@code output}, 0 before the first (s). */
    private static double streamSeconds(String output) {
        Matcher matcher = PROGRESS.matcher(output);
        double last = 0;
        while (matcher.find()) {
            last = Double.parseDouble(matcher.group(1));
        }
        return last;
    }

    /**
     * The corrupt-frame count against the report, the lost samples against the truth log over
     * [session start, last frame sent). A run of the fixed tuner sends no MOVE, so the host decodes
     * INFO and the sample frames only, and the last frame it decodes is the last frame sent: then also
     * the frames decoded and the dropped frames (gaps before that frame).
     */
    private static void assertCountersMatchTheEmulator(SerialRun run, boolean fixedTuner) {
        JsonNode frontEnd = run.frontEnd();
        JsonNode report = run.report();
        List<Frame> truth = run.truth();
        String context = run.name() + ": " + frontEnd + "\nreport " + report;
        assertEquals(1, frontEnd.get("connections").asLong(), context);
        assertEquals(0, frontEnd.get("ringOverrunSamples").asLong(), context);
        assertEquals(0, frontEnd.get("invalidSampleFrames").asLong(), context);
        long damaged = truth.stream().filter(f -> f.fate().equals("damaged")).count();
        long dropped = truth.stream().filter(f -> f.fate().equals("dropped")).count();
        long sent = truth.stream().filter(Frame::sent).count();
        assertEquals(report.get("sampleFramesDamaged").asLong(), damaged, "the truth log and the report agree");
        assertEquals(report.get("sampleFramesDropped").asLong(), dropped, "the truth log and the report agree");
        assertEquals(report.get("sampleFramesSent").asLong(), sent, "the truth log and the report agree");

        // Each damaged frame is exactly one candidate the decoder rejected (the emulator breaks any
        // sync pattern inside it); the host read to the port's end, so it saw every one.
        assertEquals(report.get("sampleFramesDamaged").asLong(), frontEnd.get("corruptFrames").asLong(), context);
        long start = sessionStart(truth);
        long end = lastSent(truth).firstIndex();
        long lostFramesInRange = 0;
        long lostSamplesInRange = 0;
        long lostFramesAfter = 0;
        for (Frame frame : truth) {
            if (frame.firstIndex() >= start && frame.firstIndex() < end && !frame.sent()) {
                lostFramesInRange += frame.lost() ? 1 : 0;
                lostSamplesInRange += frame.samples();
            }
            if (frame.firstIndex() > end && frame.lost()) {
                lostFramesAfter++;
            }
        }
        // Lost samples: every sample of the session up to the last frame sent that is not in a sent frame.
        assertEquals(lostSamplesInRange, frontEnd.get("samplesLost").asLong(), context);
        System.out.printf(Locale.ROOT, "%s: report sampleFramesDamaged %d, sampleFramesDropped %d (%d of them after the"
                + " last frame sent); summary corruptFrames %d, droppedFrames %d, samplesLost %d = truth log's lost"
                + " samples in [%d, %d)%n", run.name(), report.get("sampleFramesDamaged").asLong(),
                report.get("sampleFramesDropped").asLong(), lostFramesAfter, frontEnd.get("corruptFrames").asLong(),
                frontEnd.get("droppedFrames").asLong(), frontEnd.get("samplesLost").asLong(), start, end);
        if (!fixedTuner) {
            return;
        }
        assertEquals(1 + sent, frontEnd.get("framesDecoded").asLong(),
                "the host decoded INFO and every frame the log marks sent, no other: " + context);
        // Dropped frames: a gap in the sequence numbers, seen when the next valid frame comes.
        assertEquals(lostFramesInRange, frontEnd.get("droppedFrames").asLong(), context);
        assertEquals(report.get("sampleFramesDamaged").asLong() + report.get("sampleFramesDropped").asLong()
                - lostFramesAfter, frontEnd.get("droppedFrames").asLong(),
                "damaged + dropped, less the " + lostFramesAfter + " after the last frame sent: " + context);
    }

    // ---------------------------------------------------------------- the tests

    @Test
    void withTheFixedTunerCorruptionLeavesTheDriveFrequencyAloneAndTheCountersEqualTheEmulators()
            throws Exception {
        requireSocat();
        SerialRun clean = serialRun("fixed-clean", "fixed", 0);
        SerialRun rare = serialRun("fixed-1e-3", "fixed", 1e-3);
        SerialRun frequent = serialRun("fixed-1e-2", "fixed", 1e-2);
        for (SerialRun run : List.of(clean, rare, frequent)) {
            assertEquals(0, run.summary().get("actuatorMoves").asLong(), "the fixed tuner holds: " + run.name());
            assertCountersMatchTheEmulator(run, true);
        }
        assertEquals(0, clean.frontEnd().get("samplesLost").asLong(), "a clean link loses nothing");
        assertTrue(rare.frontEnd().get("corruptFrames").asLong() > 100, rare.frontEnd().toString());
        assertTrue(frequent.frontEnd().get("corruptFrames").asLong() > 1000, frequent.frontEnd().toString());

        double cleanSpread = clean.driveFrequencySpreadHz();
        System.out.printf(Locale.ROOT, "drive frequency spread (fixed tuner, %.0f s of stream, rig seed %s, fault seed"
                + " %s): clean %.4f Hz (%d rows), 1e-3 %.4f Hz (%d rows), 1e-2 %.4f Hz (%d rows)%n", STREAM_SECONDS,
                RIG_SEED, FAULT_SEED, cleanSpread, clean.csv().rows().size(), rare.driveFrequencySpreadHz(),
                rare.csv().rows().size(), frequent.driveFrequencySpreadHz(), frequent.csv().rows().size());
        assertTrue(cleanSpread > 0 && clean.csv().rows().size() > 500, "clean: " + cleanSpread + " Hz");
        for (SerialRun run : List.of(rare, frequent)) {
            assertTrue(run.csv().rows().size() >= 5, run.name() + ": rows " + run.csv().rows().size());
            assertTrue(run.driveFrequencySpreadHz() <= 2 * cleanSpread, run.name() + ": spread "
                    + run.driveFrequencySpreadHz() + " Hz against " + cleanSpread + " Hz on the clean link");
        }
    }

    @Test
    void noiseBrakeMovesAsOftenAtAFlipRateOf1e3AsOnACleanLink() throws Exception {
        requireSocat();
        SerialRun clean = serialRun("noise-brake-clean", "noise-brake", 0);
        SerialRun rare = serialRun("noise-brake-1e-3", "noise-brake", 1e-3);
        assertCountersMatchTheEmulator(clean, false);
        assertCountersMatchTheEmulator(rare, false);
        assertTrue(rare.frontEnd().get("corruptFrames").asLong() > 100, rare.frontEnd().toString());
        long cleanMoves = clean.movesUntil(MOVES_UNTIL_SECONDS);
        long rareMoves = rare.movesUntil(MOVES_UNTIL_SECONDS);
        System.out.printf(Locale.ROOT, "noise-brake moves in the first %.1f s of stream (rig seed %s, fault seed %s):"
                + " clean %d, 1e-3 %d (summary actuatorMoves %d and %d at %.2f s and %.2f s)%n", MOVES_UNTIL_SECONDS,
                RIG_SEED, FAULT_SEED, cleanMoves, rareMoves, clean.summary().get("actuatorMoves").asLong(),
                rare.summary().get("actuatorMoves").asLong(), clean.summary().get("durationSeconds").asDouble(),
                rare.summary().get("durationSeconds").asDouble());
        assertTrue(cleanMoves > 0, "the tuner moved on the clean link");
        assertTrue(Math.abs(rareMoves - cleanMoves) <= 0.25 * cleanMoves,
                "moves at 1e-3: " + rareMoves + ", clean: " + cleanMoves);
    }

    @Test
    void noSampleOfADamagedOrDroppedFrameReachesRead() throws Exception {
        requireSocat();
        Path node = directory.resolve("dev");
        Path truth = directory.resolve("truth.csv");
        Path report = directory.resolve("report.json");
        EmulatorProcess emulator = EmulatorProcess.start(directory.resolve("emulator.txt"), List.of("emulate-frontend",
                "--link", node.toString(), "--seed", RIG_SEED, "--fault-seed", FAULT_SEED, "--corrupt-rate", "1e-2",
                "--drop-rate", "0.02", "--truth-log", truth.toString(), "--report", report.toString()));
        // Device index → code of every sample read returned.
        Map<Long, Integer> received = new HashMap<>();
        long samplesLost;
        long infoNextIndex;
        try {
            awaitPath(node, emulator);
            try (SerialFrontEnd frontEnd = SerialFrontEnd.open(node.toString(), SerialFrontEndSettings.defaults(),
                    AdcCalibration.NONE)) {
                FrontEndInfo info = frontEnd.deviceInfo();
                infoNextIndex = info.nextSampleIndex();
                double[] block = new double[512];
                long returned = 0;
                long stopAt = System.nanoTime() + 3_000_000_000L;
                boolean emulatorStopped = false;
                while (true) {
                    int n = frontEnd.read(block, 0, block.length);
                    assertTrue(n >= 0, "read ended");
                    long streamIndex = returned + frontEnd.samplesSkipped();
                    for (int i = 0; i < n; i++) {
                        long deviceIndex = info.nextSampleIndex() + streamIndex + i;
                        assertEquals(null, received.put(deviceIndex, code(block[i], info)), "one sample per index");
                    }
                    returned += n;
                    if (!emulatorStopped && System.nanoTime() - stopAt >= 0) {
                        emulator.terminate();
                        assertEquals(0, emulator.waitFor(20), emulator.output());
                        emulatorStopped = true;
                    }
                    if (emulatorStopped && n == 0 && frontEnd.disconnects() > 0) {
                        break; // the port ended and the ring is empty
                    }
                }
                assertEquals(1, frontEnd.connections(), "one session");
                samplesLost = frontEnd.samplesLost();
            }
        } finally {
            emulator.kill();
        }

        List<Frame> frames = readTruthLog(truth);
        long first = received.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = received.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        Map<String, Long> checked = new TreeMap<>();
        long samplesInSentFrames = 0;
        long lostInSession = 0;
        int[] codes = new int[1024];
        assertEquals(sessionStart(frames), infoNextIndex, "INFO names the session's first sample");
        for (Frame frame : frames) {
            long end = frame.firstIndex() + frame.samples() - 1;
            if (frame.firstIndex() >= infoNextIndex && frame.firstIndex() < first) {
                assertTrue(!frame.sent(), "a frame sent before the host's first sample: " + frame);
                lostInSession += frame.samples(); // the host counts it from INFO's index
            }
            if (end < first || frame.firstIndex() > last) {
                continue;
            }
            assertTrue(frame.firstIndex() >= first && end <= last, "the host's stream begins and ends on frames: "
                    + frame + " against [" + first + ", " + last + "]");
            checked.merge(frame.fate(), 1L, Long::sum);
            int present = 0;
            for (int i = 0; i < frame.samples(); i++) {
                Integer code = received.get(frame.firstIndex() + i);
                if (code != null) {
                    codes[present++] = code;
                }
            }
            if (frame.sent()) {
                assertEquals(frame.samples(), present, "every sample of a sent frame reached read: " + frame);
                assertEquals(frame.codesCrc32(), crc32(codes, present), "the codes read are the codes sent: " + frame);
                samplesInSentFrames += present;
            } else {
                assertEquals(0, present, "no sample of a frame not sent reached read: " + frame);
                lostInSession += frame.samples();
            }
        }
        assertEquals(samplesInSentFrames, received.size(), "every sample read lies in a frame sent");
        assertEquals(lostInSession, samplesLost, "lost samples = the log's samples not sent in the host's range");
        System.out.printf(Locale.ROOT, "samples read against the truth log (corrupt 1e-2, drop 0.02, ~3 s): %d samples,"
                + " device indices [%d, %d], frames checked by fate %s%n", received.size(), first, last, checked);
        assertTrue(checked.getOrDefault("sent", 0L) > 100, checked.toString());
        assertTrue(checked.getOrDefault("damaged", 0L) > 200, checked.toString());
        assertTrue(checked.getOrDefault("dropped", 0L) > 0, checked.toString());
    }

    /**
     * The code a sample's volts stand for: the inverse of the protocol's law
     * {@code volts = (code / (2^bits − 1) − 0.5) · fullScaleVolts} (no calibration applied).
     */
    private static int code(double volts, FrontEndInfo info) {
        double code = (volts / info.fullScaleVolts() + 0.5) * info.maxCode();
        long rounded = Math.round(code);
        if (Math.abs(code - rounded) > 1e-6 || rounded < 0 || rounded > info.maxCode()) {
            fail(volts + " V is no code of the device: " + code);
        }
        return (int) rounded;
    }

    /** CRC-32 of {@code count} codes as unsigned 16-bit little-endian numbers (the truth log's codes_crc32). */
    private static long crc32(int[] codes, int count) {
        byte[] bytes = new byte[2 * count];
        for (int i = 0; i < count; i++) {
            bytes[2 * i] = (byte) codes[i];
            bytes[2 * i + 1] = (byte) (codes[i] >>> 8);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
