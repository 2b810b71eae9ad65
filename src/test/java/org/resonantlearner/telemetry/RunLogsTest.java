package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinylog.configuration.Configuration;

/**
 * The log set-up of a run directory, against the README ("What a run leaves behind"): the human log
 * {@code resonant-learner.log} and the power log {@code power.log} (lines tagged POWER), rolling at
 * 10 MB and 50 MB with 20 backups, written unbuffered.
 */
class RunLogsTest {
    @TempDir
    Path runDirectory;

    @Test
    void theHumanLogTakesTheUntaggedLinesIntoTheRunDirectoryUnbuffered() {
        Map<String, String> settings = RunLogs.runDirectorySettings(runDirectory, true);
        String dir = runDirectory.toAbsolutePath().toString().replace('\\', '/');
        assertEquals("rolling file", settings.get("writer1"));
        assertEquals("-", settings.get("writer1.tag"), "untagged lines only");
        assertEquals("info", settings.get("writer1.level"));
        assertEquals(dir + "/resonant-learner.log", settings.get("writer1.latest"));
        assertEquals(dir + "/resonant-learner.{count}.log", settings.get("writer1.file"));
        assertEquals("size: 10mb", settings.get("writer1.policies"));
        assertEquals("20", settings.get("writer1.backups"));
        assertEquals("false", settings.get("writer1.buffered"), "on disk before a kill -9");
        assertTrue(settings.get("writer1.format").endsWith("{message}"));
        assertEquals("false", settings.get("writingthread"), "written by the calling thread");
    }

    @Test
    void thePowerLogTakesThePowerTaggedLinesIntoTheRunDirectoryUnbuffered() {
        Map<String, String> settings = RunLogs.runDirectorySettings(runDirectory, true);
        String dir = runDirectory.toAbsolutePath().toString().replace('\\', '/');
        assertEquals("rolling file", settings.get("writer2"));
        assertEquals(RunLogs.POWER_TAG, settings.get("writer2.tag"));
        assertEquals("POWER", RunLogs.POWER_TAG);
        assertEquals(dir + "/power.log", settings.get("writer2.latest"));
        assertEquals(dir + "/power.{count}.log", settings.get("writer2.file"));
        assertEquals("size: 50mb", settings.get("writer2.policies"));
        assertEquals("20", settings.get("writer2.backups"));
        assertEquals("false", settings.get("writer2.buffered"));
        // The run's signal hook logs the stop line after TinyLog's own hook would have closed the files.
        assertEquals("false", settings.get("autoshutdown"));
        assertEquals(20, settings.size(),
                "two writers of 9 keys, the writing thread and the shutdown: " + settings.keySet());
    }

    @Test
    void aServiceRunHasTheHumanLogButNoPowerLog() {
        Map<String, String> settings = RunLogs.runDirectorySettings(runDirectory, false);
        assertEquals("rolling file", settings.get("writer1"));
        assertEquals(null, settings.get("writer2"), "no power log: the segments hold the rows");
        assertEquals(11, settings.size(), "one writer of 9 keys, the writing thread and the shutdown: "
                + settings.keySet());
    }

    @Test
    void consoleOnlyShowsWarningsAndErrors() {
        Map<String, String> settings = RunLogs.consoleOnlySettings();
        assertEquals("console", settings.get("writer"));
        assertEquals("warn", settings.get("writer.level"));
        assertEquals(3, settings.size());
    }

    @Test
    void applySetsEverySettingWhenTheConfigurationIsFree() {
        Map<String, String> settings = RunLogs.runDirectorySettings(runDirectory, true);
        Map<String, String> set = new HashMap<>();
        assertTrue(RunLogs.apply(settings, () -> false, set::put));
        assertEquals(settings, set);
    }

    @Test
    void applySetsNothingOnceTheConfigurationIsInUse() {
        Map<String, String> set = new HashMap<>();
        assertFalse(RunLogs.apply(RunLogs.consoleOnlySettings(), () -> true, set::put));
        assertEquals(Map.of(), set);
    }

    @Test
    void onceTinyLogIsInUseConfigureLeavesItAlone() {
        // TinyLog freezes its global configuration at the first read or log line of the JVM; reading it
        // here does what any test that logged before would have done.
        String humanLogBefore = Configuration.get("writer1.file");
        assertTrue(Configuration.isFrozen());
        assertFalse(RunLogs.configure(runDirectory, true));
        RunLogs.configureConsoleOnly(); // would throw if it tried to set a frozen configuration
        assertEquals(humanLogBefore, Configuration.get("writer1.file"));
    }
}
