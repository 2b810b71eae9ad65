package org.resonantlearner.rig;

import java.util.SplittableRandom;
import org.resonantlearner.check.Check;

/**
 * An ADC reading the load voltage through a bias network that puts 0 V at mid-scale, with gain and
 * offset error and Gaussian input noise.
 *
 * <pre>
 *   code = clamp(round(((v·(1 + gain) + offset + noise) / fullScale + 0.5)·(2^bits − 1)), 0, 2^bits − 1)
 * </pre>
 *
 * The ADC therefore spans load voltages from −fullScale/2 (code 0) to +fullScale/2 (top code) and
 * clips outside. {@link #sampleVolts} converts the code back with the nominal law, ignoring the
 * gain and offset error: what an adapter without a calibration reports.
 *
 * <p>Noise comes from this model's own seeded generator (one generator per consumer, so adding
 * sensor noise never shifts another consumer's sequence); each call of {@link #code} or
 * {@link #sampleVolts} draws one value when the noise is not 0. Not thread-safe.
 */
public final class SensorModel {
    private final int adcBits;
    private final double fullScaleVolts;
    private final double noiseVoltsRms;
    private final double offsetVolts;
    private final double gainErrorFraction;
    private final long seed;
    private final int maxCode;
    private final SplittableRandom random;

    /**
     * Creates the model.
     *
     * @param adcBits ADC resolution, in [1, 30]
     * @param fullScaleVolts input span from code 0 to the top code (V), &gt; 0
     * @param noiseVoltsRms Gaussian noise at the ADC input (V rms), &ge; 0
     * @param offsetVolts offset error added at the input (V), finite
     * @param gainErrorFraction relative gain error (0.01 is 1 % high), in [−0.5, 0.5]
     * @param seed seed of the noise generator
     */
    public SensorModel(int adcBits, double fullScaleVolts, double noiseVoltsRms, double offsetVolts,
            double gainErrorFraction, long seed) {
        this.adcBits = Check.inRange("adcBits", adcBits, "bits", 1, 30);
        this.fullScaleVolts = Check.positive("fullScaleVolts", fullScaleVolts, "V");
        this.noiseVoltsRms = Check.nonNegative("noiseVoltsRms", noiseVoltsRms, "V");
        this.offsetVolts = Check.finite("offsetVolts", offsetVolts, "V");
        this.gainErrorFraction = Check.inRange("gainErrorFraction", gainErrorFraction, "", -0.5, 0.5);
        this.seed = seed;
        this.maxCode = (1 << adcBits) - 1;
        this.random = new SplittableRandom(seed);
    }

    /** An ideal ADC: no noise, offset or gain error. */
    public static SensorModel ideal(int adcBits, double fullScaleVolts) {
        return new SensorModel(adcBits, fullScaleVolts, 0.0, 0.0, 0.0, 0L);
    }

    /** ADC resolution (bits). */
    public int adcBits() {
        return adcBits;
    }

    /** Input span from code 0 to the top code (V). */
    public double fullScaleVolts() {
        return fullScaleVolts;
    }

    /** Input noise (V rms). */
    public double noiseVoltsRms() {
        return noiseVoltsRms;
    }

    /** Offset error (V). */
    public double offsetVolts() {
        return offsetVolts;
    }

    /** Relative gain error. */
    public double gainErrorFraction() {
        return gainErrorFraction;
    }

    /** Seed of the noise generator. */
    public long seed() {
        return seed;
    }

    /** Highest code, 2^bits − 1. */
    public int maxCode() {
        return maxCode;
    }

    /** Voltage of one code step (V): fullScale / (2^bits − 1). */
    public double quantisationStepVolts() {
        return fullScaleVolts / maxCode;
    }

    /** The code the ADC returns for a true load voltage {@code trueLoadVolts} (V); draws noise. */
    public int code(double trueLoadVolts) {
        double inputVolts = trueLoadVolts * (1.0 + gainErrorFraction) + offsetVolts;
        if (noiseVoltsRms != 0) {
            inputVolts += noiseVoltsRms * random.nextGaussian();
        }
        double rounded = Math.floor((inputVolts / fullScaleVolts + 0.5) * maxCode + 0.5);
        // Clip as a double before the cast so huge inputs cannot wrap; a NaN input passes min and max
        // and casts to code 0 (JLS 5.1.3).
        return (int) Math.min(Math.max(rounded, 0.0), maxCode);
    }

    /** The load voltage (V) a code stands for under the nominal law (no gain or offset correction). */
    public double nominalVolts(int code) {
        return ((double) code / maxCode - 0.5) * fullScaleVolts;
    }

    /** One reading of {@code trueLoadVolts} (V), as an uncalibrated adapter reports it (V); draws noise. */
    public double sampleVolts(double trueLoadVolts) {
        return nominalVolts(code(trueLoadVolts));
    }

    @Override
    public String toString() {
        return "SensorModel[adcBits=" + adcBits + ", fullScaleVolts=" + fullScaleVolts + ", noiseVoltsRms="
                + noiseVoltsRms + ", offsetVolts=" + offsetVolts + ", gainErrorFraction=" + gainErrorFraction
                + ", seed=" + seed + "]";
    }
}
