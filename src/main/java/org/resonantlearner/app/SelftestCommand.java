package org.resonantlearner.app;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.MeterSettings;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.hal.pi4j.StepDirStepperActuator;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.loop.LimitedActuator;
import org.resonantlearner.telemetry.RunLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code selftest}: checks the configured adapters without tuning anything — reads a block of
 * samples long enough for the slowest drive the config allows and reports level, range, drive
 * frequency, noise and signal-to-noise ratio; moves the actuator a little and back through the
 * config's limits (range and step rate, from the first move); exits 1 when a check fails: missing
 * samples, clipping, no drive, an SNR below {@code --min-snr-db}, the actuator not where it was sent.
 * Works on the simulated rig and on hardware: it judges the samples, never the config's drive.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Read a block from the ADC, judge its drive and noise, move the actuator a little and back.")
public final class SelftestCommand implements Callable<Integer> {
    /** Wall time a block may take beyond its own length to arrive (a link's latency, a slow start). */
    private static final long READ_SLACK_NANOS = 5_000_000_000L;
    /** Fewest periods of the slowest allowed drive in the block: enough for the sine fit to see one drive. */
    static final int MIN_BLOCK_DRIVE_PERIODS = 10;
    /**
     * Most samples in a block: 64 MiB of doubles, and the frequency search fits a sine to them up to
     * 126 times (0.84 s at the largest allowed rate, 10 MS/s, more than the RLC default of 0.6 s;
     * 2.9 h at 800 S/s).
     */
    static final int MAX_BLOCK_SAMPLES = 1 << 23;
    /** Default of {@code --min-snr-db}: below 10 dB the power meter's zero crossings stop being reliable. */
    static final double DEFAULT_MIN_SNR_DB = 10;
    /**
     * A drive counts as present when its fitted sine has at least this many times the power a fit to
     * white noise alone gives on average (2σ²/N over N samples, exponentially distributed: noise
     * alone exceeds 30 times it with probability e^−30 ≈ 1e-13 at one frequency).
     */
    static final double DRIVE_DETECTION_FACTOR = 30;
    /** Grid steps either side of the meter's estimate in the frequency search (steps of 0.5/T). */
    private static final int MAX_GRID_STEPS = 32;
    /** The actuator's excursion is what the step-rate limit covers in about this long each way (s). */
    private static final double EXCURSION_SECONDS = 1.0;
    /** Samples read at a time while the actuator waits for the step-rate limit. */
    private static final int PASS_CHUNK_SAMPLES = 4096;

    @Mixin
    private ConfigOption configOption;

    /** Opens the adapters of a config: {@link Adapters#open}, unpaced, unless a test watches them. */
    private final Function<RunConfig, Adapters.Opened> openPorts;

    @Option(names = "--seconds", paramLabel = "S", description = "Length of the sample block, s (default and"
            + " shortest allowed: max(10, meter.windowPeriods + 2) periods of the slowest drive the config allows,"
            + " meter.windowPeriods / meter.maxWindowSeconds).")
    private Double blockSeconds;

    @Option(names = "--min-snr-db", paramLabel = "DB", description = "Fail below this signal-to-noise ratio:"
            + " the fitted drive sine's power over the residual's, dB (default 10).")
    private double minSnrDb = DEFAULT_MIN_SNR_DB;

    /** The command as picocli makes it: on the adapters the config names. */
    public SelftestCommand() {
        this(config -> Adapters.open(config, false));
    }

    /** The command on the ports {@code openPorts} opens (a test wraps the actuator to log its moves). */
    SelftestCommand(Function<RunConfig, Adapters.Opened> openPorts) {
        this.openPorts = openPorts;
    }

    @Override
    public Integer call() {
        RunLogs.configureConsoleOnly();
        RunConfig config = configOption.load(ConfigLoader.Overrides.none());
        Check.finite("--min-snr-db", minSnrDb, "dB");
        double seconds = blockSeconds(config.meter());
        PrintStream out = System.out;
        boolean ok;
        try (Adapters.Opened ports = openPorts.apply(config)) {
            int count = blockSamples(seconds, ports.source().sampleRateHz());
            out.printf("selftest: %s adapters, %s rig%n", config.mode().configName(), config.rig().kind());
            ok = checkSamples(config, ports, seconds, count, out) & checkActuator(config, ports, out);
            printFrontEnd(ports.frontEndHealth(), out);
        }
        out.println(ok ? "selftest: PASS" : "selftest: FAIL");
        return ok ? 0 : Main.EXIT_FAILURE;
    }

