package org.resonantlearner.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the AVR end-to-end tests need from outside Java: the front-end firmware's and the simavr
 * harness's builds (made here with make, from {@code hardware/frontend-avr}), the tools those builds
 * and runs need, and the {@code physics-server} command line the device models spawn. A missing tool
 * skips the test, except under {@code CI=true}, where it fails.
 */
public final class AvrBuilds {
    /** System property (or environment variable RL_FRONTEND_AVR_DIR) naming another firmware directory. */
    public static final String DIRECTORY_PROPERTY = "rl.frontendAvrDir";
    private static final long MAKE_TIMEOUT_SECONDS = 180;

    private AvrBuilds() {}

    /** {@code hardware/frontend-avr} of this checkout (or the directory the property names). */
    public static Path frontEndDirectory() {
        String chosen = System.getProperty(DIRECTORY_PROPERTY, System.getenv("RL_FRONTEND_AVR_DIR"));
        Path directory = Path.of(chosen == null || chosen.isBlank() ? "hardware/frontend-avr" : chosen);
        assertTrue(Files.isRegularFile(directory.resolve("Makefile")),
                "the front-end firmware is not at " + directory.toAbsolutePath() + " (set -D" + DIRECTORY_PROPERTY + ")");
        return directory;
    }

    /** True under {@code CI=true} (or any CI value but false). */
    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /** Skips the test (fails it in CI) unless every tool is an executable on the PATH. */
    public static void requireTools(String packages, String... tools) {
        for (String tool : tools) {
            if (!onPath(tool)) {
                String why = tool + " is not installed (apt-get install " + packages + ")";
                if (inCi()) {
                    fail(why + ", and CI is set: the AVR tests must run in CI");
                }
                assumeTrue(false, why + "; skipping");
            }
        }
    }

    /** Skips the test (fails it in CI) unless simavr's development files are installed. */
    public static void requireSimavr() {
        requireTools("gcc-avr avr-libc libsimavr-dev", "make", "cc", "avr-gcc");
        if (!Files.isRegularFile(Path.of("/usr/include/simavr/sim_avr.h"))) {
            String why = "simavr's headers are not installed (apt-get install libsimavr-dev)";
            if (inCi()) {
                fail(why + ", and CI is set: the AVR tests must run in CI");
            }
            assumeTrue(false, why + "; skipping");
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code make -C directory target} and returns {@code directory/product}, which it must have made. */
    public static Path make(Path directory, String target, String product) throws IOException, InterruptedException {
        Process make = new ProcessBuilder("make", "-C", directory.toString(), target).redirectErrorStream(true).start();
        byte[] output = make.getInputStream().readAllBytes();
        if (!make.waitFor(MAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            make.destroyForcibly();
            fail("make -C " + directory + " " + target + " took over " + MAKE_TIMEOUT_SECONDS + " s");
        }
        assertEquals(0, make.exitValue(), "make -C " + directory + " " + target + ":\n"
                + new String(output, StandardCharsets.UTF_8));
        Path made = directory.resolve(product);
        assertTrue(Files.isExecutable(made) || Files.isRegularFile(made), "make " + target + " made no " + made);
        return made;
    }

    /** The firmware's native build, made: {@code build/frontend-native}. */
    public static Path nativeFirmware() throws IOException, InterruptedException {
        requireTools("build-essential", "make", "cc");
        return make(frontEndDirectory(), "native", "build/frontend-native");
    }

    /** The firmware's AVR ELF, made: {@code build/frontend.elf}. */
    public static Path avrFirmware() throws IOException, InterruptedException {
        requireSimavr();
        return make(frontEndDirectory(), "all", "build/frontend.elf");
    }

    /** The simavr harness, made: {@code sim/build/frontend-sim}. */
    public static Path simavrHarness() throws IOException, InterruptedException {
        requireSimavr();
        return make(Path.of("hardware/frontend-avr/sim"), "build/frontend-sim", "build/frontend-sim");
    }

    /** {@code physics-server --seed seed} in a JVM of this test's classpath: the command a device model spawns. */
    public static List<String> physicsServerCommand(long seed) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.resonantlearner.app.Main", "physics-server", "--seed", Long.toString(seed)));
    }
}
