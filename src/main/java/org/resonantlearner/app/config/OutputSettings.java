package org.resonantlearner.app.config;

import org.resonantlearner.check.Check;

/**
 * Where a run's record goes and how often progress is printed.
 *
 * @param directory parent directory of the run directories
 * @param progressIntervalSeconds simulated (or real) seconds between progress lines (s)
 */
public record OutputSettings(String directory, double progressIntervalSeconds) {

    /** Validates every field. */
    public OutputSettings {
        Check.present("directory", directory);
        if (directory.isBlank()) {
            throw new org.resonantlearner.check.InvalidValueException("directory", "\"\"", "", "a non-empty path");
        }
        Check.inRange("progressIntervalSeconds", progressIntervalSeconds, "s", 0.01, 86_400);
    }
}
