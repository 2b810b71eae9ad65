package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --service} as a lab leaves it running, shortened: virtual time, no duration, small
 * segments, stopped from outside with SIGTERM. The record stays within its bound, every kept segment
 * parses, no window is lost at a boundary, and the energies add up to the summary's.
 */
class ServiceRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEGMENT_MAX_BYTES = 16_384;
    private static final long KEEP_TOTAL_BYTES = 65_536;
    private static final int EVERY_NTH_WINDOW = 3;
    /** Stream time the service must reach before it is stopped: many segments of 16 KiB (~80 rows each). */
    private static final double RUN_AT_LEAST_SECONDS = 300;
    /** Bound for the child JVM to start, reach that time and stop (2 cores, the suite beside it). */
    private static final double CHILD_SECONDS = 120;
    /** One simulated RLC window: 10 periods of the 1 kHz drive (s). */
    private static final double WINDOW_SECONDS = 0.01;
    /**
     * Margin on the oracle's energy over a span: a resonator detuned by a move gives back some stored
     * energy, so a span just after a move may harvest a little more than the steady optimum (relative).
     */
    private static final double TRANSIENT_MARGIN = 1e-3;

    @TempDir
    Path directory;

    @Test
    void aStoppedServiceLeavesBoundedSegmentsThatParseAndAddUpToItsSummary() throws Exception {
        Path config = directory.resolve("service.json");
        Files.writeString(config, "{\"output\": {\"segmentMaxBytes\": " + SEGMENT_MAX_BYTES + ", \"keepTotalBytes\": "
                + KEEP_TOTAL_BYTES + ", \"recordEveryNthWindow\": " + EVERY_NTH_WINDOW
                + ", \"progressIntervalSeconds\": 3600}}");
        Path run = directory.resolve("service");
        ChildJvm child = ChildJvm.start(directory.resolve("out.txt"), "run", "--service", "--config", config.toString(),
                "--out", run.toString());
        try {
            long deadline = System.nanoTime() + (long) (CHILD_SECONDS * 1e9);
            while (streamSeconds(run) < RUN_AT_LEAST_SECONDS && System.nanoTime() < deadline) {
                Thread.sleep(100); // polls the 2 s snapshots of summary.json; no timed assertion
            }
            assertTrue(streamSeconds(run) >= RUN_AT_LEAST_SECONDS, child.output());
            child.terminate();
            assertEquals(0, child.waitFor(CHILD_SECONDS), child.output());
        } finally {
            child.kill();
        }
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals("stopped", summary.get("exitStatus").asText());
        // Constant drive: the oracle harvests the same power all along, the bound on any span's energy.
        double oracleWatts = summary.get("oracleEnergyJoules").asDouble() / summary.get("durationSeconds").asDouble();
        assertFalse(Files.exists(run.resolve("power.csv")), "a service writes segments, not power.csv");
        assertFalse(Files.exists(run.resolve("power.log")), "no power log beside the segments");

        JsonNode manifest = JSON.readTree(run.resolve("segments.json").toFile());
        assertTrue(manifest.get("complete").asBoolean(), manifest.toString());
        JsonNode segments = manifest.get("segments");
        assertTrue(segments.size() > 10, "many rotations: " + segments.size());
        long keptBytes = 0;
        int kept = 0;
        double previousEndJoules = 0;
        double previousLastSeconds = Double.NaN;
        PowerCsvFile last = null;
        for (int i = 0; i < segments.size(); i++) {
            JsonNode segment = segments.get(i);
            assertEquals(i + 1, segment.get("segment").asInt());
            Path file = run.resolve(segment.get("file").asText());
            double endJoules = segment.get("harvestedEnergyAtEndJoules").asDouble();
            double firstSeconds = segment.get("firstTimeSeconds").asDouble();
            double lastSeconds = segment.get("lastTimeSeconds").asDouble();
            // Energy of the segment from the manifest alone, even for a deleted one: never negative, at most the
            // oracle's over the span from the previous segment's last window to this one's last.
            double spanSeconds = lastSeconds - (i == 0 ? 0 : previousLastSeconds);
            assertTrue(endJoules >= previousEndJoules && endJoules - previousEndJoules <= oracleWatts * spanSeconds * (1 + TRANSIENT_MARGIN),
                    "segment " + (i + 1) + ": " + (endJoules - previousEndJoules) + " J in " + spanSeconds + " s: "
                            + segment);
            if (i > 0) {
                assertTrue(firstSeconds - previousLastSeconds > 0
                        && firstSeconds - previousLastSeconds < 1.5 * WINDOW_SECONDS,
                        "the next window starts the next segment (nothing lost at a boundary): " + segment);
            }
            if (segment.get("state").asText().equals("deleted")) {
                assertFalse(Files.exists(file), file + " is said to be deleted");
            } else {
                PowerCsvFile csv = PowerCsvFile.read(file);
                assertTrue(csv.headerLines().contains("segment: " + (i + 1)), csv.headerLines().toString());
                assertTrue(csv.headerLines().contains("tuner: noise-brake"), "each segment says how it was made");
                assertEquals(segment.get("rows").asLong(), csv.rows().size(), file.toString());
                assertEquals(firstSeconds, csv.rows().get(0)[csv.column("Time (s)")], 0.0);
                assertEquals(lastSeconds, csv.last("Time (s)"), 0.0);
                assertEquals(endJoules, csv.last("Harvested energy (J)"), 0.0);
                keptBytes += Files.size(file);
                kept++;
                last = csv;
            }
            previousEndJoules = endJoules;
            previousLastSeconds = lastSeconds;
        }
        assertTrue(kept >= 2 && kept < segments.size(), "old segments deleted, newest kept: " + kept);
        // Closed segments kept <= keepTotalBytes; the open one < segmentMaxBytes plus its last line (< 1 KiB).
        assertTrue(keptBytes <= KEEP_TOTAL_BYTES + SEGMENT_MAX_BYTES + 1024, "bytes kept: " + keptBytes);
        // The run's totals: the last window row, and what the summary adds after it (under one slice of 0.25 s).
        double summaryJoules = summary.get("harvestedEnergyJoules").asDouble();
        double lastRowSeconds = last.last("Time (s)");
        double afterSeconds = summary.get("durationSeconds").asDouble() - lastRowSeconds;
        assertTrue(afterSeconds >= 0 && afterSeconds < 0.25, "the summary ends after the last row: " + afterSeconds);
        assertTrue(summaryJoules - previousEndJoules >= 0
                && summaryJoules - previousEndJoules <= oracleWatts * afterSeconds * (1 + TRANSIENT_MARGIN),
                summaryJoules + " J in the summary, " + previousEndJoules + " J at the last row");
    }

    /** The stream time of the latest summary.json snapshot, 0 before the first. */
    private static double streamSeconds(Path run) throws IOException {
        Path summary = run.resolve("summary.json");
        if (!Files.exists(summary)) {
            return 0;
        }
        JsonNode node = JSON.readTree(summary.toFile());
        return node.has("durationSeconds") && node.get("durationSeconds").isNumber()
                ? node.get("durationSeconds").asDouble() : 0;
    }
}