    /**
     * The front-end's identity and link counters, as summary.json's {@code frontEnd} has them:
     * "  front-end: port ..., device {firmwareVersion=1.0.0, ...}" and "  link: framesDecoded 312, ...".
     * Nothing without a front-end link.
     */
    private static void printFrontEnd(Map<String, Object> health, PrintStream out) {
        if (health == null) {
            return;
        }
        StringBuilder identity = new StringBuilder();
        StringBuilder link = new StringBuilder();
        for (Map.Entry<String, Object> entry : health.entrySet()) {
            boolean counter = entry.getValue() instanceof Long;
            StringBuilder line = counter ? link : identity;
            if (!line.isEmpty()) {
                line.append(", ");
            }
            if (entry.getValue() instanceof Map<?, ?> nested) {
                line.append(entry.getKey()).append(' ');
                StringBuilder fields = new StringBuilder();
                for (Map.Entry<?, ?> field : nested.entrySet()) {
                    fields.append(fields.isEmpty() ? "" : ", ").append(field.getKey()).append(' ').append(field.getValue());
                }
                line.append('(').append(fields).append(')');
            } else {
                line.append(entry.getKey()).append(' ').append(entry.getValue());
            }
        }
        out.println("  front-end: " + identity);
        out.println("  link: " + link);
    }

    /**
     * The block's length (s): {@code --seconds}, or the shortest that measures the slowest drive the
     * config allows, {@link MeterSettings#lowestDriveHz} (every drive frequency of a config is checked
     * against it; on hardware the drive is external and may be anything above it):
     * {@value #MIN_BLOCK_DRIVE_PERIODS} of its periods for the fit, and {@code windowPeriods + 2} for
     * the meter — its warm-up of one such period, up to one more before its first crossing, and one
     * window. {@code --seconds} shorter than that is refused.
     */
    private double blockSeconds(MeterSettings meter) {
        int periods = Math.max(MIN_BLOCK_DRIVE_PERIODS, meter.windowPeriods() + 2);
        double shortest = periods / meter.lowestDriveHz();
        if (blockSeconds == null) {
            return shortest;
        }
        if (!(blockSeconds >= shortest * (1 - 1e-9))) {
            throw new InvalidValueException("--seconds", num(blockSeconds), "s", "at least " + num(shortest) + " s: "
                    + periods + " periods of the slowest drive the config allows, " + num(meter.lowestDriveHz())
                    + " Hz (meter.windowPeriods " + meter.windowPeriods() + " / meter.maxWindowSeconds "
                    + num(meter.maxWindowSeconds()) + " s)");
        }
        return blockSeconds;
    }

    /** Samples in a block of {@code seconds} at {@code sampleRateHz}; at most {@value #MAX_BLOCK_SAMPLES}. */
    private static int blockSamples(double seconds, double sampleRateHz) {
        // The product may land a rounding error above a whole number (0.6 s × 20 kS/s): not one more sample.
        double count = Math.ceil(seconds * sampleRateHz * (1 - 1e-12));
        if (count > MAX_BLOCK_SAMPLES) {
            throw new InvalidValueException("--seconds", num(seconds), "s", "a block of at most " + MAX_BLOCK_SAMPLES
                    + " samples, " + num(MAX_BLOCK_SAMPLES / sampleRateHz) + " s at " + num(sampleRateHz)
                    + " S/s (lower meter.maxWindowSeconds or raise meter.windowPeriods for a shorter default)");
        }
        return (int) Math.max(64, count);
    }

