package org.resonantlearner.app;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.loop.LimitedActuator;
import org.resonantlearner.telemetry.RunLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code selftest}: checks the configured adapters without tuning anything — reads a block of
 * samples and reports level, range, drive frequency and noise; moves the actuator a little and back
 * through the config's limits (range and step rate, from the first move); exits 1 when a check fails. Works on the simulated rig and on hardware.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Read a block from the ADC, report noise and range, move the actuator a little and back.")
public final class SelftestCommand implements Callable<Integer> {
    /** Largest wall time the sample block may take to arrive. */
    private static final long READ_DEADLINE_NANOS = 5_000_000_000L;
    /** The actuator's excursion is what the step-rate limit covers in about this long each way (s). */
    private static final double EXCURSION_SECONDS = 1.0;
    /** Samples read at a time while the actuator waits for the step-rate limit. */
    private static final int PASS_CHUNK_SAMPLES = 4096;

    @Mixin
    private ConfigOption configOption;

    /** Opens the adapters of a config: {@link Adapters#open}, unpaced, unless a test watches them. */
    private final Function<RunConfig, Adapters.Opened> openPorts;

    @Option(names = "--seconds", paramLabel = "S", description = "Length of the sample block, s (default 0.2).")
    private double blockSeconds = 0.2;

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
        PrintStream out = System.out;
        boolean ok;
        try (Adapters.Opened ports = openPorts.apply(config)) {
            out.printf("selftest: %s adapters, %s rig%n", config.mode().configName(), config.rig().kind());
            ok = checkSamples(config, ports, out) & checkActuator(config, ports, out);
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

    private boolean checkSamples(RunConfig config, Adapters.Opened ports, PrintStream out) {
        double sampleRateHz = ports.source().sampleRateHz();
        int count = (int) Math.max(64, Math.round(blockSeconds * sampleRateHz));
        double[] volts = new double[count];
        // A first block lets a rig that was just switched on (or a simulated one, from rest) settle.
        readBlock(ports, volts, count);
        int got = readBlock(ports, volts, count);
        boolean ok = true;
        out.printf("  ADC: %d of %d samples at %.0f S/s%n", got, count, sampleRateHz);
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
        PowerMeter meter = new PowerMeter(sampleRateHz, config.rig().loadResistanceOhms(),
                config.meter().windowPeriods(), config.meter().maxWindowSeconds());
        double periods = 0;
        double periodSeconds = 0;
        double energyWattSeconds = 0;
        int at = 0;
        while (at < count) {
            at += meter.update(volts, at, count - at);
            if (meter.windowComplete() && meter.window().periods > 0) {
                periods += meter.window().periods;
                periodSeconds += meter.window().durationSeconds();
                energyWattSeconds += meter.window().loadPowerWatts * meter.window().durationSeconds();
            }
        }
        if (periods == 0) {
            out.println("  drive: no drive periods found in the block (is the drive on?)");
            return ok;
        }
        double frequencyHz = refineFrequencyHz(volts, periods / periodSeconds, sampleRateHz);
        double powerWatts = energyWattSeconds / periodSeconds;
        double noiseVoltsRms = residualAfterSineFit(volts, frequencyHz / sampleRateHz);
        double signalVoltsRms = Math.sqrt(powerWatts * config.rig().loadResistanceOhms());
        out.printf("  drive: %.3f Hz; load power %.4g W; noise %.3g V rms (residual of a sine fit), SNR %.1f dB%n",
                frequencyHz, powerWatts, noiseVoltsRms, 20 * Math.log10(signalVoltsRms / noiseVoltsRms));
        return ok;
    }

    private static int readBlock(Adapters.Opened ports, double[] volts, int count) {
        int got = 0;
        long deadline = System.nanoTime() + READ_DEADLINE_NANOS;
        while (got < count && System.nanoTime() < deadline) {
            int n = ports.source().read(volts, got, count - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    /**
     * The frequency that leaves the least after a sine fit, searched (golden section) within ±0.5 %
     * of the meter's zero-crossing estimate: an error of Δf drifts the phase by 2π·Δf·T over the
     * block and would pass for noise.
     */
    static double refineFrequencyHz(double[] volts, double estimateHz, double sampleRateHz) {
        double low = estimateHz * 0.995;
        double high = estimateHz * 1.005;
        double golden = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 40; i++) {
            double a = high - golden * (high - low);
            double b = low + golden * (high - low);
            if (residualAfterSineFit(volts, a / sampleRateHz) < residualAfterSineFit(volts, b / sampleRateHz)) {
                high = b;
            } else {
                low = a;
            }
        }
        return (low + high) / 2;
    }

    /** RMS of what is left after a least-squares fit of c + a·sin + b·cos at {@code cyclesPerSample}. */
    static double residualAfterSineFit(double[] volts, double cyclesPerSample) {
        double[][] normal = new double[3][3];
        double[] right = new double[3];
        double[] basis = new double[3];
        for (int n = 0; n < volts.length; n++) {
            double phase = 2 * Math.PI * cyclesPerSample * n;
            basis[0] = 1;
            basis[1] = Math.sin(phase);
            basis[2] = Math.cos(phase);
            for (int i = 0; i < 3; i++) {
                right[i] += basis[i] * volts[n];
                for (int j = 0; j < 3; j++) {
                    normal[i][j] += basis[i] * basis[j];
                }
            }
        }
        double[] coefficients = solve3(normal, right);
        double sumSquares = 0;
        for (int n = 0; n < volts.length; n++) {
            double phase = 2 * Math.PI * cyclesPerSample * n;
            double fitted = coefficients[0] + coefficients[1] * Math.sin(phase) + coefficients[2] * Math.cos(phase);
            double residual = volts[n] - fitted;
            sumSquares += residual * residual;
        }
        return Math.sqrt(sumSquares / volts.length);
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
