package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code emulate-frontend} as a process: its own device node, SIGTERM, the counters' JSON line and report. */
@Timeout(60)
class EmulateFrontendCommandTest {
    @TempDir
    Path directory;

    private static void requireSocat() {
        org.resonantlearner.hal.serial.AvrBuilds.requireTools("socat", "socat");
    }

    /** Pids of the running socat processes whose command line names {@code path}. */
    private static long socatsFor(Path path) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("socat")
                && p.info().commandLine().orElse("").contains(path.toString())).count();
    }

    @Test
    void sigtermEndsTheEmulatorAndItsSocatAndPrintsTheCounters() throws Exception {
        requireSocat();
        Path node = directory.resolve("dev");
        Path report = directory.resolve("report.json");
        Path truth = directory.resolve("truth.csv");
        ChildJvm child = ChildJvm.start(directory.resolve("out.txt"), "emulate-frontend", "--link", node.toString(),
                "--report", report.toString(), "--truth-log", truth.toString(), "--drop-rate", "0.5");
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(node) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(node), "the emulator made its device node: " + child.output());
            // A HELLO (v2) written by hand: the emulator answers and streams; drops are counted.
            byte[] body = {2, 1, 0, 0, 0, 0, 1, 0, 2};
            CRC32 crc = new CRC32();
            crc.update(body);
            long c = crc.getValue();
            try (FileOutputStream out = new FileOutputStream(node.toFile())) {
                out.write(new byte[] {(byte) 0xA5, 0x5A});
                out.write(body);
                out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24)});
                out.flush();
                Thread.sleep(500);
            }
            assertEquals(1, socatsFor(node));
            long termAt = System.nanoTime();
            child.terminate();
            assertEquals(0, child.waitFor(10), child.output());
            double stopSeconds = (System.nanoTime() - termAt) / 1e9;
            assertTrue(stopSeconds < 5, "stopped in " + stopSeconds + " s");
        } finally {
            child.kill();
        }
        String output = child.output();
        String json = output.lines().filter(line -> line.startsWith("{\"framesSent\"")).findFirst().orElse("");
        assertFalse(json.isEmpty(), output);
        assertEquals(json + "\n", Files.readString(report, StandardCharsets.UTF_8));
        assertTrue(json.contains("\"hellosAnswered\":1"), json);
        assertFalse(json.contains("\"sampleFramesDropped\":0,"), "drops counted: " + json);
        assertFalse(Files.exists(node), "the device node is gone");
        assertEquals(0, socatsFor(node), "no socat outlives the emulator");
        assertTrue(Files.readAllLines(truth).size() > 10);
    }

    @Test
    void aFaultOptionOutsideItsRangeIsOneLineNamingItAndTheRange() throws IOException, InterruptedException {
        ChildJvm child = ChildJvm.start(directory.resolve("out.txt"), "emulate-frontend", "--link",
                directory.resolve("dev").toString(), "--drop-rate", "1.5");
        assertEquals(Main.EXIT_CONFIG_ERROR, child.waitFor(20));
        assertEquals("error: --drop-rate 1.5 is outside [0.0, 1.0] (try: resonant-learner emulate-frontend --help)",
                child.output().strip());
    }
}
