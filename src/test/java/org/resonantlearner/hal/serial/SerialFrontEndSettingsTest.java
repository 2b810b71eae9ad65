package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The adapter's default timing is the one hardware/serial-protocol.md describes. */
class SerialFrontEndSettingsTest {
    @Test
    void theDefaultsAreTheDocumentedTiming() {
        SerialFrontEndSettings defaults = SerialFrontEndSettings.defaults();
        // serial-protocol.md: HELLO every 0.25 s for 2 s; no frame for 1 s is a disconnect; back-off
        // 0.05 s doubling to 2 s.
        assertEquals(0.25, defaults.helloRetrySeconds());
        assertEquals(2.0, defaults.handshakeTimeoutSeconds());
        assertEquals(1.0, defaults.stallTimeoutSeconds());
        assertEquals(0.05, defaults.reconnectInitialDelaySeconds());
        assertEquals(2.0, defaults.reconnectMaxDelaySeconds());
        // And as its Javadoc says: 2^20 samples of ring, 52 s at 20 kS/s.
        assertEquals(1 << 20, defaults.ringCapacitySamples());
    }

    @Test
    void aRingThatIsNotAPowerOfTwoIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new SerialFrontEndSettings(0.1, 2.0, 0.25, 1.0, 0.05, 2.0, 0.5, 5.0, 10.0, 3 << 10));
    }
}
