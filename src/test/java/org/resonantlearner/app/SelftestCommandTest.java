package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code selftest} on the simulated rigs, unpaced. Issue 9, finding 3c: it passed +∞ as the time
 * since the last move, so the step-rate limit allowed any travel: at 1 step/s it jumped 100 steps and
 * back (the default rig: actuator 0 to 10 000 steps, at 2000, its moves logged on the rig's clock).
 * Issue 11, item 5: it passed with the drive off ("drive: 4880.096 Hz … SNR 0.0 dB", PASS) and on the
 * README's mechanical example, whose 0.2 s block held 6 of its 30 Hz periods and none the meter could
 * measure ("no drive periods found (is the drive on?)", PASS).
 */
class SelftestCommandTest {
    /** The drive's sine power over the residual's: "SNR 33.6 dB". */
    private static final Pattern SNR = Pattern.compile("SNR (-?[0-9.]+) dB");
    /** The measured drive: "drive: 1000.000 Hz". */
    private static final Pattern DRIVE = Pattern.compile("drive: ([0-9.]+) Hz");

    @TempDir
    Path directory;

    private Path config(String name, String json) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    private static WatchedPorts.Outcome selftest(String... args) {
        return WatchedPorts.execute(new SelftestCommand(new WatchedPorts()), args);
    }

    private static double measured(Pattern pattern, String out) {
        Matcher matcher = pattern.matcher(out);
        assertTrue(matcher.find(), out);
        return Double.parseDouble(matcher.group(1));
    }

    /** The one FAIL line of {@code out}; fails unless there is exactly one. */
    private static String failLine(String out) {
        List<String> fails = out.lines().filter(line -> line.startsWith("  FAIL: ")).toList();
        assertEquals(1, fails.size(), out);
        return fails.get(0);
    }

    @Test
    void withTheDriveOffItFailsWithOneLineSayingSwitchTheDriveOn() throws IOException {
        Path off = config("off.json", "{\"drive\": {\"amplitude\": {\"amplitude\": 0}}}");
        WatchedPorts.Outcome outcome = selftest("--config", off.toString());

        assertEquals(1, outcome.code(), outcome.out() + outcome.err());
        assertTrue(failLine(outcome.out()).startsWith("  FAIL: no drive in the 0.6 s block ("), outcome.out());
        assertTrue(failLine(outcome.out()).endsWith("): switch the drive on"), outcome.out());
        assertTrue(outcome.out().endsWith("selftest: FAIL" + System.lineSeparator()), outcome.out());
        // The actuator is still checked.
        assertTrue(outcome.out().contains("reached 2100, back at 2000: ok"), outcome.out());
    }

    /**
     * Ports that are not the simulated rig (as on hardware, where the drive is external) get the same
     * line: the command judges the samples, never the config's drive.
     */
    @Test
    void onPortsWithoutTheSimulatedRigAMissingDriveIsTheSameLine() throws IOException {
        Path off = config("off.json", "{\"drive\": {\"amplitude\": {\"amplitude\": 0}}}");
        SelftestCommand hardwareLike = new SelftestCommand(runConfig -> {
            Adapters.Opened sim = Adapters.open(runConfig, false);
            return new Adapters.Opened(sim.source(), sim.actuator(), sim.clock(), null, sim.release());
        });
        WatchedPorts.Outcome outcome = WatchedPorts.execute(hardwareLike, "--config", off.toString());
        WatchedPorts.Outcome simulated = selftest("--config", off.toString());

        assertEquals(1, outcome.code(), outcome.out() + outcome.err());
        assertEquals(failLine(simulated.out()), failLine(outcome.out()));
    }

    @Test
    void theReadmesMechanicalExampleMeasuresItsThirtyHertzDriveAndPasses() throws IOException {
        Path example = config("rig.json", ReadmeExampleTest.exampleConfig());
        WatchedPorts.Outcome outcome = selftest("--config", example.toString());

        assertEquals(0, outcome.code(), outcome.out() + outcome.err());
        // 12 periods of the slowest drive the config allows, 2 Hz (10 meter periods in 5 s): 6 s at 800 S/s.
        assertTrue(outcome.out().contains("  ADC: 4800 of 4800 samples at 800 S/s"), outcome.out());
        assertEquals(30.0, measured(DRIVE, outcome.out()), 0.01, outcome.out());
        assertTrue(measured(SNR, outcome.out()) >= 10, outcome.out());
        assertTrue(outcome.out().contains("selftest: PASS"), outcome.out());
    }

    @Test
    void theMechanicalExampleWithItsDriveOffFails() throws IOException {
        String json = ReadmeExampleTest.exampleConfig().replace("\"drive\": {",
                "\"drive\": {\"amplitude\": {\"amplitude\": 0}, ");
        WatchedPorts.Outcome outcome = selftest("--config", config("off.json", json).toString());

        assertEquals(1, outcome.code(), outcome.out() + outcome.err());
        assertTrue(failLine(outcome.out()).startsWith("  FAIL: no drive in the 6 s block ("), outcome.out());
        assertTrue(failLine(outcome.out()).endsWith("): switch the drive on"), outcome.out());
    }

    @Test
    void aBlockShorterThanTheSlowestAllowedDriveNeedsIsRefusedWithExitTwo() throws IOException {
        Path example = config("rig.json", ReadmeExampleTest.exampleConfig());
        WatchedPorts.Outcome outcome = WatchedPorts.capture(
                () -> Main.execute("selftest", "--config", example.toString(), "--seconds", "0.2"));

        assertEquals(Main.EXIT_CONFIG_ERROR, outcome.code(), outcome.out() + outcome.err());
        assertEquals("", outcome.out(), "nothing opened, nothing moved");
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().startsWith("error: --seconds = 0.2 s is invalid: allowed at least 6 s"), outcome.err());
    }

    @Test
    void aLongerBlockIsAllowed() throws IOException {
        Path example = config("rig.json", ReadmeExampleTest.exampleConfig());
        WatchedPorts.Outcome outcome = selftest("--config", example.toString(), "--seconds", "8");

        assertEquals(0, outcome.code(), outcome.out() + outcome.err());
        assertTrue(outcome.out().contains("  ADC: 6400 of 6400 samples at 800 S/s"), outcome.out());
    }

    @Test
    void theDefaultRlcRigPassesWellAboveTheThreshold() {
        WatchedPorts.Outcome outcome = selftest();

        assertEquals(0, outcome.code(), outcome.out() + outcome.err());
        assertTrue(outcome.out().contains("  ADC: 12000 of 12000 samples at 20000 S/s"), outcome.out());
        assertEquals(1000.0, measured(DRIVE, outcome.out()), 0.01, outcome.out());
        // A sine of 37.1 mV peak (the detuned start) over 0.551 mV rms of noise and quantisation: 33.6 dB.
        assertEquals(33.6, measured(SNR, outcome.out()), 0.5, outcome.out());
        assertFalse(outcome.out().contains("FAIL"), outcome.out());
    }

    @Test
    void aNoisySensorBelowTheThresholdFailsWithItsLine() throws IOException {
        // 15 mV rms of noise on the 26.2 mV rms drive sine: 5 dB.
        Path noisy = config("noisy.json", "{\"sensor\": {\"noiseVoltsRms\": 0.015}}");
        WatchedPorts.Outcome outcome = selftest("--config", noisy.toString());

        assertEquals(1, outcome.code(), outcome.out() + outcome.err());
        double snrDb = measured(SNR, outcome.out());
        assertEquals(5.0, snrDb, 0.5, outcome.out());
        assertEquals(String.format("  FAIL: SNR %.1f dB at %.3f Hz is below the minimum of 10 dB (--min-snr-db):"
                + " raise the drive or lower the noise at the ADC input", snrDb, measured(DRIVE, outcome.out())),
                failLine(outcome.out()));
    }

    @Test
    void theThresholdIsAnOption() throws IOException {
        Path noisy = config("noisy.json", "{\"sensor\": {\"noiseVoltsRms\": 0.015}}");
        assertEquals(0, selftest("--config", noisy.toString(), "--min-snr-db", "3").code());
        WatchedPorts.Outcome strict = selftest("--min-snr-db", "40");
        assertEquals(1, strict.code(), strict.out());
        assertTrue(failLine(strict.out()).contains("is below the minimum of 40 dB (--min-snr-db)"), strict.out());
    }

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

    /** A sine of amplitude 1 V at 1000 Hz, 20 kS/s, 12 000 samples, with seeded Gaussian noise of {@code sigmaVolts}. */
    private static double[] noisySine(double amplitudeVolts, double sigmaVolts, long seed) {
        Random random = new Random(seed);
        double[] volts = new double[12_000];
        for (int n = 0; n < volts.length; n++) {
            volts[n] = 0.3 + amplitudeVolts * Math.sin(2 * Math.PI * 1000.0 * n / 20_000 + 0.7)
                    + sigmaVolts * random.nextGaussian();
        }
        return volts;
    }

    /**
     * SNR = (A²/2)/σ²: a 1 V sine in 0.1 V rms of noise is 17.0 dB. The residual's mean square
     * estimates σ² to 1/√(N/2) = 1.3 % (0.06 dB) over N = 12 000; 0.25 dB is four of those and more.
     */
    @Test
    void theSnrIsTheSinesPowerOverTheResidualsAtTheRefinedFrequency() {
        double[] volts = noisySine(1.0, 0.1, 11);
        // The meter's estimate, biased 0.3 % as spurious crossings bias it near 5 dB SNR: the grid finds the lobe.
        double frequencyHz = SelftestCommand.refineFrequencyHz(volts, 1003.0, 20_000);
        assertEquals(1000.0, frequencyHz, 0.01);
        SelftestCommand.SineFit fit = SelftestCommand.SineFit.of(volts, frequencyHz / 20_000);
        assertEquals(10 * Math.log10(0.5 / 0.01), fit.snrDb(), 0.25);
        assertEquals(0.01, fit.residualVolts2(), 0.01 * 4 / Math.sqrt(6_000));
    }

    /**
     * Noise alone fits a sine of power 2σ²/N on average (exponentially distributed): far below the
     * detection line of {@link SelftestCommand#DRIVE_DETECTION_FACTOR} times that, at the best
     * frequency the search finds; a sine at −15 dB is above it (30 × 2/12 000 is −23 dB).
     */
    @Test
    void noiseAloneStaysBelowTheDetectionLineAndAWeakSineIsAboveIt() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] noise = noisySine(0, 0.1, seed);
            double hz = SelftestCommand.refineFrequencyHz(noise, 4880.0, 20_000);
            SelftestCommand.SineFit fit = SelftestCommand.SineFit.of(noise, hz / 20_000);
            double line = SelftestCommand.DRIVE_DETECTION_FACTOR * 2 * fit.residualVolts2() / noise.length;
            assertTrue(fit.sineVolts2() < line / 3, "seed " + seed + ": " + fit);
        }
        double[] weak = noisySine(Math.sqrt(2 * 0.01 * Math.pow(10, -1.5)), 0.1, 3);
        SelftestCommand.SineFit fit = SelftestCommand.SineFit.of(weak, SelftestCommand.refineFrequencyHz(weak, 1000.5, 20_000) / 20_000);
        assertEquals(-15, fit.snrDb(), 1.0);
        assertTrue(fit.sineVolts2() > SelftestCommand.DRIVE_DETECTION_FACTOR * 2 * fit.residualVolts2() / weak.length, fit.toString());
    }
}
