package org.resonantlearner.hal.serial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.resonantlearner.hal.AdcCalibration;

/**
 * A fixture for the contract tests: the serial front-end adapter on the host end of a socat
 * pseudo-terminal pair, the emulated device (simulated rig of the default config) on the other.
 * Skips when socat is missing (outside CI), as the other pseudo-terminal tests do.
 */
final class SerialContractRig implements AutoCloseable {
    /** Quick back-off and stall detection, as in {@link SerialFrontEndPtyTest}. */
    private static final SerialFrontEndSettings SETTINGS = new SerialFrontEndSettings(0.05, 2.0, 0.25, 2.0, 0.02,
            0.2, 0.5, 10.0, 20.0, 1 << 18);

    private final PtyPair pty;
    private final EmulatedDevice device;
    final SerialFrontEnd frontEnd;

    private SerialContractRig(Path directory) throws IOException, InterruptedException {
        pty = PtyPair.start(directory);
        device = new EmulatedDevice(pty.devicePath(), 1, 0xC0DE, 0, 0);
        frontEnd = SerialFrontEnd.open(pty.hostPath(), SETTINGS, AdcCalibration.NONE);
    }

    static SerialContractRig open(Path directory) {
        try {
            return new SerialContractRig(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the pseudo-terminal pair", e);
        }
    }

    /** The position the emulated device's own actuator is at after the last MOVE it executed (steps). */
    int devicePositionSteps() {
        return device.emulator().positionSteps();
    }

    /** Closes the adapter, then stops the device and unplugs the pair. */
    @Override
    public void close() throws InterruptedException {
        try {
            frontEnd.close();
        } finally {
            try {
                device.close();
            } finally {
                pty.close();
            }
        }
    }
}
