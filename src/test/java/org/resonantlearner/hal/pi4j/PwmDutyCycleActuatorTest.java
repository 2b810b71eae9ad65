package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.pi4j.io.pwm.Pwm;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.resonantlearner.check.InvalidValueException;

class PwmDutyCycleActuatorTest {
    private static final double TOL_FRACTION = 1e-12;

    @Test
    void everyMoveSetsFrequencyThenWholePercentDutyThenOn() {
        Pwm pwm = mock(Pwm.class);
        // Positions 0..40 span duty 0.10..0.90: 2 % per step.
        PwmDutyCycleActuator actuator = new PwmDutyCycleActuator(pwm, new PwmActuatorSettings(20_000, 0.1, 0.9, 40));

        actuator.moveTo(40);
        actuator.moveTo(13);
        actuator.close();
        actuator.close();

        InOrder order = inOrder(pwm);
        order.verify(pwm).setFrequency(20_000);
        order.verify(pwm).setDutyCycle(10);
        order.verify(pwm).on();
        order.verify(pwm).setFrequency(20_000);
        order.verify(pwm).setDutyCycle(90);
        order.verify(pwm).on();
        order.verify(pwm).setFrequency(20_000);
        order.verify(pwm).setDutyCycle(36);
        order.verify(pwm).on();
        order.verify(pwm).off();
        verifyNoMoreInteractions(pwm);
        assertEquals(0.36, actuator.dutyCycleFraction(), TOL_FRACTION);
        assertEquals(13, actuator.positionSteps());
        assertThrows(IllegalStateException.class, () -> actuator.moveTo(1));
    }

    @Test
    void refusesPositionsOutsideTheRangeAndMappingsFinerThanOnePercent() {
        Pwm pwm = mock(Pwm.class);
        PwmDutyCycleActuator actuator = new PwmDutyCycleActuator(pwm, new PwmActuatorSettings(1000, 0.0, 1.0, 100));
        assertThrows(IllegalArgumentException.class, () -> actuator.moveTo(101));
        assertEquals("maxPositionSteps", assertThrows(InvalidValueException.class,
                () -> new PwmActuatorSettings(1000, 0.2, 0.3, 11)).key());
        assertEquals("maxDutyCycleFraction", assertThrows(InvalidValueException.class,
                () -> new PwmActuatorSettings(1000, 0.2, 1.5, 10)).key());
        assertEquals("frequencyHz", assertThrows(InvalidValueException.class,
                () -> new PwmActuatorSettings(0, 0.0, 1.0, 10)).key());
    }
}
