package org.resonantlearner.hal.pisim;

import java.util.SplittableRandom;
import org.resonantlearner.check.Check;
import org.resonantlearner.hal.pi4j.AdcFrontEnd;

/**
 * The analog path from the simulated load to a converter's input, the inverse of the driver's
 * {@link AdcFrontEnd}: the rig's own errors (gain, offset, Gaussian noise, all referred to the load,
 * as the config's {@code sensor} section gives them), then the divider and the bias.
 *
 * <pre>
 *   adcInputVolts = biasVolts + (v·(1 + gain) + offset + noise) / loadVoltsPerInputVolt
 * </pre>
 *
 * With a mid-scale bias and no divider a converter quantising this input is exactly the simulated
 * sensor of {@code sim} mode ({@link org.resonantlearner.rig.SensorModel}), noise sequence included
 * (one draw per conversion from the same seed). Not thread-safe.
 */
public final class AnalogPath {
    private final double biasVolts;
    private final double loadVoltsPerInputVolt;
    private final double gainErrorFraction;
    private final double offsetVolts;
    private final double noiseVoltsRms;
    private final SplittableRandom random;

    /**
     * @param frontEnd bias and divider of the channel (its calibration is the driver's business)
     * @param noiseVoltsRms noise at the load (V rms), &ge; 0
     * @param offsetVolts offset error at the load (V)
     * @param gainErrorFraction gain error (0.01 is 1 % high)
     * @param seed the noise generator's seed
     */
    public AnalogPath(AdcFrontEnd frontEnd, double noiseVoltsRms, double offsetVolts, double gainErrorFraction, long seed) {
        this.biasVolts = frontEnd.biasVolts();
        this.loadVoltsPerInputVolt = frontEnd.loadVoltsPerInputVolt();
        this.noiseVoltsRms = Check.nonNegative("noiseVoltsRms", noiseVoltsRms, "V");
        this.offsetVolts = Check.finite("offsetVolts", offsetVolts, "V");
        this.gainErrorFraction = Check.finite("gainErrorFraction", gainErrorFraction, "");
        this.random = new SplittableRandom(seed);
    }

    /** The voltage at the converter's input (V) for a true load voltage {@code loadVolts} (V); draws noise. */
    double adcInputVolts(double loadVolts) {
        double measured = loadVolts * (1.0 + gainErrorFraction) + offsetVolts;
        if (noiseVoltsRms != 0) {
            measured += noiseVoltsRms * random.nextGaussian();
        }
        return biasVolts + measured / loadVoltsPerInputVolt;
    }
}
