package org.resonantlearner.calibration;

/**
 * A calibration sweep that could not measure the rig: the resonance outside the sweep or not
 * resolved, readings at the ADC rails, no drive signal, the samples stopping. The message is one line
 * saying where and what to change; nothing has been written.
 */
public final class CalibrationFailedException extends RuntimeException {
    /** Creates the exception with its one-line message. */
    public CalibrationFailedException(String message) {
        super(message);
    }
}
