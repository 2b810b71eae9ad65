package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private record Outcome(int code, String out, String err) {}

    private static Outcome calibrate(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] command = new String[args.length + 1];
            command[0] = "calibrate";
            System.arraycopy(args, 0, command, 1, args.length);
            code = Main.execute(command);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void calibratesTheSimulatedRigWithinOnePercentAndNoiseBrakeThenRunsOnTheMapItWrote() throws IOException {
        Path file = directory.resolve("bench-1.json");
        Path png = directory.resolve("plots/bench-1.png");
        Outcome outcome = calibrate("--out", file.toString(), "--plot", png.toString(), "--rig-id", "bench-1",
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
        Outcome outcome = calibrate("--out", file.toString(), "--rig-id", "bench-1", "--positions", "2");
        assertEquals(2, outcome.code());
        assertEquals("error: " + file + " exists already: choose another --out/--plot, or pass --overwrite",
                outcome.err());
        assertEquals("recorded earlier", Files.readString(file));
        assertFalse(Files.exists(directory.resolve("kept.png")));
    }

    @Test
    void badOptionsAreOneLineAndExitTwoBeforeAnythingIsMeasured() {
        Outcome ringdown = calibrate("--out", directory.resolve("a.json").toString(), "--fixed-drive", "--ringdown");
        assertEquals(2, ringdown.code());
        assertTrue(ringdown.err().startsWith("error: --ringdown needs a drive that can be switched off"), ringdown.err());
        Outcome positions = calibrate("--out", directory.resolve("b.json").toString(), "--positions", "1");
        assertEquals(2, positions.code());
        assertEquals("error: --positions = 1 is invalid: allowed [2, 10000]", positions.err());
        Outcome range = calibrate("--out", directory.resolve("c.json").toString(), "--sweep-to", "9000");
        assertEquals(2, range.code());
        assertTrue(range.err().contains("is outside what the drive produces"), range.err());
        for (Outcome outcome : new Outcome[] {ringdown, positions, range}) {
            assertEquals(1, outcome.err().lines().count(), outcome.err());
        }
        assertFalse(Files.exists(directory.resolve("a.json")) || Files.exists(directory.resolve("b.json"))
                || Files.exists(directory.resolve("c.json")));
    }

    @Test
    void aResonanceOutsideTheSweepFailsWithOneLineAndWritesNothing() {
        Path file = directory.resolve("missed.json");
        Outcome outcome = calibrate("--out", file.toString(), "--rig-id", "bench-1", "--positions", "2",
                "--sweep-from", "2500", "--sweep-to", "3500");
        assertEquals(1, outcome.code());
        assertTrue(outcome.err().startsWith("error: at position 0 steps the highest power is at the edge of the sweep"),
                outcome.err());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertFalse(Files.exists(file) || Files.exists(directory.resolve("missed.png")));
    }
}
