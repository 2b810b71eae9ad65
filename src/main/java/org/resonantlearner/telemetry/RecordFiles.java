package org.resonantlearner.telemetry;

import java.util.Locale;

/** The one place that names a run record's files: the single CSV, the numbered segments, the manifest. */
public final class RecordFiles {
    private RecordFiles() {}

    /** The record of a run that is not a service run. */
    public static final String SINGLE_CSV = "power.csv";
    /** The manifest of a segmented record. */
    public static final String MANIFEST = "segments.json";

    /** Segment {@code number} (from 1): {@code power-000001.csv}; the digits widen past 999999. */
    public static String segment(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("segment number = " + number + " must be >= 1");
        }
        return String.format(Locale.ROOT, "power-%06d.csv", number);
    }
}
