package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service in {@code serial} mode, as a user runs it without hardware: a real socat
 * pseudo-terminal pair, {@code emulate-frontend} on one end (the simulated rig behind the wire
 * protocol), {@code run} in a child JVM on the other. Plus a clean SIGTERM stop.
 */
class SerialModeEndToEndTest {
    /** P* of the default RLC rig: V0²·RL/(2R²) = 0.25·2/32 W. */
    private static final double RESONANT_POWER_WATTS = 0.015625;

    @TempDir
    Path directory;

    private static boolean socatInstalled() {
        try {
            return new ProcessBuilder("socat", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Starts a socat pty pair and blocks until socat says it is transferring. */
    private static Process ptyPair(Path hostEnd, Path deviceEnd) throws IOException {
        Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + hostEnd,
                "pty,raw,echo=0,link=" + deviceEnd).start();
        BufferedReader log = new BufferedReader(new InputStreamReader(socat.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = log.readLine()) != null && !line.contains("starting data transfer loop")) {
            // socat reports each pty, then the start of the transfer loop
        }
        assertTrue(Files.exists(hostEnd) && Files.exists(deviceEnd), "socat made both ends");
        return socat;
    }

    private static Process childRun(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** What a child {@code run} printed and how it ended. */
    private record ChildResult(int exitCode, String output) {}

    /** The command line of a child, made once the pty pair's host end exists (it writes the files it names). */
    private interface ChildCommand {
        String[] at(Path hostEnd) throws IOException;
    }

    /**
     * Runs a child JVM against {@code emulate-frontend} on a fresh socat pair; {@code command} makes
     * its arguments from the host end's path.
     */
    private ChildResult againstEmulatedFrontEnd(ChildCommand command) throws Exception {
        Path hostEnd = directory.resolve("dev");
        Path deviceEnd = directory.resolve("emu");
        Process socat = ptyPair(hostEnd, deviceEnd);
        Thread emulator = Thread.ofPlatform().daemon().start(
                () -> Main.execute("emulate-frontend", "--port", deviceEnd.toString()));
        try {
            Process child = childRun(command.at(hostEnd));
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
            return new ChildResult(child.exitValue(), out);
        } finally {
            socat.destroy();
            socat.waitFor(10, TimeUnit.SECONDS);
            emulator.join(10_000);
        }
    }

    /** A serial-mode config for the host end, with {@code extraConfig} added to the object (may be empty). */
    private Path serialConfig(Path hostEnd, String extraConfig) throws IOException {
        Path config = directory.resolve("serial.json");
        Files.writeString(config, "{\"mode\": \"serial\", \"serial\": {\"port\": \"" + hostEnd + "\"}"
                + extraConfig + "}");
        return config;
    }

    /**
     * Runs {@code run} in a child JVM in serial mode against {@code emulate-frontend} on a fresh
     * socat pair; {@code extraConfig} is added to the config object (may be empty).
     */
    private ChildResult runAgainstEmulatedFrontEnd(String extraConfig, String... runArgs) throws Exception {
        return againstEmulatedFrontEnd(hostEnd -> {
            List<String> args = new java.util.ArrayList<>(
                    List.of("run", "--config", serialConfig(hostEnd, extraConfig).toString()));
            args.addAll(List.of(runArgs));
            return args.toArray(String[]::new);
        });
    }

    @Test
    void runsAndLocksThroughTheSerialFrontEndOverARealPty() throws Exception {
        assumeTrue(socatInstalled() || System.getenv("CI") != null, "socat is not installed");
        Path runDirectory = directory.resolve("run");
        ChildResult run = runAgainstEmulatedFrontEnd("", "--duration", "3", "--out", runDirectory.toString());
        assertEquals(0, run.exitCode(), run.output());

        JsonNode summary = new ObjectMapper().readTree(runDirectory.resolve("summary.json").toFile());
        assertEquals("completed", summary.get("exitStatus").asText());
        assertTrue(summary.get("actuatorMoves").asLong() > 0, "the tuner moved the emulated actuator");
        assertTrue(summary.get("oracleEnergyJoules").isNull(), "no oracle on hardware");
        List<String> rows = Files.readAllLines(runDirectory.resolve("power.csv")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertFalse(rows.get(0).contains("Oracle"), "hardware records have no simulation columns");
        String[] last = rows.get(rows.size() - 1).split(",");
        double lastPowerWatts = Double.parseDouble(last[4]);
        assertTrue(lastPowerWatts >= 0.9 * RESONANT_POWER_WATTS,
                "locked onto resonance through the wire: " + lastPowerWatts + " W\n" + run.output());

        // What hardware can know: no NaN, lock named by its reference, and a locked run says so.
        assertTrue(summary.get("captureRatio").isNull());
        assertFalse(run.output().contains("NaN"), run.output());
        assertTrue(run.output().contains("no oracle on hardware"), run.output());
        assertEquals("best-settled-power", summary.get("lockReference").asText(), "no calibration file configured");
        assertFalse(summary.get("lockTimeSeconds").isNull(), "a run that ends on resonance locked: " + run.output());
        assertTrue(summary.get("lockedFraction").asDouble() > 0, summary.toString());
        assertFalse(run.output().contains("never locked"), run.output());
        // Front-end health under one key.
        JsonNode frontEnd = summary.get("frontEnd");
        assertTrue(frontEnd != null && frontEnd.isObject(), summary.toString());
        assertTrue(frontEnd.get("framesDecoded").asLong() > 0, frontEnd.toString());
        for (String counter : List.of("corruptFrames", "droppedFrames", "bytesSkipped", "samplesLost",
                "ringOverrunSamples", "invalidSampleFrames", "connections", "reconnects", "disconnects",
                "failedAttempts")) {
            assertTrue(frontEnd.get(counter).isIntegralNumber(), counter + " in " + frontEnd);
        }
        assertEquals(1, frontEnd.get("connections").asLong());
        JsonNode device = frontEnd.get("device");
        assertEquals(2, device.get("protocolVersion").asInt(), device.toString());
        assertEquals(20_000, device.get("sampleRateHz").asLong());
        for (String field : List.of("firmwareVersion", "bootId", "adcBits", "samplesPerFrame")) {
            assertTrue(device.has(field), field + " in " + device);
        }
        // power.csv: the samples lost before each row and the wall clock.
        PowerCsvFile csv = PowerCsvFile.read(runDirectory.resolve("power.csv"));
        int lost = csv.column("Samples lost before");
        int wall = csv.column("Wall clock (Unix s)");
        long sumLost = 0;
        double previousWall = 0;
        for (double[] row : csv.rows()) {
            sumLost += (long) row[lost];
            assertTrue(row[wall] >= previousWall, "the wall clock runs forward");
            previousWall = row[wall];
        }
        assertTrue(sumLost <= frontEnd.get("samplesLost").asLong(), "rows count no more lost samples than the link");
        double nowSeconds = System.currentTimeMillis() / 1000.0;
        assertTrue(previousWall > nowSeconds - 120 && previousWall <= nowSeconds, "Unix seconds: " + previousWall);
    }

    @Test
    void withACalibrationFileLockIsJudgedAgainstWhatTheCalibrationPredicts() throws Exception {
        assumeTrue(socatInstalled() || System.getenv("CI") != null, "socat is not installed");
        Path runDirectory = directory.resolve("run");
        ChildResult run = runAgainstEmulatedFrontEnd(
                ", \"calibrationFile\": \"builtin:rlc-reference.json\", \"rig\": {\"kind\": \"rlc\", \"id\": \"rlc-reference\"}",
                "--duration", "3", "--out", runDirectory.toString());
        assertEquals(0, run.exitCode(), run.output());
        JsonNode summary = new ObjectMapper().readTree(runDirectory.resolve("summary.json").toFile());
        assertEquals("calibration", summary.get("lockReference").asText());
        assertFalse(summary.get("lockTimeSeconds").isNull(), run.output());
        assertTrue(run.output().contains("(against calibration)"), run.output());
        assertTrue(run.output().contains("locked"), "the progress lines judge it the same way: " + run.output());
    }

    @Test
    void benchOnASerialScenarioRunsItsTunersOneAtATimeOnTheOneDevice() throws Exception {
        assumeTrue(socatInstalled() || System.getenv("CI") != null, "socat is not installed");
        ChildResult bench = againstEmulatedFrontEnd(hostEnd -> new String[] {"bench", "--scenario",
            serialScenario(hostEnd).toString(), "--tuners", "fixed,noise-brake"});
        String out = bench.output();
        assertEquals(0, bench.exitCode(), out);
        assertTrue(out.contains("one at a time"), out);
        assertTrue(out.contains("| serial-static | fixed | – (no oracle) |"), out);
        assertTrue(out.contains("| serial-static | noise-brake | – (no oracle) |"), out);
        assertFalse(out.contains("Exception") || out.contains("NaN"), out);
    }

    /** A one-second serial-mode scenario on {@code port}. */
    private Path serialScenario(Path port) throws IOException {
        Path scenario = directory.resolve("serial-scenario.json");
        Files.writeString(scenario, "{\"name\": \"serial-static\", \"mode\": \"serial\", \"serial\": {\"port\": \""
                + port + "\"}, \"durationSeconds\": 1}");
        return scenario;
    }

    @Test
    void selftestReportsTheFrontEndsIdentityAndLinkCounters() throws Exception {
        assumeTrue(socatInstalled() || System.getenv("CI") != null, "socat is not installed");
        Path[] host = new Path[1];
        ChildResult selftest = againstEmulatedFrontEnd(hostEnd -> {
            host[0] = hostEnd;
            return new String[] {"selftest", "--config", serialConfig(hostEnd, "").toString()};
        });
        String out = selftest.output();
        assertEquals(0, selftest.exitCode(), out);
        assertTrue(out.contains("  front-end: port " + host[0] + ", device (firmwareVersion "), out);
        assertTrue(out.contains("protocolVersion 2, adcBits 12, sampleRateHz 20000, samplesPerFrame 64"), out);
        assertTrue(out.matches("(?s).*  link: framesDecoded [1-9]\\d*, corruptFrames 0, droppedFrames 0, .*"
                + "connections 1, reconnects 0, disconnects 0, failedAttempts 0\\R.*"), out);
    }

    @Test
    void aPortThatCannotBeOpenedIsOneLineNamingItAndExitOneForRunAndBench() throws Exception {
        Path missing = directory.resolve("no-such-tty");
        Path config = serialConfig(missing, "");
        Path scenario = serialScenario(missing);
        Process run = childRun("run", "--config", config.toString(), "--duration", "1", "--out",
                directory.resolve("run").toString());
        Process bench = childRun("bench", "--scenario", scenario.toString(), "--tuners", "fixed,noise-brake");
        for (Process child : List.of(run, bench)) {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, child.exitValue(), out);
            List<String> errors = out.lines().filter(l -> l.startsWith("error:")).toList();
            assertEquals(1, errors.size(), out);
            assertTrue(errors.get(0).contains(missing + " does not exist"), out);
            assertFalse(out.contains("\tat ") || out.contains("Exception"), "no stack trace: " + out);
        }
    }

    @Test
    void aDeviceWhoseActuatorRangeDiffersFromTheConfigIsRefused() throws Exception {
        assumeTrue(socatInstalled() || System.getenv("CI") != null, "socat is not installed");
        ChildResult run = runAgainstEmulatedFrontEnd(", \"actuator\": {\"maxPositionSteps\": 4095}", "--duration",
                "1", "--out", directory.resolve("run").toString());
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("do not match the serial actuator's range [0, 10000] steps"), run.output());
    }

    @Test
    void sigtermStopsCleanlyClosesTheRecordAndExitsZero() throws Exception {
        Path config = directory.resolve("config.json");
        Files.writeString(config, "{\"output\": {\"progressIntervalSeconds\": 0.1}}");
        Path runDirectory = directory.resolve("run");
        Process run = childRun("run", "--realtime", "--duration", "600", "--config", config.toString(), "--out",
                runDirectory.toString());
        try (BufferedReader output = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            int progressLines = 0;
            String line;
            while (progressLines < 5 && (line = output.readLine()) != null) {
                if (line.startsWith("t=")) {
                    progressLines++;
                }
            }
            run.destroy(); // SIGTERM (Java closes our ends of the child's pipes)
        }
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), "a SIGTERM stop is a clean exit");
        JsonNode summary = new ObjectMapper().readTree(runDirectory.resolve("summary.json").toFile());
        assertEquals("stopped", summary.get("exitStatus").asText());
    }
}
