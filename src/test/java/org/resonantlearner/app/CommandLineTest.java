package org.resonantlearner.app;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.telemetry.WindowRow;

class CommandLineTest {
    @TempDir
    Path directory;

    /** Runs the CLI with stdout and stderr captured; returns {exit code, out, err}. */
    static Object[] execute(String... args) {
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
    @ValueSource(strings = {"run", "bench", "hil", "loop-bench", "decoder-bench", "emulate-frontend", "selftest"})
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

    /** The keys of summary.json in file order; every physical quantity carries its unit in the name. */
    private static final List<String> SUMMARY_KEYS = List.of("rig", "tuner", "seed", "durationSeconds",
            "harvestedEnergyJoules", "measuredEnergyJoules", "oracleEnergyJoules", "captureRatio", "lockReference",
            "lockTimeSeconds", "relockTimesSeconds", "lockedFraction", "actuatorMoves", "actuatorTravelSteps", "tuningEnergyJoules",
            "netEnergyJoules", "breakEvenTimeSeconds", "safetyInterventions", "watchdogStalls", "stalledSeconds",
            "exitStatus");
    /** Keys without a unit suffix: names, counts and ratios. */
    private static final List<String> DIMENSIONLESS_KEYS = List.of("rig", "tuner", "seed", "captureRatio",
            "lockReference", "lockedFraction", "actuatorMoves", "safetyInterventions", "watchdogStalls", "exitStatus");
    /** The columns of a simulated run's power.csv (DESIGN §6), units in parentheses but for the move count. */
    private static final List<String> SIMULATED_COLUMNS = List.of("Time (s)", "Drive frequency (Hz)",
            "Tuning position (steps)", "Capacitance (F)", "Load power (W)", "Harvested energy (J)", "Tuning energy (J)",
            "Actuator moves", "Samples lost before", "Wall clock (Unix s)", "Oracle power (W)", "True load power (W)",
            "True drive frequency (Hz)", "Oracle energy (J)");
    /**
     * The metered energy may fall short of the true one by what lies outside the meter's windows: the
     * ring-up before the first window (the meter first needs the drive's period) and the tail after
     * the last, together under 0.1 s of the 3 s, i.e. a few per cent; noise adds σ²/RL ≈ 1.5e-7 W,
     * 1e-5 of the power.
     */
    private static final double MEASURED_SHORTFALL_FRACTION = 0.05;
    /** Float rounding of sums over 60 000 samples, relative. */
    private static final double SUM_REL_TOL = 1e-9;

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
        // The CSV's columns are these of the row (telemetry.PowerCsv); Double.toString round-trips, so
        // equal means bit for bit. The wall clock says when each ran, not what it did: left out.
        int[] rowColumns = {WindowRow.TIME_SECONDS, WindowRow.DRIVE_FREQUENCY_HZ, WindowRow.POSITION_STEPS,
            WindowRow.TUNED_VALUE, WindowRow.LOAD_POWER_WATTS, WindowRow.HARVESTED_ENERGY_JOULES,
            WindowRow.TUNING_ENERGY_JOULES, WindowRow.ACTUATOR_MOVES, WindowRow.SAMPLES_LOST_BEFORE,
            WindowRow.WALL_CLOCK_MILLIS, WindowRow.ORACLE_POWER_WATTS, WindowRow.TRUE_LOAD_POWER_WATTS,
            WindowRow.TRUE_DRIVE_FREQUENCY_HZ, WindowRow.ORACLE_ENERGY_JOULES};
        assertEquals(SIMULATED_COLUMNS.size(), rowColumns.length);
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < rowColumns.length; c++) {
                if (rowColumns[c] != WindowRow.WALL_CLOCK_MILLIS) {
                    assertEquals(rows.get(i)[rowColumns[c]], csv.rows().get(i)[c], 0.0,
                            "row " + i + ", " + SIMULATED_COLUMNS.get(c));
                }
            }
        }
    }

    @Test
    void runWritesTheRecordAndPrintsProgress() throws IOException, InterruptedException {
        Path runDirectory = directory.resolve("run");
        String out = runThreeSecondsOfSeedFour(runDirectory);
        assertTrue(out.contains("t=    1.00 s") || out.contains("t=    1.0"), out);
        assertTrue(out.contains("Record: " + runDirectory), out);
        assertTrue(Files.exists(runDirectory.resolve("resonant-learner.log")));
        assertTrue(Files.exists(runDirectory.resolve("power.log")));

        PowerCsvFile csv = PowerCsvFile.read(runDirectory.resolve("power.csv"));
        assertEquals(SIMULATED_COLUMNS, csv.columns());
        assertTrue(csv.headerLines().contains("seed: 4"), "header names the seed");
        assertTrue(csv.headerLines().contains("tuner: noise-brake"), "header names the tuner");
        assertTrue(csv.headerLines().contains("  rig.loadResistanceOhms = 2.0 Ω"), "header has units");
        assertTrue(csv.rows().size() >= 250, "10 ms windows over 3 s: " + csv.rows().size());

        JsonNode summary = new ObjectMapper().readTree(runDirectory.resolve("summary.json").toFile());
        List<String> keys = new ArrayList<>();
        summary.fieldNames().forEachRemaining(keys::add);
        assertEquals(SUMMARY_KEYS, keys);
        for (String key : keys) {
            assertTrue(DIMENSIONLESS_KEYS.contains(key) || key.endsWith("Joules") || key.endsWith("Seconds")
                    || key.endsWith("Steps"), key + " carries its unit");
        }
        assertEquals("completed", summary.get("exitStatus").asText());
        assertEquals(4, summary.get("seed").asLong());
        assertEquals("noise-brake", summary.get("tuner").asText());
        assertEquals("rlc", summary.get("rig").asText());
        // 3 s at 20 kS/s is 60 000 samples, read to the sample.
        assertEquals(3.0, summary.get("durationSeconds").asDouble(), 0.0);

        // A constant drive keeps the oracle's power constant: the best whole position's steady power at
        // 1 kHz, summed over the run. Every row's oracle power is that power.
        double oracleWatts = ReferenceRlcRig.bestReachablePowerWatts(1000);
        for (double[] row : csv.rows()) {
            assertEquals(oracleWatts, row[csv.column("Oracle power (W)")], SUM_REL_TOL * oracleWatts);
        }
        double oracleJoules = summary.get("oracleEnergyJoules").asDouble();
        assertEquals(oracleWatts * 3.0, oracleJoules, SUM_REL_TOL * oracleJoules);
        // A row's energies are taken at the sample where its window was complete (a little after the
        // zero crossing its time names): the oracle energy tells that instant, and what follows is the tail.
        double lastRowEnergySeconds = csv.last("Oracle energy (J)") / oracleWatts;
        assertTrue(lastRowEnergySeconds >= csv.last("Time (s)") && lastRowEnergySeconds <= 3.0,
                "the last row's energies at " + lastRowEnergySeconds + " s");
        double tailSeconds = 3.0 - lastRowEnergySeconds;
        assertTrue(tailSeconds < 0.02, "the last 10 ms window ends near the end: " + tailSeconds + " s before");
        double harvestedJoules = summary.get("harvestedEnergyJoules").asDouble();
        double tailJoules = harvestedJoules - csv.last("Harvested energy (J)");
        // i²·RL of a sine peaks at twice its mean, and the settled mean is at most the oracle's power.
        assertTrue(tailJoules >= 0 && tailJoules <= 2 * oracleWatts * tailSeconds + SUM_REL_TOL * harvestedJoules,
                "tail energy " + tailJoules + " J over " + tailSeconds + " s");
        assertEquals(harvestedJoules / oracleJoules, summary.get("captureRatio").asDouble(), 1e-15);
        // From the CSV alone the ratio differs only by the tail, at most 2·tail/duration of it.
        double csvCaptureRatio = csv.last("Harvested energy (J)") / csv.last("Oracle energy (J)");
        assertEquals(csvCaptureRatio, summary.get("captureRatio").asDouble(), 2 * tailSeconds / lastRowEnergySeconds);
        double measuredJoules = summary.get("measuredEnergyJoules").asDouble();
        assertTrue(measuredJoules <= harvestedJoules * (1 + 1e-4)
                && measuredJoules >= harvestedJoules * (1 - MEASURED_SHORTFALL_FRACTION),
                "measured " + measuredJoules + " J of " + harvestedJoules + " J");

        // Moves and their cost happen at window ends, before the row: the last row has them all.
        assertEquals((long) csv.last("Actuator moves"), summary.get("actuatorMoves").asLong());
        assertTrue(summary.get("actuatorMoves").asLong() > 0, "the tuner moved");
        double tuningJoules = summary.get("tuningEnergyJoules").asDouble();
        assertEquals(csv.last("Tuning energy (J)"), tuningJoules, 0.0);
        assertEquals(harvestedJoules - tuningJoules, summary.get("netEnergyJoules").asDouble(), 1e-15 * harvestedJoules);
        List<double[]> rows = csv.rows();
        int moves = csv.column("Actuator moves");
        int position = csv.column("Tuning position (steps)");
        assertEquals(rows.get(rows.size() - 2)[moves], rows.get(rows.size() - 1)[moves],
                "locked at the end: no move after the last window, so the rows show every position");
        long travelSteps = 0;
        for (int i = 1; i < rows.size(); i++) {
            travelSteps += (long) Math.abs(rows.get(i)[position] - rows.get(i - 1)[position]);
        }
        assertEquals(travelSteps + Math.abs((long) rows.get(0)[position] - 2000), summary.get("actuatorTravelSteps").asLong(),
                "travel from the initial 2000 steps through every row's position");

        // Lock (DESIGN §3): the first window of the last streak at >= 95 % of oracle power.
        double lockSeconds = csv.lockTimeSeconds(0.95);
        assertTrue(lockSeconds > 0, "the run locks: " + lockSeconds);
        assertEquals(lockSeconds, summary.get("lockTimeSeconds").asDouble(), 0.0);
        assertTrue(csv.lockTimeSeconds(0.90) < lockSeconds, "this run tells a 95 % criterion from a 90 % one: "
                + csv.lockTimeSeconds(0.90) + " s against " + lockSeconds + " s");
        int truePower = csv.column("True load power (W)");
        int oraclePower = csv.column("Oracle power (W)");
        long locked = rows.stream().filter(row -> row[truePower] >= 0.95 * row[oraclePower]).count();
        assertEquals((double) locked / rows.size(), summary.get("lockedFraction").asDouble(), 1e-12);
        assertEquals(0, summary.get("relockTimesSeconds").size(), "a constant drive has no events to re-lock after");

        // Break-even: the last window at which the harvest rose to meet the tuning cost; 0 if never behind.
        int harvested = csv.column("Harvested energy (J)");
        int tuning = csv.column("Tuning energy (J)");
        boolean inDeficit = false;
        double breakEvenSeconds = 0;
        for (double[] row : rows) {
            if (row[harvested] - row[tuning] < 0) {
                inDeficit = true;
            } else if (inDeficit) {
                inDeficit = false;
                breakEvenSeconds = row[csv.column("Time (s)")];
            }
        }
        assertFalse(inDeficit, "3 s of harvest pay for the moves");
        assertEquals(breakEvenSeconds, summary.get("breakEvenTimeSeconds").asDouble(), 0.0);
        assertEquals(0, summary.get("watchdogStalls").asLong(), "virtual time never stalls");
        assertEquals(0.0, summary.get("stalledSeconds").asDouble());
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

    /**
     * The default sensor's noise as the selftest's sine-fit residual must show it: 0.5 mV rms of
     * Gaussian noise and the 12-bit quantisation over 3.3 V (a step of 0.806 mV, uniform error of
     * 0.806/√12 = 0.233 mV rms at σ/step = 0.62, where the uniform model holds to e^(−2π²σ²/step²) ≈
     * 5e-4) add in quadrature: 0.551 mV rms.
     */
    private static final double SELFTEST_NOISE_VOLTS_RMS = Math.hypot(0.5e-3, 3.3 / 4095 / Math.sqrt(12));
    /**
     * The residual rms of the 12 000 samples of the selftest's 0.6 s block (12 periods of the slowest
     * drive the default config allows, 20 Hz) estimates it with a relative standard error of 1/√(2N) =
     * 0.65 %; four standard errors (2.6 %) cover the seeded draw, the three fitted parameters
     * (3/12 000) and the three printed digits (0.1 %).
     */
    private static final double SELFTEST_NOISE_TOL_FRACTION = 4 / Math.sqrt(2 * 12_000);

    @Test
    void selftestPassesOnTheSimulatedRigAndMeasuresItsNoise() {
        Object[] result = execute("selftest");
        String out = (String) result[1];
        assertEquals(0, result[0], out + result[2]);
        assertTrue(out.contains("selftest: PASS"), out);
        assertTrue(out.contains("reached 2100, back at 2000: ok"), out);
        java.util.regex.Matcher noise = java.util.regex.Pattern.compile("noise ([0-9.e-]+) V rms").matcher(out);
        assertTrue(noise.find(), out);
        assertEquals(SELFTEST_NOISE_VOLTS_RMS, Double.parseDouble(noise.group(1)),
                SELFTEST_NOISE_TOL_FRACTION * SELFTEST_NOISE_VOLTS_RMS, out);
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
