package org.resonantlearner.schematics;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs ngspice in batch mode for the schematics tests: one place for finding it and for its time limit. */
final class Ngspice {
    private static final long TIMEOUT_SECONDS = 60;

    private Ngspice() {}

    /** Skips the test when ngspice is not installed, except under CI, where its absence is a failure. */
    static void requireInstalled() {
        boolean found = false;
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ngspice"))) {
                    found = true;
                    break;
                }
            }
        }
        if (!found && System.getenv("CI") != null) {
            fail("ngspice is not on the PATH but CI is set: .ci/run should have installed it (apt-get install ngspice)");
        }
        Assumptions.assumeTrue(found, "ngspice is not on the PATH (apt-get install ngspice); skipping the simulation");
    }

    /**
     * Writes {@code deck} to {@code workDir/run.cir}, runs {@code ngspice -b} on it there with its output in
     * {@link #log}, and fails the test when it does not finish within the time limit.
     *
     * @return ngspice's exit code
     */
    static int runBatch(Path workDir, String deck) throws IOException, InterruptedException {
        Path deckFile = workDir.resolve("run.cir");
        Files.writeString(deckFile, deck, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder("ngspice", "-b", deckFile.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log(workDir).toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("ngspice did not finish in " + TIMEOUT_SECONDS + " s; log:\n" + Files.readString(log(workDir)));
        }
        return process.exitValue();
    }

    /** Where {@link #runBatch} leaves ngspice's output. */
    static Path log(Path workDir) {
        return workDir.resolve("ngspice.log");
    }
}
