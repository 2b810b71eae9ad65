package org.resonantlearner.hal;

/**
 * Port: the actuator that moves the rig's tuning (stepper, DAC code, switched capacitor bank).
 *
 * <p>Positions are whole actuator steps (motor steps, DAC codes, bank codes). Callers pass every
 * command through {@code loop.LimitedActuator} (the safety limits, from the first move); adapters still refuse positions outside their range.
 */
public interface TuningActuator extends AutoCloseable {

    /** Lowest position the actuator can reach, in steps. */
    int minPositionSteps();

    /** Highest position the actuator can reach, in steps. */
    int maxPositionSteps();

    /** The position the actuator is at now, in steps. */
    int positionSteps();

    /**
     * Moves to {@code positionSteps}, returning when the move is done.
     *
     * @throws IllegalArgumentException when the position is outside [min, max]
     */
    void moveTo(int positionSteps);

    /**
     * Returns {@code targetSteps} when it lies in [min, max]: the check every adapter's
     * {@link #moveTo} starts with, so the message is the same on every rig.
     *
     * @throws IllegalArgumentException naming the position and the range otherwise
     */
    default int requireInRange(int targetSteps) {
        if (targetSteps < minPositionSteps() || targetSteps > maxPositionSteps()) {
            throw new IllegalArgumentException("positionSteps = " + targetSteps + " steps is outside ["
                    + minPositionSteps() + ", " + maxPositionSteps() + "] steps");
        }
        return targetSteps;
    }

    /** Leaves the actuator in its safe state (holding, de-energised where it can) and releases it. */
    @Override
    void close();
}
