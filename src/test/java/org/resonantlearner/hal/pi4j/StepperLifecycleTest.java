package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

/**
 * The stepper outside a plain move: closed, homing with the driver released between moves, the
 * datasheet figures of the two driver ICs and the homing budget of the datasheet settings.
 */
class StepperLifecycleTest {
    private final PinLog pins = new PinLog();

    /** A4988, full steps, 1 kS/s, no holding torque between moves, a home switch. */
    private StepDirStepperActuator released(DigitalInput home, int homingMaxSteps) {
        StepperSettings settings = new StepperSettings(StepperDriverModel.A4988, 1, -100, 100, 1000.0, 1000.0, 1.0,
                1_000L, 200L, 0L, false, false, true, 1000.0, homingMaxSteps, true);
        return new StepDirStepperActuator(pins.output("STEP"), pins.output("DIR"), pins.output("EN"), home, List.of(),
                settings, pins.timer);
    }

    @Test
    void aClosedStepperRefusesToMoveOrHomeWithoutTouchingAPin() {
        DigitalInput home = mock(DigitalInput.class);
        when(home.state()).thenReturn(DigitalState.LOW);
        StepDirStepperActuator stepper = released(home, 10);
        stepper.close();
        pins.drain();
        assertEquals("the stepper actuator is closed", assertThrows(IllegalStateException.class, () -> stepper.moveTo(3))
                .getMessage());
        assertEquals("the stepper actuator is closed", assertThrows(IllegalStateException.class, stepper::home).getMessage());
        assertEquals(List.of(), pins.drain());
    }

    @Test
    void homingReleasesTheDriverAfterwardsWhenItMustNotHold() {
        DigitalInput home = mock(DigitalInput.class);
        when(home.state()).thenReturn(DigitalState.HIGH, DigitalState.LOW);
        StepDirStepperActuator stepper = released(home, 10);
        pins.drain();
        stepper.home();
        assertEquals(List.of("EN=L", "wait 0", "DIR=L", "wait 200", "STEP=H", "wait 1000", "STEP=L", "wait 999000",
                "EN=H"), pins.drain());
    }

    @Test
    void aFailedHomingAlsoReleasesTheDriver() {
        DigitalInput home = mock(DigitalInput.class);
        when(home.state()).thenReturn(DigitalState.HIGH);
        StepDirStepperActuator stepper = released(home, 1);
        pins.drain();
        assertThrows(HomingFailedException.class, stepper::home);
        assertEquals(List.of("EN=L", "wait 0", "DIR=L", "wait 200", "STEP=H", "wait 1000", "STEP=L", "wait 999000",
                "EN=H"), pins.drain());
    }

    @Test
    void theDriversCarryTheirDatasheetTiming() {
        // A4988: STEP high and low >= 1 us, DIR setup and hold >= 200 ns: at most 1/(2 us) = 500 000 steps/s.
        assertEquals(200L, StepperDriverModel.A4988.dirHoldMinNanos());
        assertEquals(500_000.0, StepperDriverModel.A4988.maxStepRateStepsPerSecond(), 1e-9);
        // DRV8825: STEP high and low >= 1.9 us, DIR setup and hold >= 650 ns: 1/(3.8 us) = 263 157.9 steps/s.
        assertEquals(650L, StepperDriverModel.DRV8825.dirHoldMinNanos());
        assertEquals(1e9 / 3800, StepperDriverModel.DRV8825.maxStepRateStepsPerSecond(), 1e-9);
        var e = assertThrows(InvalidValueException.class, () -> StepperSettings.withDatasheetTiming(
                StepperDriverModel.A4988, 32, 0, 100, 100.0, 1000.0, 1e4));
        assertEquals("microsteps = 32 microsteps/step is invalid: allowed one of [1, 2, 4, 8, 16] for the A4988",
                e.getMessage());
    }

    @Test
    void datasheetSettingsHomeOverAtMostTheWholeRangeAtTheStartRate() {
        StepperSettings settings = StepperSettings.withDatasheetTiming(StepperDriverModel.A4988, 1, -20, 30, 400.0,
                1000.0, 1e4);
        assertEquals(51, settings.homingMaxSteps(), "from 30 down to -20 and one more: 51 steps");
        assertEquals(400.0, settings.homingStepRateStepsPerSecond());
        StepDirStepperActuator stepper = new StepDirStepperActuator(pins.output("STEP"), pins.output("DIR"),
                pins.output("EN"), null, List.of(), settings, pins.timer);
        assertSame(settings, stepper.settings());
    }
}
