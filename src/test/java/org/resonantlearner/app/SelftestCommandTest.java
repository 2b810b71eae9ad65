package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, finding 3c: {@code selftest} passed +∞ as the time since the last move, so the step-rate
 * limit allowed any travel: at 1 step/s it jumped 100 steps and back. The command runs here on the
 * simulated default rig (actuator 0 to 10 000 steps, at 2000) with the actuator's moves logged on the
 * rig's clock.
 */
class SelftestCommandTest {
    @TempDir
    Path directory;

    @Test
    void atOneStepPerSecondTheExcursionIsOneStepEachWayAtTheLimit() throws IOException {
        Path config = directory.resolve("slow.json");
        Files.writeString(config, "{\"actuator\": {\"maxStepRateStepsPerSecond\": 1}}");
        WatchedPorts ports = new WatchedPorts();
        WatchedPorts.Outcome outcome = WatchedPorts.execute(new SelftestCommand(ports), "--config", config.toString());

        assertEquals(0, outcome.code(), outcome.out() + outcome.err());
        assertTrue(outcome.out().contains("selftest: PASS"), outcome.out());
        assertEquals(List.of(), ports.actuator.movesFasterThan(1.0));
        // A step out and back: the excursion the limit allows in about a second each way.
        assertEquals(2, ports.actuator.moves(), ports.actuator.log().toString());
        assertEquals(2_000, ports.actuator.log().get(2).positionSteps(), "back where it started");
        assertTrue(outcome.out().contains("reached 2001, back at 2000: ok"), outcome.out());
    }
}
