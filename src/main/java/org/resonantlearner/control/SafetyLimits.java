package org.resonantlearner.control;

import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/**
 * The one gate every actuator command passes, whatever the tuner asks: refuses non-numbers, rounds to
 * whole steps, keeps the position inside the allowed range and limits how fast it may change.
 *
 * <p>{@link #clamp} applies, in order:
 * <ol>
 *   <li>NaN or ±∞ → hold the current position (counted in {@link #rejectedCommands()});</li>
 *   <li>round half up to whole steps;</li>
 *   <li>clamp into {@code [minPositionSteps, maxPositionSteps]} (counted in
 *       {@link #clampedCommands()});</li>
 *   <li>limit the travel to {@code floor(maxStepRateStepsPerSecond × secondsSinceLastMove)} steps
 *       toward the target (counted in {@link #rateLimitedCommands()}). An elapsed time that is NaN,
 *       negative or infinite allows no travel: there is no "never moved" that allows any, since the
 *       caller ({@code loop.LimitedActuator}) counts the first move from when it took charge of the
 *       actuator. Only a rate of {@code +∞} lifts the limit.</li>
 * </ol>
 * If the current position itself lies outside the range, step 3 still brings the command inside and
 * step 4 lets it walk back at the allowed rate. Allocation-free.
 */
public final class SafetyLimits {
    private final int minPositionSteps;
    private final int maxPositionSteps;
    private final double maxStepRateStepsPerSecond;

    private long commands;
    private long rejectedCommands;
    private long clampedCommands;
    private long rateLimitedCommands;

    /**
     * Creates the limits.
     *
     * @param minPositionSteps lowest allowed position
     * @param maxPositionSteps highest allowed position, &gt; min
     * @param maxStepRateStepsPerSecond highest travel rate, &gt; 0; {@code +∞} for no rate limit
     */
    public SafetyLimits(int minPositionSteps, int maxPositionSteps, double maxStepRateStepsPerSecond) {
        Check.ordered("minPositionSteps", minPositionSteps, "maxPositionSteps", maxPositionSteps, "steps");
        if (!(maxStepRateStepsPerSecond > 0)) {
            throw new InvalidValueException("maxStepRateStepsPerSecond", Double.toString(maxStepRateStepsPerSecond),
                    "steps/s", "a value > 0 steps/s (Infinity for no limit)");
        }
        this.minPositionSteps = minPositionSteps;
        this.maxPositionSteps = maxPositionSteps;
        this.maxStepRateStepsPerSecond = maxStepRateStepsPerSecond;
    }

    /**
     * Turns a tuner's request into a position the actuator may go to now.
     *
     * @param requestedSteps the tuner's request (may be fractional, NaN or infinite)
     * @param currentSteps where the actuator is
     * @param secondsSinceLastMove time since the actuator last moved, or since the caller took charge
     *     of it if it has not moved since (s); finite and &gt;= 0, or no travel is allowed
     * @return the position to command, in steps
     */
    public int clamp(double requestedSteps, int currentSteps, double secondsSinceLastMove) {
        commands++;
        if (!Double.isFinite(requestedSteps)) {
            rejectedCommands++;
            return currentSteps;
        }
        // Math.round saturates at Long.MIN/MAX_VALUE for huge requests, which the clamp then catches.
        long target = Math.round(requestedSteps);
        if (target < minPositionSteps || target > maxPositionSteps) {
            clampedCommands++;
            target = Math.max(minPositionSteps, Math.min(maxPositionSteps, target));
        }
        long travel = target - currentSteps;
        if (travel != 0) {
            double allowedSteps;
            if (!(secondsSinceLastMove >= 0 && secondsSinceLastMove < Double.POSITIVE_INFINITY)) {
                allowedSteps = 0; // NaN, negative or infinite elapsed time: trust nothing
            } else if (maxStepRateStepsPerSecond == Double.POSITIVE_INFINITY) {
                allowedSteps = Double.POSITIVE_INFINITY; // no rate limit (∞ × 0 s would be NaN)
            } else {
                allowedSteps = Math.floor(maxStepRateStepsPerSecond * secondsSinceLastMove);
            }
            if (Math.abs((double) travel) > allowedSteps) {
                rateLimitedCommands++;
                target = currentSteps + Long.signum(travel) * (long) allowedSteps;
            }
        }
        return (int) target;
    }

    /** Lowest allowed position (steps). */
    public int minPositionSteps() {
        return minPositionSteps;
    }

    /** Highest allowed position (steps). */
    public int maxPositionSteps() {
        return maxPositionSteps;
    }

    /** Highest travel rate (steps/s); {@code +∞} when unlimited. */
    public double maxStepRateStepsPerSecond() {
        return maxStepRateStepsPerSecond;
    }

    /** Commands seen by {@link #clamp}. */
    public long commands() {
        return commands;
    }

    /** Commands refused because they were NaN or infinite (the position was held). */
    public long rejectedCommands() {
        return rejectedCommands;
    }

    /** Commands that asked for a position outside the range. */
    public long clampedCommands() {
        return clampedCommands;
    }

    /** Commands whose travel was cut to the step-rate limit. */
    public long rateLimitedCommands() {
        return rateLimitedCommands;
    }

    /** Sets every counter to zero (for a new run). */
    public void resetCounters() {
        commands = 0;
        rejectedCommands = 0;
        clampedCommands = 0;
        rateLimitedCommands = 0;
    }
}
