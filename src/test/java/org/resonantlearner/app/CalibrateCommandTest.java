package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.calibration.CalibrationFile;
import org.resonantlearner.calibration.CalibrationFiles;
import org.resonantlearner.calibration.CalibrationRow;
import org.resonantlearner.hal.RecordingActuator;
import org.resonantlearner.rig.LinearTuningMap;
import org.resonantlearner.rig.TabulatedTuningMap;
import org.resonantlearner.telemetry.RunMeasures;
import org.resonantlearner.telemetry.RunSummary;

/** The calibrate command end to end on the simulated default RLC rig, and a run on the map it wrote. */
class CalibrateCommandTest {
    /** The default RLC rig's true tuning map (the built-in reference calibration describes it exactly). */
    private static final LinearTuningMap TRUE_MAP = new LinearTuningMap(0, 10_000, 0.5e-6, 20e-6);

    @TempDir
    Path directory;

    private static WatchedPorts.Outcome calibrate(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "calibrate";
        System.arraycopy(args, 0, command, 1, args.length);
        return WatchedPorts.capture(() -> Main.execute(command));
    }

    @Test
    void calibratesTheSimulatedRigWithinOnePercentAndNoiseBrakeThenRunsOnTheMapItWrote() throws IOException {
        Path file = directory.resolve("bench-1.json");
        Path png = directory.resolve("plots/bench-1.png");
        WatchedPorts.Outcome outcome = calibrate("--out", file.toString(), "--plot", png.toString(), "--rig-id", "bench-1",
                "--positions", "11", "--ringdown");
        assertEquals(0, outcome.code(), outcome.err());

        CalibrationFile calibration = CalibrationFiles.load(file, "bench-1");
        assertEquals(11, calibration.table().size());
        for (CalibrationRow row : calibration.table()) {
            double trueValue = TRUE_MAP.valueAt(row.positionSteps());
            assertEquals(trueValue, row.tunedValue(), 0.01 * trueValue, "capacitance at " + row.positionSteps());
            assertTrue(row.ringdownLoadedQ().isPresent() && row.fitResidualRmsFraction().isPresent());
        }
        Matcher worst = Pattern.compile("largest error: f0 ([0-9.]+) %, Q ([0-9.]+) %, linewidth ([0-9.]+) %,"
                + " tuned value ([0-9.]+) %").matcher(outcome.out());
        assertTrue(worst.find(), outcome.out());
        for (int group = 1; group <= 4; group++) {
            assertTrue(Double.parseDouble(worst.group(group)) < 1.0, worst.group());
        }

        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG ImageIO can read");
        assertEquals(3 * 640, image.getWidth(), "three panels side by side");
        assertTrue(image.getHeight() > 640, "panels under a title strip");

        // The noise-brake tuner on a config that names the file (relative to the config's directory).
        Path config = directory.resolve("config.json");
        Files.writeString(config, "{\"calibrationFile\": \"bench-1.json\", \"rig\": {\"id\": \"bench-1\"},"
                + " \"actuator\": {\"initialPositionSteps\": 1500}}");
        RunConfig run = ConfigLoader.load(config, new ConfigLoader.Overrides(7L, 10.0, "noise-brake"));
        TabulatedTuningMap written = calibration.tuningMap();
        assertEquals(written, run.tuningMap(), "the run's tuning map is the table calibrate wrote");
        RunMeasures measures = ServiceRun.measuresFor(run);
        ServiceRun service = new ServiceRun(run, false, measures::accept);
        service.runToEnd();
        RunSummary summary = service.summary(measures, "completed");
        int position = service.rig().actuator().positionSteps();
        assertEquals(written.valueAt(position), service.rig().tunedValue(), 1e-18,
                "the rig is tuned through the written map");
        assertTrue(Math.abs(position - service.rig().oracleBestPositionSteps()) <= 6,
                "ends at " + position + ", resonance at " + service.rig().oracleBestPositionSteps());
        assertTrue(summary.captureRatio() >= 0.9, "capture " + summary.captureRatio());
    }

    @Test
    void anExistingCalibrationIsNotOverwrittenUnlessAskedTo() throws IOException {
        Path file = directory.resolve("kept.json");
        Files.writeString(file, "recorded earlier");
        WatchedPorts.Outcome outcome = calibrate("--out", file.toString(), "--rig-id", "bench-1", "--positions", "2");
        assertEquals(2, outcome.code());
        assertEquals("error: " + file + " exists already: choose another --out/--plot, or pass --overwrite",
                outcome.err());
        assertEquals("recorded earlier", Files.readString(file));
        assertFalse(Files.exists(directory.resolve("kept.png")));
    }

