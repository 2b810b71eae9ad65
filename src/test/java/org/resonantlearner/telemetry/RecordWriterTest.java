package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.resonantlearner.telemetry.TestWindows.COLUMN_LINE;
import static org.resonantlearner.telemetry.TestWindows.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record on disk: whole lines whatever fails, the disk reserve, segments with their headers, the
 * bound on what is kept, the manifest's energies and the decimation. Real files in a temporary
 * directory; a full disk is a {@link FailingChannel}, low free space an injected supplier.
 */
class RecordWriterTest {
    private static final List<String> HEADER = List.of("Resonant Learner power record", "seed: 7", "settings:",
            "  rig.loadResistanceOhms = 2.0 Ω");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock FIXED = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long MIB = 1L << 20;
    private static final long PLENTY = 1L << 40;
    private static final double TOL_JOULES = 1e-12;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path runDirectory;

    private static RecordSettings segments(long maxBytes, double maxSeconds, long keepBytes, int everyNth) {
        return new RecordSettings(true, maxBytes, maxSeconds, keepBytes, everyNth, 0);
    }

    private RecordWriter writer(RecordSettings settings) {
        return RecordWriter.open(runDirectory, new PowerCsv("Capacitance (F)", true), HEADER, settings,
                RecordWriter.CREATE_NEW, directory -> PLENTY, () -> 0L, FIXED);
    }

    /** Appends windows first..last, flushing every 7 (batches that do not line up with segments). */
    private static void append(RecordWriter writer, int first, int last) throws IOException {
        for (int k = first; k <= last; k++) {
            writer.append(window(k));
            if (k % 7 == 0) {
                writer.flush();
            }
        }
    }

    /** A record file read back: its "# " lines without the marker, and the window index of each row. */
    private record Csv(List<String> header, List<Integer> windows, List<String> rows) {}

