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
 */
public final class SocatLink implements DeviceLink {
    private static final long START_TIMEOUT_SECONDS = 10;
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final Path path;
    private Process socat;
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
            socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + path, "STDIO").start();
            started = socat;
        }
        awaitReady(started);
        return new Connection(started.getInputStream(), started.getOutputStream(), () -> {
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

    /** Ends the current child, if any, and waits for it (so that its link is gone). */
    private void endChild() throws InterruptedException {
        if (socat == null) {
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
        if (socat != null) {
            socat.destroy(); // the connection fails now; open() waits for the exit before a replug
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
}
