package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.app.Main;
import org.resonantlearner.app.ServiceRun;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.rig.TabulatedTuningMap;
import org.resonantlearner.telemetry.RunMeasures;
import org.resonantlearner.telemetry.RunSummary;

/** The config keys calibrationFile and rig.id: what a calibration file changes, and the errors of a bad one. */
class CalibrationConfigTest {
    private static final String RLC_EXAMPLE = "calibration/rlc-reference.json";
    /** Default RLC rig: one linewidth (63.7 Hz at 1 kHz) is ≈ 165 steps of the C map. */
    private static final int LINEWIDTH_STEPS = 165;

    @TempDir
    Path directory;

    private static ObjectNode calibratedTree(String file, String rigId) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("calibrationFile", file);
        tree.putObject("rig").put("kind", "rlc").put("id", rigId);
        return tree;
    }

    private static RunConfig load(ObjectNode tree) {
        return ConfigLoader.fromTree("test.json", tree, ConfigLoader.Overrides.none());
    }

    private static String error(ObjectNode tree) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(tree));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void withoutACalibrationFileNothingChanges() {
        RunConfig config = load(JsonNodeFactory.instance.objectNode());
        assertNull(config.calibration());
        assertEquals("none", config.calibrationDescription());
    }

    @Test
    void theBuiltInDefaultConfigUsesTheBuiltInReferenceCalibration() {
        RunConfig config = ConfigLoader.load(null, ConfigLoader.Overrides.none());
        CalibrationFile reference = CalibrationFiles.load(Path.of(RLC_EXAMPLE), "rlc-reference");
        assertEquals("calibration/default-config.json (built in)", config.source());
        assertEquals("builtin:rlc-reference.json (rig rlc-reference, 2026-11-23)", config.calibrationDescription());
        // The packaged copy is the repository's file, not a second one that could drift.
        assertEquals(reference.table(), config.calibration().table());
        assertEquals(reference.tuningMap(), config.tuningMap());
    }

    @Test
    void aRelativeCalibrationPathIsResolvedAgainstTheConfigFilesDirectory() throws IOException {
        Path rigDirectory = Files.createDirectories(directory.resolve("rigs/bench-3"));
        Files.copy(Path.of(RLC_EXAMPLE), rigDirectory.resolve("cal.json"));
        Path config = rigDirectory.resolve("config.json");
        Files.writeString(config, "{\"calibrationFile\": \"cal.json\", \"rig\": {\"id\": \"rlc-reference\"}}");
        RunConfig loaded = ConfigLoader.load(config, ConfigLoader.Overrides.none());
        assertEquals(rigDirectory.resolve("cal.json").toString(), loaded.calibration().source());

        Files.writeString(config, "{\"calibrationFile\": \"builtin:mechanical-reference.json\","
                + " \"rig\": {\"kind\": \"mechanical-force\", \"id\": \"mechanical-reference\"}}");
        assertEquals("builtin:mechanical-reference.json",
                ConfigLoader.load(config, ConfigLoader.Overrides.none()).calibration().source());

        Files.writeString(config, "{\"calibrationFile\": \"builtin:nope.json\", \"rig\": {\"id\": \"rlc-reference\"}}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(config,
                ConfigLoader.Overrides.none()));
        assertTrue(e.getMessage().contains("builtin:nope.json: no such built-in file"), e.getMessage());
    }

    @Test
    void theExampleConfigTakesTheTuningMapFromTheFile() {
        RunConfig config = ConfigLoader.load(Path.of("calibration/default-config.json"), ConfigLoader.Overrides.none());
        CalibrationFile calibration = CalibrationFiles.load(Path.of(RLC_EXAMPLE), "rlc-reference");
        assertEquals(calibration.tuningMap(), config.tuningMap());
        assertInstanceOf(TabulatedTuningMap.class, config.tuningMap());
        assertEquals(calibration, config.calibration());
        assertEquals(RLC_EXAMPLE + " (rig rlc-reference, 2026-11-23)", config.calibrationDescription());
        assertTrue(config.effectiveSettings().contains("calibrationFile = \"" + RLC_EXAMPLE + "\""),
                config.effectiveSettings().toString());
    }

    @Test
    void sensorOffsetGainAndLoadResistanceComeFromTheFile() throws IOException {
        String text = Files.readString(Path.of(RLC_EXAMPLE))
                .replace("\"offsetVolts\": 0.0, \"gainErrorFraction\": 0.0",
                        "\"offsetVolts\": 0.012, \"gainErrorFraction\": -0.03")
                .replace("\"loadResistanceOhms\": 2.0", "\"loadResistanceOhms\": 2.5");
        Path file = directory.resolve("offset.json");
        Files.writeString(file, text);
        RunConfig config = load(calibratedTree(file.toString(), "rlc-reference"));
        assertEquals(0.012, config.sensor().offsetVolts(), 0.0);
        assertEquals(-0.03, config.sensor().gainErrorFraction(), 0.0);
        assertEquals(2.5, config.rig().loadResistanceOhms(), 0.0);
    }

    @Test
    void aRigIdIsRequired() {
        ObjectNode tree = calibratedTree(RLC_EXAMPLE, "x");
        ((ObjectNode) tree.get("rig")).remove("id");
        assertEquals("test.json: rig.id is missing: required when calibrationFile is set (the rigId the file must carry)",
                error(tree));
    }

    @Test
    void anotherRigsFileIsRefused() {
        assertEquals("test.json: calibrationFile: " + RLC_EXAMPLE + " line 2: rigId = \"rlc-reference\" is invalid:"
                + " allowed \"bench-7\" (the config's rig.id): this file calibrates another rig",
                error(calibratedTree(RLC_EXAMPLE, "bench-7")));
    }

    @Test
    void aMalformedFileNamesFileLineAndField() throws IOException {
        Path file = directory.resolve("broken.json");
        Files.writeString(file, Files.readString(Path.of(RLC_EXAMPLE)).replace("\"loadedQ\": 15.97191}", "\"loadedQ\": -1}"));
        assertEquals("test.json: calibrationFile: " + file + " line 15: table[2].loadedQ = -1.0 is invalid:"
                + " allowed a finite value > 0", error(calibratedTree(file.toString(), "rlc-reference")));
    }

    @Test
    void aFileOfAnotherRigKindIsRefused() {
        ObjectNode tree = calibratedTree("calibration/mechanical-reference.json", "mechanical-reference");
        assertEquals("test.json: calibrationFile: calibration/mechanical-reference.json: rigKind = \"mechanical-force\""
                + " is invalid: allowed \"rlc\" (the config's rig.kind)", error(tree));
    }

    @Test
    void aTuningMapBesideTheFileIsRefused() {
        ObjectNode tree = calibratedTree(RLC_EXAMPLE, "rlc-reference");
        tree.putObject("tuningMap").put("kind", "linear");
        assertTrue(error(tree).startsWith("test.json: tuningMap is set and so is calibrationFile"));
    }

    @Test
    void aSensorOffsetBesideTheFileIsRefused() {
        ObjectNode tree = calibratedTree(RLC_EXAMPLE, "rlc-reference");
        tree.putObject("sensor").put("offsetVolts", 0.01);
        assertTrue(error(tree).startsWith("test.json: sensor.offsetVolts is set and so is calibrationFile"));
    }

    @Test
    void aDisagreeingLoadResistanceIsRefused() {
        ObjectNode tree = calibratedTree(RLC_EXAMPLE, "rlc-reference");
        ((ObjectNode) tree.get("rig")).put("loadResistanceOhms", 3.0);
        assertTrue(error(tree).startsWith("test.json: rig.loadResistanceOhms = 3.0 Ω is invalid: allowed the calibration"
                + " file's loadResistanceOhms (2.0 Ω"), error(tree));
    }

    @Test
    void aRunWithTheRlcExampleLocksOnTheSimulatedRig() {
        ObjectNode tree = calibratedTree(RLC_EXAMPLE, "rlc-reference");
        // Resonance (C* = 2.533 µF at 1 kHz) is near 1043 steps: start ≈ 3 linewidths above it.
        tree.putObject("actuator").put("initialPositionSteps", 1500);
        RunConfig config = ConfigLoader.fromTree("test.json", tree, new ConfigLoader.Overrides(7L, 10.0, "noise-brake"));
        RunMeasures measures = ServiceRun.measuresFor(config);
        ServiceRun run = new ServiceRun(config, false, measures::accept);
        run.runToEnd();
        RunSummary summary = run.summary(measures, "completed");
        int errorSteps = Math.abs(run.rig().actuator().positionSteps() - run.rig().oracleBestPositionSteps());
        assertTrue(errorSteps <= 0.07 * LINEWIDTH_STEPS, "ends " + errorSteps + " steps from resonance");
        assertTrue(summary.captureRatio() >= 0.9, "capture " + summary.captureRatio());
    }

    @Test
    void aBadCalibrationFileExitsWithTwoBeforeAnythingStarts() throws IOException {
        Path config = directory.resolve("config.json");
        Files.writeString(config, "{\"calibrationFile\": \"" + Path.of(RLC_EXAMPLE).toAbsolutePath()
                + "\", \"rig\": {\"id\": \"bench-7\"}}");
        Path runDirectory = directory.resolve("run");
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute("run", "--config", config.toString(), "--out", runDirectory.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(RLC_EXAMPLE + " line 2: rigId = \"rlc-reference\" is invalid"), message);
        assertTrue(message.startsWith("error: " + config + ": calibrationFile: "), message);
        assertFalse(Files.exists(runDirectory), "nothing is created for a calibration that cannot be used");
    }

    @Test
    void theRunRecordHeaderNamesTheCalibrationFile() throws IOException {
        Path runDirectory = directory.resolve("run");
        PrintStream oldOut = System.out;
        int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            code = Main.execute("run", "--config", "calibration/default-config.json", "--duration", "0.5",
                    "--out", runDirectory.toString());
        } finally {
            System.setOut(oldOut);
        }
        assertEquals(0, code);
        List<String> header = Files.readAllLines(runDirectory.resolve("power.csv")).stream()
                .filter(line -> line.startsWith("#")).toList();
        assertTrue(header.contains("# calibration file: " + RLC_EXAMPLE + " (rig rlc-reference, 2026-11-23)"),
                header.toString());
    }
}
