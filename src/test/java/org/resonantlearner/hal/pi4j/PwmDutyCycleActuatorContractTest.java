package org.resonantlearner.hal.pi4j;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.pi4j.io.pwm.Pwm;
import org.resonantlearner.hal.contract.TuningActuatorContract;

/**
 * The {@link TuningActuatorContract} on a PWM actuator (positions 0..40 over duty 0.10..0.90) on a
 * mock Pwm. The device's position is the duty cycle the channel runs at: Pi4J 3 stores
 * {@code setDutyCycle(percent)} and applies it at {@code on()}, so the observation takes the
 * percent in force at the last {@code on()} and inverts the fixture's map, percent = 10 + 2·position.
 */
class PwmDutyCycleActuatorContractTest extends TuningActuatorContract {
    /** Duty at position 0 (%), and per position step (%): (90 − 10) % over 40 steps. */
    private static final int PERCENT_AT_ZERO = 10;
    private static final int PERCENT_PER_STEP = 2;

    @Override
    protected ActuatorFixture createActuator() {
        Pwm pwm = mock(Pwm.class);
        int[] storedPercent = {-1};
        int[] appliedPercent = {-1};
        doAnswer(call -> {
            storedPercent[0] = call.getArgument(0);
            return null;
        }).when(pwm).setDutyCycle(anyInt());
        when(pwm.on()).thenAnswer(call -> {
            appliedPercent[0] = storedPercent[0];
            return pwm;
        });
        PwmDutyCycleActuator actuator = new PwmDutyCycleActuator(pwm, new PwmActuatorSettings(20_000, 0.1, 0.9, 40));
        return new ActuatorFixture(actuator, () -> position(appliedPercent[0]));
    }

    private static int position(int percent) {
        int aboveZero = percent - PERCENT_AT_ZERO;
        if (percent < 0 || aboveZero % PERCENT_PER_STEP != 0) {
            throw new AssertionError("duty cycle " + percent + " % is no position of the fixture's map");
        }
        return aboveZero / PERCENT_PER_STEP;
    }
}
