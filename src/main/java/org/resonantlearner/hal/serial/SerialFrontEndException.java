package org.resonantlearner.hal.serial;

/** The front-end could not do what was asked: no answer at start-up, a command not acknowledged, a NAK. */
public final class SerialFrontEndException extends RuntimeException {
    /** Creates the exception with its one-line message. */
    public SerialFrontEndException(String message) {
        super(message);
    }
}
