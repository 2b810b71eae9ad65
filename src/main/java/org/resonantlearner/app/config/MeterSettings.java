package org.resonantlearner.app.config;

import org.resonantlearner.check.Check;

/**
 * The power meter's window.
 *
 * @param windowPeriods whole drive periods per measurement window
 * @param maxWindowSeconds longest window when no drive periods are found (s)
 */
public record MeterSettings(int windowPeriods, double maxWindowSeconds) {

    /** Validates every field. */
    public MeterSettings {
        Check.inRange("windowPeriods", windowPeriods, "periods", 1, 100_000);
        Check.inRange("maxWindowSeconds", maxWindowSeconds, "s", 1e-3, 3600);
    }

    /**
     * The slowest drive the meter measures (Hz): {@code windowPeriods} of its periods fill
     * {@code maxWindowSeconds}. Every drive frequency of a config is checked against it, and selftest
     * reads long enough for it.
     */
    public double lowestDriveHz() {
        return windowPeriods / maxWindowSeconds;
    }
}
