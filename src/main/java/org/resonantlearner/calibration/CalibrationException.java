package org.resonantlearner.calibration;

/**
 * A calibration file that cannot be used: the message is one line naming the file, the line and
 * the field (with its value, unit and allowed range), e.g.
 * {@code calibration/rlc-bench.json line 14: table[3].positionSteps = 120 steps is invalid: allowed a value > table[2].positionSteps (150 steps)}.
 */
public final class CalibrationException extends RuntimeException {
    /** Creates the exception with its one-line message. */
    public CalibrationException(String message) {
        super(message);
    }

    /** Creates the exception with its one-line message and the error behind it. */
    public CalibrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
