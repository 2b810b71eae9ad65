package org.resonantlearner.hal;

import java.util.ArrayList;
import java.util.List;

/**
 * A decorator that logs every {@code moveTo} an actuator receives, with the time on the rig's clock:
 * the actuator's own record of its moves, against which a step-rate limit is checked from outside
 * whatever moved it. The log starts with the position and time at which the decorator was made.
 */
public final class RecordingActuator implements TuningActuator {
    /**
     * One entry of the log.
     *
     * @param nanos the clock's reading when the move was commanded (ns)
     * @param positionSteps the position commanded (steps)
     */
    public record Move(long nanos, int positionSteps) {}

    private final TuningActuator inner;
    private final Clock clock;
    private final List<Move> log = new ArrayList<>();

    /** Wraps {@code inner}; the log starts at its position now, on {@code clock}. */
    public RecordingActuator(TuningActuator inner, Clock clock) {
        this.inner = inner;
        this.clock = clock;
        log.add(new Move(clock.nanoTime(), inner.positionSteps()));
    }

    /** The start and every move since, in order. */
    public List<Move> log() {
        return List.copyOf(log);
    }

    /** Moves after the start. */
    public int moves() {
        return log.size() - 1;
    }

    /**
     * Every pair of consecutive log entries (the start included) whose travel exceeds what the rate
     * allows in the time between them, |Δp| ≤ floor(rate × Δt), described one per line; empty when
     * none does.
     */
    public List<String> movesFasterThan(double maxStepRateStepsPerSecond) {
        List<String> violations = new ArrayList<>();
        for (int i = 1; i < log.size(); i++) {
            Move from = log.get(i - 1);
            Move to = log.get(i);
            double seconds = (to.nanos() - from.nanos()) / 1e9;
            long travel = Math.abs((long) to.positionSteps() - from.positionSteps());
            double allowed = Math.floor(maxStepRateStepsPerSecond * seconds);
            if (travel > allowed) {
                violations.add(String.format("move %d: %d -> %d steps in %.6f s (%.4g x the %s steps/s limit)", i,
                        from.positionSteps(), to.positionSteps(), seconds,
                        travel / (maxStepRateStepsPerSecond * seconds), maxStepRateStepsPerSecond));
            }
        }
        return violations;
    }

    /** The largest travel of one move (steps). */
    public long largestMoveSteps() {
        long largest = 0;
        for (int i = 1; i < log.size(); i++) {
            largest = Math.max(largest, Math.abs((long) log.get(i).positionSteps() - log.get(i - 1).positionSteps()));
        }
        return largest;
    }

    @Override
    public int minPositionSteps() {
        return inner.minPositionSteps();
    }

    @Override
    public int maxPositionSteps() {
        return inner.maxPositionSteps();
    }

    @Override
    public int positionSteps() {
        return inner.positionSteps();
    }

    @Override
    public void moveTo(int positionSteps) {
        log.add(new Move(clock.nanoTime(), positionSteps));
        inner.moveTo(positionSteps);
    }

    @Override
    public void close() {
        inner.close();
    }
}
