package org.resonantlearner.hal.pi4j;

import java.util.List;
import org.resonantlearner.hal.contract.TuningActuatorContract;

/**
 * The {@link TuningActuatorContract} on a 4-switch capacitor bank (codes 0..15): mock pins, fake
 * delays. The device's position is the code the switches form: bit i set while C<i> was last
 * written HIGH (active-high switches), read from the pin log.
 */
class SwitchedCapacitorBankActuatorContractTest extends TuningActuatorContract {
    private static final List<String> SWITCHES = List.of("C0", "C1", "C2", "C3");

    @Override
    protected ActuatorFixture createActuator() {
        PinLog pins = new PinLog();
        SwitchedCapacitorBankActuator bank = new SwitchedCapacitorBankActuator(
                SWITCHES.stream().map(pins::output).toList(),
                new CapacitorBankSettings(false, 10_000_000L, 5_000_000L, true), pins.timer);
        return new ActuatorFixture(bank, () -> switchCode(pins.events));
    }

    private static int switchCode(List<String> events) {
        int code = 0;
        for (String event : events) {
            for (int bit = 0; bit < SWITCHES.size(); bit++) {
                if (event.equals(SWITCHES.get(bit) + "=H")) {
                    code |= 1 << bit;
                } else if (event.equals(SWITCHES.get(bit) + "=L")) {
                    code &= ~(1 << bit);
                }
            }
        }
        return code;
    }
}
