package org.resonantlearner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.RunMode;

/** Suite files: criteria, the base config under every scenario, and every mistake as one line naming file, scenario and key. */
class HilSuiteTest {
    @TempDir
    Path directory;

    private Path file(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** A suite of one scenario "s1" with {@code body} (config keys and criteria) after its name. */
    private Path suite(String body) throws IOException {
        return file("suite.json", "{\"scenarios\": [{\"name\": \"s1\", " + body + "}]}");
    }

    @Test
    void criteriaAreReadInFileOrderAndTheBaseIsMergedUnderEveryScenarioTheScenarioWinning() throws IOException {
        Path base = file("base.json", """
                {"durationSeconds": 7, "sensor": {"noiseVoltsRms": 0.001, "sampleRateHz": 20000},
                 "drive": {"frequency": {"kind": "steps", "initialHz": 1000, "stepTimesSeconds": [1],
                                         "frequenciesHz": [1050]}}}
                """);
        Path file = file("my-suite.json", """
                {"scenarios": [
                  {"name": "static-a", "sensor": {"sampleRateHz": 10000},
                   "criteria": {"movesMax": 30, "captureRatioMin": 0.9}},
                  {"name": "step-b", "durationSeconds": 2,
                   "drive": {"frequency": {"stepTimesSeconds": [0.5]}},
                   "criteria": {"relockMaxSeconds": 1.5}}
                ]}
                """);
        HilSuite suite = HilSuite.read(file, base);
        assertEquals("my-suite", suite.name(), "the JUnit suite name is the file's");
        assertEquals(List.of(new HilSuite.Limit(HilCriterion.MOVES_MAX, 30),
                new HilSuite.Limit(HilCriterion.CAPTURE_RATIO_MIN, 0.9)), suite.cases().get(0).limits());
        BenchRunner.Plan plan = suite.plan(null);
        RunConfig a = plan.configs().get(0);
        RunConfig b = plan.configs().get(1);
        assertEquals(List.of("static-a", "step-b"), plan.names());
        assertEquals(7.0, a.durationSeconds(), 0.0, "from the base");
        assertEquals(2.0, b.durationSeconds(), 0.0, "the scenario's own wins");
        assertEquals(10_000.0, a.sensor().sampleRateHz(), 0.0, "objects merge key by key: the scenario's key");
        assertEquals(0.001, a.sensor().noiseVoltsRms(), 0.0, "... beside the base's");
        assertEquals(20_000.0, b.sensor().sampleRateHz(), 0.0);
        assertEquals(0.5, b.drive().eventTimesSeconds()[0], 0.0, "an array replaces the base's");
        assertEquals("noise-brake", a.tunerName(), "each scenario's own tuner, by default noise-brake");
        assertEquals(RunMode.SIM, a.mode());
        assertEquals(List.of("step-b"), suite.only("step-").plan(null).names());
    }

    @Test
    void theSeedOverridesEveryScenariosOwn() throws IOException {
        HilSuite suite = HilSuite.read(suite("\"seed\": 3, \"criteria\": {\"movesMax\": 1}"), null);
        assertEquals(3, suite.plan(null).configs().get(0).seed());
        assertEquals(9, suite.plan(9L).configs().get(0).seed());
    }

    @Test
    void theReferenceSuiteIsBuiltInWithCriteriaOnEveryScenario() {
        HilSuite suite = HilSuite.builtIn("reference", null);
        assertEquals("reference", suite.name());
        assertTrue(suite.cases().size() >= 4, "static and step on both reference rigs");
        for (HilSuite.Case c : suite.cases()) {
            assertTrue(c.limits().size() >= 1, c.scenario().name());
        }
        List<String> rigs = suite.plan(null).configs().stream().map(c -> c.rig().kind()).distinct().toList();
        assertEquals(List.of("rlc", "mechanical-force"), rigs);
        ConfigException unknown = assertThrows(ConfigException.class, () -> HilSuite.builtIn("standard", null));
        assertEquals("--suite standard: not a built-in suite [reference]", unknown.getMessage());
    }

    /** (scenario body, the message after "FILE: scenario s1: "). */
    static Stream<Arguments> badCriteria() {
        String known = HilCriterion.keys().toString();
        return Stream.of(
                Arguments.of("\"criteria\": {\"captureRatio\": 0.9}",
                        "criteria.captureRatio is not a known key: known keys here are " + known),
                Arguments.of("\"criteria\": {\"captureRatioMin\": \"high\"}",
                        "criteria.captureRatioMin = \"high\" is invalid: allowed a number"),
                Arguments.of("\"criteria\": {\"movesMax\": null}",
                        "criteria.movesMax = null is invalid: allowed a whole number"),
                Arguments.of("\"criteria\": {\"movesMax\": 2.5}",
                        "criteria.movesMax = 2.5 is invalid: allowed a whole number"),
                Arguments.of("\"criteria\": {\"movesMax\": -1}",
                        "criteria.movesMax = -1 is invalid: allowed [0, 1000000000000000]"),
                Arguments.of("\"criteria\": {\"captureRatioMin\": 1.5}",
                        "criteria.captureRatioMin = 1.5 is invalid: allowed [0.0, 1.0]"),
                Arguments.of("\"criteria\": {\"lockTimeMaxSeconds\": -0.1}",
                        "criteria.lockTimeMaxSeconds = -0.1 s is invalid: allowed [0.0, 1.0E7] s"),
                Arguments.of("\"criteria\": {\"meanHarvestedPowerMinWatts\": -1}",
                        "criteria.meanHarvestedPowerMinWatts = -1.0 W is invalid: allowed [0.0, 1.0E40] W"),
                Arguments.of("\"criteria\": {\"netEnergyMinJoules\": 1e60}",
                        "criteria.netEnergyMinJoules = 1.0E60 J is invalid: allowed [-1.0E50, 1.0E50] J"),
                Arguments.of("\"criteria\": [1]", "criteria = [1] is invalid: allowed an object { ... }"),
                Arguments.of("\"criteria\": {}", "criteria is empty: required at least one of " + known),
                Arguments.of("\"durationSeconds\": 1",
                        "criteria is missing: required an object with at least one of " + known));
    }

    @ParameterizedTest
    @MethodSource("badCriteria")
    void aBadCriterionIsOneLineNamingTheFileTheScenarioAndTheKey(String body, String message) throws IOException {
        Path file = suite(body);
        ConfigException e = assertThrows(ConfigException.class, () -> HilSuite.read(file, null));
        assertEquals(file + ": scenario s1: " + message, e.getMessage());
    }

    /** (scenario body, the message after "FILE: scenario s1: "), found when the runs are planned. */
    static Stream<Arguments> badRuns() {
        return Stream.of(
                Arguments.of("\"rig\": {\"massKg\": 1}, \"criteria\": {\"movesMax\": 1}",
                        "rig.massKg is not a known key"),
                Arguments.of("\"durationSeconds\": -1, \"criteria\": {\"movesMax\": 1}",
                        "durationSeconds = -1.0 s is invalid"),
                Arguments.of("\"criteria\": {\"relockMaxSeconds\": 1}",
                        "criteria.relockMaxSeconds needs drive events (drive.frequency or drive.amplitude steps)"
                                + " within durationSeconds = 30.0 s; this scenario has none"),
                Arguments.of("\"durationSeconds\": 2, \"drive\": {\"frequency\": {\"kind\": \"steps\","
                        + " \"stepTimesSeconds\": [2], \"frequenciesHz\": [1050]}}, \"criteria\": {\"relockMaxSeconds\": 1}",
                        "criteria.relockMaxSeconds needs drive events (drive.frequency or drive.amplitude steps)"
                                + " within durationSeconds = 2.0 s; its last is at 2.0 s"));
    }

    @ParameterizedTest
    @MethodSource("badRuns")
    void aScenarioThatCannotRunIsOneLineNamingTheFileAndTheScenarioBeforeAnythingRuns(String body, String message)
            throws IOException {
        Path file = suite(body);
        HilSuite suite = HilSuite.read(file, null);
        ConfigException e = assertThrows(ConfigException.class, () -> suite.plan(null));
        assertTrue(e.getMessage().startsWith(file + ": scenario s1: " + message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aMistakeTheBaseBringsNamesTheBaseToo() throws IOException {
        Path base = file("serial.json", "{\"mode\": \"serial\"}");
        Path file = suite("\"criteria\": {\"movesMax\": 1}");
        ConfigException e = assertThrows(ConfigException.class, () -> HilSuite.read(file, base).plan(null));
        assertEquals(file + " over --config " + base + ": scenario s1: serial.port is missing: required in mode"
                + " \"serial\", a device path such as /dev/serial/by-id/usb-...", e.getMessage());
        ConfigException missing = assertThrows(ConfigException.class,
                () -> HilSuite.read(file, directory.resolve("none.json")));
        assertTrue(missing.getMessage().startsWith("config file " + directory.resolve("none.json")),
                missing.getMessage());
    }

    @Test
    void twoScenariosOfOneNameAreRefused() throws IOException {
        Path file = file("twice.json", "{\"scenarios\": [{\"name\": \"s1\", \"criteria\": {\"movesMax\": 1}},"
                + " {\"name\": \"s1\", \"criteria\": {\"movesMax\": 2}}]}");
        ConfigException e = assertThrows(ConfigException.class, () -> HilSuite.read(file, null));
        assertEquals(file + ": scenario s1: name appears twice: each scenario needs its own name", e.getMessage());
    }

    @Test
    void aMissingNameOrAnEmptyOnlyIsOneLineToo() throws IOException {
        Path file = file("noname.json", "{\"scenarios\": [{\"criteria\": {\"movesMax\": 1}}]}");
        ConfigException e = assertThrows(ConfigException.class, () -> HilSuite.read(file, null));
        assertEquals(file + ": scenarios[0].name is missing: required a non-empty string", e.getMessage());
        HilSuite suite = HilSuite.read(suite("\"criteria\": {\"movesMax\": 1}"), null);
        ConfigException only = assertThrows(ConfigException.class, () -> suite.only("step-"));
        assertEquals("--only step-: no scenario name of " + directory.resolve("suite.json") + " starts with it",
                only.getMessage());
    }
}
