package org.resonantlearner.hal.pi4j;

import org.resonantlearner.hal.contract.TuningActuatorContract;

/**
 * The {@link TuningActuatorContract} on an MCP4725 limited to codes [100, 3000], powering down on
 * close; the device powers up at code 2047 (inside the range) and its position is the DAC register
 * as the bus writes set it.
 */
class Mcp4725DacActuatorContractTest extends TuningActuatorContract {
    @Override
    protected ActuatorFixture createActuator() {
        Mcp4725Device device = new Mcp4725Device(2047);
        Mcp4725DacActuator dac = new Mcp4725DacActuator(device.i2c,
                new Mcp4725Settings(100, 3000, false, true, 1_000_000L), new FakeTimer(0L));
        return new ActuatorFixture(dac, device::dacCode);
    }
}
