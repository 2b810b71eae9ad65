package org.resonantlearner.hal.pi4j;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import org.resonantlearner.hal.TuningActuator;
import org.resonantlearner.hal.contract.TuningActuatorContract;

/**
 * The {@link TuningActuatorContract} on a DRV8825 stepper with mode pins (1/8 steps), a ramp and an
 * active-low home switch that trips after three homing steps; homed before the contract runs.
 */
class HomedStepDirStepperActuatorContractTest extends TuningActuatorContract {
    @Override
    protected TuningActuator createActuator() {
        PinLog pins = new PinLog();
        DigitalInput home = mock(DigitalInput.class);
        when(home.state()).thenReturn(DigitalState.HIGH, DigitalState.HIGH, DigitalState.HIGH, DigitalState.LOW);
        StepDirStepperActuator stepper = new StepDirStepperActuator(pins.output("STEP"), pins.output("DIR"),
                pins.output("EN"), home, List.of(pins.output("MODE0"), pins.output("MODE1"), pins.output("MODE2")),
                StepperSettings.withDatasheetTiming(StepperDriverModel.DRV8825, 8, 0, 60, 100.0, 1000.0, 1e4),
                pins.timer);
        stepper.home();
        return stepper;
    }
}
