package org.resonantlearner.telemetry;

/**
 * The run measures that need the window-by-window trace (DESIGN §3): lock time from the start and
 * after every drive event, and break-even time. Fed one {@link WindowRow} at a time, on whichever
 * thread consumes rows; allocation-free after construction.
 *
 * <p>Lock: a window is "locked" when its load power is at least {@code lockFraction} of the oracle
 * power over the same window (true load power on the simulated rig). The lock time of a segment
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
        double powerWatts = Double.isNaN(row[WindowRow.TRUE_LOAD_POWER_WATTS])
                ? row[WindowRow.LOAD_POWER_WATTS] : row[WindowRow.TRUE_LOAD_POWER_WATTS];
        double oracleWatts = row[WindowRow.ORACLE_POWER_WATTS];
        if (!Double.isNaN(oracleWatts)) {
            judgedRows++;
            boolean locked = powerWatts >= lockFraction * oracleWatts;
            if (locked) {
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

    /** Fraction of the windows with an oracle power that were locked (0..1); NaN when none had one. */
    public double lockedFraction() {
        return judgedRows == 0 ? Double.NaN : (double) lockedRows / judgedRows;
    }
}
