package org.resonantlearner.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path directory;

    private Path write(String json) throws IOException {
        Path file = directory.resolve("config.json");
        Files.writeString(file, json);
        return file;
    }

    private String errorOf(String json) throws IOException {
        Path file = write(json);
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(file, ConfigLoader.Overrides.none()));
        assertEquals(-1, error.getMessage().indexOf('\n'), "one line: " + error.getMessage());
        return error.getMessage();
    }

    @Test
    void defaultsRunTheSimulatedRlcRig() {
        RunConfig config = ConfigLoader.load(null, ConfigLoader.Overrides.none());
        assertEquals("rlc", config.rig().kind());
        assertEquals("noise-brake", config.tunerName());
        assertEquals(20_000, config.sensor().sampleRateHz());
        assertTrue(config.effectiveSettings().contains("rig.inductanceHenries = 0.01 H"),
                config.effectiveSettings().toString());
    }

    @Test
    void commandLineOverridesWin() throws IOException {
        Path file = write("{\"seed\": 5, \"durationSeconds\": 3, \"tuner\": {\"name\": \"fixed\"}}");
        RunConfig config = ConfigLoader.load(file, new ConfigLoader.Overrides(9L, 7.0, "sweep"));
        assertEquals(9, config.seed());
        assertEquals(7.0, config.durationSeconds());
        assertEquals("sweep", config.tunerName());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"rig\": {\"loadResistanceOhms\": -2}}                 | rig.loadResistanceOhms = -2.0 Ω",
        "{\"rig\": {\"inductanceHenries\": 0}}                   | rig.inductanceHenries = 0.0 H",
        "{\"sensor\": {\"adcBits\": 40}}                         | sensor.adcBits = 40 bits",
        "{\"sensor\": {\"sampleRateHz\": 1}}                     | sensor.sampleRateHz = 1.0 Hz",
        "{\"actuator\": {\"initialPositionSteps\": 20000}}       | actuator.initialPositionSteps = 20000 steps",
        "{\"drive\": {\"frequency\": {\"frequencyHz\": -5}}}     | drive.frequency.frequencyHz = -5.0 Hz",
        "{\"durationSeconds\": -1}                               | durationSeconds = -1.0 s",
        "{\"meter\": {\"windowPeriods\": 0}}                     | meter.windowPeriods = 0 periods",
    })
    void outOfRangeValuesNameKeyValueUnitAndRange(String json, String expectedStart) throws IOException {
        String message = errorOf(json);
        assertTrue(message.contains(expectedStart), message);
        assertTrue(message.contains("allowed"), message);
        assertTrue(message.startsWith(directory.resolve("config.json").toString()), message);
    }

    @Test
    void unknownKeyIsAnErrorNotIgnored() throws IOException {
        String message = errorOf("{\"rig\": {\"inductanceHenry\": 0.01}}");
        assertTrue(message.contains("rig.inductanceHenry is not a known key"), message);
    }

    @Test
    void wrongTypeNamesTheKey() throws IOException {
        String message = errorOf("{\"sensor\": {\"noiseVoltsRms\": \"loud\"}}");
        assertTrue(message.contains("sensor.noiseVoltsRms = \"loud\" V is invalid: allowed a number"), message);
    }

    @Test
    void unknownChoiceListsTheAllowedOnes() throws IOException {
        String message = errorOf("{\"rig\": {\"kind\": \"pendulum\"}}");
        assertTrue(message.contains("rig.kind = \"pendulum\" is invalid: allowed one of [rlc, mechanical-force, mechanical-base]"),
                message);
        message = errorOf("{\"tuner\": {\"name\": \"magic\"}}");
        assertTrue(message.contains("tuner.name = \"magic\""), message);
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() throws IOException {
        String message = errorOf("{\n  \"seed\": 1,\n  \"rig\": {\"kind\": \"rlc\",}\n}");
        assertTrue(message.contains("line 3"), message);
    }

    @Test
    void missingFileIsNamed() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(directory.resolve("absent.json"), ConfigLoader.Overrides.none()));
        assertTrue(error.getMessage().contains("absent.json: no such file"), error.getMessage());
    }

    @Test
    void commentsAreAllowed() throws IOException {
        Path file = write("{\n // a lab note\n \"seed\": 3 /* inline */\n}");
        assertEquals(3, ConfigLoader.load(file, ConfigLoader.Overrides.none()).seed());
    }
}
