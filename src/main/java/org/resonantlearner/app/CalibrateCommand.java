package org.resonantlearner.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.RunMode;
import org.resonantlearner.calibration.CalibrationFile;
import org.resonantlearner.calibration.CalibrationFiles;
import org.resonantlearner.calibration.CalibrationPlot;
import org.resonantlearner.calibration.CalibrationRow;
import org.resonantlearner.calibration.Calibrator;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.rig.RigModel;
import org.resonantlearner.rig.SettableDrive;
import org.resonantlearner.rig.SteadyState;
import org.resonantlearner.rig.TuningMap;
import org.resonantlearner.telemetry.RunLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code calibrate}: measures the configured rig's resonance at positions across the actuator range
 * ({@link Calibrator}), writes a calibration file (calibration/FORMAT.md) and a PNG of the resonance
 * curves with their fits and the measured map. On the simulated rig it also prints the recovered
 * parameters against the simulation's true ones.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Step the actuator across its range, measure the resonance at each position (a drive sweep"
                + " where the drive can be set, otherwise power against position at the fixed drive), fit f0, Q"
                + " and linewidth, and write a calibration file and a PNG plot.",
            "On the simulated rig the drive is swept and the true parameters are printed beside the recovered ones."})
public final class CalibrateCommand implements Callable<Integer> {
    /** Pixels of one panel of the plot. */
    private static final int PANEL_WIDTH_PIXELS = 640;
    private static final int PANEL_HEIGHT_PIXELS = 640;
    /** Resonance curves drawn in the plot's first panel. */
    private static final int PLOTTED_CURVES = 3;

    @Mixin
    private ConfigOption configOption;

    /** Opens the adapters of a config: {@link Adapters#open}, unpaced, unless a test watches them. */
    private final Function<RunConfig, Adapters.Opened> openPorts;

    @Option(names = "--out", paramLabel = "FILE", description = "Calibration file to write (default: calibration-RIGID-DATE.json).")
    private Path outFile;

    @Option(names = "--plot", paramLabel = "FILE", description = "PNG to write (default: the --out file with .png).")
    private Path plotFile;

    @Option(names = "--rig-id", paramLabel = "ID", description = "Rig id the file records (default: the rig id of the config's calibration file).")
    private String rigId;

    @Option(names = "--positions", paramLabel = "N", description = "Actuator positions, evenly spaced over the range (default 21).")
    private int positions = 21;

    @Option(names = "--ringdown", description = "Also fit a ringdown at every position (needs a drive that can be switched off).")
    private boolean ringdown;

    @Option(names = "--fixed-drive", description = "Map power against position at the fixed drive even where the drive could be swept.")
    private boolean fixedDrive;

    @Option(names = "--sweep-from", paramLabel = "HZ", description = "Lowest drive frequency of the coarse sweep, Hz (default: 0.7 × the nominal map's lowest f0).")
    private Double sweepFromHz;

    @Option(names = "--sweep-to", paramLabel = "HZ", description = "Highest drive frequency of the coarse sweep, Hz (default: 1.4 × the nominal map's highest f0).")
    private Double sweepToHz;

    @Option(names = "--measure-periods", paramLabel = "N", description = "Drive periods per power measurement (default 40).")
    private int measurePeriods = 40;

