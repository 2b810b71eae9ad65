package org.resonantlearner.app.config;

import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.telemetry.RecordSettings;

/**
 * Where a run's record goes, how often progress is printed, and how a service run's record is kept
 * bounded (segments, decimation, disk reserve).
 *
 * @param directory parent directory of the run directories
 * @param progressIntervalSeconds simulated (or real) seconds between progress lines (s)
 * @param segmentMaxBytes a service run's segment is closed once it reaches this size (bytes)
 * @param segmentMaxSeconds a service run's segment spans at most this much stream time (s)
 * @param keepTotalBytes a service run's closed segments are deleted, oldest first, past this total (bytes)
 * @param recordEveryNthWindow one window row in N is written to the record (first and last rows always)
 * @param diskReserveBytes recording stops while this much is still free on the disk (bytes; 0: never)
 */
public record OutputSettings(String directory, double progressIntervalSeconds, long segmentMaxBytes,
        double segmentMaxSeconds, long keepTotalBytes, int recordEveryNthWindow, long diskReserveBytes) {
    /** Default {@code output.segmentMaxBytes} (64 MiB). */
    public static final long DEFAULT_SEGMENT_MAX_BYTES = RecordSettings.DEFAULT_SEGMENT_MAX_BYTES;
    /** Default {@code output.segmentMaxSeconds} (a day). */
    public static final double DEFAULT_SEGMENT_MAX_SECONDS = RecordSettings.DEFAULT_SEGMENT_MAX_SECONDS;
    /** Default {@code output.keepTotalBytes} (1 GiB). */
    public static final long DEFAULT_KEEP_TOTAL_BYTES = RecordSettings.DEFAULT_KEEP_TOTAL_BYTES;
    /** Default {@code output.recordEveryNthWindow} (every window). */
    public static final int DEFAULT_RECORD_EVERY_NTH_WINDOW = RecordSettings.DEFAULT_RECORD_EVERY_NTH_WINDOW;
    /** Default {@code output.diskReserveBytes} (64 MiB). */
    public static final long DEFAULT_DISK_RESERVE_BYTES = RecordSettings.DEFAULT_DISK_RESERVE_BYTES;
    /** Smallest segment: a header (a few KB) and some rows. */
    static final long MIN_SEGMENT_BYTES = 16 * 1024;
    /** Largest byte figure accepted: 1 PiB, beyond any SD card or disk this runs on. */
    static final long MAX_BYTES = 1L << 50;

    /** Validates every field. */
    public OutputSettings {
        Check.present("directory", directory);
        if (directory.isBlank()) {
            throw new InvalidValueException("directory", "\"\"", "", "a non-empty path");
        }
        Check.inRange("progressIntervalSeconds", progressIntervalSeconds, "s", 0.01, 86_400);
        Check.inRange("segmentMaxBytes", segmentMaxBytes, "B", MIN_SEGMENT_BYTES, MAX_BYTES);
        Check.inRange("segmentMaxSeconds", segmentMaxSeconds, "s", 1, 366 * 86_400.0);
        if (keepTotalBytes < segmentMaxBytes || keepTotalBytes > MAX_BYTES) {
            // At least one closed segment is kept, or each rotation would delete the segment just closed.
            throw new InvalidValueException("keepTotalBytes", Long.toString(keepTotalBytes), "B",
                    "at least segmentMaxBytes (" + segmentMaxBytes + " B), at most " + MAX_BYTES + " B");
        }
        Check.inRange("recordEveryNthWindow", recordEveryNthWindow, "", 1, 1_000_000);
        Check.inRange("diskReserveBytes", diskReserveBytes, "B", 0, MAX_BYTES);
    }

    /** The record settings of a run: segments for a service run, the single power.csv otherwise. */
    public RecordSettings record(boolean serviceRun) {
        return new RecordSettings(serviceRun, segmentMaxBytes, segmentMaxSeconds, keepTotalBytes,
                recordEveryNthWindow, diskReserveBytes);
    }
}
