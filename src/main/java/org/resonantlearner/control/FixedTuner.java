package org.resonantlearner.control;

import org.resonantlearner.harvest.PowerWindow;

/**
 * Baseline "fixed": never moves the actuator. It shows what the rig harvests with whatever tuning it
 * starts at, and costs no tuning energy.
 */
public final class FixedTuner extends SettlingTuner {
    /** The command-line name. */
    public static final String NAME = "fixed";

    /** Creates the tuner; it needs no settle time (it never judges anything) and no randomness. */
    public FixedTuner() {
        super(NAME, 0.0);
    }

    @Override
    protected void onStart(int initialPositionSteps, double startTimeSeconds) {
        // Nothing to prepare: the position never changes.
    }

    @Override
    protected double judge(PowerWindow window, int positionSteps) {
        return Double.NaN;
    }
}
