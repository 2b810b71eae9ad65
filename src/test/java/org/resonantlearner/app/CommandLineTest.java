package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;

class CommandLineTest {
    @TempDir
    Path directory;

    /** Runs the CLI with stdout and stderr captured; returns {exit code, out, err}. */
    private static Object[] execute(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Object[] {code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "bench", "loop-bench", "decoder-bench", "emulate-frontend", "selftest"})
    void everyCommandHasHelp(String command) {
        Object[] result = execute(command, "--help");
        assertEquals(0, result[0]);
        assertTrue(((String) result[1]).contains("Usage: resonant-learner " + command), (String) result[1]);
    }

    @Test
    void invalidConfigExitsWithTwoAndOneLineBeforeAnythingStarts() throws IOException {
        Path config = directory.resolve("bad.json");
        Files.writeString(config, "{\"rig\": {\"loadResistanceOhms\": 0}}");
        Path runDirectory = directory.resolve("run");
        Object[] result = execute("run", "--config", config.toString(), "--out", runDirectory.toString());
        assertEquals(2, result[0]);
        String err = ((String) result[2]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("rig.loadResistanceOhms = 0.0 Ω is invalid: allowed"), err);
        assertFalse(Files.exists(runDirectory), "nothing is created for a config that cannot run");
    }

    @Test
    void malformedArgumentExitsWithTwoAndOneLine() {
        Object[] result = execute("run", "--seed", "abc");
        assertEquals(2, result[0]);
        String err = ((String) result[2]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("'--seed': 'abc'"), err);
    }

    @Test
    void unknownTunerOnTheCommandLineExitsWithTwo() {
        Object[] result = execute("run", "--tuner", "telepathy", "--out", directory.resolve("r").toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("telepathy"), (String) result[2]);
    }

    @Test
    void aRunNeverOverwritesAnExistingRecord() throws IOException {
        Path runDirectory = directory.resolve("run");
        Files.createDirectories(runDirectory);
        Files.writeString(runDirectory.resolve("power.csv"), "precious");
        Object[] result = execute("run", "--duration", "0.1", "--out", runDirectory.toString());
        assertEquals(2, result[0]);
        assertEquals("precious", Files.readString(runDirectory.resolve("power.csv")));
    }

    /** Columns of a simulated run's power.csv: the first twelve of a telemetry row. */
    private static final int CSV_COLUMNS = 12;

