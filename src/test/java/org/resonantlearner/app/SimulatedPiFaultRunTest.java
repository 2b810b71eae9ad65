package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} in {@code pi4j.simulated} mode with an ADS1115 fault: the outcome the README promises. */
class SimulatedPiFaultRunTest {
    @TempDir
    Path directory;

    @Test
    void aReadyPinThatStopsEndsTheRunWithTheDriversOneLineMessage() throws IOException {
        Path config = directory.resolve("config.json");
        Files.writeString(config, "{\"mode\": \"pi4j\", \"seed\": 7, \"durationSeconds\": 20,"
                + " \"rig\": {\"kind\": \"mechanical-force\"}, \"sensor\": {\"sampleRateHz\": 860},"
                + " \"actuator\": {\"minPositionSteps\": 0, \"maxPositionSteps\": 4095, \"initialPositionSteps\": 1494},"
                + " \"pi4j\": {\"simulated\": true, \"faults\": {\"adsReadyStopsAfterConversions\": 2000},"
                + " \"adc\": {\"type\": \"ads1115\", \"readyPin\": 17}, \"actuator\": {\"type\": \"mcp4725\"}}}");
        long wallStart = System.nanoTime();
        Object[] result = CommandLineTest.execute("run", "--config", config.toString(), "--out",
                directory.resolve("run").toString());
        double wallSeconds = (System.nanoTime() - wallStart) * 1e-9;
        // Only the command's own error lines: in one test JVM with other commands before it, the logging an
        // earlier test set up also prints the run's log (and Pi4J's SLF4J its provider warning).
        List<String> err = ((String) result[2]).lines().filter(line -> line.startsWith("error: ")).toList();
        assertEquals(1, result[0], err.toString());
        assertEquals(1, err.size(), err.toString());
        assertTrue(err.get(0).startsWith("error: run failed: no ALERT/RDY pulse from the ADS1115 within"), err.get(0));
        assertTrue(((String) result[1]).contains("after 2.3"), "2000 conversions at 860 S/s: " + result[1]);
        assertTrue(wallSeconds < 10, "ended by the driver's timeout, not a hang: " + wallSeconds + " s");
    }
}
