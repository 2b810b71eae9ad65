package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The MCP4725's EEPROM write waits for RDY/BSY at most 100 ms (the datasheet's write time is up to
 * 50 ms), polling every {@code eepromPollIntervalNanos}; and a closed DAC writes nothing more.
 */
class Mcp4725EepromBudgetTest {
    @Test
    void aWriteThatNeverFinishesGivesUpAfterOneHundredMillisecondsOfPolls() {
        Mcp4725Device device = new Mcp4725Device(2047);
        FakeTimer timer = new FakeTimer(0L);
        Mcp4725Settings settings = new Mcp4725Settings(0, 4095, true, false, 2_000_000L);
        Mcp4725DacActuator dac = new Mcp4725DacActuator(device.i2c, settings, timer);
        assertSame(settings, dac.settings());
        device.eepromStuck = true;
        var e = assertThrows(IllegalStateException.class, () -> dac.storePowerOnCode(1234));
        assertEquals("the MCP4725 EEPROM write did not finish within 100000000 ns (RDY/BSY still busy)", e.getMessage());
        // 100 ms / 2 ms = 50 polls, each after a 2 ms wait: exactly the budget.
        assertEquals(50, timer.delaysNanos.size());
        assertEquals(100_000_000L, timer.delaysNanos.stream().mapToLong(Long::longValue).sum());
        assertEquals(1234, device.dacCode(), "the DAC register holds the code whatever the EEPROM does");
    }

    @Test
    void aClosedDacRefusesToStoreAPowerOnCode() {
        Mcp4725Device device = new Mcp4725Device(2047);
        Mcp4725DacActuator dac = new Mcp4725DacActuator(device.i2c, new Mcp4725Settings(0, 4095, true, false,
                1_000_000L), new FakeTimer(0L));
        dac.close();
        assertEquals("the MCP4725 actuator is closed",
                assertThrows(IllegalStateException.class, () -> dac.storePowerOnCode(100)).getMessage());
        assertEquals(2047, device.dacCode());
    }
}
