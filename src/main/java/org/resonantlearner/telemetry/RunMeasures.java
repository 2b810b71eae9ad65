package org.resonantlearner.telemetry;

/**
 * The run measures that need the window-by-window trace (DESIGN §3): lock time from the start and
 * after every drive event, and break-even time. Fed one {@link WindowRow} at a time, on whichever
 * thread consumes rows; allocation-free after construction.
 *
 * <p>Lock: a window is "locked" when its load power is at least {@code lockFraction} of its lock
 * reference ({@link WindowRow#LOCK_REFERENCE_WATTS}: the oracle power on the simulated rig, where the
 * load power is the true one; on hardware a reference hardware can know, against the measured power);
 * {@link #locked} is the one place that decides, for the measures and the progress lines alike. A
 * window without a reference (NaN) is not judged. The lock time of a segment
 * (from the start, or from a drive event to the next) is the time from the segment's start to the
 * end of the first window of the locked streak that lasts to the segment's end; NaN when the
 * segment ends unlocked.
 *
 * <p>Break-even: the end time of the window at which cumulative harvested energy last rose to meet
 * cumulative tuning energy; 0 when tuning never cost more than was harvested; NaN when the run ends
 * in deficit.
 */
public final class RunMeasures {
    private final double lockFraction;
    private final double[] segmentStartSeconds;
    private final double[] streakStartSeconds;
    private int segment;
    private double breakEvenSeconds;
    private boolean inDeficit;
    private long judgedRows;
    private long lockedRows;

    /**
     * Creates the tracker.
     *
     * @param lockFraction fraction of oracle power that counts as locked (0.95 in DESIGN §3)
     * @param eventTimesSeconds drive events after which re-lock is measured, ascending
     */
    public RunMeasures(double lockFraction, double[] eventTimesSeconds) {
        this.lockFraction = lockFraction;
        this.segmentStartSeconds = new double[eventTimesSeconds.length + 1];
        System.arraycopy(eventTimesSeconds, 0, segmentStartSeconds, 1, eventTimesSeconds.length);
        this.streakStartSeconds = new double[segmentStartSeconds.length];
        java.util.Arrays.fill(streakStartSeconds, Double.NaN);
    }

    /** Takes one row (see {@link WindowRow}). */
    public void accept(double[] row) {
        double timeSeconds = row[WindowRow.TIME_SECONDS];
        while (segment + 1 < segmentStartSeconds.length && timeSeconds > segmentStartSeconds[segment + 1]) {
            segment++;
        }
        if (judged(row)) {
            judgedRows++;
            if (locked(row, lockFraction)) {
                lockedRows++;
                if (Double.isNaN(streakStartSeconds[segment])) {
                    streakStartSeconds[segment] = timeSeconds;
                }
            } else {
                streakStartSeconds[segment] = Double.NaN;
            }
        }
        double netJoules = row[WindowRow.HARVESTED_ENERGY_JOULES] - row[WindowRow.TUNING_ENERGY_JOULES];
        if (netJoules < 0) {
            inDeficit = true;
        } else if (inDeficit) {
            inDeficit = false;
            breakEvenSeconds = timeSeconds;
        }
    }

    /** Whether {@code row} has a lock reference, so that {@link #locked} judges it. */
    public static boolean judged(double[] row) {
        return !Double.isNaN(row[WindowRow.LOCK_REFERENCE_WATTS]);
    }

    /**
     * Whether the window of {@code row} is locked: its power (the true load power where the row has
     * one, else the measured one) is at least {@code lockFraction} of its lock reference.
     */
    public static boolean locked(double[] row, double lockFraction) {
        double powerWatts = Double.isNaN(row[WindowRow.TRUE_LOAD_POWER_WATTS])
                ? row[WindowRow.LOAD_POWER_WATTS] : row[WindowRow.TRUE_LOAD_POWER_WATTS];
        return judged(row) && powerWatts >= lockFraction * row[WindowRow.LOCK_REFERENCE_WATTS];
    }

    /** The fraction of the reference that counts as locked. */
    public double lockFraction() {
        return lockFraction;
    }

    /** Lock time from the start of the run (s); NaN when the first segment never locked for good. */
    public double lockTimeSeconds() {
        return segmentLockSeconds(0);
    }

    /** Re-lock time after each drive event (s); NaN entries where it never re-locked. */
    public double[] relockTimesSeconds() {
        double[] result = new double[segmentStartSeconds.length - 1];
        for (int i = 0; i < result.length; i++) {
            result[i] = segmentLockSeconds(i + 1);
        }
        return result;
    }

    private double segmentLockSeconds(int index) {
        return streakStartSeconds[index] - segmentStartSeconds[index];
    }

    /** Break-even time (s), as defined in the class comment. */
    public double breakEvenTimeSeconds() {
        return inDeficit ? Double.NaN : breakEvenSeconds;
    }

    /** Fraction of the judged windows (with a lock reference) that were locked (0..1); NaN when none was judged. */
    public double lockedFraction() {
        return judgedRows == 0 ? Double.NaN : (double) lockedRows / judgedRows;
    }
}
