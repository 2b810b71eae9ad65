package org.resonantlearner.hal.serial;

import org.resonantlearner.check.Check;

/**
 * Timing and buffering of {@link SerialFrontEnd}.
 *
 * @param readPollSeconds longest a port read blocks with no byte, so the I/O thread notices a close
 *     or a stall (s)
 * @param handshakeTimeoutSeconds how long a connection attempt waits for INFO after HELLO (s)
 * @param helloRetrySeconds interval at which HELLO is repeated while waiting for INFO (s)
 * @param stallTimeoutSeconds a connected device silent this long counts as gone (s); must exceed
 *     the device's frame interval by a wide margin
 * @param reconnectInitialDelaySeconds first back-off after a failed connection attempt (s)
 * @param reconnectMaxDelaySeconds the back-off doubles up to this (s)
 * @param ackRetrySeconds a MOVE not acknowledged within this is sent again (s)
 * @param commandTimeoutSeconds {@code moveTo} gives up (throws) after this, across reconnections (s)
 * @param startupTimeoutSeconds {@code open} waits this long for the first handshake (s)
 * @param ringCapacitySamples samples buffered between the I/O thread and {@code read}; a power of two
 */
public record SerialFrontEndSettings(double readPollSeconds, double handshakeTimeoutSeconds, double helloRetrySeconds,
        double stallTimeoutSeconds, double reconnectInitialDelaySeconds, double reconnectMaxDelaySeconds,
        double ackRetrySeconds, double commandTimeoutSeconds, double startupTimeoutSeconds, int ringCapacitySamples) {

    /** Validates every field. */
    public SerialFrontEndSettings {
        Check.inRange("readPollSeconds", readPollSeconds, "s", 0.001, 10);
        Check.inRange("handshakeTimeoutSeconds", handshakeTimeoutSeconds, "s", 0.01, 600);
        Check.inRange("helloRetrySeconds", helloRetrySeconds, "s", 0.001, 600);
        Check.inRange("stallTimeoutSeconds", stallTimeoutSeconds, "s", 0.01, 3600);
        Check.inRange("reconnectInitialDelaySeconds", reconnectInitialDelaySeconds, "s", 0.001, 600);
        Check.inRange("reconnectMaxDelaySeconds", reconnectMaxDelaySeconds, "s", reconnectInitialDelaySeconds, 3600);
        Check.inRange("ackRetrySeconds", ackRetrySeconds, "s", 0.001, 600);
        Check.inRange("commandTimeoutSeconds", commandTimeoutSeconds, "s", 0.001, 3600);
        Check.inRange("startupTimeoutSeconds", startupTimeoutSeconds, "s", 0.01, 3600);
        Check.inRange("ringCapacitySamples", ringCapacitySamples, "samples", 1024, 1 << 28);
        if (Integer.bitCount(ringCapacitySamples) != 1) {
            throw new IllegalArgumentException("ringCapacitySamples = " + ringCapacitySamples
                    + " samples is invalid: allowed a power of two in [1024, 268435456] samples");
        }
    }

    /**
     * Defaults for a USB front-end: 0.1 s poll, 2 s handshake with HELLO every 0.25 s, 1 s stall,
     * back-off 0.05 s doubling to 2 s, MOVE retried after 0.5 s and abandoned after 5 s, 10 s to
     * start, 2^20 samples of ring (52 s at 20 kS/s, 2 s at 500 kS/s).
     */
    public static SerialFrontEndSettings defaults() {
        return new SerialFrontEndSettings(0.1, 2.0, 0.25, 1.0, 0.05, 2.0, 0.5, 5.0, 10.0, 1 << 20);
    }
}
