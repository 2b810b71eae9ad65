package org.resonantlearner.schematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.rig.SeriesRlcRig;
import org.resonantlearner.rig.SteadyState;

/**
 * Runs the committed RLC netlist {@code schematics/rlc-rig.cir} in ngspice (batch mode) and compares
 * resonant frequency, loaded Q and steady-state load power with the project's closed forms
 * ({@link SteadyState} over the default config's {@link SeriesRlcRig}); also checks that the
 * netlist's {@code .param} values are the default config's.
 *
 * <p>Without ngspice on the PATH the simulation test is skipped, unless the environment variable
 * {@code CI} is set: there it fails, since {@code .ci/run} installs ngspice.
 */
class NgspiceRlcTest {
    private static final Path NETLIST = Path.of("schematics", "rlc-rig.cir");

    // The requirement: ngspice and the model agree within 1 %.
    private static final double TOL_FREQUENCY_FRACTION = 0.01;
    private static final double TOL_QUALITY_FRACTION = 0.01;
    private static final double TOL_POWER_FRACTION = 0.01;
    // Netlist values are written as decimals of the config's values: equal up to parsing.
    private static final double TOL_PARAM_FRACTION = 1e-9;

    // AC sweep: wide enough to hold every tuning's peak and half-power points without knowing them,
    // fine enough (0.075 Hz steps) that interpolation error is far below 1 %.
    private static final double SWEEP_START_HZ = 500;
    private static final double SWEEP_STOP_HZ = 2000;
    private static final int SWEEP_POINTS = 20_001;
    // Transient: τ = 2L/R = 5 ms; run 12 τ and average the load power over the last 20 whole drive
    // periods (the start-up transient has decayed to e^-8 in amplitude by then).
    private static final double TRAN_STEP_SECONDS = 1e-6;
    private static final double TRAN_STOP_SECONDS = 60e-3;
    private static final double AVERAGE_FROM_SECONDS = 40e-3;

    // Natural frequency of each tuning, in linewidths Γ = R/(2πL) from the drive frequency.
    private static final double[] DETUNINGS_LINEWIDTHS = {0.0, 1.0, -3.0};

