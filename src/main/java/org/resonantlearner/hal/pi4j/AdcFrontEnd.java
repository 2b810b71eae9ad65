package org.resonantlearner.hal.pi4j;

import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.check.Check;

/**
 * The analog path from the load resistor to an ADC input: a bias that puts 0 V at the load in the
 * middle of the converter's range, an optional divider, the load resistance and the channel's
 * calibration.
 *
 * <pre>
 *   nominalLoadVolts = (adcInputVolts − biasVolts) · loadVoltsPerInputVolt
 *   loadVolts        = calibration.correct(nominalLoadVolts)
 *   loadCurrentAmps  = loadVolts / loadResistanceOhms,   loadPowerWatts = loadVolts² / loadResistanceOhms
 * </pre>
 *
 * For a unipolar converter with reference {@code V_ref} and a unity-gain mid-scale bias
 * ({@link #midScale}), this is exactly the simulated sensor's law
 * {@code code = round(((v + offset)/fullScale + 0.5)·(2^bits − 1))} with {@code fullScale = V_ref}:
 * code 0 is −V_ref/2 at the load, the top code +V_ref/2.
 *
 * @param biasVolts ADC input voltage when the load voltage is 0 V (V), finite
 * @param loadVoltsPerInputVolt load volts per volt at the ADC input (1 without a divider), &gt; 0
 * @param loadResistanceOhms the load resistor the ADC reads across (Ω), &gt; 0
 * @param calibration the channel's offset and gain correction
 */
public record AdcFrontEnd(double biasVolts, double loadVoltsPerInputVolt, double loadResistanceOhms,
        AdcCalibration calibration) {

    /** Validates every field. */
    public AdcFrontEnd {
        Check.finite("biasVolts", biasVolts, "V");
        Check.positive("loadVoltsPerInputVolt", loadVoltsPerInputVolt, "V/V");
        Check.positive("loadResistanceOhms", loadResistanceOhms, "ohm");
        Check.present("calibration", calibration);
    }

    /**
     * A unity-gain front end biased to the middle of {@code referenceVolts}: the simulated sensor's
     * mapping with {@code fullScaleVolts = referenceVolts}.
     */
    public static AdcFrontEnd midScale(double referenceVolts, double loadResistanceOhms,
            AdcCalibration calibration) {
        Check.positive("referenceVolts", referenceVolts, "V");
        return new AdcFrontEnd(referenceVolts / 2.0, 1.0, loadResistanceOhms, calibration);
    }

    /** The calibrated load voltage (V) for a voltage {@code adcInputVolts} (V) at the ADC input. */
    public double loadVolts(double adcInputVolts) {
        return calibration.correct((adcInputVolts - biasVolts) * loadVoltsPerInputVolt);
    }

    /** The load current (A) at a load voltage {@code loadVolts} (V). */
    public double loadCurrentAmps(double loadVolts) {
        return loadVolts / loadResistanceOhms;
    }

    /** The instantaneous load power (W) at a load voltage {@code loadVolts} (V). */
    public double loadPowerWatts(double loadVolts) {
        return loadVolts * loadVolts / loadResistanceOhms;
    }
}