    @Option(names = "--overwrite", description = "Replace an existing calibration file (otherwise refused: a recorded calibration is not lost by mistake).")
    private boolean overwrite;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the simulated rig's noise (default: the config's).")
    private Long seed;

    /** The command as picocli makes it: on the adapters the config names. */
    public CalibrateCommand() {
        this(config -> Adapters.open(config, false));
    }

    /** The command on the ports {@code openPorts} opens (a test wraps the actuator to log its moves). */
    CalibrateCommand(Function<RunConfig, Adapters.Opened> openPorts) {
        this.openPorts = openPorts;
    }

    @Override
    public Integer call() throws IOException {
        RunLogs.configureConsoleOnly();
        RunConfig config = configOption.load(new ConfigLoader.Overrides(seed, null, null));
        String id = rigId != null ? rigId : config.calibration() != null ? config.calibration().rigId() : null;
        if (id == null) {
            throw new ConfigException("--rig-id is missing: required unless the config names a calibration file"
                    + " (whose rig id is then kept): the id the new calibration file records");
        }
        if (!CalibrationFile.RIG_ID.matcher(id).matches()) {
            throw new ConfigException("--rig-id = \"" + id + "\" is invalid: allowed 1 to 64 letters, digits, '.', '_' or '-'");
        }
        LocalDate date = LocalDate.now();
        Path out = outFile != null ? outFile : Path.of("calibration-" + id + "-" + date + ".json");
        Path plot = plotFile != null ? plotFile : out.resolveSibling(out.getFileName().toString()
                .replaceFirst("\\.json$", "") + ".png");
        for (Path target : List.of(out, plot)) {
            if (!overwrite && Files.exists(target)) {
                throw new ConfigException(target + " exists already: choose another --out/--plot, or pass --overwrite");
            }
        }
        boolean sweepDrive = !fixedDrive && config.mode() == RunMode.SIM;
        if (ringdown && !sweepDrive) {
            throw new ConfigException("--ringdown needs a drive that can be switched off: the simulated rig's,"
                    + " without --fixed-drive (a bench drive is not under the service's control)");
        }
        RunConfig calibrationConfig = sweepDrive ? config.withDrive(new SettableDrive(
                config.drive().frequencyHz(0.0), config.drive().amplitude(0.0))) : config;
        Calibrator.Settings settings = settings(config);

        PrintStream console = System.out;
        long wallStart = System.nanoTime();
        Calibrator.Result result;
        try (Adapters.Opened ports = openPorts.apply(calibrationConfig)) {
            console.printf("calibrate: %s adapters, %s rig, %d positions, %s%n", config.mode().configName(),
                    config.rig().kind(), positions, ports.driveControl() != null
                            ? String.format("drive swept (coarse %.4g–%.4g Hz)", settings.sweepFromHz(), settings.sweepToHz())
                            : "power against position at the fixed drive");
            Calibrator calibrator;
            try {
                calibrator = new Calibrator(ports.source(), ports.limitedActuator(config), ports.driveControl(), config.rig(),
                        config.tuningMap(), settings, line -> console.println("  " + line));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
            // The simulated sensor reports uncorrected volts; every driver (simulated Pi hardware too) applies the config's.
            AdcCalibration applied = config.mode() == RunMode.SIM ? AdcCalibration.NONE
                    : new AdcCalibration(config.sensor().offsetVolts(), config.sensor().gainErrorFraction());
            result = calibrator.run(new Calibrator.Identity(out.toString(), id, config.rig().kind(),
                    tunedParameter(config), date, applied, String.format("resonant-learner %s calibrate, %s, seed %d",
                            Main.version(), config.adaptersDescription(), config.seed())));
        }
        CalibrationFiles.write(result.file(), out, overwrite);
        CalibrationPlot.writePng(plot, "Calibration of " + id + " (" + config.rig().kind() + "), " + date,
                panels(result, config), PANEL_WIDTH_PIXELS, PANEL_HEIGHT_PIXELS);
        console.printf("calibrate: %d rows in %.1f s of stream time (%.1f s wall)%n", result.file().table().size(),
                result.streamSeconds(), (System.nanoTime() - wallStart) / 1e9);
        if (config.physicsSimulated()) {
            printAgainstTruth(console, result, config);
        }
        console.printf("Wrote %s and %s%n", out, plot);
        return 0;
    }

    private Calibrator.Settings settings(RunConfig config) {
        double[] nominalHz = nominalFrequencyRangeHz(config);
        double from = sweepFromHz != null ? sweepFromHz : 0.7 * nominalHz[0];
        double to = sweepToHz != null ? sweepToHz
                : Math.min(1.4 * nominalHz[1], SimulatedRig.maxDriveFrequencyHz(config.sensor().sampleRateHz()));
        try {
            return new Calibrator.Settings(positions, 40, 15, 21, from, to, 3, 8,
                    measurePeriods, 0.2, ringdown, config.sensor().clipVolts());
        } catch (InvalidValueException e) {
            throw new ConfigException("--" + e.getMessage(), e);
        }
    }

    /** The nominal map's resonant frequencies at the two ends of the actuator range, ascending (Hz). */
    private static double[] nominalFrequencyRangeHz(RunConfig config) {
        double a = SteadyState.naturalFrequencyHz(config.rig(), config.tuningMap().valueAt(config.actuator().minPositionSteps()));
        double b = SteadyState.naturalFrequencyHz(config.rig(), config.tuningMap().valueAt(config.actuator().maxPositionSteps()));
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    private static String tunedParameter(RunConfig config) {
        return switch (config.rig().tunedParameterUnit()) {
            case "F" -> "capacitance";
            case "N/m" -> "stiffness";
            default -> "mass";
        };
    }

    /** Recovered against true f0, Q, linewidth and tuned value per row, and the largest error of each. */
    private static void printAgainstTruth(PrintStream out, Calibrator.Result result, RunConfig config) {
        RigModel rig = config.rig();
        TuningMap truth = config.tuningMap();
        String unit = rig.tunedParameterUnit();
        out.println("Recovered against the simulation's true parameters (error in %):");
        out.printf("  %9s %12s %12s %8s %9s %9s %7s %10s %10s %7s %12s %12s %7s%n", "position", "f0 true Hz",
                "f0 fit Hz", "err", "Q true", "Q fit", "err", "lw true Hz", "lw fit Hz", "err", "value true " + unit,
                "value fit", "err");
        double[] worst = new double[4];
        for (CalibrationRow row : result.file().table()) {
            double value = truth.valueAt(row.positionSteps());
            double f0 = SteadyState.naturalFrequencyHz(rig, value);
            double q = SteadyState.loadedQuality(rig, value);
            double linewidth = SteadyState.linewidthHz(rig, value);
            double fittedLinewidth = row.resonantFrequencyHz() / row.loadedQ();
            double[] errors = {percent(row.resonantFrequencyHz(), f0), percent(row.loadedQ(), q),
                percent(fittedLinewidth, linewidth), percent(row.tunedValue(), value)};
            for (int i = 0; i < errors.length; i++) {
                worst[i] = Math.max(worst[i], Math.abs(errors[i]));
            }
            out.printf("  %9d %12.4f %12.4f %+8.4f %9.4f %9.4f %+7.3f %10.4f %10.4f %+7.3f %12.6g %12.6g %+7.4f%n",
                    row.positionSteps(), f0, row.resonantFrequencyHz(), errors[0], q, row.loadedQ(), errors[1],
                    linewidth, fittedLinewidth, errors[2], value, row.tunedValue(), errors[3]);
        }
        out.printf("  largest error: f0 %.4f %%, Q %.4f %%, linewidth %.4f %%, tuned value %.4f %%%n", worst[0],
                worst[1], worst[2], worst[3]);
        double fileOffset = result.file().adcChannel(0).offsetVolts();
        out.printf("  ADC offset: true %.6f V, calibrated %.6f V; gain error: true %.4f, calibrated %.4f (as applied:"
                + " a gain needs a reference voltage)%n", config.sensor().offsetVolts(), fileOffset,
                config.sensor().gainErrorFraction(), result.file().adcChannel(0).gainErrorFraction());
    }

    private static double percent(double measured, double truth) {
        return 100 * (measured - truth) / truth;
    }

    private static List<CalibrationPlot.Panel> panels(Calibrator.Result result, RunConfig config) {
        List<CalibrationPlot.Panel> panels = new ArrayList<>();
        boolean simulated = config.physicsSimulated();
        List<CalibrationRow> table = result.file().table();
        double[] positions = table.stream().mapToDouble(CalibrationRow::positionSteps).toArray();
        double[] fittedHz = table.stream().mapToDouble(CalibrationRow::resonantFrequencyHz).toArray();
        double[] fittedQ = table.stream().mapToDouble(CalibrationRow::loadedQ).toArray();
        if (result.positionMap() == null) {
            List<CalibrationPlot.Series> curves = new ArrayList<>();
            List<Calibrator.SweptPosition> swept = result.swept();
            for (Calibrator.SweptPosition position : plottedCurves(swept, config.drive().frequencyHz(0.0))) {
                double[] milliwatts = scaled(position.powersWatts(), 1e3);
                curves.add(new CalibrationPlot.Series(position.positionSteps() + " steps: measured",
                        position.frequenciesHz(), milliwatts, false));
                double[] dense = Calibrator.evenlySpaced(position.frequenciesHz()[0],
                        position.frequenciesHz()[position.frequenciesHz().length - 1], 200);
                double[] model = new double[dense.length];
                for (int i = 0; i < dense.length; i++) {
                    model[i] = 1e3 * position.fit().powerWattsAt(dense[i]);
                }
                curves.add(new CalibrationPlot.Series(String.format("fit: f0 %.1f Hz, Q %.2f",
                        position.fit().resonantFrequencyHz(), position.fit().loadedQ()), dense, model, true));
            }
            panels.add(new CalibrationPlot.Panel("Resonance curves and fits", "drive frequency (Hz)",
                    "load power (mW)", curves));
        } else {
            Calibrator.PositionMap map = result.positionMap();
            double[] x = java.util.Arrays.stream(map.positionsSteps()).asDoubleStream().toArray();
            double[] dense = Calibrator.evenlySpaced(x[0], x[x.length - 1], 400);
            double[] model = new double[dense.length];
            for (int i = 0; i < dense.length; i++) {
                model[i] = 1e3 * map.fit().powerWattsAt(dense[i]);
            }
            panels.add(new CalibrationPlot.Panel(String.format("Power against position at %.2f Hz",
                    map.driveFrequencyHz()), "actuator position (steps)", "load power (mW)", List.of(
                    new CalibrationPlot.Series("measured", x, scaled(map.powersWatts(), 1e3), false),
                    new CalibrationPlot.Series("rig model fitted near the peak", dense, model, true))));
        }
        List<CalibrationPlot.Series> frequencySeries = new ArrayList<>();
        frequencySeries.add(new CalibrationPlot.Series("calibrated f0", positions, fittedHz, false));
        List<CalibrationPlot.Series> qSeries = new ArrayList<>();
        qSeries.add(new CalibrationPlot.Series("calibrated Q (sweep)", positions, fittedQ, false));
        if (table.get(0).ringdownLoadedQ().isPresent()) {
            qSeries.add(new CalibrationPlot.Series("Q (ringdown)", positions,
                    table.stream().mapToDouble(r -> r.ringdownLoadedQ().getAsDouble()).toArray(), false));
        }
        if (simulated) {
            double[] dense = Calibrator.evenlySpaced(config.actuator().minPositionSteps(), config.actuator().maxPositionSteps(), 200);
            double[] trueHz = new double[dense.length];
            double[] trueQ = new double[dense.length];
            for (int i = 0; i < dense.length; i++) {
                double value = config.tuningMap().valueAt(dense[i]);
                trueHz[i] = SteadyState.naturalFrequencyHz(config.rig(), value);
                trueQ[i] = SteadyState.loadedQuality(config.rig(), value);
            }
            frequencySeries.add(new CalibrationPlot.Series("simulated truth", dense, trueHz, true));
            qSeries.add(new CalibrationPlot.Series("simulated truth", dense, trueQ, true));
        }
        panels.add(new CalibrationPlot.Panel("Resonant frequency per position", "actuator position (steps)",
                "resonant frequency f0 (Hz)", frequencySeries));
        panels.add(new CalibrationPlot.Panel("Loaded Q per position", "actuator position (steps)", "loaded Q",
                qSeries));
        return panels;
    }

    /**
     * The curves worth drawing: the position resonant nearest the configured drive frequency (the
     * operating point), the middle of the range and its far end — at most {@value #PLOTTED_CURVES}.
     */
    private static List<Calibrator.SweptPosition> plottedCurves(List<Calibrator.SweptPosition> swept, double driveHz) {
        Calibrator.SweptPosition operating = swept.get(0);
        for (Calibrator.SweptPosition position : swept) {
            if (Math.abs(position.fit().resonantFrequencyHz() - driveHz)
                    < Math.abs(operating.fit().resonantFrequencyHz() - driveHz)) {
                operating = position;
            }
        }
        List<Calibrator.SweptPosition> curves = new ArrayList<>(List.of(operating));
        for (Calibrator.SweptPosition candidate : List.of(swept.get(swept.size() / 2), swept.get(swept.size() - 1))) {
            if (!curves.contains(candidate) && curves.size() < PLOTTED_CURVES) {
                curves.add(candidate);
            }
        }
        return curves;
    }

    private static double[] scaled(double[] values, double factor) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] * factor;
        }
        return result;
    }
}
