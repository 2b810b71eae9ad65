package org.resonantlearner.hal.pi4j;

/**
 * A software-paced or ready-pin-paced ADC stream lost at least one sample (the reader fell more than
 * one sample period behind). The stream never stitches over a gap; it stops with this error.
 */
public final class SampleOverrunException extends IllegalStateException {

    /** Creates the exception with a message naming the sample index and how late it was. */
    public SampleOverrunException(String message) {
        super(message);
    }
}
