package org.resonantlearner.control;

import org.resonantlearner.check.Check;
import org.resonantlearner.harvest.PowerWindow;

/**
 * Base of every tuner here: it lets a tuner judge a window only after the resonator has settled on
 * the current tuning, and keeps the bookkeeping (range, move time, counters) in one place.
 *
 * <p>A window is <em>judged</em> only if it started at or after {@code lastMoveTime +
 * settleTimeSeconds}; earlier windows still contain the ring-up from the last move and are skipped
 * (the tuner holds). The move time is the end time of the window after which the tuner asked for a
 * new position, since the loop moves right after that window, or the window's
 * {@code tuningSinceSeconds} when the loop reports the move took effect later; the start of a run counts as a move
 * (the rig is ringing up). A position that changed without the tuner asking (someone else moved
 * the actuator) counts as a move at the end of the window that first shows it.
 *
 * <p>Requests are rounded to whole steps and kept inside the range given to {@link #start}; the
 * loop's safety limits apply their own limits on top. A window with a non-finite or negative power
 * is skipped. {@link #decide} allocates nothing as long as the subclass's {@link #judge} does not.
 */
public abstract class SettlingTuner implements Tuner {
    private final String name;
    private final double settleTimeSeconds;

    private int minPositionSteps;
    private int maxPositionSteps;
    private boolean started;
    private double lastMoveTimeSeconds;
    private int lastSeenPositionSteps;
    private boolean askedToMove;
    private long judgedWindows;
    private long skippedWindows;
    private long requestedMoves;

    /**
     * Creates the base.
     *
     * @param name the tuner's command-line name
     * @param settleTimeSeconds how long after a move the resonator needs before a window may be
     *     judged (s), ≥ 0
     */
    protected SettlingTuner(String name, double settleTimeSeconds) {
        this.name = Check.present("name", name);
        this.settleTimeSeconds = Check.nonNegative("settleTimeSeconds", settleTimeSeconds, "s");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void start(int minPositionSteps, int maxPositionSteps, int initialPositionSteps,
            double startTimeSeconds) {
        Check.ordered("minPositionSteps", minPositionSteps, "maxPositionSteps", maxPositionSteps, "steps");
        Check.finite("startTimeSeconds", startTimeSeconds, "s");
        this.minPositionSteps = minPositionSteps;
        this.maxPositionSteps = maxPositionSteps;
        this.started = true;
        this.lastMoveTimeSeconds = startTimeSeconds;
        this.lastSeenPositionSteps = initialPositionSteps;
        this.askedToMove = false;
        this.judgedWindows = 0;
        this.skippedWindows = 0;
        this.requestedMoves = 0;
        onStart(initialPositionSteps, startTimeSeconds);
    }

    @Override
    public final double decide(PowerWindow window) {
        if (!started) {
            throw new IllegalStateException(name + ": decide() before start()");
        }
        int positionSteps = window.positionSteps;
        if (positionSteps != lastSeenPositionSteps && !askedToMove) {
            lastMoveTimeSeconds = Math.max(lastMoveTimeSeconds, window.endTimeSeconds);
        }
        lastSeenPositionSteps = positionSteps;
        askedToMove = false;
        double powerWatts = window.loadPowerWatts;
        // The loop knows when the move really took effect (a front-end may act after the window end).
        double tunedSinceSeconds = Math.max(lastMoveTimeSeconds, window.tuningSinceSeconds);
        if (window.startTimeSeconds < tunedSinceSeconds + settleTimeSeconds
                || !(powerWatts >= 0) || powerWatts == Double.POSITIVE_INFINITY) {
            skippedWindows++;
            return positionSteps;
        }
        judgedWindows++;
        double request = judge(window, positionSteps);
        if (Double.isNaN(request)) {
            return positionSteps;
        }
        int target = clampToRange(request);
        if (target != positionSteps) {
            lastMoveTimeSeconds = window.endTimeSeconds;
            askedToMove = true;
            requestedMoves++;
        }
        return target;
    }

    /** Prepares a run; called by {@link #start} after the range and counters are set. */
    protected abstract void onStart(int initialPositionSteps, double startTimeSeconds);

    /**
     * Judges a settled window.
     *
     * @param window the window, measured at {@code positionSteps} after the resonator settled
     * @param positionSteps where the actuator is
     * @return the position wanted next (steps; rounded and kept in range by the caller), or NaN to hold
     */
    protected abstract double judge(PowerWindow window, int positionSteps);

    /** Rounds {@code positionSteps} to whole steps inside the range. */
    protected final int clampToRange(double positionSteps) {
        return (int) Math.max(minPositionSteps, Math.min(maxPositionSteps, Math.rint(positionSteps)));
    }

    /** Settle time after a move before a window may be judged (s). */
    public final double settleTimeSeconds() {
        return settleTimeSeconds;
    }

    /** Lowest position of the range given to {@link #start} (steps). */
    protected final int minPositionSteps() {
        return minPositionSteps;
    }

    /** Highest position of the range given to {@link #start} (steps). */
    protected final int maxPositionSteps() {
        return maxPositionSteps;
    }

    /** Width of the range, {@code max - min} (steps). */
    protected final double rangeSteps() {
        return (double) maxPositionSteps - minPositionSteps;
    }

    /** Windows judged since {@link #start}. */
    public final long judgedWindows() {
        return judgedWindows;
    }

    /** Windows skipped since {@link #start} because the resonator had not settled (or power was invalid). */
    public final long skippedWindows() {
        return skippedWindows;
    }

    /** Requests for a new position since {@link #start}. */
    public final long requestedMoves() {
        return requestedMoves;
    }

    /** Stream time of the last move, as this tuner accounts it (s). */
    public final double lastMoveTimeSeconds() {
        return lastMoveTimeSeconds;
    }
}