    private static final Pattern PARAM_LINE =
            Pattern.compile("^\\s*\\.param\\s+(\\w+)\\s*=\\s*(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEAS_RESULT = Pattern.compile("^\\s*pavg\\s*=\\s*(\\S+)");

    @TempDir
    Path tempDir;

    private final RunConfig config = ConfigLoader.load(null, ConfigLoader.Overrides.none());

    @Test
    void netlistParamsAreTheDefaultConfigValues() throws IOException {
        SeriesRlcRig rig = assertInstanceOf(SeriesRlcRig.class, config.rig());
        Map<String, Double> params = netlistParams();
        double driveHz = config.drive().frequencyHz(0);
        double driveVolts = config.drive().amplitude(0);

        assertParam(rig.inductanceHenries(), params, "lcoil");
        assertParam(rig.sourceResistanceOhms(), params, "rsrc");
        assertParam(rig.coilResistanceOhms(), params, "rcoil");
        assertParam(rig.loadResistanceOhms(), params, "rload");
        assertEquals(0.0, rig.cubicStiffness(), "the netlist's capacitor is linear");
        assertParam(driveHz, params, "fdrive");
        assertParam(driveVolts, params, "vpeak");
        assertParam(config.tuningMap().valueAt(config.actuator().minPositionSteps()), params, "cmin");
        assertParam(config.tuningMap().valueAt(config.actuator().maxPositionSteps()), params, "cmax");
        assertParam(SteadyState.resonantTunedValue(rig, driveHz, driveVolts), params, "ctune");
    }

    @Test
    void ngspiceAgreesWithTheModelAtThreeTunings() throws IOException, InterruptedException {
        Ngspice.requireInstalled();
        SeriesRlcRig rig = assertInstanceOf(SeriesRlcRig.class, config.rig());
        double driveHz = config.drive().frequencyHz(0);
        double driveVolts = config.drive().amplitude(0);
        double linewidthHz = SteadyState.linewidthHz(rig, 1.0);

        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%-10s %-12s %-22s %-18s %-26s",
                "detuning", "C (uF)", "f0 (Hz) spice/model", "Q spice/model", "P (mW) spice/model"));
        List<Runnable> checks = new ArrayList<>();
        for (double detuning : DETUNINGS_LINEWIDTHS) {
            double naturalHz = driveHz + detuning * linewidthHz;
            double capacitanceFarads = 1.0 / (Math.pow(2 * Math.PI * naturalHz, 2) * rig.inductanceHenries());
            Simulated simulated = simulate(capacitanceFarads);

            double modelHz = SteadyState.naturalFrequencyHz(rig, capacitanceFarads);
            double modelQuality = SteadyState.loadedQuality(rig, capacitanceFarads);
            double modelWatts = SteadyState.loadPowerWatts(rig, capacitanceFarads, driveHz, driveVolts);
            table.add(String.format(Locale.ROOT, "%+5.1f Γ    %-12.4f %9.3f / %-9.3f  %6.3f / %-8.3f  %10.5f / %-10.5f",
                    detuning, capacitanceFarads * 1e6, simulated.resonantHz, modelHz, simulated.quality, modelQuality,
                    simulated.loadWatts * 1e3, modelWatts * 1e3));
            String at = " at C = " + capacitanceFarads + " F (" + detuning + " linewidths)";
            checks.add(() -> assertEquals(modelHz, simulated.resonantHz, TOL_FREQUENCY_FRACTION * modelHz,
                    "resonant frequency (Hz)" + at));
            checks.add(() -> assertEquals(modelQuality, simulated.quality, TOL_QUALITY_FRACTION * modelQuality,
                    "loaded Q" + at));
            checks.add(() -> assertEquals(modelWatts, simulated.loadWatts, TOL_POWER_FRACTION * modelWatts,
                    "steady-state load power (W)" + at));
        }
        System.out.println("ngspice vs model, series RLC rig, drive " + driveHz + " Hz " + driveVolts + " V peak:");
        table.forEach(System.out::println);
        checks.forEach(Runnable::run);
    }

    /** What ngspice found for one tuning. */
    private record Simulated(double resonantHz, double quality, double loadWatts) {}

    private Simulated simulate(double capacitanceFarads) throws IOException, InterruptedException {
        Path acFile = tempDir.resolve("ac.txt");
        Path powerFile = tempDir.resolve("power.txt");
        Files.deleteIfExists(acFile);
        Files.deleteIfExists(powerFile);
        String control = String.join("\n",
                "* NgspiceRlcTest: the committed netlist with its tuning overridden",
                ".include " + NETLIST.toAbsolutePath(),
                ".control",
                "alterparam ctune=" + capacitanceFarads,
                "reset",
                "option reltol=1e-6",
                String.format(Locale.ROOT, "ac lin %d %s %s", SWEEP_POINTS, SWEEP_START_HZ, SWEEP_STOP_HZ),
                "wrdata " + acFile + " vm(load)",
                String.format(Locale.ROOT, "tran %s %s 0 %s", TRAN_STEP_SECONDS, TRAN_STOP_SECONDS, TRAN_STEP_SECONDS),
                // Instantaneous load power v²/RL, RL read back from the netlist's own element.
                "let pload = v(load)*v(load)/@rl[resistance]",
                String.format(Locale.ROOT, "meas tran pavg AVG pload from=%s to=%s", AVERAGE_FROM_SECONDS, TRAN_STOP_SECONDS),
                "print pavg > " + powerFile,
                // Batch mode exits 1 when the deck has no .tran/.ac lines of its own; the result
                // files, checked below, tell whether the runs worked.
                "quit 0",
                ".endc",
                ".end",
                "");
        int exitCode = Ngspice.runBatch(tempDir, control);
        Path log = Ngspice.log(tempDir);
        if (exitCode != 0 || !Files.exists(acFile) || !Files.exists(powerFile)) {
            fail("ngspice exited " + exitCode + " without its results; log:\n" + Files.readString(log));
        }
        double[][] sweep = readSweep(acFile);
        double loadWatts = readMeasurement(powerFile);
        return analyseSweep(sweep[0], sweep[1], loadWatts);
    }

    /** Peak of |v(load)| (parabola through the top three points) and its half-power width (linear interpolation). */
    private static Simulated analyseSweep(double[] hz, double[] volts, double loadWatts) {
        int top = 0;
        for (int i = 1; i < volts.length; i++) {
            if (volts[i] > volts[top]) {
                top = i;
            }
        }
        assertTrue(top > 0 && top < volts.length - 1, "the peak lies inside the sweep, not at " + hz[top] + " Hz");
        double left = volts[top - 1];
        double middle = volts[top];
        double right = volts[top + 1];
        double offsetSteps = 0.5 * (left - right) / (left - 2 * middle + right);
        double stepHz = hz[top + 1] - hz[top];
        double peakHz = hz[top] + offsetSteps * stepHz;
        double peakVolts = middle - 0.25 * (left - right) * offsetSteps;

        double halfPowerVolts = peakVolts / Math.sqrt(2);
        int low = top;
        while (low > 0 && volts[low] >= halfPowerVolts) {
            low--;
        }
        int high = top;
        while (high < volts.length - 1 && volts[high] >= halfPowerVolts) {
            high++;
        }
        assertTrue(volts[low] < halfPowerVolts && volts[high] < halfPowerVolts,
                "both half-power points lie inside the sweep");
        double lowHz = crossing(hz[low], volts[low], hz[low + 1], volts[low + 1], halfPowerVolts);
        double highHz = crossing(hz[high - 1], volts[high - 1], hz[high], volts[high], halfPowerVolts);
        return new Simulated(peakHz, peakHz / (highHz - lowHz), loadWatts);
    }

    private static double crossing(double hzA, double voltsA, double hzB, double voltsB, double level) {
        return hzA + (level - voltsA) / (voltsB - voltsA) * (hzB - hzA);
    }

    /** wrdata's columns: frequency (Hz), |v(load)| (V). */
    private static double[][] readSweep(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        double[] hz = new double[lines.size()];
        double[] volts = new double[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).trim().split("\\s+");
            hz[i] = Double.parseDouble(fields[0]);
            volts[i] = Double.parseDouble(fields[1]);
        }
        assertEquals(SWEEP_POINTS, hz.length, "AC sweep points in " + file);
        return new double[][] {hz, volts};
    }

    private static double readMeasurement(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            Matcher m = MEAS_RESULT.matcher(line);
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
        }
        return fail("no pavg in " + file + ":\n" + Files.readString(file));
    }

    private static Map<String, Double> netlistParams() throws IOException {
        Map<String, Double> params = new LinkedHashMap<>();
        for (String line : Files.readAllLines(NETLIST)) {
            Matcher m = PARAM_LINE.matcher(line);
            if (m.matches()) {
                params.put(m.group(1).toLowerCase(Locale.ROOT), Double.parseDouble(m.group(2)));
            }
        }
        return params;
    }

    private static void assertParam(double expected, Map<String, Double> params, String name) {
        Double actual = params.get(name);
        assertNotNull(actual, ".param " + name + " missing from " + NETLIST + " (plain decimal numbers only)");
        assertEquals(expected, actual, TOL_PARAM_FRACTION * Math.abs(expected), ".param " + name + " in " + NETLIST);
    }
}
