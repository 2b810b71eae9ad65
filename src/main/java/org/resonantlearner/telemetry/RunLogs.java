package org.resonantlearner.telemetry;

import java.nio.file.Path;
import org.tinylog.configuration.Configuration;

/**
 * TinyLog set-up for a run directory: a human log and a tagged power log, both rolling files written
 * unbuffered by the calling thread, so every line logged before a {@code kill -9} is on disk.
 * Must be called before the first log statement of the process (TinyLog freezes its configuration then).
 */
public final class RunLogs {
    /** Tag of the power data log lines. */
    public static final String POWER_TAG = "POWER";

    private RunLogs() {}

    /**
     * Points the human log and the power log into {@code runDirectory}.
     *
     * @return false when TinyLog was already in use in this process (a second run in one JVM, as in
     *     tests): the logs then stay where they were, the CSV and summary are unaffected
     */
    public static boolean configure(Path runDirectory) {
        if (Configuration.isFrozen()) {
            return false;
        }
        String dir = runDirectory.toAbsolutePath().toString().replace("\\", "/");
        Configuration.set("writer1", "rolling file");
        Configuration.set("writer1.tag", "-");
        Configuration.set("writer1.level", "info");
        Configuration.set("writer1.file", dir + "/resonant-learner.{count}.log");
        Configuration.set("writer1.latest", dir + "/resonant-learner.log");
        Configuration.set("writer1.policies", "size: 10mb");
        Configuration.set("writer1.backups", "20");
        Configuration.set("writer1.buffered", "false");
        Configuration.set("writer1.format", "{date: yyyy-MM-dd HH:mm:ss.SSS} {level} [{thread}] {message}");
        Configuration.set("writer2", "rolling file");
        Configuration.set("writer2.tag", POWER_TAG);
        Configuration.set("writer2.level", "info");
        Configuration.set("writer2.file", dir + "/power.{count}.log");
        Configuration.set("writer2.latest", dir + "/power.log");
        Configuration.set("writer2.policies", "size: 50mb");
        Configuration.set("writer2.backups", "20");
        Configuration.set("writer2.buffered", "false");
        Configuration.set("writer2.format", "{date: yyyy-MM-dd HH:mm:ss.SSS} {message}");
        Configuration.set("writingthread", "false");
        return true;
    }

    /** Sends warnings and errors to the console only (bench and benchmarks write no run directory). */
    public static void configureConsoleOnly() {
        if (Configuration.isFrozen()) {
            return;
        }
        Configuration.set("writer", "console");
        Configuration.set("writer.level", "warn");
        Configuration.set("writer.format", "{level}: {message}");
    }
}
