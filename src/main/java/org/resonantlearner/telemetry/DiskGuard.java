package org.resonantlearner.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Keeps a reserve of free space on the disk a record is written to: the recorder asks before each
 * batch, and the guard looks at the file store at most once a second of wall time or once a MiB
 * written (a statvfs call, cheap but not free), so recording stops on whole lines before the disk is
 * full rather than on a write the disk refuses.
 */
public final class DiskGuard {
    /** Wall time between looks at the file store (ns). */
    static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;
    /** Bytes written between looks at the file store. */
    static final long CHECK_INTERVAL_BYTES = 1L << 20;
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    /** The usable space of the file store holding a directory; injectable, so tests need no full disk. */
    @FunctionalInterface
    public interface UsableSpace {
        /** Usable bytes on the file store that holds {@code directory} (which exists). */
        long usableBytes(Path directory) throws IOException;
    }

    /** The real file store's usable space. */
    public static final UsableSpace FILE_STORE = directory -> Files.getFileStore(directory).getUsableSpace();

    private final Path directory;
    private final long reserveBytes;
    private final UsableSpace space;
    private final LongSupplier nanoClock;
    private boolean checkedOnce;
    private long lastCheckNanos;
    private long lastCheckBytes;

    /** A guard keeping {@code reserveBytes} free on the store of {@code directory}; a reserve of 0 never stops. */
    public DiskGuard(Path directory, long reserveBytes, UsableSpace space, LongSupplier nanoClock) {
        this.directory = directory;
        this.reserveBytes = reserveBytes;
        this.space = space;
        this.nanoClock = nanoClock;
    }

    /**
     * Before writing more: null while the reserve is kept (or it is not time to look yet), else the
     * one-line reason. {@code bytesWritten} counts every byte this record wrote so far.
     */
    public String check(long bytesWritten) throws IOException {
        long now = nanoClock.getAsLong();
        if (checkedOnce && now - lastCheckNanos < CHECK_INTERVAL_NANOS
                && bytesWritten - lastCheckBytes < CHECK_INTERVAL_BYTES) {
            return null;
        }
        checkedOnce = true;
        lastCheckNanos = now;
        lastCheckBytes = bytesWritten;
        return shortfall(directory, reserveBytes, space);
    }

    /**
     * Null when the store of {@code directory} (or of its nearest existing parent: call it before
     * creating a run directory) has at least {@code reserveBytes} usable, else the one-line reason
     * "disk space below reserve: X MiB free on DIR, reserve Y MiB".
     */
    public static String shortfall(Path directory, long reserveBytes) throws IOException {
        return shortfall(directory, reserveBytes, FILE_STORE);
    }

    static String shortfall(Path directory, long reserveBytes, UsableSpace space) throws IOException {
        if (reserveBytes == 0) {
            return null;
        }
        Path existing = directory.toAbsolutePath();
        while (!Files.isDirectory(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        long usable = space.usableBytes(existing);
        // Rounded down, so a shortfall never reads as "64.0 MiB free, reserve 64.0 MiB".
        if (usable >= reserveBytes) {
            return null;
        }
        return String.format(Locale.ROOT, "disk space below reserve: %.1f MiB free on %s, reserve %.1f MiB",
                Math.floor(usable / BYTES_PER_MIB * 10) / 10, existing, reserveBytes / BYTES_PER_MIB);
    }
}
