package org.resonantlearner.hal.pi4j;

import java.util.List;
import org.resonantlearner.hal.contract.TuningActuatorContract;

/**
 * The {@link TuningActuatorContract} on an A4988 stepper without a home switch (the position starts
 * at 0, the caller's promise), full steps at a constant rate: mock pins, fake delays. The device's
 * position is the carriage that the STEP edges and DIR levels of the pin log move.
 */
class StepDirStepperActuatorContractTest extends TuningActuatorContract {
    @Override
    protected ActuatorFixture createActuator() {
        PinLog pins = new PinLog();
        StepDirStepperActuator stepper = new StepDirStepperActuator(pins.output("STEP"), pins.output("DIR"),
                pins.output("EN"), null, List.of(),
                StepperSettings.withDatasheetTiming(StepperDriverModel.A4988, 1, -20, 30, 1000.0, 1000.0, 1.0),
                pins.timer);
        StepDirCarriage carriage = new StepDirCarriage(pins.events, 0);
        return new ActuatorFixture(stepper, carriage::positionSteps);
    }
}
