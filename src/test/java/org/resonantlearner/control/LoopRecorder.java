package org.resonantlearner.control;

import java.util.Arrays;
import org.resonantlearner.harvest.EnergyLedger;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.PowerWindow;
import org.resonantlearner.harvest.TuningCost;
import org.resonantlearner.loop.ServiceLoop;
import org.resonantlearner.loop.WindowListener;

/**
 * The shipped {@link ServiceLoop} on a {@link LorentzianSineRig}: the real {@link PowerMeter} measures
 * the windows, the tuner decides, the real {@link SafetyLimits} and {@link EnergyLedger} are in the
 * path; as the loop's {@link WindowListener} this records, window by window, what the tests assert
 * on (times, position, the position commanded, whether the loop moved, the true power fraction).
 */
final class LoopRecorder implements WindowListener {
    /** Samples per read: one drive period, short against τ (a move takes effect at the next block). */
    private static final int BLOCK_SAMPLES = LorentzianSineRig.SAMPLES_PER_PERIOD;
    /** A window closes by time after two nominal windows without enough crossings (never, here). */
    private static final double MAX_WINDOW_NOMINAL_WINDOWS = 2.0;
    /** The virtual clock never stalls, so any timeout will do. */
    private static final double WATCHDOG_SECONDS = 1.0;

    final LorentzianSineRig rig;
    final ServiceLoop loop;

    private double[] startSeconds = new double[1024];
    private double[] endSeconds = new double[1024];
    private double[] powerFraction = new double[1024];
    private int[] positionSteps = new int[1024];
    private int[] commandedSteps = new int[1024];
    private boolean[] moved = new boolean[1024];
    private int windows;
    private long movesBooked;

    LoopRecorder(LorentzianSineRig rig, Tuner tuner, SafetyLimits limits) {
        this(rig, tuner, limits, TuningCost.free());
    }

    LoopRecorder(LorentzianSineRig rig, Tuner tuner, SafetyLimits limits, TuningCost cost) {
        this.rig = rig;
        double windowSeconds = LorentzianSineRig.WINDOW_PERIODS / rig.driveHz;
        PowerMeter meter = new PowerMeter(rig.sampleRateHz, LorentzianSineRig.LOAD_OHMS,
                LorentzianSineRig.WINDOW_PERIODS, MAX_WINDOW_NOMINAL_WINDOWS * windowSeconds);
        this.loop = new ServiceLoop(rig.source(), rig.actuator(), meter, tuner, limits, new EnergyLedger(cost), this,
                BLOCK_SAMPLES, rig.clock(), WATCHDOG_SECONDS);
    }

    /** Runs the loop on {@code seconds} more of stream time. */
    LoopRecorder run(double seconds) {
        loop.run(Math.round(seconds * rig.sampleRateHz));
        return this;
    }

    @Override
    public void onWindow(PowerWindow window, long windowEndSampleIndex, ServiceLoop serviceLoop) {
        if (windows == startSeconds.length) {
            int capacity = 2 * windows;
            startSeconds = Arrays.copyOf(startSeconds, capacity);
            endSeconds = Arrays.copyOf(endSeconds, capacity);
            powerFraction = Arrays.copyOf(powerFraction, capacity);
            positionSteps = Arrays.copyOf(positionSteps, capacity);
            commandedSteps = Arrays.copyOf(commandedSteps, capacity);
            moved = Arrays.copyOf(moved, capacity);
        }
        int i = windows++;
        startSeconds[i] = window.startTimeSeconds;
        endSeconds[i] = window.endTimeSeconds;
        powerFraction[i] = rig.truePowerFraction(window.startTimeSeconds, window.endTimeSeconds);
        positionSteps[i] = window.positionSteps;
        commandedSteps[i] = serviceLoop.actuator().positionSteps();
        long booked = serviceLoop.ledger().moves();
        moved[i] = booked != movesBooked;
        movesBooked = booked;
    }

    /** Windows recorded so far. */
    int windows() {
        return windows;
    }

    /**
     * Start time (s) of the first window, among those starting at or after {@code fromSeconds}, from
     * which the true power fraction stays ≥ {@code fraction} to the end; NaN if none.
     */
    double lockSeconds(double fromSeconds, double fraction) {
        double lock = Double.NaN;
        for (int i = 0; i < windows; i++) {
            if (startSeconds[i] < fromSeconds) {
                continue;
            }
            if (powerFraction[i] < fraction) {
                lock = Double.NaN;
            } else if (Double.isNaN(lock)) {
                lock = startSeconds[i];
            }
        }
        return lock;
    }

    /** Moves the loop made after windows ending in [fromSeconds, toSeconds). */
    int moves(double fromSeconds, double toSeconds) {
        int n = 0;
        for (int i = 0; i < windows; i++) {
            if (moved[i] && endSeconds[i] >= fromSeconds && endSeconds[i] < toSeconds) {
                n++;
            }
        }
        return n;
    }

    /** Moves the loop made after windows ending at or after {@code fromSeconds}. */
    int movesAfter(double fromSeconds) {
        return moves(fromSeconds, Double.POSITIVE_INFINITY);
    }

    /** Travel (steps, signed) of the first move after a window ending at or after {@code fromSeconds}; 0 if none. */
    int firstMoveAfter(double fromSeconds) {
        for (int i = 0; i < windows; i++) {
            if (moved[i] && endSeconds[i] >= fromSeconds) {
                return commandedSteps[i] - positionSteps[i];
            }
        }
        return 0;
    }

    /** Mean true power fraction of the last {@code count} windows. */
    double meanPowerFractionOfLast(int count) {
        double sum = 0;
        for (int i = windows - count; i < windows; i++) {
            sum += powerFraction[i];
        }
        return sum / count;
    }

    /** True energy over the oracle's, over the whole run. */
    double captureRatio() {
        return rig.trueEnergyJoules() / rig.oracleEnergyJoules();
    }

    /** Where the actuator was during window {@code i} (steps). */
    int positionSteps(int i) {
        return positionSteps[i];
    }

    /** The positions the loop commanded after each window (steps; the same as before when it held). */
    int[] commands() {
        return Arrays.copyOf(commandedSteps, windows);
    }

    /** Index of the first window that ends at or after {@code seconds}; {@link #windows()} if none. */
    int firstWindowEndingAfter(double seconds) {
        int i = 0;
        while (i < windows && endSeconds[i] < seconds) {
            i++;
        }
        return i;
    }
}
