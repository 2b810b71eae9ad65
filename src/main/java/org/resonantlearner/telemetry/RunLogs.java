package org.resonantlearner.telemetry;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
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
     * Points the human log and, with {@code powerLog}, the power log into {@code runDirectory}. A
     * service run has none: its rows are in the bounded segments, and a rolling copy would double them.
     *
     * @return false when TinyLog was already in use in this process (a second run in one JVM, as in
     *     tests): the logs then stay where they were, the CSV and summary are unaffected
     */
    public static boolean configure(Path runDirectory, boolean powerLog) {
        return apply(runDirectorySettings(runDirectory, powerLog), Configuration::isFrozen, Configuration::set);
    }

    /** Sends warnings and errors to the console only (bench and benchmarks write no run directory). */
    public static void configureConsoleOnly() {
        apply(consoleOnlySettings(), Configuration::isFrozen, Configuration::set);
    }

    /**
     * The TinyLog properties {@link #configure} sets: {@code writer1} the human log (untagged lines),
     * {@code writer2} the power log (lines tagged {@value #POWER_TAG}; only with {@code powerLog}), both in
     * {@code runDirectory}.
     */
    static Map<String, String> runDirectorySettings(Path runDirectory, boolean powerLog) {
        String dir = runDirectory.toAbsolutePath().toString().replace("\\", "/");
        Map<String, String> settings = new HashMap<>();
        rollingFile(settings, "writer1", "-", dir + "/resonant-learner", "10mb",
                "{date: yyyy-MM-dd HH:mm:ss.SSS} {level} [{thread}] {message}");
        if (powerLog) {
            rollingFile(settings, "writer2", POWER_TAG, dir + "/power", "50mb", "{date: yyyy-MM-dd HH:mm:ss.SSS} {message}");
        }
        settings.put("writingthread", "false");
        // The run's own shutdown hook logs the stop line; TinyLog's hook must not close the writers first.
        settings.put("autoshutdown", "false");
        return Map.copyOf(settings);
    }

    /**
     * One unbuffered rolling-file writer at info level: {@code base.log} the latest file, numbered
     * {@code base.N.log} files before it, 20 backups.
     *
     * @param tag the tag of the lines it takes ("-": untagged lines only)
     */
    private static void rollingFile(Map<String, String> settings, String writer, String tag, String base,
            String maxSize, String format) {
        settings.put(writer, "rolling file");
        settings.put(writer + ".tag", tag);
        settings.put(writer + ".level", "info");
        settings.put(writer + ".file", base + ".{count}.log");
        settings.put(writer + ".latest", base + ".log");
        settings.put(writer + ".policies", "size: " + maxSize);
        settings.put(writer + ".backups", "20");
        settings.put(writer + ".buffered", "false");
        settings.put(writer + ".format", format);
    }

    /** The TinyLog properties {@link #configureConsoleOnly} sets. */
    static Map<String, String> consoleOnlySettings() {
        return Map.of(
                "writer", "console",
                "writer.level", "warn",
                "writer.format", "{level}: {message}");
    }

    /**
     * Hands every one of {@code settings} to {@code set} unless {@code frozen} says the configuration is
     * already in use (TinyLog's own, in production: global, and frozen by the first read or log line).
     *
     * @return true when the settings were set
     */
    static boolean apply(Map<String, String> settings, BooleanSupplier frozen, BiConsumer<String, String> set) {
        if (frozen.getAsBoolean()) {
            return false;
        }
        settings.forEach(set);
        return true;
    }
}
