package org.resonantlearner.harvest;

import org.resonantlearner.check.Check;

/**
 * Energy an actuator spends on one move: a fixed part per move (driver wake-up, relay coil pulse,
 * DAC settling) plus a part proportional to the travel (stepper steps, slug travel).
 *
 * <p>{@code moveEnergyJoules(n) = energyPerMoveJoules + energyPerStepJoules·|n|} for {@code n != 0},
 * and 0 for {@code n == 0} (holding still costs nothing here; a holding current belongs to the
 * rig's standby budget, not to tuning).
 *
 * @param energyPerStepJoules energy per step of travel (J), ≥ 0
 * @param energyPerMoveJoules energy per move whatever its length (J), ≥ 0
 */
public record TuningCost(double energyPerStepJoules, double energyPerMoveJoules) {

    /** Validates both energies. */
    public TuningCost {
        Check.nonNegative("energyPerStepJoules", energyPerStepJoules, "J");
        Check.nonNegative("energyPerMoveJoules", energyPerMoveJoules, "J");
    }

    /** Moves that cost nothing (a rig whose tuning energy is not modelled). */
    public static TuningCost free() {
        return new TuningCost(0, 0);
    }

    /** Energy (J) of one move of {@code travelSteps} steps in either direction; 0 for no travel. */
    public double moveEnergyJoules(long travelSteps) {
        if (travelSteps == 0) {
            return 0;
        }
        return energyPerMoveJoules + energyPerStepJoules * Math.abs((double) travelSteps);
    }

    /** True when every move is free, so tuners can skip cost terms. */
    public boolean isFree() {
        return energyPerStepJoules == 0 && energyPerMoveJoules == 0;
    }
}
