package org.resonantlearner.app.config;

import org.resonantlearner.check.Check;

/**
 * The ADC reading the load voltage (simulated: these drive the sensor model).
 *
 * @param sampleRateHz samples per second
 * @param adcBits converter resolution
 * @param fullScaleVolts input span, biased so 0 V at the load reads mid-scale (V)
 * @param noiseVoltsRms Gaussian noise at the input (V rms)
 * @param offsetVolts offset error (V)
 * @param gainErrorFraction gain error (fraction, 0.01 = +1 %)
 * @param watchdogTimeoutSeconds how long without samples before the loop declares a stall (s)
 */
public record SensorSettings(double sampleRateHz, int adcBits, double fullScaleVolts, double noiseVoltsRms,
        double offsetVolts, double gainErrorFraction, double watchdogTimeoutSeconds) {

    /** Validates every field. */
    public SensorSettings {
        Check.inRange("sampleRateHz", sampleRateHz, "Hz", 10, 10e6);
        Check.inRange("adcBits", adcBits, "bits", 4, 24);
        Check.inRange("fullScaleVolts", fullScaleVolts, "V", 1e-3, 100);
        Check.inRange("noiseVoltsRms", noiseVoltsRms, "V", 0, 100);
        Check.inRange("offsetVolts", offsetVolts, "V", -100, 100);
        Check.inRange("gainErrorFraction", gainErrorFraction, "", -0.5, 0.5);
        Check.inRange("watchdogTimeoutSeconds", watchdogTimeoutSeconds, "s", 0.01, 3600);
    }

    /** Readings within this fraction of the ADC's rails count as clipped. */
    public static final double RAIL_MARGIN_FRACTION = 0.002;

    /**
     * The load-voltage magnitude at which a reading counts as clipped (V): the rails of the mid-scale
     * biased input, ±fullScale/2, less {@link #RAIL_MARGIN_FRACTION}.
     */
    public double clipVolts() {
        return fullScaleVolts / 2 * (1 - RAIL_MARGIN_FRACTION);
    }
}