    @Test
    void badOptionsAreOneLineAndExitTwoBeforeAnythingIsMeasured() {
        WatchedPorts.Outcome ringdown = calibrate("--out", directory.resolve("a.json").toString(), "--fixed-drive", "--ringdown");
        assertEquals(2, ringdown.code());
        assertTrue(ringdown.err().startsWith("error: --ringdown needs a drive that can be switched off"), ringdown.err());
        WatchedPorts.Outcome positions = calibrate("--out", directory.resolve("b.json").toString(), "--positions", "1");
        assertEquals(2, positions.code());
        assertEquals("error: --positions = 1 is invalid: allowed [2, 10000]", positions.err());
        WatchedPorts.Outcome range = calibrate("--out", directory.resolve("c.json").toString(), "--sweep-to", "9000");
        assertEquals(2, range.code());
        assertTrue(range.err().contains("is outside what the drive produces"), range.err());
        for (WatchedPorts.Outcome outcome : new WatchedPorts.Outcome[] {ringdown, positions, range}) {
            assertEquals(1, outcome.err().lines().count(), outcome.err());
        }
        assertFalse(Files.exists(directory.resolve("a.json")) || Files.exists(directory.resolve("b.json"))
                || Files.exists(directory.resolve("c.json")));
    }

    @Test
    void aResonanceOutsideTheSweepFailsWithOneLineAndWritesNothing() {
        Path file = directory.resolve("missed.json");
        WatchedPorts.Outcome outcome = calibrate("--out", file.toString(), "--rig-id", "bench-1", "--positions", "2",
                "--sweep-from", "2500", "--sweep-to", "3500");
        assertEquals(1, outcome.code());
        assertTrue(outcome.err().startsWith("error: at position 0 steps the highest power is at the edge of the sweep"),
                outcome.err());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertFalse(Files.exists(file) || Files.exists(directory.resolve("missed.png")));
    }

    /**
     * Issue 9, finding 3b: {@code calibrate} moved the actuator directly, not through the safety
     * limits (at 1 step/s it made 2500-step jumps and an 8000-step return). Here on a 40-step
     * actuator starting at 10: three positions, 0, 20 and 40, and back to 10 are 10 + 20 + 20 + 30 =
     * 80 steps, which at 1 step/s take at least 80 s; the actuator's own log on the rig's clock shows
     * no move faster than that, and every position is measured where it was meant to be.
     */
    @Test
    void atOneStepPerSecondEveryMoveKeepsTheLimitAndTheTravelTimeIsAnnounced() throws IOException {
        Path config = directory.resolve("slow.json");
        Files.writeString(config, "{\"actuator\": {\"minPositionSteps\": 0, \"maxPositionSteps\": 40,"
                + " \"initialPositionSteps\": 10, \"maxStepRateStepsPerSecond\": 1}}");
        WatchedPorts ports = new WatchedPorts();
        WatchedPorts.Outcome outcome = WatchedPorts.execute(new CalibrateCommand(ports), "--config", config.toString(),
                "--out", directory.resolve("slow-cal.json").toString(), "--rig-id", "bench-1", "--positions", "3");

        assertEquals(0, outcome.code(), outcome.out() + outcome.err());
        assertEquals(java.util.List.of(), ports.actuator.movesFasterThan(1.0));
        assertEquals(10, ports.actuator.log().getLast().positionSteps(), "back at the start");
        // The walk goes at the limit: the whole 80 steps of travel, and the last move at least 80 s after the start.
        java.util.List<RecordingActuator.Move> log = ports.actuator.log();
        long travelSteps = 0;
        for (int i = 1; i < log.size(); i++) {
            travelSteps += Math.abs(log.get(i).positionSteps() - log.get(i - 1).positionSteps());
        }
        assertEquals(80, travelSteps, log.toString());
        assertTrue(log.getLast().nanos() - log.getFirst().nanos() >= 80_000_000_000L, log.toString());
        assertTrue(outcome.out().contains("80 steps of actuator travel at the step-rate limit of 1 steps/s take 80 s"),
                outcome.out());
        CalibrationFile written = CalibrationFiles.load(directory.resolve("slow-cal.json"), "bench-1");
        assertEquals(java.util.List.of(0, 20, 40), written.table().stream().map(CalibrationRow::positionSteps).toList());
        LinearTuningMap truth = new LinearTuningMap(0, 40, 0.5e-6, 20e-6);
        for (CalibrationRow row : written.table()) {
            double trueValue = truth.valueAt(row.positionSteps());
            assertEquals(trueValue, row.tunedValue(), 0.01 * trueValue, "measured where it was meant to be");
        }
    }
}
