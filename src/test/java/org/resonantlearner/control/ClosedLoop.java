package org.resonantlearner.control;

import org.resonantlearner.harvest.PowerWindow;

/**
 * Test-only loop: plant window → tuner → safety limits → plant move, recording what happened per
 * window (time, position, true power fraction, request) in preallocated arrays.
 */
final class ClosedLoop {
    final double[] endTimeSeconds;
    final int[] positionSteps;
    final double[] powerFraction;
    final double[] requestedSteps;
    final boolean[] moved;
    int windows;
    double harvestedJoules;
    double oracleJoules;

    private final LorentzianTestPlant plant;
    private final Tuner tuner;
    private final SafetyLimits limits;
    private final PowerWindow window = new PowerWindow();
    private double lastMoveSeconds = Double.NEGATIVE_INFINITY;

    ClosedLoop(LorentzianTestPlant plant, Tuner tuner, SafetyLimits limits, int capacity) {
        this.plant = plant;
        this.tuner = tuner;
        this.limits = limits;
        this.endTimeSeconds = new double[capacity];
        this.positionSteps = new int[capacity];
        this.powerFraction = new double[capacity];
        this.requestedSteps = new double[capacity];
        this.moved = new boolean[capacity];
        tuner.start(limits.minPositionSteps(), limits.maxPositionSteps(), plant.positionSteps(), plant.timeSeconds());
    }

    /** Runs {@code count} more windows. */
    ClosedLoop run(int count) {
        for (int k = 0; k < count; k++) {
            int i = windows++;
            plant.nextWindow(window);
            int current = plant.positionSteps();
            window.positionSteps = current;
            double request = tuner.decide(window);
            double now = window.endTimeSeconds;
            int next = limits.clamp(request, current, now - lastMoveSeconds);
            if (next != current) {
                plant.moveTo(next);
                lastMoveSeconds = now;
            }
            endTimeSeconds[i] = now;
            positionSteps[i] = current;
            powerFraction[i] = plant.lastWindowTruePowerWatts() / plant.lastWindowOraclePowerWatts();
            requestedSteps[i] = request;
            moved[i] = next != current;
            harvestedJoules += plant.lastWindowTruePowerWatts() * plant.windowSeconds;
            oracleJoules += plant.lastWindowOraclePowerWatts() * plant.windowSeconds;
        }
        return this;
    }

    /** Index of the first window from which the power fraction stays ≥ {@code fraction}; -1 if none. */
    int lockWindow(int from, double fraction) {
        int lock = -1;
        for (int i = from; i < windows; i++) {
            if (powerFraction[i] < fraction) {
                lock = -1;
            } else if (lock < 0) {
                lock = i;
            }
        }
        return lock;
    }

    /** Moves in windows [from, to). */
    int moves(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (moved[i]) {
                n++;
            }
        }
        return n;
    }

    /** Mean power fraction over windows [from, to). */
    double meanPowerFraction(int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += powerFraction[i];
        }
        return sum / (to - from);
    }

    /** Energy captured over the whole run divided by the oracle's. */
    double captureRatio() {
        return harvestedJoules / oracleJoules;
    }

    /** The requests the tuner made, window by window (NaN = hold). */
    double[] requests() {
        return java.util.Arrays.copyOf(requestedSteps, windows);
    }
}
