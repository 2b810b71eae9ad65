package org.resonantlearner.app.config;

import org.resonantlearner.check.Check;

/**
 * The tuning actuator as the controller sees it: its range, where it starts, how fast it may move
 * and what a move costs in energy.
 *
 * @param minPositionSteps lowest position (steps)
 * @param maxPositionSteps highest position (steps)
 * @param initialPositionSteps position at the start of a run (steps)
 * @param maxStepRateStepsPerSecond the safety limit on travel per second (steps/s)
 * @param tuningEnergyPerStepJoules energy one step of travel costs (J)
 * @param tuningEnergyPerMoveJoules fixed energy each move costs on top (J)
 */
public record ActuatorSettings(int minPositionSteps, int maxPositionSteps, int initialPositionSteps,
        double maxStepRateStepsPerSecond, double tuningEnergyPerStepJoules, double tuningEnergyPerMoveJoules) {

    /** Validates every field. */
    public ActuatorSettings {
        Check.inRange("minPositionSteps", minPositionSteps, "steps", 0, 1 << 30);
        Check.inRange("maxPositionSteps", maxPositionSteps, "steps", minPositionSteps + 1, 1 << 30);
        Check.inRange("initialPositionSteps", initialPositionSteps, "steps", minPositionSteps, maxPositionSteps);
        Check.positive("maxStepRateStepsPerSecond", maxStepRateStepsPerSecond, "steps/s");
        Check.inRange("tuningEnergyPerStepJoules", tuningEnergyPerStepJoules, "J", 0, 1e3);
        Check.inRange("tuningEnergyPerMoveJoules", tuningEnergyPerMoveJoules, "J", 0, 1e3);
    }
}
