package org.resonantlearner.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every drive frequency a profile can reach, each with the key it was read from, checked against
 * what the ADC and the power meter can measure. The profiles only hold or interpolate between the
 * frequencies they are given (constant, ramp ends, steps, trapezoid low/high, random-walk walls), so
 * these values bound every frequency of the run.
 */
final class DriveFrequencies {
    /** Lowest drive frequency of any profile (Hz). */
    static final double MIN_HZ = 1e-3;
    /** Highest drive frequency of any profile (Hz): below the Nyquist limit of the fastest ADC allowed (10 MS/s). */
    static final double MAX_HZ = 1e6;
    /**
     * Fewest samples per drive period. Nyquist needs more than 2; the power meter needs more: it
     * finds periods from zero crossings confirmed beyond ±0.5 × rms and integrates v² between them,
     * which PowerMeter documents to 8e-4 at 6.7 samples per period and 1.3e-3 at 6.6. Six samples
     * per period keep its error near 1e-3.
     */
    static final double MIN_SAMPLES_PER_PERIOD = 6;

    private final List<String> keys = new ArrayList<>();
    private final List<Double> frequenciesHz = new ArrayList<>();
    private final List<Boolean> setInFile = new ArrayList<>();

    /** Reads the drive frequency {@code key} of {@code s} (Hz) and remembers it. */
    double hz(ConfigSection s, String key, double defaultHz) {
        double value = s.number(key, defaultHz, "Hz", MIN_HZ, MAX_HZ);
        remember(s.keyPath(key), value, s.has(key));
        return value;
    }

    /** Reads the required array of drive frequencies {@code key} of {@code s} (Hz) and remembers each. */
    double[] hzArray(ConfigSection s, String key) {
        double[] values = s.requiredNumbers(key, "Hz", MIN_HZ, MAX_HZ);
        for (int i = 0; i < values.length; i++) {
            remember(s.keyPath(key) + "[" + i + "]", values[i], true);
        }
        return values;
    }

    private void remember(String key, double value, boolean set) {
        keys.add(key);
        frequenciesHz.add(value);
        setInFile.add(set);
    }

    /**
     * Fails unless every frequency has at least {@link #MIN_SAMPLES_PER_PERIOD} samples per period
     * and {@code windowPeriods} of its periods fit in {@code maxWindowSeconds}. The error names the
     * frequency's key when the file sets it, else the sensor or meter key that made its default wrong.
     */
    void check(SensorSettings sensor, ConfigSection sensorSection, MeterSettings meter, ConfigSection meterSection) {
        double highestHz = sensor.sampleRateHz() / MIN_SAMPLES_PER_PERIOD;
        double lowestHz = meter.lowestDriveHz();
        for (int i = 0; i < keys.size(); i++) {
            double hz = frequenciesHz.get(i);
            String key = keys.get(i);
            if (hz > highestHz) {
                String reason = "at most " + num(highestHz) + " Hz: " + sensorSection.keyPath("sampleRateHz") + " ("
                        + num(sensor.sampleRateHz()) + " Hz) / " + (int) MIN_SAMPLES_PER_PERIOD
                        + " samples per period, the fewest the power meter measures (Nyquist limit "
                        + num(sensor.sampleRateHz() / 2) + " Hz)";
                throw setInFile.get(i) ? invalid(key, num(hz) + " Hz", reason)
                        : invalid(sensorSection.keyPath("sampleRateHz"), num(sensor.sampleRateHz()) + " Hz",
                                "a rate of at least " + num(MIN_SAMPLES_PER_PERIOD * hz) + " Hz for " + key
                                + " (" + num(hz) + " Hz, its default): " + (int) MIN_SAMPLES_PER_PERIOD
                                + " samples per period, the fewest the power meter measures");
            }
            if (hz < lowestHz) {
                String reason = "at least " + num(lowestHz) + " Hz: " + meterSection.keyPath("windowPeriods") + " ("
                        + meter.windowPeriods() + ") periods must fit in " + meterSection.keyPath("maxWindowSeconds")
                        + " (" + num(meter.maxWindowSeconds()) + " s)";
                String meterKey = meterSection.has("windowPeriods") && !meterSection.has("maxWindowSeconds")
                        ? "windowPeriods" : "maxWindowSeconds";
                String meterValue = meterKey.equals("windowPeriods") ? Integer.toString(meter.windowPeriods())
                        : num(meter.maxWindowSeconds()) + " s";
                throw setInFile.get(i) ? invalid(key, num(hz) + " Hz", reason)
                        : invalid(meterSection.keyPath(meterKey), meterValue, "a window that holds "
                                + meter.windowPeriods() + " periods of " + key + " (" + num(hz) + " Hz, its default): "
                                + meterSection.keyPath("maxWindowSeconds") + " >= " + num(meter.windowPeriods() / hz) + " s");
            }
        }
    }

    /** Six significant digits: 3333.33, not 3333.3333333333335. */
    private static String num(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static ConfigException invalid(String key, String value, String allowed) {
        return new ConfigException(key + " = " + value + " is invalid: allowed " + allowed);
    }
}
