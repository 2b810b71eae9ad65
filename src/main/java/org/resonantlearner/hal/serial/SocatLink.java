package org.resonantlearner.hal.serial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A link that owns the host's device node: it runs {@code socat pty,raw,echo=0,link=PATH STDIO} as a
 * child process and talks to it over the child's standard input and output, so the pseudo-terminal
 * at {@code PATH} exists exactly while that child runs. {@link #unplug} ends the child (socat removes
 * the link, the host's open port fails with EIO), {@link #replug} lets {@link #open} start a new one
 * at the same path: a USB cable pulled and put back. When this JVM dies however it dies, the child's
 * standard input reaches its end and socat exits with it.
 *
 * <p>An unplug is clean at a frame boundary: every frame whose write to the link returned before the
 * unplug reaches the host, and no frame after it does. {@link #unplug} ends socat's standard input
 * between two writes (never inside one), so socat forwards every byte it was handed, keeps the
 * pseudo-terminal up for {@value #DRAIN_SECONDS} s for the host to read them (the kernel discards
 * what the host has not read when the master side closes), then exits; a write after the unplug
 * fails. So a sample frame the emulator counts as sent is a frame the host got, and its lost-sample
 * count can equal the emulator's. A socat that does not exit by itself (its host stopped reading)
 * is ended {@value #STOP_TIMEOUT_SECONDS} s later.
 */
public final class SocatLink implements DeviceLink {
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final long STOP_TIMEOUT_SECONDS = 5;
    /** After an unplug socat keeps the pseudo-terminal up this long for the host to read what it was sent (s). */
    static final double DRAIN_SECONDS = 0.25;

    private final Path path;
    private Process socat;
    private GracefulInput input;
    private boolean plugged = true;
    private boolean closed;

    /** A link that will make the host's device node at {@code path}. */
    public SocatLink(Path path) {
        this.path = path;
    }

    /** Whether a {@code socat} is on the PATH. */
    public static boolean socatPresent() {
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return false;
        }
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Connection open() throws IOException, InterruptedException {
        Process started;
        synchronized (this) {
            while (!plugged && !closed) {
                wait();
            }
            if (closed) {
                return null;
            }
            endChild();
            socat = new ProcessBuilder("socat", "-d", "-d", "-t", Double.toString(DRAIN_SECONDS),
                    "pty,raw,echo=0,link=" + path, "STDIO").start();
            started = socat;
            input = new GracefulInput(started.getOutputStream());
        }
        awaitReady(started);
        return new Connection(started.getInputStream(), input, () -> {
            synchronized (this) {
                if (socat == started) {
                    try {
                        endChild();
                    } catch (InterruptedException e) {
                        started.destroyForcibly();
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
    }

    /** Blocks on socat's notice that it made the pseudo-terminal and its link (real I/O, no polling). */
    private void awaitReady(Process started) throws IOException, InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        StringBuilder log = new StringBuilder();
        Thread.ofPlatform().daemon().name("socat-link-log").start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (ready.getCount() > 0) {
                        synchronized (log) {
                            log.append(line).append(' ');
                        }
                    }
                    if (line.contains("starting data transfer loop")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // socat ended; its log with it.
            }
            ready.countDown();
        });
        if (!ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || !started.isAlive()) {
            started.destroyForcibly();
            synchronized (log) {
                throw new IOException("socat did not make " + path + ": " + log.toString().trim());
            }
        }
    }

    /**
     * Ends the current child, if any, and waits for it (so that its link is gone); one that is
     * draining after an unplug gets its time to finish first.
     */
    private void endChild() throws InterruptedException {
        if (socat == null) {
            return;
        }
        if (input.ended() && socat.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            socat = null;
            return;
        }
        socat.destroy();
        if (!socat.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            socat.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        socat = null;
    }

    @Override
    public synchronized void unplug() {
        plugged = false;
        if (socat != null && !input.ended()) {
            // socat forwards what it has, drains and exits; the next write fails. open() waits for
            // the exit before a replug; a socat whose host stopped reading is ended meanwhile.
            input.end();
            Process draining = socat;
            Thread.ofPlatform().daemon().name("socat-link-unplug").start(() -> {
                try {
                    if (!draining.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        draining.destroy();
                    }
                } catch (InterruptedException e) {
                    draining.destroy();
                }
            });
        }
        notifyAll();
    }

    @Override
    public synchronized void replug() {
        plugged = true;
        notifyAll();
    }

    @Override
    public boolean canUnplug() {
        return true;
    }

    /** The pid of the socat that serves the link now, or -1. */
    public synchronized long childPid() {
        return socat == null ? -1 : socat.pid();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
            try {
                endChild();
            } catch (InterruptedException e) {
                socat.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /**
     * socat's standard input, where one write is one frame: written and flushed whole, or (after
     * {@link #end}) refused whole. {@link #end} never waits for a write in progress (that one ends the
     * input when it is done), so an unplug never blocks on a host that stopped reading.
     */
    private static final class GracefulInput extends java.io.OutputStream {
        private final java.io.OutputStream out;
        private final java.util.concurrent.locks.ReentrantLock writing = new java.util.concurrent.locks.ReentrantLock();
        private volatile boolean endRequested;
        private boolean closed;

        GracefulInput(java.io.OutputStream out) {
            this.out = out;
        }

        boolean ended() {
            return endRequested;
        }

        /** Ends the input now, or after the write in progress. */
        void end() {
            endRequested = true;
            if (writing.tryLock()) {
                try {
                    closeOut();
                } finally {
                    writing.unlock();
                }
            }
        }

        private void closeOut() {
            if (!closed) {
                closed = true;
                try {
                    out.close();
                } catch (IOException e) {
                    // socat is gone already.
                }
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            writing.lock();
            try {
                if (endRequested) {
                    closeOut();
                    throw new IOException("unplugged");
                }
                out.write(bytes, offset, length);
                out.flush();
            } finally {
                if (endRequested) {
                    closeOut();
                }
                writing.unlock();
            }
        }

        @Override
        public void flush() {
            // Every write is flushed already.
        }

        @Override
        public void close() {
            writing.lock();
            try {
                endRequested = true;
                closeOut();
            } finally {
                writing.unlock();
            }
        }
    }
}
