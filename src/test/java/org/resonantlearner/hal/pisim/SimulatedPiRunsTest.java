package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.app.ServiceRun;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.telemetry.RunMeasures;
import org.resonantlearner.telemetry.RunSummary;

/**
 * Short runs of the service loop in {@code pi4j.simulated} mode, one per converter and per actuator
 * type of this part (ADS1115 continuous and polled; MCP4725, capacitor bank, PWM), each beside the
 * same config in {@code sim} mode with the same seed.
 */
class SimulatedPiRunsTest {
    /** Capture ratio points a simulated-Pi run may differ from {@code sim} mode when nothing but quantisation and bus timing differ. */
    private static final double SAME_RUN_CAPTURE = 0.01;

    private record Pair(RunSummary sim, RunSummary pi) {
        @Override
        public String toString() {
            return String.format("sim: capture %.4f, lock %.3f s; pi4j.simulated: capture %.4f, lock %.3f s",
                    sim.captureRatio(), sim.lockTimeSeconds(), pi.captureRatio(), pi.lockTimeSeconds());
        }
    }

    private static RunSummary run(String json) {
        RunConfig config = PiBench.config(json);
        RunMeasures measures = ServiceRun.measuresFor(config);
        try (ServiceRun run = new ServiceRun(config, false, measures::accept)) {
            run.runToEnd();
            return run.summary(measures, "completed");
        }
    }

    /** The config {@code json} (with {@code MODE} for the mode) run in both modes. */
    private static Pair both(String json) {
        return new Pair(run(json.replace("MODE", "sim")), run(json.replace("MODE", "pi4j")));
    }

    /** The default RLC rig (1 kHz, Q 15.7) on an MCP3208, actuator range [0, max], 5 s. */
    private static String rlc(String actuator, int maxPositionSteps, int initialPositionSteps) {
        return "{\"mode\": \"MODE\", \"seed\": 7, \"durationSeconds\": 5, \"rig\": {\"kind\": \"rlc\"},"
                + " \"actuator\": {\"minPositionSteps\": 0, \"maxPositionSteps\": " + maxPositionSteps
                + ", \"initialPositionSteps\": " + initialPositionSteps + "},"
                + " \"pi4j\": {\"simulated\": true, \"adc\": {\"type\": \"mcp3208\", \"referenceVolts\": 3.3},"
                + " \"actuator\": {" + actuator + "}}}";
    }

    /**
     * The default force-driven mechanical rig (30 Hz, Q 63) on an ADS1115 and an MCP4725, 20 s, from
     * its resonance (1494 of 4095 steps: k = 1776 N/m); the 1 kHz RLC rig is beyond 860 S/s.
     */
    private static String mechanical(String adc, double sampleRateHz) {
        return "{\"mode\": \"MODE\", \"seed\": 7, \"durationSeconds\": 20, \"rig\": {\"kind\": \"mechanical-force\"},"
                + " \"sensor\": {\"sampleRateHz\": " + sampleRateHz + "},"
                + " \"actuator\": {\"minPositionSteps\": 0, \"maxPositionSteps\": 4095, \"initialPositionSteps\": 1494},"
                + " \"pi4j\": {\"simulated\": true, \"adc\": {\"type\": \"ads1115\", " + adc + "},"
                + " \"actuator\": {\"type\": \"mcp4725\"}}}";
    }

    private static void assertLocks(RunSummary summary, double withinSeconds, String what) {
        assertTrue(summary.lockTimeSeconds() <= withinSeconds, what + ": lock " + summary.lockTimeSeconds() + " s");
    }

    @Test
    void mcp4725VaractorBiasLocksAsInSimMode() {
        // 630 of 4095 steps: 3 linewidths above the resonance at 427 (C* = 2.53 µF).
        Pair runs = both(rlc("\"type\": \"mcp4725\"", 4095, 630));
        assertLocks(runs.pi(), 1.0, runs.toString());
        assertEquals(runs.sim().captureRatio(), runs.pi().captureRatio(), SAME_RUN_CAPTURE, runs.toString());
    }

    @Test
    void capacitorBankLocksThoughEachMoveBreaksBeforeItMakes() {
        // 12 switches: codes [0, 4095]. The driver opens every switch first, so both runs start at 0.
        Pair runs = both(rlc("\"type\": \"capacitor-bank\", \"switchPins\": [4, 5, 6, 12, 13, 16, 17, 18, 19, 20, 21, 22]",
                4095, 0));
        assertLocks(runs.pi(), 1.0, runs.toString());
        // Each move holds the control thread for the break and settle waits (10 + 20 ms): samples lost,
        // and the bank sits at intermediate codes meanwhile.
        assertTrue(runs.pi().captureRatio() >= 0.85, runs.toString());
    }

    @Test
    void pwmDutyCycleLocksAsInSimMode() {
        Pair runs = both(rlc("\"type\": \"pwm\"", 100, 0));
        assertLocks(runs.pi(), 1.0, runs.toString());
        assertEquals(runs.sim().captureRatio(), runs.pi().captureRatio(), SAME_RUN_CAPTURE, runs.toString());
    }

    @Test
    void ads1115ContinuousOnItsReadyPinLocksTheMechanicalRigAsInSimMode() {
        Pair runs = both(mechanical("\"readyPin\": 17, \"dataRateSamplesPerSecond\": 860", 860));
        assertLocks(runs.pi(), 15.0, runs.toString());
        assertEquals(runs.sim().captureRatio(), runs.pi().captureRatio(), SAME_RUN_CAPTURE, runs.toString());
    }

    @Test
    void ads1115SingleShotPolledLocksTheMechanicalRigAsInSimMode() {
        // 400 S/s: one polled conversion at 860 S/s takes 2.3 ms of a 100 kHz bus and of 1/DR.
        Pair runs = both(mechanical("\"dataRateSamplesPerSecond\": 860, \"sampleRateHz\": 400", 400));
        assertLocks(runs.pi(), 15.0, runs.toString());
        assertEquals(runs.sim().captureRatio(), runs.pi().captureRatio(), SAME_RUN_CAPTURE, runs.toString());
    }
}