    /**
     * Runs {@code run --duration 3 --seed 4 --out runDirectory} in a child JVM, as a user runs it
     * (TinyLog is configured once per process); returns what it printed, after checking exit status 0.
     */
    private static String runThreeSecondsOfSeedFour(Path runDirectory) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--duration", "3", "--seed", "4",
                "--out", runDirectory.toString()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        return out;
    }

    @Test
    void runRecordsTheTraceOfOneUninterruptedRunOfTheSameConfig() throws IOException, InterruptedException {
        // run reads in slices (to see stop requests); bench and the tests run the loop in one go. The
        // record must not depend on that: same config, same seed, same rows.
        Path runDirectory = directory.resolve("run");
        runThreeSecondsOfSeedFour(runDirectory);
        PowerCsvFile csv = PowerCsvFile.read(runDirectory.resolve("power.csv"));
        RunConfig config = ConfigLoader.load(null, new ConfigLoader.Overrides(4L, 3.0, null));
        List<double[]> rows = new ArrayList<>();
        try (ServiceRun run = new ServiceRun(config, false, row -> rows.add(row.clone()))) {
            run.runToEnd();
        }
        assertEquals(rows.size(), csv.rows().size(), "windows");
        // The CSV's twelve columns are the row's first twelve, in order (telemetry.PowerCsv); Double.toString
        // round-trips, so equal means bit for bit.
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(Arrays.copyOf(rows.get(i), CSV_COLUMNS), csv.rows().get(i), "row " + i);
        }
    }

    @Test
    void runWritesTheRecordAndPrintsProgress() throws IOException, InterruptedException {
        Path runDirectory = directory.resolve("run");
        String out = runThreeSecondsOfSeedFour(runDirectory);
        assertTrue(out.contains("t=    1.00 s") || out.contains("t=    1.0"), out);
        assertTrue(out.contains("Record: " + runDirectory), out);
        JsonNode summary = new ObjectMapper().readTree(runDirectory.resolve("summary.json").toFile());
        for (String key : List.of("harvestedEnergyJoules", "oracleEnergyJoules", "captureRatio", "lockTimeSeconds",
                "actuatorMoves", "tuningEnergyJoules", "netEnergyJoules", "seed", "tuner", "rig", "exitStatus")) {
            assertTrue(summary.has(key), "summary.json has " + key);
        }
        assertEquals("completed", summary.get("exitStatus").asText());
        assertEquals(4, summary.get("seed").asLong());
        List<String> csv = Files.readAllLines(runDirectory.resolve("power.csv"));
        String columns = csv.stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        for (String column : List.of("Time (s)", "Drive frequency (Hz)", "Tuning position (steps)", "Capacitance (F)",
                "Load power (W)", "Oracle power (W)", "Harvested energy (J)", "Tuning energy (J)")) {
            assertTrue(columns.contains(column), columns);
        }
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("# seed: 4")), "header names the seed");
        assertTrue(csv.stream().anyMatch(l -> l.contains("rig.loadResistanceOhms = 2.0 Ω")), "header has units");
        assertTrue(Files.exists(runDirectory.resolve("resonant-learner.log")));
        assertTrue(Files.exists(runDirectory.resolve("power.log")));
    }

    @Test
    void benchRunsAScenarioFileAndWritesBenchJson() throws IOException {
        Path scenarios = directory.resolve("scenarios.json");
        Files.writeString(scenarios, """
                {"scenarios": [
                  {"name": "static-short", "durationSeconds": 2, "actuator": {"initialPositionSteps": 3900}},
                  {"name": "step-short", "durationSeconds": 2,
                   "drive": {"frequency": {"kind": "steps", "stepTimesSeconds": [1.0], "frequenciesHz": [1050]}}}
                ]}
                """);
        Path out = directory.resolve("bench");
        Object[] result = execute("bench", "--scenario", scenarios.toString(), "--tuners", "fixed,noise-brake",
                "--out", out.toString());
        assertEquals(0, result[0], (String) result[2]);
        assertTrue(((String) result[1]).contains("| static-short | noise-brake |"), (String) result[1]);
        JsonNode bench = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        assertEquals(4, bench.size());
        assertEquals("static-short", bench.get(0).get("scenario").asText());
        assertEquals("fixed", bench.get(0).get("tuner").asText());
        assertEquals(0, bench.get(0).get("actuatorMoves").asLong(), "fixed never moves");
        assertEquals(1, bench.get(3).get("relockTimesSeconds").size(), "one drive step, one re-lock figure");
    }

    @Test
    void selftestPassesOnTheSimulatedRigAndMeasuresItsNoise() {
        Object[] result = execute("selftest");
        String out = (String) result[1];
        assertEquals(0, result[0], out + result[2]);
        assertTrue(out.contains("selftest: PASS"), out);
        assertTrue(out.contains("reached 2100, back at 2000: ok"), out);
        // 0.5 mV of sensor noise plus 12-bit quantisation over 3.3 V (0.23 mV rms): 0.55 mV.
        java.util.regex.Matcher noise = java.util.regex.Pattern.compile("noise ([0-9.e-]+) V rms").matcher(out);
        assertTrue(noise.find(), out);
        assertEquals(0.55e-3, Double.parseDouble(noise.group(1)), 0.1e-3, out);
    }

    @Test
    void selftestFailsWhenTheSignalClipsAtTheAdcRails() throws IOException {
        Path config = directory.resolve("clip.json");
        Files.writeString(config, "{\"sensor\": {\"fullScaleVolts\": 0.07}}");
        Object[] result = execute("selftest", "--config", config.toString());
        assertEquals(1, result[0]);
        assertTrue(((String) result[1]).contains("FAIL: the signal reaches the ADC rails"), (String) result[1]);
        assertTrue(((String) result[1]).contains("selftest: FAIL"), (String) result[1]);
    }

    @Test
    void aMissingFrontEndIsOneErrorLineAndExitOne() throws IOException {
        Path config = directory.resolve("serial.json");
        Files.writeString(config, "{\"mode\": \"serial\", \"serial\": {\"port\": \"" + directory.resolve("nothing")
                + "\"}}");
        Object[] result = execute("selftest", "--config", config.toString());
        assertEquals(1, result[0]);
        String err = ((String) result[2]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("does not exist"), err);
    }

    @Test
    void badScenarioFileNamesTheScenario() throws IOException {
        Path scenarios = directory.resolve("scenarios.json");
        Files.writeString(scenarios, "{\"scenarios\": [{\"name\": \"x\", \"rig\": {\"massKg\": 1}}]}");
        Object[] result = execute("bench", "--scenario", scenarios.toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("scenario x: rig.massKg is not a known key"), (String) result[2]);
    }
}
