package org.resonantlearner.hal.pi4j;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import org.resonantlearner.hal.contract.TuningActuatorContract;

/**
 * The {@link TuningActuatorContract} on a DRV8825 stepper with mode pins (1/8 steps), a ramp and an
 * active-low home switch; homed before the contract runs. The carriage starts three steps above the
 * switch, and the switch reads LOW exactly while the carriage (moved by the pin log's STEP edges and
 * DIR levels) is at the switch or below: homing the wrong way never trips it.
 */
class HomedStepDirStepperActuatorContractTest extends TuningActuatorContract {
    /** Where the carriage is when the rig powers up, above the switch (steps). */
    private static final int START_ABOVE_SWITCH_STEPS = 3;

    @Override
    protected ActuatorFixture createActuator() {
        PinLog pins = new PinLog();
        StepDirCarriage carriage = new StepDirCarriage(pins.events, START_ABOVE_SWITCH_STEPS);
        DigitalInput home = mock(DigitalInput.class);
        when(home.state()).thenAnswer(call -> carriage.positionSteps() <= 0 ? DigitalState.LOW : DigitalState.HIGH);
        StepDirStepperActuator stepper = new StepDirStepperActuator(pins.output("STEP"), pins.output("DIR"),
                pins.output("EN"), home, List.of(pins.output("MODE0"), pins.output("MODE1"), pins.output("MODE2")),
                StepperSettings.withDatasheetTiming(StepperDriverModel.DRV8825, 8, 0, 60, 100.0, 1000.0, 1e4),
                pins.timer);
        stepper.home();
        return new ActuatorFixture(stepper, carriage::positionSteps);
    }
}
