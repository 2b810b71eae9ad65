package org.resonantlearner.telemetry;

import org.resonantlearner.check.Check;

/**
 * How a run's record is written: one {@code power.csv}, or (a service run) numbered segments rotated
 * by size or stream time with a bounded total; the decimation; and the free space kept on the disk.
 *
 * @param segmented true for a service run's segments, false for the single {@code power.csv}
 * @param segmentMaxBytes a segment is closed after the row that brings it to this size (bytes)
 * @param segmentMaxSeconds a segment spans at most this much stream time (s)
 * @param keepTotalBytes closed segments are deleted, oldest first, while they add up to more (bytes)
 * @param recordEveryNthWindow one window row in N is written (always a segment's first and last row)
 * @param diskReserveBytes recording stops cleanly when the disk has less than this usable (bytes; 0: never)
 */
public record RecordSettings(boolean segmented, long segmentMaxBytes, double segmentMaxSeconds, long keepTotalBytes,
        int recordEveryNthWindow, long diskReserveBytes) {
    /** Default {@code output.segmentMaxBytes}: 64 MiB, about 55 min of a simulated RLC run's rows. */
    public static final long DEFAULT_SEGMENT_MAX_BYTES = 64L << 20;
    /** Default {@code output.segmentMaxSeconds}: a day. */
    public static final double DEFAULT_SEGMENT_MAX_SECONDS = 86_400;
    /** Default {@code output.keepTotalBytes}: 1 GiB. */
    public static final long DEFAULT_KEEP_TOTAL_BYTES = 1L << 30;
    /** Default {@code output.recordEveryNthWindow}: every window. */
    public static final int DEFAULT_RECORD_EVERY_NTH_WINDOW = 1;
    /** Default {@code output.diskReserveBytes}: 64 MiB, room for the logs and the summary after a stop. */
    public static final long DEFAULT_DISK_RESERVE_BYTES = 64L << 20;

    /** Validates every field (loosely: the config has the ranges a user may choose). */
    public RecordSettings {
        Check.inRange("segmentMaxBytes", segmentMaxBytes, "B", 1, Long.MAX_VALUE);
        Check.positive("segmentMaxSeconds", segmentMaxSeconds, "s");
        Check.inRange("keepTotalBytes", keepTotalBytes, "B", 0, Long.MAX_VALUE);
        Check.inRange("recordEveryNthWindow", recordEveryNthWindow, "", 1, Integer.MAX_VALUE);
        Check.inRange("diskReserveBytes", diskReserveBytes, "B", 0, Long.MAX_VALUE);
    }

    /** The defaults, for the single {@code power.csv} ({@code segmented} false) or a service run's segments. */
    public static RecordSettings defaults(boolean segmented) {
        return new RecordSettings(segmented, DEFAULT_SEGMENT_MAX_BYTES, DEFAULT_SEGMENT_MAX_SECONDS,
                DEFAULT_KEEP_TOTAL_BYTES, DEFAULT_RECORD_EVERY_NTH_WINDOW, DEFAULT_DISK_RESERVE_BYTES);
    }
}
