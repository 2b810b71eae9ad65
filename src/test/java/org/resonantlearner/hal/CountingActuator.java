package org.resonantlearner.hal;

/** A test actuator over a fixed range that goes wherever it is sent and counts the moves. */
public final class CountingActuator implements TuningActuator {
    private final int minPositionSteps;
    private final int maxPositionSteps;
    /** Where the last move went (steps). */
    public volatile int position;
    /** Moves so far. */
    public volatile int moves;

    /** An actuator on [min, max] steps, at {@code initialPositionSteps}. */
    public CountingActuator(int minPositionSteps, int maxPositionSteps, int initialPositionSteps) {
        this.minPositionSteps = minPositionSteps;
        this.maxPositionSteps = maxPositionSteps;
        this.position = initialPositionSteps;
    }

    @Override
    public int minPositionSteps() {
        return minPositionSteps;
    }

    @Override
    public int maxPositionSteps() {
        return maxPositionSteps;
    }

    @Override
    public int positionSteps() {
        return position;
    }

    @Override
    public void moveTo(int positionSteps) {
        position = positionSteps;
        moves++;
    }

    @Override
    public void close() {}
}
