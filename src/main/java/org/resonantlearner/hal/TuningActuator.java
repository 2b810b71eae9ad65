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

    /** {@link #lastMoveEffectiveSampleIndex} of an actuator that cannot tell: the move is in effect from the next sample read. */
    long EFFECTIVE_FROM_NEXT_SAMPLE = -1;

    /**
     * The stream index (in the numbering of the same device's {@link SampleSource}, gaps counted) of
     * the first sample taken after the last {@link #moveTo} took effect: every earlier sample was taken
     * at the old position or during the travel. A front-end that samples ahead of its host (a serial
     * device streams while it moves) knows it; others return {@link #EFFECTIVE_FROM_NEXT_SAMPLE}.
     */
    default long lastMoveEffectiveSampleIndex() {
        return EFFECTIVE_FROM_NEXT_SAMPLE;
    }

    /** Leaves the actuator in its safe state (holding, de-energised where it can) and releases it. */
    @Override
    void close();
}
