package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.hal.serial.AvrBuilds;

/**
 * The firmware users flash, run here: the front-end's AVR ELF in the simavr harness
 * (hardware/frontend-avr/sim), its UART on a pty, its ADC fed and its STEP/DIR pins read by the
 * harness against {@code physics-server}; {@code run} in serial mode in a child JVM on that pty for
 * 10 s of stream time locks onto the resonance.
 */
@Timeout(180)
class AvrSimavrRunTest {
    /** P* of the default RLC rig: V0²·RL/(2R²) = 0.25·2/32 W. */
    private static final double RESONANT_POWER_WATTS = 0.015625;
    private static final double STREAM_SECONDS = 10;

    @TempDir
    Path directory;

    @Test
    void runInSerialModeLocksOntoResonanceThroughTheAvrFirmwareInSimavr() throws Exception {
        Path firmware = AvrBuilds.avrFirmware();
        Path harness = AvrBuilds.simavrHarness();
        Path link = directory.resolve("avr");
        Path harnessLog = directory.resolve("harness.log");
        List<String> command = new ArrayList<>(List.of(harness.toString(), "--pty", link.toString(), "--speed", "1",
                firmware.toString(), "--"));
        command.addAll(AvrBuilds.physicsServerCommand(5));
        Process simulation = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(harnessLog.toFile())
                .start();
        ChildJvm run = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(link)) {
                assertTrue(simulation.isAlive() && System.nanoTime() < deadline,
                        "the harness made no pty link:\n" + Files.readString(harnessLog));
                Thread.sleep(20);
            }
            Path config = directory.resolve("serial.json");
            Files.writeString(config, "{\"mode\": \"serial\", \"serial\": {\"port\": \"" + link + "\"}}");
            Path out = directory.resolve("run");
            run = ChildJvm.start(directory.resolve("run.txt"), "run", "--config", config.toString(), "--duration",
                    Double.toString(STREAM_SECONDS), "--out", out.toString());
            int exit = run.waitFor(120);
            assertEquals(0, exit, run.output() + "\nharness:\n" + Files.readString(harnessLog));

            JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertEquals("completed", summary.get("exitStatus").asText());
            assertTrue(summary.get("actuatorMoves").asLong() > 0, "the tuner moved the simulated stepper");
            assertTrue(summary.get("durationSeconds").asDouble() >= STREAM_SECONDS - 0.5, summary.toString());

            List<String> rows = Files.readAllLines(out.resolve("power.csv")).stream().filter(l -> !l.startsWith("#"))
                    .toList();
            List<String> header = Arrays.asList(rows.get(0).split(","));
            int time = header.indexOf("Time (s)");
            int power = header.indexOf("Load power (W)");
            double end = Double.parseDouble(rows.get(rows.size() - 1).split(",")[time]);
            double sum = 0;
            int count = 0;
            for (String row : rows.subList(1, rows.size())) {
                String[] cells = row.split(",");
                if (Double.parseDouble(cells[time]) >= end - 2) {
                    sum += Double.parseDouble(cells[power]);
                    count++;
                }
            }
            assertTrue(count > 0, "rows in the last 2 s");
            double meanWatts = sum / count;
            assertTrue(meanWatts >= 0.9 * RESONANT_POWER_WATTS, "locked onto resonance through the AVR firmware: "
                    + meanWatts + " W over the last 2 s\n" + run.output() + "\nharness:\n" + Files.readString(harnessLog));
        } finally {
            if (run != null) {
                run.kill();
            }
            simulation.destroy(); // SIGTERM: the harness prints its figures and quits the physics server
            simulation.waitFor(30, TimeUnit.SECONDS);
            System.out.println("harness:\n" + Files.readString(harnessLog, StandardCharsets.UTF_8));
        }
    }
}
