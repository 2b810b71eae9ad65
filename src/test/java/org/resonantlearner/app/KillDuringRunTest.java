package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

        List<String> lines = Files.readAllLines(runDirectory.resolve("power.csv"), StandardCharsets.UTF_8);
        int index = 0;
        while (lines.get(index).startsWith("#")) {
            index++;
        }
        assertTrue(index > 5, "a commented header comes first");
        String[] columns = lines.get(index).split(",");
        assertEquals("Time (s)", columns[0]);
        List<double[]> rows = new ArrayList<>();
        for (String row : lines.subList(index + 1, lines.size())) {
            String[] fields = row.split(",", -1);
            assertEquals(columns.length, fields.length, "every row is whole: " + row);
            double[] values = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = Double.parseDouble(fields[i]);
            }
            rows.add(values);
        }
        assertTrue(rows.size() >= 100, "rows written before the kill: " + rows.size());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i)[0] > rows.get(i - 1)[0], "time increases row by row");
        }
        String text = Files.readString(runDirectory.resolve("power.csv"), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "the file ends on a whole line");
        List<String> powerLog = Files.readAllLines(runDirectory.resolve("power.log"), StandardCharsets.UTF_8);
        assertTrue(powerLog.size() >= 100, "power log lines written before the kill: " + powerLog.size());
        for (String line : powerLog) {
            assertTrue(line.matches("\\S+ \\S+ t=\\S+ s P=\\S+ W f=\\S+ Hz pos=\\d+ steps"), "whole power log line: " + line);
        }
        String summary = Files.readString(runDirectory.resolve("summary.json"), StandardCharsets.UTF_8);
        assertNotNull(summary);
        assertTrue(summary.contains("\"exitStatus\" : \"running\""), "the killed run says it never finished: " + summary);
        assertFalse(Files.exists(runDirectory.resolve("summary.json.tmp")) && summary.isEmpty());
    }
}