    private boolean checkSamples(RunConfig config, Adapters.Opened ports, double seconds, int count, PrintStream out) {
        double sampleRateHz = ports.source().sampleRateHz();
        double[] volts = new double[count];
        // A first block lets a rig that was just switched on (or a simulated one, from rest) settle.
        readBlock(ports, volts, count);
        int got = readBlock(ports, volts, count);
        boolean ok = true;
        out.printf("  ADC: %d of %d samples at %.0f S/s, %s s (the slowest drive the config allows: %s Hz)%n", got,
                count, sampleRateHz, num(seconds), num(config.meter().lowestDriveHz()));
        if (got < count) {
            out.println("  FAIL: the samples did not arrive");
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double v : volts) {
            if (!Double.isFinite(v)) {
                out.println("  FAIL: a sample is not a number");
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        double mean = sum / count;
        double clipVolts = config.sensor().clipVolts();
        out.printf("  level: mean %.4f V, min %.4f V, max %.4f V; uses %.1f %% of the %.3f V input span%n", mean, min,
                max, 100 * (max - min) / config.sensor().fullScaleVolts(), config.sensor().fullScaleVolts());
        if (max >= clipVolts || min <= -clipVolts) {
            out.println("  FAIL: the signal reaches the ADC rails (clipping): lower the drive or raise sensor.fullScaleVolts");
            ok = false;
        }
        return checkDrive(config, volts, sampleRateHz, seconds, out) && ok;
    }

    /**
     * The drive in the block: the power meter's windows give its frequency (zero crossings) and load
     * power, a sine fit at that frequency, refined, splits the block into the drive's sine and the
     * rest. SNR = the sine's power over the residual's (the rest: noise, quantisation, harmonics).
     * No drive when the meter finds no period or the sine is no stronger than noise alone would fit
     * ({@value #DRIVE_DETECTION_FACTOR} × 2σ²/N); too weak when the SNR is below {@code --min-snr-db}.
     * The two failures are one line each; the first tells the user to switch the drive on, whatever
     * the adapters.
     */
    private boolean checkDrive(RunConfig config, double[] volts, double sampleRateHz, double seconds, PrintStream out) {
        PowerMeter meter = new PowerMeter(sampleRateHz, config.rig().loadResistanceOhms(),
                config.meter().windowPeriods(), config.meter().maxWindowSeconds());
        double periods = 0;
        double periodSeconds = 0;
        double energyWattSeconds = 0;
        int at = 0;
        while (at < volts.length) {
            at += meter.update(volts, at, volts.length - at);
            if (meter.windowComplete() && meter.window().periods > 0) {
                periods += meter.window().periods;
                periodSeconds += meter.window().durationSeconds();
                energyWattSeconds += meter.window().loadPowerWatts * meter.window().durationSeconds();
            }
        }
        String noDrive = "  FAIL: no drive in the " + num(seconds) + " s block (%s): switch the drive on%n";
        if (periods == 0) {
            out.printf(noDrive, "the power meter found no drive period");
            return false;
        }
        double frequencyHz = refineFrequencyHz(volts, periods / periodSeconds, sampleRateHz);
        SineFit fit = SineFit.of(volts, frequencyHz / sampleRateHz);
        double powerWatts = energyWattSeconds / periodSeconds;
        double snrDb = fit.snrDb();
        out.printf("  drive: %.3f Hz; load power %.4g W; noise %.3g V rms (residual of a sine fit), SNR %.1f dB"
                + " (minimum %s dB)%n",
                frequencyHz, powerWatts, Math.sqrt(fit.residualVolts2()), snrDb, num(minSnrDb));
        if (fit.sineVolts2() < DRIVE_DETECTION_FACTOR * 2 * fit.residualVolts2() / volts.length) {
            out.printf(noDrive, String.format("the sine fitted at %.3f Hz is no stronger than noise alone: SNR %.1f dB",
                    frequencyHz, snrDb));
            return false;
        }
        if (!(snrDb >= minSnrDb)) {
            out.printf("  FAIL: SNR %.1f dB at %.3f Hz is below the minimum of %s dB (--min-snr-db):"
                    + " raise the drive or lower the noise at the ADC input%n", snrDb, frequencyHz, num(minSnrDb));
            return false;
        }
        return true;
    }

    private static int readBlock(Adapters.Opened ports, double[] volts, int count) {
        int got = 0;
        long deadline = System.nanoTime() + READ_SLACK_NANOS + (long) (2e9 * count / ports.source().sampleRateHz());
        while (got < count && System.nanoTime() < deadline) {
            int n = ports.source().read(volts, got, count - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    /** Six significant digits, no trailing zeros: 0.6, 6, 3333.33; 1e+300 beyond a billion. */
    private static String num(double value) {
        if (!Double.isFinite(value) || Math.abs(value) >= 1e9) {
            return String.format("%.6g", value);
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * The frequency that leaves the least after a sine fit, near the meter's zero-crossing estimate:
     * an error of Δf drifts the phase by 2π·Δf·T over a block of T seconds and would pass for noise.
     * The residual has one minimum within the fit's main lobe (±1/T) and others in its side lobes, so
     * a grid in steps of 0.5/T over ±0.5 % of the estimate (at most {@value #MAX_GRID_STEPS} steps
     * either side: at low SNR, spurious crossings bias the meter by a few tenths of a percent) finds
     * the lobe, and a golden-section search over ±0.5/T around its best point finds the minimum: 30
     * steps narrow it to 5e-7 of that span, a phase error too small to show below 120 dB.
     */
    static double refineFrequencyHz(double[] volts, double estimateHz, double sampleRateHz) {
        double stepHz = 0.5 * sampleRateHz / volts.length;
        int steps = (int) Math.min(MAX_GRID_STEPS, Math.floor(0.005 * estimateHz / stepHz));
        double bestHz = estimateHz;
        double bestResidual = Double.POSITIVE_INFINITY;
        for (int k = -steps; k <= steps; k++) {
            double residual = SineFit.of(volts, (estimateHz + k * stepHz) / sampleRateHz).residualVolts2();
            if (residual < bestResidual) {
                bestResidual = residual;
                bestHz = estimateHz + k * stepHz;
            }
        }
        double low = bestHz - stepHz;
        double high = bestHz + stepHz;
        double golden = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 30; i++) {
            double a = high - golden * (high - low);
            double b = low + golden * (high - low);
            if (SineFit.of(volts, a / sampleRateHz).residualVolts2() < SineFit.of(volts, b / sampleRateHz).residualVolts2()) {
                high = b;
            } else {
                low = a;
            }
        }
        return (low + high) / 2;
    }

    /**
     * A least-squares fit of c + a·sin + b·cos at one frequency: the sine's power (a² + b²)/2 and the
     * mean square of what is left (V²).
     */
    record SineFit(double sineVolts2, double residualVolts2) {
        /**
         * The fit of {@code volts} at {@code cyclesPerSample}, in one pass: the residual's sum of
         * squares is Σv² − xᵀ(Aᵀv) for the least-squares x, taken about the block's mean so that a DC
         * level does not cancel digits away.
         */
        static SineFit of(double[] volts, double cyclesPerSample) {
            double mean = 0;
            for (double v : volts) {
                mean += v;
            }
            mean /= volts.length;
            double[][] normal = new double[3][3];
            double[] right = new double[3];
            double[] basis = new double[3];
            double sumSquares = 0;
            for (int n = 0; n < volts.length; n++) {
                double phase = 2 * Math.PI * cyclesPerSample * n;
                double v = volts[n] - mean;
                basis[0] = 1;
                basis[1] = Math.sin(phase);
                basis[2] = Math.cos(phase);
                sumSquares += v * v;
                for (int i = 0; i < 3; i++) {
                    right[i] += basis[i] * v;
                    for (int j = 0; j < 3; j++) {
                        normal[i][j] += basis[i] * basis[j];
                    }
                }
            }
            double[] x = solve3(normal, right);
            double residual = Math.max(0, sumSquares - (x[0] * right[0] + x[1] * right[1] + x[2] * right[2]));
            return new SineFit((x[1] * x[1] + x[2] * x[2]) / 2, residual / volts.length);
        }

        /** The sine's power over the residual's, dB (+∞ for a residual of exactly 0). */
        double snrDb() {
            return 10 * Math.log10(sineVolts2 / residualVolts2);
        }
    }

    /** Cramer's rule for a 3×3 system (well conditioned here: over many periods the basis is nearly orthogonal). */
    private static double[] solve3(double[][] m, double[] r) {
        double det = det3(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]);
        double[] x = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] c = {m[0].clone(), m[1].clone(), m[2].clone()};
            for (int i = 0; i < 3; i++) {
                c[i][k] = r[i];
            }
            x[k] = det3(c[0][0], c[0][1], c[0][2], c[1][0], c[1][1], c[1][2], c[2][0], c[2][1], c[2][2]) / det;
        }
        return x;
    }

    private static double det3(double a, double b, double c, double d, double e, double f, double g, double h, double i) {
        return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    }

    /**
     * Moves the actuator out and back through the config's limits ({@link LimitedActuator}, from its
     * first move): a hundredth of the range, but no more than the step-rate limit covers in
     * {@value #EXCURSION_SECONDS} s each way, and at least one step. It reads samples while it waits for the
     * limit, so the moves keep it on hardware and on the simulated rig alike.
     */
    private static boolean checkActuator(RunConfig config, Adapters.Opened ports, PrintStream out) {
        LimitedActuator actuator = ports.limitedActuator(config);
        int start = actuator.positionSteps();
        int min = actuator.minPositionSteps();
        int max = actuator.maxPositionSteps();
        double rate = config.actuator().maxStepRateStepsPerSecond();
        int excursion = (int) Math.max(1, Math.min(Math.max(1, (max - min) / 100), Math.floor(rate * EXCURSION_SECONDS)));
        int target = start + excursion <= max ? start + excursion : start - excursion;
        double seconds = actuator.travelSeconds(2L * excursion);
        out.printf("  actuator: range [%d, %d] steps, at %d; moving to %d and back%s%n", min, max, start, target,
                seconds >= 1 ? String.format(" (%.1f s at the step-rate limit of %s steps/s)", seconds, rate) : "");
        int reached;
        int back;
        try {
            actuator.walkTo(target, wait -> passSeconds(ports, wait));
            reached = actuator.positionSteps();
            actuator.walkTo(start, wait -> passSeconds(ports, wait));
            back = actuator.positionSteps();
        } catch (SamplesStopped e) {
            out.printf("  FAIL: the samples stopped while the actuator waited for the step-rate limit, at %d steps%n",
                    actuator.positionSteps());
            return false;
        }
        boolean ok = reached == target && back == start;
        out.printf("  actuator: reached %d, back at %d: %s%n", reached, back, ok ? "ok" : "FAIL");
        if (ports.actuator() instanceof StepDirStepperActuator stepper && stepper.hasHomeSwitch()) {
            ok &= checkHoming(stepper, actuator, start, ports, out);
        }
        return ok;
    }

    /**
     * Counted steps against the carriage: homes from {@code start} (a working drive takes exactly that
     * many steps to the switch), then walks back. A difference means STEP pulses were lost (or the
     * switch is not at position 0); the count cannot be trusted and every position in the record is off.
     */
    private static boolean checkHoming(StepDirStepperActuator stepper, LimitedActuator actuator, int start,
            Adapters.Opened ports, PrintStream out) {
        int taken = stepper.home();
        boolean ok = taken == start;
        if (ok) {
            out.printf("  stepper: homing from %d took %d steps to the switch: ok%n", start, taken);
        } else {
            out.printf("  FAIL: stepper: homing from %d took %d steps to the switch: the carriage and the count disagree by"
                    + " %d steps (STEP pulses lost: check the driver's current limit, the pulse timing and the"
                    + " wiring)%n", start, taken, Math.abs(taken - start));
        }
        try {
            actuator.walkTo(start, wait -> passSeconds(ports, wait));
        } catch (SamplesStopped e) {
            out.printf("  FAIL: the samples stopped while the stepper returned to %d steps%n", start);
            return false;
        }
        return ok;
    }

    /** Lets {@code seconds} pass by reading (and discarding) that many seconds of samples. */
    private static void passSeconds(Adapters.Opened ports, double seconds) {
        long remaining = (long) Math.ceil(seconds * ports.source().sampleRateHz());
        double[] scratch = new double[(int) Math.min(remaining, PASS_CHUNK_SAMPLES)];
        while (remaining > 0) {
            int count = (int) Math.min(remaining, scratch.length);
            if (readBlock(ports, scratch, count) < count) {
                throw new SamplesStopped();
            }
            remaining -= count;
        }
    }

    /** The samples stopped coming while the actuator waited for the step-rate limit. */
    private static final class SamplesStopped extends RuntimeException {
        SamplesStopped() {
            super(null, null, false, false);
        }
    }
}
