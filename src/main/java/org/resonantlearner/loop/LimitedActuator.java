package org.resonantlearner.loop;

import java.util.function.DoubleConsumer;
import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.TuningActuator;

/**
 * The one way to move the tuning actuator, for the service loop's tuners, {@code calibrate},
 * {@code selftest} and anything later: every command passes the {@link SafetyLimits}, with the time
 * since the last move read on a {@link Clock}. That time starts when this gate is made (the
 * actuator's position is known then), so the first move is limited like every other.
 *
 * <p>A tuner's command is one limited move now ({@link #moveToward}, allocation-free). A caller that
 * must reach a position ({@link #walkTo}) walks there in limited moves and lets time pass in between
 * by its own means: on a sampled rig by reading samples, which is what advances the simulated rig's
 * virtual clock and what takes real time on hardware. Nothing here sleeps.
 *
 * <p>It lives in {@code loop}, not beside {@code SafetyLimits} in {@code control}: it needs the
 * {@code hal} ports (actuator, clock), and {@code control} imports only {@code java.*}; {@code hal}
 * holds the ports and their adapters, which know nothing of the limits.
 */
public final class LimitedActuator {
    /**
     * The shortest time a walk lets pass between two moves (s): each move of a walk is then at most
     * rate × 10 ms (or one step, at rates under 100 steps/s), the size of a tuner's move at the limit
     * over one metering window, rather than one jump after a long wait.
     */
    static final double WALK_SLICE_SECONDS = 0.01;

    private final TuningActuator actuator;
    private final SafetyLimits limits;
    private final Clock clock;
    private long lastMoveNanos;

    /**
     * Takes charge of {@code actuator}: from now on it moves only through this gate.
     *
     * @param limits the range and the step-rate limit, a range inside the actuator's
     * @param clock the clock the step rate is measured on (virtual on the simulated rig)
     * @throws IllegalArgumentException when the limits' range reaches outside the actuator's
     */
    public LimitedActuator(TuningActuator actuator, SafetyLimits limits, Clock clock) {
        if (limits.minPositionSteps() < actuator.minPositionSteps()
                || limits.maxPositionSteps() > actuator.maxPositionSteps()) {
            throw new IllegalArgumentException("the safety limits' range [" + limits.minPositionSteps() + ", "
                    + limits.maxPositionSteps() + "] steps reaches outside the actuator's ["
                    + actuator.minPositionSteps() + ", " + actuator.maxPositionSteps() + "] steps");
        }
        this.actuator = actuator;
        this.limits = limits;
        this.clock = clock;
        this.lastMoveNanos = clock.nanoTime();
    }

    /**
     * Moves toward {@code requestedSteps} as far as the limits allow now (not at all for NaN or ±∞)
     * and returns the position the actuator is then at. Allocation-free.
     */
    public int moveToward(double requestedSteps) {
        int currentSteps = actuator.positionSteps();
        long nowNanos = clock.nanoTime();
        int targetSteps = limits.clamp(requestedSteps, currentSteps, (nowNanos - lastMoveNanos) / 1e9);
        if (targetSteps != currentSteps) {
            actuator.moveTo(targetSteps);
            lastMoveNanos = nowNanos;
        }
        return targetSteps;
    }

    /**
     * Walks to {@code targetSteps} at no more than the step-rate limit: a limited move, then
     * {@code passSeconds} lets at least the given time pass on the clock (a caller reads samples for
     * that long), until the actuator is there. Returns when it is; never stops short.
     *
     * @param passSeconds lets at least its argument (s, &gt; 0) pass on the clock
     * @throws IllegalArgumentException when the target lies outside the limits' range (never reached)
     * @throws IllegalStateException when {@code passSeconds} let no time pass (the walk would never end)
     */
    public void walkTo(int targetSteps, DoubleConsumer passSeconds) {
        if (targetSteps < limits.minPositionSteps() || targetSteps > limits.maxPositionSteps()) {
            throw new IllegalArgumentException("targetSteps = " + targetSteps + " steps is outside the allowed ["
                    + limits.minPositionSteps() + ", " + limits.maxPositionSteps() + "] steps");
        }
        while (moveToward(targetSteps) != targetSteps) {
            long beforeNanos = clock.nanoTime();
            double sinceMoveSeconds = (beforeNanos - lastMoveNanos) / 1e9;
            double waitSeconds = Math.max(WALK_SLICE_SECONDS, 1 / limits.maxStepRateStepsPerSecond()) - sinceMoveSeconds;
            // At least a sliver: floor(rate × Δt) can fall a step short of Δt = 1/rate by rounding.
            passSeconds.accept(Math.max(waitSeconds, 1e-9));
            if (clock.nanoTime() == beforeNanos) {
                throw new IllegalStateException("the clock did not advance while the actuator waited for the"
                        + " step-rate limit to let it reach " + targetSteps + " steps");
            }
        }
    }

    /** The time travelling {@code steps} takes at the step-rate limit (s); 0 without a rate limit. */
    public double travelSeconds(long steps) {
        return Math.abs(steps) / limits.maxStepRateStepsPerSecond();
    }

    /** The position the actuator is at (steps). */
    public int positionSteps() {
        return actuator.positionSteps();
    }

    /** Lowest position the limits allow (steps). */
    public int minPositionSteps() {
        return limits.minPositionSteps();
    }

    /** Highest position the limits allow (steps). */
    public int maxPositionSteps() {
        return limits.maxPositionSteps();
    }

    /** The limits, for their counters of rejected, clamped and rate-limited commands. */
    public SafetyLimits limits() {
        return limits;
    }

    /** The actuator behind the gate, to read it; moving it directly would bypass the limits. */
    public TuningActuator actuator() {
        return actuator;
    }
}
