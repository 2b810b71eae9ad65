package org.resonantlearner.app.config;

import org.resonantlearner.check.InvalidValueException;

/**
 * The serial front-end's port.
 *
 * @param port device path, preferably the stable {@code /dev/serial/by-id/...} link of the board
 *     (a {@code /dev/ttyACM0} name can change between boots and replugs); empty when not in serial mode
 */
public record SerialSettings(String port) {
    /** Validates the port path. */
    public SerialSettings {
        if (port == null) {
            throw new InvalidValueException("port", "null", "", "a device path such as /dev/serial/by-id/usb-...");
        }
    }
}
