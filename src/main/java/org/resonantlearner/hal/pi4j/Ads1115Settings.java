package org.resonantlearner.hal.pi4j;

import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/**
 * Settings of an ADS1115 channel (TI SBAS444).
 *
 * <p>Single-ended, {@code channel} is AIN0..AIN3 against GND (MUX 100..111). Differential it selects
 * one of the four pairs the multiplexer offers: 0 = AIN0−AIN1, 1 = AIN0−AIN3, 2 = AIN1−AIN3,
 * 3 = AIN2−AIN3 (MUX 000..011). {@code gain} is the PGA's full-scale range in volts, as the datasheet
 * names the settings: ±6.144, ±4.096, ±2.048, ±1.024, ±0.512 or ±0.256 V.
 *
 * @param channel input or pair, in [0, 3]
 * @param differential true for a differential pair, false for single-ended
 * @param gain full-scale range of the PGA (V), one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256
 * @param dataRateSamplesPerSecond conversion rate, one of 8, 16, 32, 64, 128, 250, 475, 860
 * @param sampleRateHz software-paced rate of single-shot polling (Hz), at most 0.8 × the data rate
 *     (the internal oscillator is ±10 %); a continuous stream runs at the data rate instead
 * @param pollIntervalNanos wait between two reads of the OS bit while polling (ns), in [0, 10 ms]
 */
public record Ads1115Settings(int channel, boolean differential, double gain, int dataRateSamplesPerSecond,
        double sampleRateHz, long pollIntervalNanos) {

    /** The PGA full-scale ranges (V), indexed by the PGA[2:0] field. */
    static final double[] GAINS_VOLTS = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256};

    /** The data rates (samples/s), indexed by the DR[2:0] field. */
    static final int[] DATA_RATES = {8, 16, 32, 64, 128, 250, 475, 860};

    /** Highest fraction of the data rate that single-shot polling may be paced at. */
    public static final double MAX_POLLED_RATE_FRACTION = 0.8;

    /** Validates every field. */
    public Ads1115Settings {
        Check.inRange("channel", channel, "", 0, 3);
        gainField(gain);
        dataRateField(dataRateSamplesPerSecond);
        Check.inRange("sampleRateHz", sampleRateHz, "Hz", Double.MIN_NORMAL,
                MAX_POLLED_RATE_FRACTION * dataRateSamplesPerSecond);
        Check.inRange("pollIntervalNanos", pollIntervalNanos, "ns", 0L, 10_000_000L);
    }

    /** The MUX[2:0] field for this channel. */
    public int muxField() {
        return differential ? channel : 4 + channel;
    }

    /** The PGA[2:0] field for {@link #gain}. */
    public int pgaField() {
        return gainField(gain);
    }

    /** The DR[2:0] field for {@link #dataRateSamplesPerSecond}. */
    public int dataRateField() {
        return dataRateField(dataRateSamplesPerSecond);
    }

    /** Nominal time of one conversion (ns), 1 / data rate. */
    public long conversionNanos() {
        return Math.round(1e9 / dataRateSamplesPerSecond);
    }

    private static int gainField(double gain) {
        for (int i = 0; i < GAINS_VOLTS.length; i++) {
            if (GAINS_VOLTS[i] == gain) {
                return i;
            }
        }
        throw new InvalidValueException("gain", Double.toString(gain), "V",
                "one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256 V (full-scale range)");
    }

    private static int dataRateField(int rate) {
        for (int i = 0; i < DATA_RATES.length; i++) {
            if (DATA_RATES[i] == rate) {
                return i;
            }
        }
        throw new InvalidValueException("dataRateSamplesPerSecond", Integer.toString(rate), "samples/s",
                "one of 8, 16, 32, 64, 128, 250, 475, 860 samples/s");
    }
}
