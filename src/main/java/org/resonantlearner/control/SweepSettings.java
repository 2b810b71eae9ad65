package org.resonantlearner.control;

import org.resonantlearner.check.Check;

/**
 * Knobs of the sweep-then-hold baseline.
 *
 * @param coarsePoints positions of the first sweep, evenly spaced over the whole range (ends
 *     included), 2 .. 100,000
 * @param finePoints positions of the second sweep, evenly spaced over ± one coarse spacing around the
 *     best coarse point, 2 .. 100,000
 * @param windowsPerPoint settled windows averaged at each point, 1 .. 1,000
 */
public record SweepSettings(int coarsePoints, int finePoints, int windowsPerPoint) {

    /** Default coarse points: a spacing of 2 % of the range. */
    public static final int DEFAULT_COARSE_POINTS = 51;
    /** Default fine points: a spacing of 0.2 % of the range with the default coarse points. */
    public static final int DEFAULT_FINE_POINTS = 21;
    /** Default windows per point. */
    public static final int DEFAULT_WINDOWS_PER_POINT = 1;

    /** Validates every knob. */
    public SweepSettings {
        Check.inRange("coarsePoints", coarsePoints, "", 2, 100_000);
        Check.inRange("finePoints", finePoints, "", 2, 100_000);
        Check.inRange("windowsPerPoint", windowsPerPoint, "", 1, 1_000);
    }

    /** The defaults: 51 coarse points, 21 fine points, 1 window per point. */
    public static SweepSettings defaults() {
        return new SweepSettings(DEFAULT_COARSE_POINTS, DEFAULT_FINE_POINTS, DEFAULT_WINDOWS_PER_POINT);
    }
}
