package org.resonantlearner.harvest;

import org.resonantlearner.check.Check;

/**
 * The energy budget of a run: energy harvested into the load from the measured windows, energy
 * spent moving the tuning actuator, their difference and when that difference was last recovered.
 *
 * <p>Harvested energy is the sum of {@code loadPowerWatts × durationSeconds()} over the recorded
 * windows (samples the meter skipped between windows are not counted, so this slightly
 * underestimates). Tuning energy is {@link TuningCost#moveEnergyJoules} summed over the recorded
 * moves. Net energy = harvested − tuning.
 *
 * <p><b>Break-even time.</b> Net energy falls when a move is paid and rises while windows are
 * harvested. {@link #breakEvenTimeSeconds()} is the instant at which the net energy last rose from
 * below zero to zero or above, provided it has stayed ≥ 0 ever since:
 * <ul>
 *   <li>NaN if the net energy has never been negative (nothing ever had to be paid back);</li>
 *   <li>NaN if the net energy is negative now (not yet paid back; see {@link #netEnergyJoules()}
 *       and {@link #everNegative()} to tell the cases apart);</li>
 *   <li>otherwise the recovery instant, interpolated inside the window that recovered it by
 *       assuming the window's power was constant over it (so it lies within that window).</li>
 * </ul>
 * A later move that drives the net energy negative again clears it until the next recovery.
 *
 * <p>All updates are allocation-free so the loop may call them on its hot path.
 */
public final class EnergyLedger {
    private final TuningCost cost;

    private double harvestedEnergyJoules;
    private double tuningEnergyJoules;
    private double breakEvenTimeSeconds = Double.NaN;
    private boolean everNegative;
    private long moves;
    private long travelSteps;
    private long windows;
    private long skippedWindows;

    /** Creates an empty ledger that prices moves with {@code cost}. */
    public EnergyLedger(TuningCost cost) {
        this.cost = Check.present("cost", cost);
    }

    /** The move prices this ledger applies. */
    public TuningCost cost() {
        return cost;
    }

    /**
     * Adds the energy harvested during {@code window}; a window with non-finite or negative power or
     * duration is not booked and only counted in {@link #skippedWindows()}.
     */
    public void recordWindow(PowerWindow window) {
        double powerWatts = window.loadPowerWatts;
        double durationSeconds = window.durationSeconds();
        if (!(powerWatts >= 0) || !(durationSeconds >= 0) || Double.isInfinite(powerWatts)
                || Double.isInfinite(durationSeconds)) {
            skippedWindows++;
            return;
        }
        double netBeforeJoules = netEnergyJoules();
        harvestedEnergyJoules += powerWatts * durationSeconds;
        windows++;
        if (netBeforeJoules < 0 && netEnergyJoules() >= 0) {
            // The deficit was paid back during this window (so its power is > 0): assume the power
            // constant inside it. The min keeps rounding from placing the instant past the window.
            double recoverSeconds = -netBeforeJoules / powerWatts;
            breakEvenTimeSeconds = window.startTimeSeconds + Math.min(recoverSeconds, durationSeconds);
        }
    }

    /**
     * Books a move of the actuator from {@code fromSteps} to {@code toSteps}; a move to the same
     * position is no move and costs nothing.
     *
     * @return the energy this move cost (J)
     */
    public double recordMove(int fromSteps, int toSteps) {
        long travel = Math.abs((long) toSteps - (long) fromSteps);
        if (travel == 0) {
            return 0;
        }
        double joules = cost.moveEnergyJoules(travel);
        tuningEnergyJoules += joules;
        moves++;
        travelSteps += travel;
        if (netEnergyJoules() < 0) {
            everNegative = true;
            breakEvenTimeSeconds = Double.NaN;
        }
        return joules;
    }

    /** Energy harvested into the load so far (J). */
    public double harvestedEnergyJoules() {
        return harvestedEnergyJoules;
    }

    /** Energy spent on actuator moves so far (J). */
    public double tuningEnergyJoules() {
        return tuningEnergyJoules;
    }

    /** Harvested minus tuning energy (J). */
    public double netEnergyJoules() {
        return harvestedEnergyJoules - tuningEnergyJoules;
    }

    /** When the net energy last recovered to ≥ 0 and has stayed so (s); NaN otherwise (see class doc). */
    public double breakEvenTimeSeconds() {
        return breakEvenTimeSeconds;
    }

    /** True once the net energy has been negative at some point. */
    public boolean everNegative() {
        return everNegative;
    }

    /** Moves booked (moves to the same position excluded). */
    public long moves() {
        return moves;
    }

    /** Total actuator travel booked (steps). */
    public long travelSteps() {
        return travelSteps;
    }

    /** Windows booked. */
    public long windows() {
        return windows;
    }

    /** Windows refused because their power or duration was not a finite value ≥ 0. */
    public long skippedWindows() {
        return skippedWindows;
    }

    /** Clears every total for a new run. */
    public void reset() {
        harvestedEnergyJoules = 0;
        tuningEnergyJoules = 0;
        breakEvenTimeSeconds = Double.NaN;
        everNegative = false;
        moves = 0;
        travelSteps = 0;
        windows = 0;
        skippedWindows = 0;
    }
}
