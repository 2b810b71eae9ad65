package org.resonantlearner.hal.pi4j;

import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/**
 * Settings of a hardware-PWM actuator: positions {@code 0..maxPositionSteps} map linearly onto duty
 * cycles {@code minDutyCycleFraction..maxDutyCycleFraction} at a fixed frequency.
 *
 * <p>Pi4J 3's {@code Pwm} takes the duty cycle as a whole percent, so the output resolution is 0.01;
 * the settings refuse a mapping in which two neighbouring positions would share a percent
 * ({@code maxPositionSteps ≤ 100 · (max − min)}).
 *
 * @param frequencyHz PWM frequency (Hz), in [1, 50 000 000]
 * @param minDutyCycleFraction duty cycle at position 0, in [0, 1]
 * @param maxDutyCycleFraction duty cycle at the top position, in (min, 1]
 * @param maxPositionSteps top position (steps), in [1, 100 · (max − min)]
 */
public record PwmActuatorSettings(int frequencyHz, double minDutyCycleFraction, double maxDutyCycleFraction,
        int maxPositionSteps) {

    /** Validates every field. */
    public PwmActuatorSettings {
        Check.inRange("frequencyHz", frequencyHz, "Hz", 1, 50_000_000);
        Check.inRange("minDutyCycleFraction", minDutyCycleFraction, "", 0.0, 1.0);
        Check.inRange("maxDutyCycleFraction", maxDutyCycleFraction, "", 0.0, 1.0);
        Check.ordered("minDutyCycleFraction", minDutyCycleFraction, "maxDutyCycleFraction", maxDutyCycleFraction, "");
        int resolvable = (int) Math.floor(100.0 * (maxDutyCycleFraction - minDutyCycleFraction) + 1e-9);
        if (maxPositionSteps < 1 || maxPositionSteps > resolvable) {
            throw new InvalidValueException("maxPositionSteps", Integer.toString(maxPositionSteps), "steps",
                    "[1, " + resolvable + "] steps (Pi4J 3 sets the duty cycle in whole percent)");
        }
    }

    /** Duty cycle (fraction, 0..1) of position {@code positionSteps}. */
    public double dutyCycleFraction(int positionSteps) {
        return minDutyCycleFraction + (maxDutyCycleFraction - minDutyCycleFraction) * positionSteps / maxPositionSteps;
    }
}
