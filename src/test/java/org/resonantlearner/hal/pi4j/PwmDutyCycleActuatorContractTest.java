package org.resonantlearner.hal.pi4j;

import static org.mockito.Mockito.mock;

import com.pi4j.io.pwm.Pwm;
import org.resonantlearner.hal.TuningActuator;
import org.resonantlearner.hal.contract.TuningActuatorContract;

/** The {@link TuningActuatorContract} on a PWM actuator (positions 0..40 over duty 0.10..0.90) on a mock Pwm. */
class PwmDutyCycleActuatorContractTest extends TuningActuatorContract {
    @Override
    protected TuningActuator createActuator() {
        return new PwmDutyCycleActuator(mock(Pwm.class), new PwmActuatorSettings(20_000, 0.1, 0.9, 40));
    }
}
