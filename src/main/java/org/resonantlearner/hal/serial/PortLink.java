package org.resonantlearner.hal.serial;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A link to an existing terminal device the emulator opens (e.g. one end of a socat pseudo-terminal
 * pair): each {@link #open} waits until the path exists and opens it, so when the pair is made again
 * at the same path (socat restarted) the emulator serves it again.
 *
 * <p>What it cannot see: socat keeps a pseudo-terminal pair up when the host closes its end, so the
 * emulator's writes only block (socat buffers some 50 kB, and hands the rest to the next process that
 * opens the host end). The emulator ends such a session when a write has not completed for
 * {@link FrontEndEmulator#HOST_GONE_SECONDS} s.
 */
public final class PortLink implements DeviceLink {
    private static final long POLL_MILLIS = 100;

    private final Path path;

    /** A link to {@code path}. */
    public PortLink(Path path) {
        this.path = path;
    }

    @Override
    public Connection open() throws IOException, InterruptedException {
        while (!Files.exists(path)) {
            Thread.sleep(POLL_MILLIS);
        }
        FileInputStream in = new FileInputStream(path.toFile());
        try {
            return Connection.of(in, new FileOutputStream(path.toFile()));
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
