package org.resonantlearner.hal.pi4j;

import java.util.List;
import org.resonantlearner.hal.TuningActuator;
import org.resonantlearner.hal.contract.TuningActuatorContract;

/** The {@link TuningActuatorContract} on a 4-switch capacitor bank (codes 0..15): mock pins, fake delays. */
class SwitchedCapacitorBankActuatorContractTest extends TuningActuatorContract {
    @Override
    protected TuningActuator createActuator() {
        PinLog pins = new PinLog();
        return new SwitchedCapacitorBankActuator(
                List.of(pins.output("C0"), pins.output("C1"), pins.output("C2"), pins.output("C3")),
                new CapacitorBankSettings(false, 10_000_000L, 5_000_000L, true), pins.timer);
    }
}
