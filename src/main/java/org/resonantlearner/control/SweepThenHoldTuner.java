package org.resonantlearner.control;

import org.resonantlearner.check.Check;
import org.resonantlearner.harvest.PowerWindow;

/**
 * Baseline "sweep": measures the power at {@code coarsePoints} positions spread over the whole range,
 * then at {@code finePoints} positions over ± one coarse spacing around the best of them, moves to the
 * best fine point and holds there for good.
 *
 * <p>Each point is measured on {@code windowsPerPoint} settled windows (the settle time is waited
 * after every move). A point the actuator did not reach (rate limit) is asked for again. This is the
 * "calibrate once at power-up" strategy: fine on a static drive, blind to any later drift.
 */
public final class SweepThenHoldTuner extends SettlingTuner {
    /** The command-line name. */
    public static final String NAME = "sweep";

    private final SweepSettings settings;
    private final int[] coarseSteps;
    private final double[] coarsePowerSumWatts;
    private final int[] fineSteps;
    private final double[] finePowerSumWatts;

    private boolean fine;
    private boolean holding;
    private int pointIndex;
    private int windowsAtPoint;
    private double powerSumWatts;
    private int bestSteps;

    /**
     * Creates the tuner.
     *
     * @param settleTimeSeconds settle time after a move before a window is judged (s)
     * @param settings the sweep's knobs
     */
    public SweepThenHoldTuner(double settleTimeSeconds, SweepSettings settings) {
        super(NAME, settleTimeSeconds);
        this.settings = Check.present("settings", settings);
        this.coarseSteps = new int[settings.coarsePoints()];
        this.coarsePowerSumWatts = new double[settings.coarsePoints()];
        this.fineSteps = new int[settings.finePoints()];
        this.finePowerSumWatts = new double[settings.finePoints()];
    }

    /** The knobs this tuner runs with. */
    public SweepSettings settings() {
        return settings;
    }

    @Override
    protected void onStart(int initialPositionSteps, double startTimeSeconds) {
        int n = coarseSteps.length;
        for (int i = 0; i < n; i++) {
            coarseSteps[i] = clampToRange(minPositionSteps() + rangeSteps() * i / (n - 1));
        }
        fine = false;
        holding = false;
        pointIndex = 0;
        windowsAtPoint = 0;
        powerSumWatts = 0;
        bestSteps = initialPositionSteps;
    }

    @Override
    protected double judge(PowerWindow window, int positionSteps) {
        if (holding) {
            return bestSteps;
        }
        int[] points = fine ? fineSteps : coarseSteps;
        double[] powerSums = fine ? finePowerSumWatts : coarsePowerSumWatts;
        int wanted = points[pointIndex];
        if (positionSteps != wanted) {
            return wanted; // not there yet (the start, or a rate-limited move)
        }
        powerSumWatts += window.loadPowerWatts;
        windowsAtPoint++;
        if (windowsAtPoint < settings.windowsPerPoint()) {
            return wanted;
        }
        // Every point sums the same number of windows: the sums rank the points as their means do.
        powerSums[pointIndex] = powerSumWatts;
        powerSumWatts = 0;
        windowsAtPoint = 0;
        pointIndex++;
        if (pointIndex < points.length) {
            return points[pointIndex];
        }
        int best = points[argMax(powerSums)];
        pointIndex = 0;
        if (!fine) {
            fine = true;
            double spacingSteps = rangeSteps() / (coarseSteps.length - 1);
            int m = fineSteps.length;
            for (int i = 0; i < m; i++) {
                fineSteps[i] = clampToRange(best - spacingSteps + 2 * spacingSteps * i / (m - 1));
            }
            return fineSteps[0];
        }
        holding = true;
        bestSteps = best;
        return bestSteps;
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** True once both sweeps are done and the tuner holds its best position. */
    public boolean holding() {
        return holding;
    }
}
