package org.resonantlearner.rig;

import java.util.Arrays;
import org.resonantlearner.check.Check;

/**
 * A drive profile composed of a frequency profile, an amplitude profile and broadband noise:
 * force(t) = amplitude(t)·sin(φ(t)) + noise(t) with φ' = 2π·frequency(t).
 *
 * @param frequency the drive frequency over time
 * @param amplitude the sine's peak amplitude over time
 * @param noise broadband noise added to the sine ({@link GaussianNoise#none()} for none)
 */
public record Drive(FrequencyProfile frequency, AmplitudeProfile amplitude, NoiseProfile noise)
        implements DriveProfile {

    /** Validates that every part is present. */
    public Drive {
        Check.present("frequency", frequency);
        Check.present("amplitude", amplitude);
        Check.present("noise", noise);
    }

    /** A steady sine of the given frequency (Hz) and amplitude (rig's drive unit), without noise. */
    public static Drive constant(double frequencyHz, double amplitude) {
        return new Drive(new ConstantFrequency(frequencyHz), new ConstantAmplitude(amplitude), GaussianNoise.none());
    }

    /** A drive with the given frequency profile, constant amplitude and no noise. */
    public static Drive of(FrequencyProfile frequency, double amplitude) {
        return new Drive(frequency, new ConstantAmplitude(amplitude), GaussianNoise.none());
    }

    /**
     * The non-constant parts joined by "+", e.g. "frequency-ramp", "frequency-steps+amplitude-ramp+noise";
     * "constant" when nothing changes.
     */
    @Override
    public String kind() {
        StringBuilder kind = new StringBuilder();
        appendPart(kind, frequency.kind(), "constant");
        appendPart(kind, amplitude.kind(), "constant");
        appendPart(kind, noise.kind(), "none");
        return kind.isEmpty() ? "constant" : kind.toString();
    }

    private static void appendPart(StringBuilder kind, String part, String quiet) {
        if (!part.equals(quiet)) {
            if (!kind.isEmpty()) {
                kind.append('+');
            }
            kind.append(part);
        }
    }

    /** Instantaneous frequency (Hz) of the frequency profile. */
    @Override
    public double frequencyHz(double timeSeconds) {
        return frequency.frequencyHz(timeSeconds);
    }

    /** Peak amplitude of the amplitude profile. */
    @Override
    public double amplitude(double timeSeconds) {
        return amplitude.amplitude(timeSeconds);
    }

    /** The noise profile's value. */
    @Override
    public double noise(double timeSeconds) {
        return noise.noise(timeSeconds);
    }

    /** Frequency and amplitude step instants merged, ascending, without duplicates. */
    @Override
    public double[] eventTimesSeconds() {
        double[] frequencyEvents = frequency.eventTimesSeconds();
        double[] amplitudeEvents = amplitude.eventTimesSeconds();
        double[] merged = new double[frequencyEvents.length + amplitudeEvents.length];
        System.arraycopy(frequencyEvents, 0, merged, 0, frequencyEvents.length);
        System.arraycopy(amplitudeEvents, 0, merged, frequencyEvents.length, amplitudeEvents.length);
        Arrays.sort(merged);
        int distinct = 0;
        for (double time : merged) {
            if (distinct == 0 || time != merged[distinct - 1]) {
                merged[distinct++] = time;
            }
        }
        return Arrays.copyOf(merged, distinct);
    }
}
