package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A pair of connected pseudo-terminals made by socat, reachable at two links in a directory:
 * {@code host} (the service's end, what a USB device node would be) and {@code device} (the
 * emulator's end). {@link #kill} makes both links vanish — an unplug; a new pair at the same
 * directory is the replug.
 */
final class PtyPair implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 20;
    /** socat with the two link arguments; stops it (it removes the links) once stdin reaches its end. */
    private static final String SOCAT_UNTIL_STDIN_CLOSES =
            "socat -d -d \"$1\" \"$2\" & pid=$!; trap 'kill $pid' TERM; read -r _; kill $pid 2>/dev/null; wait $pid";

    private final Path hostLink;
    private final Path deviceLink;
    private final Process socat;

    private PtyPair(Path directory) throws IOException, InterruptedException {
        this.hostLink = directory.resolve("host");
        this.deviceLink = directory.resolve("device");
        // socat runs under a shell that ends it when its standard input closes: when kill closes it,
        // and when this JVM dies without closing anything (PIT ends a timed-out minion with a kill),
        // so that no socat outlives its test.
        socat = new ProcessBuilder("sh", "-c", SOCAT_UNTIL_STDIN_CLOSES, "sh",
                "pty,raw,echo=0,link=" + hostLink, "pty,raw,echo=0,link=" + deviceLink)
                .redirectErrorStream(true).start();
        // socat prints this notice after it has made both pseudo-terminals and their links: block on
        // its output (real I/O) rather than polling the file system.
        CountDownLatch ready = new CountDownLatch(1);
        StringBuilder log = new StringBuilder();
        Thread drain = Thread.ofPlatform().daemon().name("socat-log").start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(socat.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("starting data transfer loop")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // socat ended; the drain ends with it.
            }
        });
        if (!ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || !Files.exists(hostLink)
                || !Files.exists(deviceLink)) {
            kill();
            drain.join(1000);
            synchronized (log) {
                fail("socat did not make the pseudo-terminal pair within " + START_TIMEOUT_SECONDS + " s:\n" + log);
            }
        }
    }

    /**
     * Starts a pair with links in {@code directory}. Skips the test when socat is missing, unless the
     * environment variable CI is set: in CI a missing socat fails.
     */
    static PtyPair start(Path directory) throws IOException, InterruptedException {
        requireSocat();
        return new PtyPair(directory);
    }

    static void requireSocat() {
        boolean present = SocatLink.socatPresent();
        String ci = System.getenv("CI");
        boolean inCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
        if (!present && inCi) {
            fail("socat is not installed, and CI is set: the pseudo-terminal tests must run in CI");
        }
        assumeTrue(present, "socat is not installed (apt-get install socat); skipping the pseudo-terminal tests");
    }

    /** The service's end. */
    String hostPath() {
        return hostLink.toString();
    }

    /** The emulator's end. */
    Path devicePath() {
        return deviceLink;
    }

    /** Ends socat and waits for it: both pseudo-terminals close and both links vanish. */
    void kill() throws InterruptedException {
        try {
            socat.getOutputStream().close();
        } catch (IOException e) {
            socat.destroy(); // the shell's stdin is already gone; its TERM trap ends socat
        }
        if (!socat.waitFor(10, TimeUnit.SECONDS)) {
            socat.destroyForcibly();
            socat.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
