package org.resonantlearner.hal.pi4j;

import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/**
 * Settings of a STEP/DIR/EN stepper actuator. Positions and rates count microsteps ("steps" below):
 * with {@code microsteps = 16} one full motor step is 16 position steps.
 *
 * <p>Speed law of a move of {@code n} steps: the step that is {@code k} steps from the nearer end of
 * the move (k = min(i, n − 1 − i)) runs at
 * {@code rate(k) = min(maxStepRate, sqrt(startStepRate² + 2·acceleration·k))} — constant acceleration
 * from the start rate, a cruise at the maximum rate, and the mirrored deceleration, so every move
 * starts and ends at the start rate. Step {@code i} lasts {@code ceil(1e9 / rate(k))} ns: STEP high
 * for {@code stepHighNanos}, low for the rest.
 *
 * @param model driver IC, fixing the datasheet minimums
 * @param microsteps microsteps per full step, one the model supports
 * @param minPositionSteps lowest position (steps), ≤ 0 (home and the power-up position are 0)
 * @param maxPositionSteps highest position (steps), ≥ 0 and &gt; minPositionSteps
 * @param startStepRateStepsPerSecond rate of the first and last step of every move (steps/s)
 * @param maxStepRateStepsPerSecond cruise rate (steps/s), ≥ the start rate and at most
 *     1e9 / (stepHighNanos + the model's STEP low minimum)
 * @param accelerationStepsPerSecondSquared ramp acceleration (steps/s²), &gt; 0
 * @param stepHighNanos STEP high time (ns), ≥ the model's minimum, ≤ 1 ms
 * @param dirSetupNanos wait after writing DIR before the first STEP edge (ns), ≥ the model's minimum
 * @param enableSettleNanos wait after asserting ENABLE before the first STEP edge (ns), ≥ 0
 * @param directionInverted true when DIR LOW moves towards higher positions
 * @param holdWhenIdle true keeps the driver enabled (holding torque) between moves
 * @param disableOnClose true de-energises the driver on close
 * @param homingStepRateStepsPerSecond constant rate while seeking the home switch (steps/s), ≤ the
 *     maximum rate
 * @param homingMaxSteps most steps taken towards the switch before homing fails, ≥ 1
 * @param homeSwitchActiveLow true when the switch pulls its input LOW when tripped
 */
public record StepperSettings(StepperDriverModel model, int microsteps, int minPositionSteps, int maxPositionSteps,
        double startStepRateStepsPerSecond, double maxStepRateStepsPerSecond,
        double accelerationStepsPerSecondSquared, long stepHighNanos, long dirSetupNanos, long enableSettleNanos,
        boolean directionInverted, boolean holdWhenIdle, boolean disableOnClose,
        double homingStepRateStepsPerSecond, int homingMaxSteps, boolean homeSwitchActiveLow) {

    /** Validates every field against the model's datasheet timing. */
    public StepperSettings {
        Check.present("model", model);
        if (!model.supportsMicrosteps(microsteps)) {
            throw new InvalidValueException("microsteps", Integer.toString(microsteps), "microsteps/step",
                    "one of " + model.microstepChoices() + " for the " + model);
        }
        // Home and the power-up position are 0, so 0 must lie in the range.
        Check.inRange("minPositionSteps", minPositionSteps, "steps", Integer.MIN_VALUE, 0);
        if (maxPositionSteps < 0 || minPositionSteps >= maxPositionSteps) {
            throw new InvalidValueException("maxPositionSteps", Integer.toString(maxPositionSteps), "steps",
                    "a value >= 0 and > minPositionSteps (" + minPositionSteps + " steps)");
        }
        Check.inRange("stepHighNanos", stepHighNanos, "ns", model.stepHighMinNanos(), 1_000_000L);
        Check.inRange("dirSetupNanos", dirSetupNanos, "ns", model.dirSetupMinNanos(), 1_000_000L);
        Check.inRange("enableSettleNanos", enableSettleNanos, "ns", 0L, 100_000_000L);
        double fastestStepsPerSecond = 1e9 / (stepHighNanos + model.stepLowMinNanos());
        Check.inRange("maxStepRateStepsPerSecond", maxStepRateStepsPerSecond, "steps/s", Double.MIN_NORMAL,
                fastestStepsPerSecond);
        Check.inRange("startStepRateStepsPerSecond", startStepRateStepsPerSecond, "steps/s", Double.MIN_NORMAL,
                maxStepRateStepsPerSecond);
        Check.positive("accelerationStepsPerSecondSquared", accelerationStepsPerSecondSquared, "steps/s^2");
        Check.inRange("homingStepRateStepsPerSecond", homingStepRateStepsPerSecond, "steps/s", Double.MIN_NORMAL,
                maxStepRateStepsPerSecond);
        Check.inRange("homingMaxSteps", homingMaxSteps, "steps", 1, Integer.MAX_VALUE);
    }

    /**
     * Settings with the model's minimum timings, no inversion, holding between moves, de-energised on
     * close, an active-low home switch, homing at the start rate over at most the whole range.
     */
    public static StepperSettings withDatasheetTiming(StepperDriverModel model, int microsteps, int minPositionSteps,
            int maxPositionSteps, double startStepRateStepsPerSecond, double maxStepRateStepsPerSecond,
            double accelerationStepsPerSecondSquared) {
        Check.present("model", model);
        long rangeSteps = (long) maxPositionSteps - minPositionSteps;
        int homingMaxSteps = (int) Math.min(Integer.MAX_VALUE, Math.max(1L, rangeSteps + 1));
        return new StepperSettings(model, microsteps, minPositionSteps, maxPositionSteps,
                startStepRateStepsPerSecond, maxStepRateStepsPerSecond, accelerationStepsPerSecondSquared,
                model.stepHighMinNanos(), model.dirSetupMinNanos(), model.defaultEnableSettleNanos(),
                false, true, true, startStepRateStepsPerSecond, homingMaxSteps, true);
    }

    /** Step rate (steps/s) of a step {@code stepsFromNearerEnd} steps from the nearer end of its move. */
    public double stepRateStepsPerSecond(long stepsFromNearerEnd) {
        double rampRate = Math.sqrt(startStepRateStepsPerSecond * startStepRateStepsPerSecond
                + 2.0 * accelerationStepsPerSecondSquared * stepsFromNearerEnd);
        return Math.min(maxStepRateStepsPerSecond, rampRate);
    }

    /** Duration (ns) of a step {@code stepsFromNearerEnd} steps from the nearer end of its move. */
    public long stepPeriodNanos(long stepsFromNearerEnd) {
        return (long) Math.ceil(1e9 / stepRateStepsPerSecond(stepsFromNearerEnd));
    }
}
