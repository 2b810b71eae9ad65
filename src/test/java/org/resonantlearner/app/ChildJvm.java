package org.resonantlearner.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code resonant-learner} command line in a child JVM of this test's classpath, as a user's
 * shell or systemd starts it: real signals, a real exit code, its output in a file.
 */
final class ChildJvm {
    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code Main} with {@code arguments}, stdout and stderr together into {@code output}. */
    static ChildJvm start(Path output, String... arguments) throws IOException {
        return start(List.of(), output, arguments);
    }

    /**
     * Starts {@code Main} with {@code arguments} behind {@code shellPrefix} (e.g. {@code ulimit -f 100;}),
     * stdout and stderr together into {@code output}.
     */
    static ChildJvm start(List<String> shellPrefix, Path output, String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(arguments));
        if (!shellPrefix.isEmpty()) {
            List<String> shell = new ArrayList<>(List.of("sh", "-c", String.join(" ", shellPrefix) + " exec \"$@\"", "sh"));
            shell.addAll(command);
            command = shell;
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new ChildJvm(process, output);
    }

    /** Sends SIGTERM (what systemd and {@code kill} send). */
    void terminate() {
        process.destroy();
    }

    /** Waits up to {@code seconds} for the exit; kills the child and returns -1 when it does not come. */
    int waitFor(double seconds) throws InterruptedException {
        if (!process.waitFor(Math.round(seconds * 1000), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    /** Everything the child printed so far. */
    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** Kills the child if it still runs (for a finally block). */
    void kill() {
        process.destroyForcibly();
    }
}
