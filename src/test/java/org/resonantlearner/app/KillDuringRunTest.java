package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a real-time run leaves a {@code power.csv} that parses: the
 * header, the column line, and only whole rows. A real child JVM, a real SIGKILL.
 */
class KillDuringRunTest {
    @TempDir
    Path directory;

    @Test
    void sigkillLeavesWholeRowsOnly() throws IOException, InterruptedException {
        Path config = directory.resolve("config.json");
        Files.writeString(config, "{\"output\": {\"progressIntervalSeconds\": 0.1}}");
        Path runDirectory = directory.resolve("run");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--realtime", "--duration", "600",
                "--config", config.toString(), "--out", runDirectory.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int progressLines = 0;
            String line;
            // Each progress line is 0.1 s of real time: wait (blocking on the pipe) for 1.5 s of run.
            while (progressLines < 15 && (line = output.readLine()) != null) {
                if (line.startsWith("t=")) {
                    progressLines++;
                }
            }
            assertEquals(15, progressLines, "the run should print progress before it is killed");
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by signal 9");

        // Whole lines only, each row as many numbers as there are columns, a final newline.
        PowerCsvFile csv = PowerCsvFile.read(runDirectory.resolve("power.csv"));
        assertTrue(csv.headerLines().size() > 5, "a commented header comes first: " + csv.headerLines());
        assertTrue(csv.headerLines().contains("tuner: noise-brake") && csv.headerLines().contains("seed: 1"),
                "the header says how the run was made: " + csv.headerLines());
        assertEquals(14, csv.columns().size(), "the simulated rig's columns: " + csv.columns());
        assertEquals("Time (s)", csv.columns().get(0));
        List<double[]> rows = csv.rows();
        assertTrue(rows.size() >= 100, "rows written before the kill: " + rows.size());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i)[0] > rows.get(i - 1)[0], "time increases row by row");
        }
        double lastRowSeconds = csv.last("Time (s)");
        // The rows behind the progress lines reach the file a batch later, so only the row count bounds them below.
        assertTrue(lastRowSeconds >= 0.99 && lastRowSeconds < 600, "100 windows of 10 ms, far from the end: "
                + lastRowSeconds + " s");
        List<String> powerLog = Files.readAllLines(runDirectory.resolve("power.log"), StandardCharsets.UTF_8);
        assertTrue(powerLog.size() >= 100, "power log lines written before the kill: " + powerLog.size());
        for (String line : powerLog) {
            assertTrue(line.matches("\\S+ \\S+ t=\\S+ s P=\\S+ W f=\\S+ Hz pos=\\d+ steps"), "whole power log line: " + line);
        }

        // summary.json is replaced atomically, so it is a whole snapshot of the running run: the start's, or
        // one taken at a slice's end (every 2 s of wall time), whichever was last before the kill.
        JsonNode summary = new ObjectMapper().readTree(runDirectory.resolve("summary.json").toFile());
        assertEquals("running", summary.get("exitStatus").asText(), "the killed run says it never finished");
        assertEquals("rlc", summary.get("rig").asText());
        assertEquals("noise-brake", summary.get("tuner").asText());
        assertEquals(1, summary.get("seed").asLong());
        // Lock figures are the telemetry thread's and only the final summary has them.
        assertTrue(summary.get("lockTimeSeconds").isNull() && summary.get("lockedFraction").isNull(), summary.toString());
        assertEquals(0, summary.get("relockTimesSeconds").size());
        double snapshotSeconds = summary.get("durationSeconds").asDouble();
        // A snapshot follows the slice whose rows reach the CSV within milliseconds; a slice is 0.25 s.
        assertTrue(snapshotSeconds >= 0 && snapshotSeconds <= lastRowSeconds + 0.25,
                "snapshot at " + snapshotSeconds + " s, rows to " + lastRowSeconds + " s");
        // Constant drive: the oracle energy is the best reachable power for the snapshot's stream time.
        double oracleJoules = summary.get("oracleEnergyJoules").asDouble();
        assertEquals(ReferenceRlcRig.bestReachablePowerWatts(1000) * snapshotSeconds, oracleJoules, 1e-9 * oracleJoules);
        double harvestedJoules = summary.get("harvestedEnergyJoules").asDouble();
        assertTrue(harvestedJoules >= 0 && harvestedJoules <= oracleJoules, harvestedJoules + " J of " + oracleJoules + " J");
    }
}