    /** Parses {@code file} as a reader would, failing on a torn or malformed line. */
    private static Csv parse(Path file) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.endsWith("\n"), file + " ends on a whole line");
        List<String> header = new ArrayList<>();
        List<Integer> windows = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        List<String> lines = text.lines().toList();
        int i = 0;
        while (lines.get(i).startsWith("# ")) {
            header.add(lines.get(i++).substring(2));
        }
        assertEquals(COLUMN_LINE, lines.get(i++), file + ": the column line follows the header");
        for (; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",", -1);
            assertEquals(TestWindows.COLUMN_LINE.split(",").length, fields.length, file + ": " + lines.get(i));
            for (String field : fields) {
                Double.parseDouble(field);
            }
            int k = Integer.parseInt(fields[2]);
            assertEquals(k / 10.0, Double.parseDouble(fields[0]), 0.0, file + ": time of window " + k);
            windows.add(k);
            rows.add(lines.get(i));
        }
        return new Csv(header, windows, rows);
    }

    private static List<Integer> range(int first, int last) {
        List<Integer> result = new ArrayList<>();
        for (int k = first; k <= last; k++) {
            result.add(k);
        }
        return result;
    }

    private JsonNode manifest() throws IOException {
        return JSON.readTree(runDirectory.resolve("segments.json").toFile());
    }

    /** The bytes of the header and of rows first..last as PowerCsv writes them (the offsets of line ends). */
    private static long bytesThrough(List<String> headerLines, int last) {
        PowerCsv csv = new PowerCsv("Capacitance (F)", true);
        StringBuilder text = new StringBuilder(csv.header(headerLines));
        for (int k = 1; k <= last; k++) {
            csv.appendRow(window(k), text);
        }
        return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    // ---- failures: whole lines, one reason, the ring drained ----

    /**
     * The full disk, injected: the disk holds the header and 39 rows and a half. The write that
     * crosses it stores half a line (a torn line, as before the fix) and the next write fails; the file
     * is cut back to whole lines, the reason is the file and the kernel's words, the ring of 4 rows fed
     * 500 is drained and finish returns. The timeout only catches a recorder that stops draining.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFullDiskLeavesWholeLinesOneReasonAndADrainedRing() throws Exception {
        long capacityBytes = bytesThrough(HEADER, 40) - 5; // five bytes short of row 40's newline
        RecordWriter writer = RecordWriter.open(runDirectory, new PowerCsv("Capacitance (F)", true), HEADER,
                RecordSettings.defaults(false), FailingChannel.opener(capacityBytes, false), directory -> PLENTY,
                () -> 0L, FIXED);
        WindowRing ring = new WindowRing(4);
        RunRecorder recorder = new RunRecorder(ring, writer, new RunMeasures(0.95, new double[0]), 0.5, row -> {});
        recorder.start();
        for (int k = 1; k <= 500; k++) {
            ring.publish(window(k));
        }
        ring.close();
        recorder.finish();

        assertEquals("power.csv: no space left on device", recorder.failure());
        assertTrue(ring.drained(), "every row was taken from the ring");
        Csv csv = parse(runDirectory.resolve("power.csv"));
        int rows = csv.windows().size();
        assertTrue(rows >= 1 && rows <= 39, "rows on disk: " + rows);
        assertEquals(range(1, rows), csv.windows(), "a prefix of the run, nothing torn");
        assertEquals(rows, recorder.rowsWritten(), "rowsWritten counts what reached the disk");
        assertEquals(bytesThrough(HEADER, rows), Files.size(runDirectory.resolve("power.csv")),
                "cut back to the end of the last whole line");
        assertFalse(Files.exists(runDirectory.resolve("segments.json")), "a single power.csv has no manifest");
    }

    @Test
    void whenTheCutBackFailsTooTheReasonSaysTheLastLineMayBeTorn() throws Exception {
        RecordWriter writer = RecordWriter.open(runDirectory, new PowerCsv("Capacitance (F)", true), HEADER,
                RecordSettings.defaults(false), FailingChannel.opener(bytesThrough(HEADER, 3) - 5, true),
                directory -> PLENTY, () -> 0L, FIXED);
        append(writer, 1, 3);
        RecordWriter.RecordFailure e = assertThrows(RecordWriter.RecordFailure.class, writer::flush);
        assertEquals("power.csv: no space left on device (its last line may be torn)", e.getMessage());
        assertEquals(0, writer.rowsWritten());
    }

    @Test
    void aSegmentThatCannotBeCreatedStopsTheRecordAndTheManifestSaysWhy() throws Exception {
        RecordWriter writer = RecordWriter.open(runDirectory, new PowerCsv("Capacitance (F)", true), HEADER,
                segments(Long.MAX_VALUE, 1.0, Long.MAX_VALUE, 1), FailingChannel.failingAfterFiles(1),
                directory -> PLENTY, () -> 0L, FIXED);
        append(writer, 1, 10);
        RecordWriter.RecordFailure e = assertThrows(RecordWriter.RecordFailure.class, () -> writer.append(window(11)));
        assertEquals("power-000002.csv: cannot create: no space left on device", e.getMessage());
        writer.abandon(e.getMessage());

        assertEquals(range(1, 10), parse(runDirectory.resolve("power-000001.csv")).windows());
        JsonNode manifest = manifest();
        assertFalse(manifest.get("complete").asBoolean());
        assertEquals(e.getMessage(), manifest.get("failure").asText());
        assertEquals(1, manifest.get("segments").size());
        JsonNode first = manifest.get("segments").get(0);
        assertEquals("kept", first.get("state").asText());
        assertEquals(10, first.get("rows").asLong());
        assertEquals(1.0, first.get("lastTimeSeconds").asDouble(), 0.0);
    }

    @Test
    void theFirstFileIsNeverCreatedOverAnExistingOne() throws IOException {
        Files.writeString(runDirectory.resolve("power-000001.csv"), "an earlier run\n");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> writer(segments(1000, 1.0, 1000, 1)));
        assertTrue(e.getMessage().startsWith("cannot create " + runDirectory.resolve("power-000001.csv") + ": "),
                e.getMessage());
        assertEquals("an earlier run\n", Files.readString(runDirectory.resolve("power-000001.csv")));
    }

    // ---- the disk reserve ----

    /**
     * Free space drops below the reserve after three batches: the fourth is not written, the file holds
     * the three batches' rows (21) in whole lines, and the reason names the figures (10.5 MiB =
     * 11,010,048 bytes free, 64 MiB reserve).
     */
    @Test
    void belowTheReserveRecordingStopsOnWholeLinesAndSaysSo() throws Exception {
        long[] freeBytes = {PLENTY, PLENTY, PLENTY, 11_010_048};
        int[] looks = {0};
        long[] nanos = {0};
        LongSupplier clock = () -> nanos[0] += 2_000_000_000L; // every batch a new look
        RecordWriter writer = RecordWriter.open(runDirectory, new PowerCsv("Capacitance (F)", true), HEADER,
                new RecordSettings(true, Long.MAX_VALUE, 1e9, Long.MAX_VALUE, 1, 64 * MIB), RecordWriter.CREATE_NEW,
                directory -> freeBytes[Math.min(looks[0]++, 3)], clock, FIXED);
        append(writer, 1, 21); // three batches of 7
        RecordWriter.RecordFailure e = assertThrows(RecordWriter.RecordFailure.class, () -> {
            append(writer, 22, 28);
        });
        assertEquals("disk space below reserve: 10.5 MiB free on " + runDirectory
                + ", reserve 64.0 MiB; recording stopped", e.getMessage());
        writer.abandon(e.getMessage());
        assertEquals(range(1, 21), parse(runDirectory.resolve("power-000001.csv")).windows());
        assertEquals(21, writer.rowsWritten());
        JsonNode segment = manifest().get("segments").get(0);
        assertEquals("kept", segment.get("state").asText(), "the segment stays, closed");
        assertEquals(21, segment.get("rows").asLong(), "the manifest counts what is on disk");
        assertEquals(21e-4, segment.get("harvestedEnergyAtEndJoules").asDouble(), TOL_JOULES);
        assertEquals(e.getMessage(), manifest().get("failure").asText());
    }

    @Test
    void theRecorderReportsTheReserveAndStops() throws Exception {
        RecordWriter writer = RecordWriter.open(runDirectory, new PowerCsv("Capacitance (F)", true), HEADER,
                new RecordSettings(true, Long.MAX_VALUE, 1e9, Long.MAX_VALUE, 1, 64 * MIB), RecordWriter.CREATE_NEW,
                directory -> 64 * MIB - 1, () -> 0L, FIXED);
        WindowRing ring = new WindowRing(4);
        RunRecorder recorder = new RunRecorder(ring, writer, new RunMeasures(0.95, new double[0]), 0.5, row -> {});
        recorder.start();
        for (int k = 1; k <= 20; k++) {
            ring.publish(window(k));
        }
        ring.close();
        recorder.finish();
        assertEquals("disk space below reserve: 63.9 MiB free on " + runDirectory
                + ", reserve 64.0 MiB; recording stopped", recorder.failure());
        assertEquals(List.of(), parse(runDirectory.resolve("power-000001.csv")).windows());
        assertEquals(recorder.failure(), manifest().get("failure").asText(), "the manifest says why");
        assertFalse(manifest().get("complete").asBoolean());
    }

    /** A service record through the recorder: one row in 3 of 10, the last one too; the manifest closed. */
    @Test
    void theRecorderClosesTheRecordAtTheEnd() throws Exception {
        WindowRing ring = new WindowRing(4);
        RunRecorder recorder = new RunRecorder(ring, writer(segments(Long.MAX_VALUE, 1e9, Long.MAX_VALUE, 3)),
                new RunMeasures(0.95, new double[0]), 0.5, row -> {});
        recorder.start();
        for (int k = 1; k <= 10; k++) {
            ring.publish(window(k));
        }
        ring.close();
        recorder.finish();
        assertEquals(null, recorder.failure());
        assertEquals(List.of(1, 4, 7, 10), parse(runDirectory.resolve("power-000001.csv")).windows());
        assertTrue(manifest().get("complete").asBoolean());
        assertEquals(4, recorder.rowsWritten());
    }

    /** With the wall clock standing still the guard looks again once a MiB is written: three looks in ~2.3 MB. */
    @Test
    void theGuardLooksAgainAfterEachMebibyteWritten() throws Exception {
        int[] looks = {0};
        RecordWriter writer = RecordWriter.open(runDirectory, new PowerCsv("Capacitance (F)", true), HEADER,
                new RecordSettings(false, 1, 1, 0, 1, 1), RecordWriter.CREATE_NEW, directory -> {
                    looks[0]++;
                    return PLENTY;
                }, () -> 0L, FIXED);
        append(writer, 1, 25_000);
        writer.close();
        long bytes = Files.size(runDirectory.resolve("power.csv"));
        assertTrue(bytes > 2.1e6 && bytes < 3 * MIB, "about 92 bytes a row: " + bytes);
        assertEquals(3, looks[0], "at the first batch and after the first and the second MiB");
    }

    @Test
    void aFreeSpaceThatCannotBeReadStopsTheRecord() throws Exception {
        RecordWriter writer = RecordWriter.open(runDirectory, new PowerCsv("Capacitance (F)", true), HEADER,
                new RecordSettings(false, 1, 1, 0, 1, 1), RecordWriter.CREATE_NEW, directory -> {
                    throw new IOException("Permission denied");
                }, () -> 0L, FIXED);
        writer.append(window(1));
        RecordWriter.RecordFailure e = assertThrows(RecordWriter.RecordFailure.class, writer::flush);
        assertEquals("cannot read the free space on " + runDirectory + ": permission denied", e.getMessage());
    }

    // ---- segments ----

    /**
     * 1000 windows into segments of at most 2000 bytes, nothing deleted: every segment parses with its
     * own header, the rows run 1..1000 without a gap or a repeat across the boundaries, each segment
     * reached 2000 bytes only with its last line, and the manifest matches each file.
     */
    @Test
    void segmentsRotateBySizeWithTheirHeadersAndLoseNoRow() throws Exception {
        RecordWriter writer = writer(segments(2000, 1e9, Long.MAX_VALUE, 1));
        append(writer, 1, 1000);
        writer.close();

        JsonNode manifest = manifest();
        assertTrue(manifest.get("complete").asBoolean());
        JsonNode entries = manifest.get("segments");
        List<Integer> all = new ArrayList<>();
        double previousLastSeconds = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String name = String.format("power-%06d.csv", i + 1);
            assertEquals(name, entry.get("file").asText());
            assertEquals(i + 1, entry.get("segment").asInt());
            assertEquals("kept", entry.get("state").asText());
            Path file = runDirectory.resolve(name);
            Csv csv = parse(file);
            assertEquals(List.of("Resonant Learner power record", "segment: " + (i + 1),
                    "segment started: 2026-01-01T00:00:00Z, after stream time " + previousLastSeconds + " s",
                    "seed: 7", "settings:", "  rig.loadResistanceOhms = 2.0 Ω"), csv.header());
            long size = Files.size(file);
            long lastLineBytes = csv.rows().get(csv.rows().size() - 1).length() + 1;
            assertTrue(size - lastLineBytes < 2000, name + " was full before its last line: " + size);
            if (i < entries.size() - 1) {
                assertTrue(size >= 2000, name + " closed only when full: " + size);
            }
            int last = csv.windows().get(csv.windows().size() - 1);
            assertEquals(size, entry.get("bytes").asLong());
            assertEquals(csv.windows().size(), entry.get("rows").asLong());
            assertEquals(csv.windows().get(0) / 10.0, entry.get("firstTimeSeconds").asDouble(), 0.0);
            assertEquals(last / 10.0, entry.get("lastTimeSeconds").asDouble(), 0.0);
            assertEquals(previousLastSeconds, entry.get("startsAfterSeconds").asDouble(), 0.0);
            assertEquals(1e-4 * last, entry.get("harvestedEnergyAtEndJoules").asDouble(), TOL_JOULES);
            assertEquals(2e-4 * last, entry.get("measuredEnergyAtEndJoules").asDouble(), TOL_JOULES);
            assertEquals(1e-5 * last, entry.get("tuningEnergyAtEndJoules").asDouble(), TOL_JOULES);
            previousLastSeconds = last / 10.0;
            all.addAll(csv.windows());
        }
        assertTrue(entries.size() >= 30, "rows of ~70 bytes make ~28 per segment: " + entries.size());
        assertEquals(range(1, 1000), all, "consecutive windows across every boundary");
        assertEquals(1000, writer.rowsWritten());
        assertEquals(2000, manifest.get("segmentMaxBytes").asLong());
        assertEquals(1, manifest.get("recordEveryNthWindow").asInt());
    }

    /**
     * Keep 5000 bytes of segments of 2000: the oldest are deleted after each rotation. Bound: the
     * closed segments left add up to at most keepTotalBytes, and the open one is below
     * segmentMaxBytes plus its last line, so the disk holds at most 5000 + 2000 + one line. The
     * manifest still has every segment, and their energies add up to the run's last row.
     */
    @Test
    void oldSegmentsAreDeletedWithinTheBoundAndTheManifestStillAccountsForThem() throws Exception {
        RecordWriter writer = writer(segments(2000, 1e9, 5000, 1));
        int nextSegment = 2;
        for (int k = 1; k <= 1000; k++) {
            writer.append(window(k));
            if (Files.exists(runDirectory.resolve(RecordFiles.segment(nextSegment)))) {
                assertOnlyTheNewestThatFitAreKept(manifest().get("segments"), 5000);
                nextSegment++;
            }
        }
        writer.close();

        JsonNode entries = manifest().get("segments");
        long rows = 0;
        long keptClosedBytes = 0;
        long onDiskBytes = 0;
        double harvestedSumJoules = 0;
        double previousEndJoules = 0;
        boolean deletedSeen = false;
        boolean keptSeen = false;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            Path file = runDirectory.resolve(entry.get("file").asText());
            rows += entry.get("rows").asLong();
            double endJoules = entry.get("harvestedEnergyAtEndJoules").asDouble();
            harvestedSumJoules += endJoules - previousEndJoules;
            previousEndJoules = endJoules;
            if (entry.get("state").asText().equals("deleted")) {
                assertFalse(Files.exists(file), file + " deleted");
                assertFalse(keptSeen, "the oldest go first: " + file);
                deletedSeen = true;
            } else {
                assertEquals("kept", entry.get("state").asText());
                assertEquals(entry.get("bytes").asLong(), Files.size(file));
                parse(file);
                onDiskBytes += Files.size(file);
                keptClosedBytes += i < entries.size() - 1 ? Files.size(file) : 0;
                keptSeen = true;
            }
        }
        assertTrue(deletedSeen, "some segments were deleted");
        assertTrue(keptClosedBytes <= 5000, "closed segments kept: " + keptClosedBytes);
        assertTrue(onDiskBytes <= 5000 + 2000 + 100, "on disk: " + onDiskBytes);
        assertEquals(1000, rows, "every row is in some segment's count, deleted or not");
        assertEquals(0.1, harvestedSumJoules, TOL_JOULES, "1e-4 J per window, 1000 windows");
        try (var files = Files.list(runDirectory)) {
            assertEquals(entries.size() - countDeleted(entries) + 1, files.count(), "the kept segments and the manifest");
        }
    }

    /** After a rotation exactly the newest closed segments that fit in {@code keepBytes} are kept. */
    private static void assertOnlyTheNewestThatFitAreKept(JsonNode entries, long keepBytes) {
        assertEquals("open", entries.get(entries.size() - 1).get("state").asText());
        long fitBytes = 0;
        for (int i = entries.size() - 2; i >= 0; i--) {
            JsonNode entry = entries.get(i);
            fitBytes += entry.get("bytes").asLong();
            assertEquals(fitBytes <= keepBytes ? "kept" : "deleted", entry.get("state").asText(), entries.toString());
        }
    }

    private static long countDeleted(JsonNode entries) {
        long deleted = 0;
        for (JsonNode entry : entries) {
            deleted += entry.get("state").asText().equals("deleted") ? 1 : 0;
        }
        return deleted;
    }

    /** A second of stream time per segment, windows of 0.1 s: windows 1–10, 11–20, 21–30, 31–35. */
    @Test
    void segmentsRotateByStreamTime() throws Exception {
        RecordWriter writer = writer(segments(Long.MAX_VALUE, 1.0, Long.MAX_VALUE, 1));
        append(writer, 1, 35);
        assertEquals("open", manifest().get("segments").get(3).get("state").asText(), "written at each rotation");
        writer.close();
        assertEquals(range(1, 10), parse(runDirectory.resolve("power-000001.csv")).windows());
        assertEquals(range(11, 20), parse(runDirectory.resolve("power-000002.csv")).windows());
        assertEquals(range(21, 30), parse(runDirectory.resolve("power-000003.csv")).windows());
        assertEquals(range(31, 35), parse(runDirectory.resolve("power-000004.csv")).windows());
        assertFalse(Files.exists(runDirectory.resolve("power-000005.csv")), "no empty segment at the end");
        assertEquals("kept", manifest().get("segments").get(3).get("state").asText());
        assertEquals(3.0, manifest().get("segments").get(3).get("startsAfterSeconds").asDouble(), 0.0);
    }

    /**
     * One window in 4, segments of a second: each segment keeps its first row, every fourth after it
     * and its last; the run's last row (35) is written too, so every segment ends on exact energies.
     */
    @Test
    void decimationKeepsEverySegmentsFirstAndLastRow() throws Exception {
        RecordWriter writer = writer(segments(Long.MAX_VALUE, 1.0, Long.MAX_VALUE, 4));
        append(writer, 1, 35);
        writer.close();
        assertEquals(List.of(1, 5, 9, 10), parse(runDirectory.resolve("power-000001.csv")).windows());
        assertEquals(List.of(11, 15, 19, 20), parse(runDirectory.resolve("power-000002.csv")).windows());
        assertEquals(List.of(21, 25, 29, 30), parse(runDirectory.resolve("power-000003.csv")).windows());
        assertEquals(List.of(31, 35), parse(runDirectory.resolve("power-000004.csv")).windows());
        JsonNode entries = manifest().get("segments");
        assertEquals(35e-4, entries.get(3).get("harvestedEnergyAtEndJoules").asDouble(), TOL_JOULES);
        assertEquals(20e-4, entries.get(1).get("harvestedEnergyAtEndJoules").asDouble(), TOL_JOULES);
        assertEquals(4, entries.get(1).get("rows").asLong());
        assertEquals(14, writer.rowsWritten());
    }

    /** The single power.csv, one window in 4: 1, 5, 9 and the last (10); no segment lines, no manifest. */
    @Test
    void aSingleCsvKeepsItsHeaderAndDecimatesToTheLastRow() throws Exception {
        RecordWriter writer = writer(new RecordSettings(false, 1, 1, 0, 4, 0));
        append(writer, 1, 10);
        writer.close();
        Csv csv = parse(runDirectory.resolve("power.csv"));
        assertEquals(HEADER, csv.header());
        assertEquals(List.of(1, 5, 9, 10), csv.windows());
        assertFalse(Files.exists(runDirectory.resolve("segments.json")));

        Path second = runDirectory.resolve("again");
        Files.createDirectory(second);
        RecordWriter again = RecordWriter.open(second, new PowerCsv("Capacitance (F)", true), HEADER,
                new RecordSettings(false, 1, 1, 0, 4, 0), RecordWriter.CREATE_NEW, directory -> PLENTY, () -> 0L, FIXED);
        append(again, 1, 9);
        again.close();
        assertEquals(List.of(1, 5, 9), parse(second.resolve("power.csv")).windows(), "the last row only once");
    }

    @Test
    void decimationNeverHidesAnOutageTheRowsEitherSideOfAGapAreWritten() throws Exception {
        RecordWriter writer = writer(new RecordSettings(false, 1, 1, 0, 4, 0));
        for (int k = 1; k <= 10; k++) {
            double[] row = TestWindows.window(k);
            if (k == 7) {
                row[WindowRow.SAMPLES_LOST_BEFORE] = 1280; // an outage between windows 6 and 7
            }
            writer.append(row);
        }
        writer.close();
        Csv csv = parse(runDirectory.resolve("power.csv"));
        assertEquals(List.of(1, 5, 6, 7, 10), csv.windows(), "6 and 7 kept although every 4th is recorded");
    }

    @Test
    void aSmallSegmentLimitStillRotatesAfterEveryDecimatedRow() throws Exception {
        RecordWriter writer = writer(segments(1, 1e9, Long.MAX_VALUE, 3));
        append(writer, 1, 3);
        writer.close();
        // Each segment is full with its first row: one row per segment, none skipped by decimation.
        assertEquals(List.of(1), parse(runDirectory.resolve("power-000001.csv")).windows());
        assertEquals(List.of(2), parse(runDirectory.resolve("power-000002.csv")).windows());
        assertEquals(List.of(3), parse(runDirectory.resolve("power-000003.csv")).windows());
    }

    /** A first window that ends after a whole segment's time still goes to the first segment. */
    @Test
    void aFirstRowPastTheSegmentTimeStartsNoEmptySegment() throws Exception {
        RecordWriter writer = writer(segments(Long.MAX_VALUE, 1.0, Long.MAX_VALUE, 1));
        writer.append(window(20));
        writer.append(window(21));
        writer.close();
        assertEquals(List.of(20), parse(runDirectory.resolve("power-000001.csv")).windows());
        assertEquals(List.of(21), parse(runDirectory.resolve("power-000002.csv")).windows());
    }

    /** Every file is closed: at a rotation, at the end, and after a failure. */
    @Test
    void everyFileIsClosedAtRotationEndAndFailure() throws Exception {
        List<java.nio.channels.SeekableByteChannel> opened = new ArrayList<>();
        RecordWriter.ChannelOpener recording = file -> {
            java.nio.channels.SeekableByteChannel channel = RecordWriter.CREATE_NEW.open(file);
            opened.add(channel);
            return channel;
        };
        RecordWriter writer = RecordWriter.open(runDirectory, new PowerCsv("Capacitance (F)", true), HEADER,
                segments(Long.MAX_VALUE, 1.0, Long.MAX_VALUE, 1), recording, directory -> PLENTY, () -> 0L, FIXED);
        append(writer, 1, 15);
        assertEquals(2, opened.size());
        assertFalse(opened.get(0).isOpen(), "closed at the rotation");
        assertTrue(opened.get(1).isOpen());
        writer.close();
        assertFalse(opened.get(1).isOpen(), "closed at the end");

        Path failed = runDirectory.resolve("failed");
        Files.createDirectory(failed);
        RecordWriter broken = RecordWriter.open(failed, new PowerCsv("Capacitance (F)", true), HEADER,
                segments(Long.MAX_VALUE, 1.0, Long.MAX_VALUE, 1), recording, directory -> PLENTY, () -> 0L, FIXED);
        append(broken, 1, 5);
        broken.abandon("test");
        assertFalse(opened.get(2).isOpen(), "closed after a failure");
        assertEquals(List.of(), parse(failed.resolve("power-000001.csv")).windows(), "the buffered rows are not written");
    }

    /** The reason is the OS's phrase in lower case; acronyms and empty messages are kept readable. */
    @Test
    void theReasonIsTheOperatingSystemsPhrase() {
        assertEquals("power-000001.csv: cannot create: read-only file system", createFailure(
                new java.nio.file.FileSystemException("/x/power-000001.csv", null, "Read-only file system")));
        assertEquals("power-000001.csv: cannot create: /x/power-000001.csv", createFailure(
                new java.nio.file.FileAlreadyExistsException("/x/power-000001.csv")));
        assertEquals("power-000001.csv: cannot create: EIO", createFailure(new IOException("EIO")));
        assertEquals("power-000001.csv: cannot create: x", createFailure(new IOException("x")));
        assertEquals("power-000001.csv: cannot create: IOException", createFailure(new IOException()));
        assertEquals("power-000001.csv: cannot create: IOException", createFailure(new IOException(" ")));
    }

    private String createFailure(IOException cause) {
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> RecordWriter.open(runDirectory, new PowerCsv("Capacitance (F)", true), HEADER,
                        segments(1000, 1.0, 1000, 1), file -> {
                            throw cause;
                        }, directory -> PLENTY, () -> 0L, FIXED));
        return ((IOException) e.getCause()).getMessage();
    }

    @Test
    void aReasonIsWrittenAsOneJsonString() {
        assertEquals("\"a\\\"b\\\\c d\"", RecordWriter.jsonString("a\"b\\c\nd"));
    }
}
