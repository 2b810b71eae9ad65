package org.resonantlearner.calibration;

import org.resonantlearner.check.Check;
import org.resonantlearner.hal.AdcCalibration;

/**
 * Offset and gain error of one ADC channel as a calibration file records them: the same error
 * model as the simulated sensor and {@link AdcCalibration} ({@code nominal = v·(1 + gainErrorFraction) + offsetVolts}).
 *
 * @param channel ADC channel number, in [0, 63]; channel 0 reads the load voltage
 * @param offsetVolts offset error referred to the load voltage (V), in [−100, 100]
 * @param gainErrorFraction relative gain error (0.01 reads 1 % high), in [−0.5, 0.5]
 */
public record AdcChannel(int channel, double offsetVolts, double gainErrorFraction) {
    /** Highest channel number a file may name. */
    public static final int MAX_CHANNEL = 63;

    /** Validates every field. */
    public AdcChannel {
        Check.inRange("channel", channel, "", 0, MAX_CHANNEL);
        Check.inRange("offsetVolts", offsetVolts, "V", -100, 100);
        Check.inRange("gainErrorFraction", gainErrorFraction, "", -0.5, 0.5);
    }

    /** The correction the ADC adapters apply. */
    public AdcCalibration adcCalibration() {
        return new AdcCalibration(offsetVolts, gainErrorFraction);
    }
}
