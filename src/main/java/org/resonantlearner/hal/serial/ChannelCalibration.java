package org.resonantlearner.hal.serial;

import org.resonantlearner.check.Check;

/**
 * Calibration of one ADC channel of the front-end: how its codes become load volts.
 *
 * <p>The front-end's bias network puts 0 V at the load at mid-scale, so the nominal law is
 * {@code nominal = (code / (2^bits − 1) − 0.5) · fullScaleVolts}. A real channel reads
 * {@code nominal = v·(1 + gainErrorFraction) + offsetVolts} for a true load voltage v (the same
 * error model as the simulated sensor), which this record inverts:
 * {@code v = (nominal − offsetVolts) / (1 + gainErrorFraction)}.
 *
 * @param offsetVolts offset the channel adds at its input (V)
 * @param gainErrorFraction relative gain error of the channel (0.01 reads 1 % high), in [−0.5, 0.5]
 */
public record ChannelCalibration(double offsetVolts, double gainErrorFraction) {
    /** No correction: the nominal law. */
    public static final ChannelCalibration NONE = new ChannelCalibration(0.0, 0.0);

    /** Validates both fields. */
    public ChannelCalibration {
        Check.finite("offsetVolts", offsetVolts, "V");
        Check.inRange("gainErrorFraction", gainErrorFraction, "", -0.5, 0.5);
    }

    /** Volts per code step after correction (V): the slope of {@link #volts}. */
    public double voltsPerCode(int adcBits, double fullScaleVolts) {
        return fullScaleVolts / ((1 << adcBits) - 1) / (1.0 + gainErrorFraction);
    }

    /** Corrected load voltage at code 0 (V): the intercept of {@link #volts}. */
    public double voltsAtCodeZero(double fullScaleVolts) {
        return (-0.5 * fullScaleVolts - offsetVolts) / (1.0 + gainErrorFraction);
    }

    /** The load voltage (V) that {@code code} stands for on a channel of {@code adcBits} and {@code fullScaleVolts}. */
    public double volts(int code, int adcBits, double fullScaleVolts) {
        return code * voltsPerCode(adcBits, fullScaleVolts) + voltsAtCodeZero(fullScaleVolts);
    }
}
