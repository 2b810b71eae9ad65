package org.resonantlearner.control;

import org.resonantlearner.check.Check;
import org.resonantlearner.harvest.PowerWindow;

/**
 * Baseline "perturb-observe": the classic hill-climbing MPPT. After every judged window it steps
 * {@code stepFraction × range} in the current direction, and reverses the direction first when the
 * power of this window is lower than that of the previous judged window.
 *
 * <p>The perturbation period is the settle time plus one window, so it is always longer than the
 * settle time. At the peak it keeps oscillating over about three positions one step apart: it never
 * stops moving, which is what the noise-brake tuner's brake is meant to avoid. A step clamped at the
 * end of the range reverses the direction.
 */
public final class PerturbObserveTuner extends SettlingTuner {
    /** The command-line name. */
    public static final String NAME = "perturb-observe";

    private final PerturbObserveSettings settings;
    private double stepSteps;
    private int direction;
    private boolean havePrevious;
    private double previousPowerWatts;

    /**
     * Creates the tuner.
     *
     * @param settleTimeSeconds settle time after a move before a window is judged (s)
     * @param settings the knobs
     */
    public PerturbObserveTuner(double settleTimeSeconds, PerturbObserveSettings settings) {
        super(NAME, settleTimeSeconds);
        this.settings = Check.present("settings", settings);
    }

    /** The knobs this tuner runs with. */
    public PerturbObserveSettings settings() {
        return settings;
    }

    @Override
    protected void onStart(int initialPositionSteps, double startTimeSeconds) {
        stepSteps = Math.max(1.0, settings.stepFraction() * rangeSteps());
        direction = 1;
        havePrevious = false;
        previousPowerWatts = 0;
    }

    @Override
    protected double judge(PowerWindow window, int positionSteps) {
        double powerWatts = window.loadPowerWatts;
        if (havePrevious && powerWatts < previousPowerWatts) {
            direction = -direction;
        }
        havePrevious = true;
        previousPowerWatts = powerWatts;
        int target = clampToRange(positionSteps + direction * stepSteps);
        if (target == positionSteps) {
            direction = -direction; // at the end of the range
            target = clampToRange(positionSteps + direction * stepSteps);
        }
        return target;
    }
}
