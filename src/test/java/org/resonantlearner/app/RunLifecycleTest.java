package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a {@code run} process ends, as a lab leaving it unattended sees it: a full disk, a signal at
 * any moment, two runs racing for one directory, an unwritable directory. Real child JVMs, real
 * signals, a real tmpfs.
 */
class RunLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A full-disk failure must end the process promptly (issue 9: within 5 s), not hang. */
    private static final double FAILURE_EXIT_SECONDS = 5;
    /** Generous bound for a child JVM to start, run briefly and stop (2 cores, suite running beside). */
    private static final double CHILD_SECONDS = 60;

    @TempDir
    Path directory;

    private static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    /** Mounts a tmpfs of {@code sizeKiB} at {@code mountPoint} (root only); false when that is not allowed here. */
    private static boolean mountTmpfs(Path mountPoint, String options) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", mountPoint.toString())
                .redirectErrorStream(true).start();
        mount.getInputStream().readAllBytes();
        return mount.waitFor() == 0;
    }

    private static void unmount(Path mountPoint) throws IOException, InterruptedException {
        new ProcessBuilder("umount", "-l", mountPoint.toString()).redirectErrorStream(true).start().waitFor();
    }

    private static void requireTmpfs(boolean mounted) {
        if (ci()) {
            assertTrue(mounted, "CI runs as root and must be able to mount a tmpfs for the full-disk test");
        }
        assumeTrue(mounted, "mounting a tmpfs needs root; skipped outside CI");
    }

    private Path config(String json) throws IOException {
        Path file = Files.createTempFile(directory, "config", ".json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void aDiskThatFillsDuringTheRunEndsTheProcessWithExitOneAndWholeLines() throws Exception {
        Path disk = directory.resolve("disk");
        requireTmpfs(mountTmpfs(disk, "size=512k"));
        try {
            Path runDirectory = disk.resolve("r");
            // No reserve: the disk really fills (the guard's own stop is the reserve's test).
            Path config = config("{\"output\": {\"diskReserveBytes\": 0}}");
            ChildJvm child = ChildJvm.start(directory.resolve("out.txt"), "run", "--duration", "60",
                    "--config", config.toString(), "--out", runDirectory.toString());
            int exit = child.waitFor(FAILURE_EXIT_SECONDS + 5);
            String out = child.output();
            assertEquals(1, exit, "a failed run exits 1:\n" + out);
            List<String> errors = out.lines().filter(line -> line.startsWith("error: ")).toList();
            assertEquals(1, errors.size(), "one error line:\n" + out);
            assertTrue(errors.get(0).startsWith("error: run failed: power.csv: no space left on device"), errors.get(0));
            assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
            PowerCsvFile csv = PowerCsvFile.read(runDirectory.resolve("power.csv"));
            assertTrue(csv.rows().size() > 0, "rows before the disk filled");
            JsonNode summary = JSON.readTree(runDirectory.resolve("summary.json").toFile());
            assertTrue(summary.get("exitStatus").asText().startsWith("failed: "), summary.toString());
            assertTrue(summary.get("exitStatus").asText().contains("no space left on device"), summary.toString());
        } finally {
            unmount(disk);
        }
    }

    @Test
    void sigtermAtTwentyMomentsOfTheFirstThreeSecondsStopsCleanly() throws Exception {
        Random random = new Random(9);
        Path config = config("{\"output\": {\"progressIntervalSeconds\": 0.5}}");
        List<String> failures = new ArrayList<>();
        int stoppedWithRecord = 0;
        for (int pair = 0; pair < 10; pair++) {
            // Two at a time: 2 cores, and the start-up of one JVM overlaps the other's run.
            List<ChildJvm> children = new ArrayList<>();
            List<Path> runDirectories = new ArrayList<>();
            long[] delaysMillis = {random.nextInt(3000), random.nextInt(3000)};
            for (int i = 0; i < 2; i++) {
                Path runDirectory = directory.resolve("run-" + pair + "-" + i);
                runDirectories.add(runDirectory);
                children.add(ChildJvm.start(directory.resolve("out-" + pair + "-" + i + ".txt"), "run", "--realtime",
                        "--duration", "600", "--config", config.toString(), "--out", runDirectory.toString()));
            }
            long startNanos = System.nanoTime();
            for (int i = 0; i < 2; i++) {
                long waitMillis = delaysMillis[i] - (System.nanoTime() - startNanos) / 1_000_000;
                if (waitMillis > 0) {
                    Thread.sleep(waitMillis); // the moment of the signal, not a timed assertion
                }
                children.get(i).terminate();
            }
            for (int i = 0; i < 2; i++) {
                ChildJvm child = children.get(i);
                int exit = child.waitFor(CHILD_SECONDS);
                String out = child.output();
                String what = "SIGTERM at " + delaysMillis[i] + " ms: ";
                Path runDirectory = runDirectories.get(i);
                if (out.contains("LOGGER ERROR")) {
                    failures.add(what + "logger error:\n" + out);
                }
                if (!Files.exists(runDirectory)) {
                    // Stopped before anything was created: the JVM's own exit on SIGTERM (143) or ours (0).
                    if (exit != 0 && exit != 143) {
                        failures.add(what + "exit " + exit + " with nothing created:\n" + out);
                    }
                    continue;
                }
                if (exit != 0) {
                    failures.add(what + "exit " + exit + ":\n" + out);
                    continue;
                }
                JsonNode summary = JSON.readTree(runDirectory.resolve("summary.json").toFile());
                if (!summary.get("exitStatus").asText().equals("stopped")) {
                    failures.add(what + "summary " + summary);
                }
                if (Files.exists(runDirectory.resolve("power.csv"))) {
                    PowerCsvFile.read(runDirectory.resolve("power.csv"));
                }
                String log = Files.readString(runDirectory.resolve("resonant-learner.log"), StandardCharsets.UTF_8);
                if (!log.contains("run stopped")) {
                    failures.add(what + "the log lacks the stop line:\n" + log);
                }
                stoppedWithRecord++;
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of 20 stops went wrong:\n" + String.join("\n", failures));
        // How many land before the record exists depends on how fast the JVMs start; some must land after.
        assertTrue(stoppedWithRecord >= 1, "signals after the record exists: " + stoppedWithRecord);
    }

    @Test
    void twoRunsStartedIntoOneOutAtOnceLeaveOneRecordAndOneLineForTheOther() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            Path runDirectory = directory.resolve("shared-" + attempt);
            Files.createDirectories(runDirectory); // an existing empty --out is allowed
            ChildJvm first = ChildJvm.start(directory.resolve("a" + attempt + ".txt"), "run", "--duration", "1",
                    "--out", runDirectory.toString());
            ChildJvm second = ChildJvm.start(directory.resolve("b" + attempt + ".txt"), "run", "--duration", "1",
                    "--out", runDirectory.toString());
            int[] exits = {first.waitFor(CHILD_SECONDS), second.waitFor(CHILD_SECONDS)};
            String[] outs = {first.output(), second.output()};
            int winners = 0;
            for (int i = 0; i < 2; i++) {
                if (exits[i] == 0) {
                    winners++;
                    continue;
                }
                assertEquals(2, exits[i], outs[i]);
                assertEquals(1, outs[i].lines().count(), "one line:\n" + outs[i]);
                assertTrue(outs[i].startsWith("error: --out " + runDirectory), outs[i]);
            }
            assertEquals(1, winners, "exactly one run records:\n" + outs[0] + "\n---\n" + outs[1]);
            JsonNode summary = JSON.readTree(runDirectory.resolve("summary.json").toFile());
            assertEquals("completed", summary.get("exitStatus").asText());
            PowerCsvFile.read(runDirectory.resolve("power.csv"));
        }
    }

    @Test
    void twoRunsStartedInTheSameSecondGetTwoDefaultDirectories() throws Exception {
        Path runs = directory.resolve("runs");
        Path config = config("{\"output\": {\"directory\": \"" + runs + "\"}}");
        ChildJvm first = ChildJvm.start(directory.resolve("a.txt"), "run", "--duration", "1", "--config", config.toString());
        ChildJvm second = ChildJvm.start(directory.resolve("b.txt"), "run", "--duration", "1", "--config", config.toString());
        assertEquals(0, first.waitFor(CHILD_SECONDS), first.output());
        assertEquals(0, second.waitFor(CHILD_SECONDS), second.output());
        try (var entries = Files.list(runs)) {
            assertEquals(2, entries.count(), "one directory per run");
        }
    }

    @Test
    void anUnwritableOutIsOneLineAndExitTwoWithNothingOpened() throws Exception {
        Path readOnly = directory.resolve("ro");
        // Large enough for the disk reserve (a tmpfs takes memory only for what it holds).
        boolean mounted = mountTmpfs(readOnly, "size=256m,ro");
        if (!mounted) {
            // Not root: a directory without write permission refuses the same way.
            Files.createDirectories(readOnly);
            assumeTrue(readOnly.toFile().setWritable(false, false), "cannot make a read-only directory here");
        }
        try {
            for (Path out : List.of(readOnly, readOnly.resolve("sub"))) {
                ChildJvm child = ChildJvm.start(directory.resolve("out.txt"), "run", "--duration", "1",
                        "--out", out.toString());
                int exit = child.waitFor(CHILD_SECONDS);
                String text = child.output();
                assertEquals(2, exit, text);
                assertEquals(1, text.lines().count(), "one line:\n" + text);
                assertTrue(text.startsWith("error: --out " + out + ": "), text);
                assertTrue(text.contains("Read-only file system") || text.contains("Permission denied"), "the OS's reason: " + text);
            }
        } finally {
            if (mounted) {
                unmount(readOnly);
            }
        }
    }

    @Test
    void aServiceWaitsForAMissingFrontEndInOneDirectoryAndStopsCleanly() throws Exception {
        Path runs = directory.resolve("runs");
        Path missingPort = directory.resolve("ttyACM-unplugged");
        Path config = config("{\"mode\": \"serial\", \"serial\": {\"port\": \"" + missingPort + "\"},"
                + " \"output\": {\"directory\": \"" + runs + "\"}}");
        ChildJvm child = ChildJvm.start(directory.resolve("out.txt"), "run", "--service", "--config", config.toString());
        try {
            // Blocking wait for the warning (the child prints it once it has tried the port), bounded by CHILD_SECONDS.
            long deadline = System.nanoTime() + (long) (CHILD_SECONDS * 1e9);
            while (!child.output().contains("warning: waiting for the serial adapters") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(child.output().contains("warning: waiting for the serial adapters"), child.output());
            child.terminate();
            assertEquals(0, child.waitFor(CHILD_SECONDS), child.output());
        } finally {
            child.kill();
        }
        String out = child.output();
        assertEquals(1, out.lines().filter(line -> line.startsWith("warning: waiting")).count(),
                "said once, not per attempt:\n" + out);
        assertTrue(out.contains(missingPort.toString()), "names what it waits for:\n" + out);
        try (var entries = Files.list(runs)) {
            List<Path> made = entries.toList();
            assertEquals(1, made.size(), "one directory, not one per attempt: " + made);
            JsonNode summary = JSON.readTree(made.get(0).resolve("summary.json").toFile());
            assertEquals("stopped", summary.get("exitStatus").asText());
            String log = Files.readString(made.get(0).resolve("resonant-learner.log"), StandardCharsets.UTF_8);
            assertTrue(log.contains("waiting for the serial adapters") && log.contains("run stopped"), log);
        }
    }

    @Test
    void serviceAndDurationTogetherAreRefused() throws Exception {
        ChildJvm child = ChildJvm.start(directory.resolve("out.txt"), "run", "--service", "--duration", "5",
                "--out", directory.resolve("r").toString());
        assertEquals(2, child.waitFor(CHILD_SECONDS), child.output());
        assertEquals("error: --service and --duration: allowed one of them (a service runs until stopped)\n",
                child.output());
        assertFalse(Files.exists(directory.resolve("r")));
    }

    @Test
    void belowTheDiskReserveARunDoesNotStartAndCreatesNothing() throws Exception {
        Path out = directory.resolve("r");
        // 1 PiB: more than any disk here has free.
        Path config = config("{\"output\": {\"diskReserveBytes\": 1125899906842624}}");
        ChildJvm child = ChildJvm.start(directory.resolve("out.txt"), "run", "--duration", "1",
                "--config", config.toString(), "--out", out.toString());
        assertEquals(1, child.waitFor(CHILD_SECONDS), child.output());
        String text = child.output();
        assertEquals(1, text.lines().count(), "one line:\n" + text);
        assertTrue(text.startsWith("error: disk space below reserve: ") && text.contains("reserve 1073741824.0 MiB")
                && text.contains("(output.diskReserveBytes); nothing was started"), text);
        assertFalse(Files.exists(out), "no run directory per refused start (a restarting service would pile them up)");
    }
}
