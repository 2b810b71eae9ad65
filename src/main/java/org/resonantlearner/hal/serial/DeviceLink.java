package org.resonantlearner.hal.serial;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The "cable" between a {@link FrontEndEmulator} and its host: hands out one connection at a time.
 * When a connection fails (a read or write error, the end of input) the emulator closes it and asks
 * for the next one; a link that can reconnect waits until the host side is there again.
 */
public interface DeviceLink extends Closeable {
    /** One connection's byte streams; closing it closes both. */
    record Connection(InputStream fromHost, OutputStream toHost, Closeable onClose) implements Closeable {
        /** A connection over two streams, closed together. */
        public static Connection of(InputStream fromHost, OutputStream toHost) {
            return new Connection(fromHost, toHost, () -> {
                try (fromHost; toHost) {
                    // closes both, even when one close throws
                }
            });
        }

        @Override
        public void close() throws IOException {
            onClose.close();
        }
    }

    /**
     * Blocks until the host side can be served and returns its connection, or null when this link has
     * ended for good.
     *
     * @throws InterruptedException when the emulator stops while waiting
     */
    Connection open() throws IOException, InterruptedException;

    /** Pulls the cable: the current connection fails and the host's device node goes away. */
    default void unplug() {}

    /** Puts the cable back after {@link #unplug}: {@link #open} can succeed again. */
    default void replug() {}

    /** Whether {@link #unplug} does anything on this link. */
    default boolean canUnplug() {
        return false;
    }

    @Override
    default void close() throws IOException {}

    /** A link that hands out {@code fromHost}/{@code toHost} once, then ends (a pipe, a test's streams). */
    static DeviceLink once(InputStream fromHost, OutputStream toHost) {
        AtomicBoolean used = new AtomicBoolean();
        return () -> used.getAndSet(true) ? null : Connection.of(fromHost, toHost);
    }
}
