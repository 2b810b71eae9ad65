package org.resonantlearner.hal.pi4j;

import org.resonantlearner.check.Check;

/**
 * Offset and gain error of one ADC channel, referred to the load voltage, as a calibration sweep
 * measures them.
 *
 * <p>The error model is the simulated sensor's ({@code rig.SensorModel}): the converter sees
 * {@code nominal = true·(1 + gainErrorFraction) + offsetVolts}, so the correction is
 *
 * <pre>
 *   loadVolts = (nominalLoadVolts − offsetVolts) / (1 + gainErrorFraction)
 * </pre>
 *
 * A calibration fitted on the simulated rig therefore means the same thing on the real one.
 *
 * @param offsetVolts offset error at the load (V), finite
 * @param gainErrorFraction relative gain error (0.01 reads 1 % high), in [−0.5, 0.5]
 */
public record AdcChannelCalibration(double offsetVolts, double gainErrorFraction) {
    /** No correction. */
    public static final AdcChannelCalibration NONE = new AdcChannelCalibration(0.0, 0.0);

    /** Validates both values. */
    public AdcChannelCalibration {
        Check.finite("offsetVolts", offsetVolts, "V");
        Check.inRange("gainErrorFraction", gainErrorFraction, "", -0.5, 0.5);
    }

    /** The corrected load voltage (V) for a nominal reading {@code nominalLoadVolts} (V). */
    public double correct(double nominalLoadVolts) {
        return (nominalLoadVolts - offsetVolts) / (1.0 + gainErrorFraction);
    }
}
