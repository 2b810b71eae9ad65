package org.resonantlearner.control;

import org.resonantlearner.check.Check;

/**
 * Knobs of the extremum-seeking baseline.
 *
 * @param ditherAmplitudeFraction dither amplitude as a fraction of the actuator range, (0, 0.25]
 * @param ditherPhases positions per dither period (the sine is sampled at this many phases, each
 *     held for the settle time plus one window), 3 .. 64
 * @param gain integrator gain: the nominal position moves {@code gain × amplitude × demodulated
 *     log-power} steps per judged window, (0, 100]
 */
public record ExtremumSeekingSettings(double ditherAmplitudeFraction, int ditherPhases, double gain) {

    /** Default dither amplitude: 0.2 % of the range. */
    public static final double DEFAULT_DITHER_AMPLITUDE_FRACTION = 0.002;
    /** Default phases per dither period: a period of about 4 × (settle time + one window). */
    public static final int DEFAULT_DITHER_PHASES = 4;
    /** Default integrator gain. */
    public static final double DEFAULT_GAIN = 1.0;

    /** Validates every knob. */
    public ExtremumSeekingSettings {
        Check.inRange("ditherAmplitudeFraction", ditherAmplitudeFraction, "", Double.MIN_VALUE, 0.25);
        Check.inRange("ditherPhases", ditherPhases, "", 3, 64);
        Check.inRange("gain", gain, "", Double.MIN_VALUE, 100.0);
    }

    /** The defaults. */
    public static ExtremumSeekingSettings defaults() {
        return new ExtremumSeekingSettings(DEFAULT_DITHER_AMPLITUDE_FRACTION, DEFAULT_DITHER_PHASES, DEFAULT_GAIN);
    }
}
