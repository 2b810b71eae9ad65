package org.resonantlearner.hal.pi4j;

/**
 * A converter's "conversion ready" pulses (the ADS1115 ALERT/RDY pin), counted so that a reader can
 * tell a missed conversion from a timely one.
 *
 * <p>The real implementation is {@link DigitalInputReadySignal}; tests pass a fake that hands out
 * pulses on demand.
 */
public interface ReadySignal {

    /** Forgets every pulse counted so far (before the converter starts a new stream). */
    void discardPending();

    /**
     * Waits up to {@code timeoutNanos} for a ready pulse and returns how many arrived since the
     * previous call (1 when the reader kept up, more when conversions were missed), or 0 on timeout.
     * When the thread is interrupted it returns 0 with the interrupt flag set.
     */
    int awaitReady(long timeoutNanos);
}
