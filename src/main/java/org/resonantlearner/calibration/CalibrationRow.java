package org.resonantlearner.calibration;

import java.util.OptionalDouble;
import org.resonantlearner.check.Check;

/**
 * One measured actuator position of a calibration table.
 *
 * @param positionSteps actuator position (steps)
 * @param tunedValue tuned parameter at that position (F, N/m or kg, the file's {@code tunedUnit}), finite, &gt; 0
 * @param resonantFrequencyHz measured resonant frequency (Hz), finite, &gt; 0
 * @param loadedQ measured loaded quality factor (dimensionless), finite, &gt; 0
 * @param fitResidualRmsFraction optional quality of the resonance fit: RMS residual relative to the
 *     peak power, in [0, 1]; empty when the file does not give it
 * @param ringdownResonantFrequencyHz optional resonant frequency from a ringdown fit at that position (Hz),
 *     finite, &gt; 0; empty when no ringdown was measured
 * @param ringdownLoadedQ optional loaded Q from the same ringdown fit, finite, &gt; 0
 */
public record CalibrationRow(int positionSteps, double tunedValue, double resonantFrequencyHz, double loadedQ,
        OptionalDouble fitResidualRmsFraction, OptionalDouble ringdownResonantFrequencyHz,
        OptionalDouble ringdownLoadedQ) {

    /** Validates every field. */
    public CalibrationRow {
        Check.positive("tunedValue", tunedValue, "");
        Check.positive("resonantFrequencyHz", resonantFrequencyHz, "Hz");
        Check.positive("loadedQ", loadedQ, "");
        Check.present("fitResidualRmsFraction", fitResidualRmsFraction);
        if (fitResidualRmsFraction.isPresent()) {
            Check.inRange("fitResidualRmsFraction", fitResidualRmsFraction.getAsDouble(), "", 0, 1);
        }
        Check.present("ringdownResonantFrequencyHz", ringdownResonantFrequencyHz);
        if (ringdownResonantFrequencyHz.isPresent()) {
            Check.positive("ringdownResonantFrequencyHz", ringdownResonantFrequencyHz.getAsDouble(), "Hz");
        }
        Check.present("ringdownLoadedQ", ringdownLoadedQ);
        if (ringdownLoadedQ.isPresent()) {
            Check.positive("ringdownLoadedQ", ringdownLoadedQ.getAsDouble(), "");
        }
    }
}
