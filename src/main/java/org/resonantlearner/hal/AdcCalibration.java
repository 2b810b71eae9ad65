package org.resonantlearner.hal;

import org.resonantlearner.check.Check;

/**
 * Offset and gain error of one ADC channel, referred to the load voltage, as a calibration sweep
 * measures them; shared by every adapter that turns codes into load volts (SPI/I2C ADCs, the serial
 * front-end), so that one calibration means the same everywhere.
 *
 * <p>The error model is the simulated sensor's ({@code rig.SensorModel}): a channel reads
 * {@code nominal = v·(1 + gainErrorFraction) + offsetVolts} for a true load voltage v, so
 *
 * <pre>
 *   loadVolts = (nominalLoadVolts − offsetVolts) / (1 + gainErrorFraction)
 * </pre>
 *
 * With the front-end's mid-scale bias (0 V at the load reads mid-scale) the nominal law of a code
 * is {@code nominal = (code / (2^bits − 1) − 0.5) · fullScaleVolts}.
 *
 * @param offsetVolts offset error at the load (V), finite
 * @param gainErrorFraction relative gain error (0.01 reads 1 % high), in [−0.5, 0.5]
 */
public record AdcCalibration(double offsetVolts, double gainErrorFraction) {
    /** No correction. */
    public static final AdcCalibration NONE = new AdcCalibration(0.0, 0.0);

    /** Validates both values. */
    public AdcCalibration {
        Check.finite("offsetVolts", offsetVolts, "V");
        Check.inRange("gainErrorFraction", gainErrorFraction, "", -0.5, 0.5);
    }

    /** The corrected load voltage (V) for a nominal reading {@code nominalLoadVolts} (V). */
    public double correct(double nominalLoadVolts) {
        return (nominalLoadVolts - offsetVolts) / (1.0 + gainErrorFraction);
    }

    /** Volts per code step after correction (V) on a mid-scale-biased channel: the slope of {@link #volts}. */
    public double voltsPerCode(int adcBits, double fullScaleVolts) {
        return fullScaleVolts / ((1 << adcBits) - 1) / (1.0 + gainErrorFraction);
    }

    /** Corrected load voltage at code 0 (V) on a mid-scale-biased channel: the intercept of {@link #volts}. */
    public double voltsAtCodeZero(double fullScaleVolts) {
        return correct(-0.5 * fullScaleVolts);
    }

    /** The load voltage (V) that {@code code} stands for on a mid-scale-biased channel of {@code adcBits} and {@code fullScaleVolts}. */
    public double volts(int code, int adcBits, double fullScaleVolts) {
        return code * voltsPerCode(adcBits, fullScaleVolts) + voltsAtCodeZero(fullScaleVolts);
    }
}
