package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.doThrow;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

/**
 * A bank whose switch fails to close half-way through a move reports the state it is really in; a
 * bank wired with a missing switch is refused before any pin is written.
 */
class SwitchedCapacitorBankPinFailureTest {
    @Test
    void aMoveThatFailsAfterTheBreakLeavesTheCommonSwitchesAsThePosition() {
        PinLog pins = new PinLog();
        List<DigitalOutput> switches = List.of(pins.output("C0"), pins.output("C1"), pins.output("C2"));
        SwitchedCapacitorBankActuator bank = new SwitchedCapacitorBankActuator(switches,
                new CapacitorBankSettings(false, 1_000L, 2_000L, true), pins.timer);
        bank.moveTo(0b101);
        doThrow(new IllegalStateException("GPIO write failed")).when(switches.get(1)).state(DigitalState.HIGH);
        pins.drain();
        // 101 -> 011: C2 opens, the break passes, C1 fails to close; only C0 (common to both) stays on.
        assertThrows(IllegalStateException.class, () -> bank.moveTo(0b011));
        assertEquals(List.of("C2=L", "wait 1000"), pins.drain());
        assertEquals(0b001, bank.positionSteps());
    }

    @Test
    void aMissingSwitchIsNamedBeforeAnyPinIsWritten() {
        PinLog pins = new PinLog();
        List<DigitalOutput> switches = Arrays.asList(pins.output("C0"), null, pins.output("C2"));
        var e = assertThrows(InvalidValueException.class, () -> new SwitchedCapacitorBankActuator(switches,
                new CapacitorBankSettings(false, 1_000L, 2_000L, true), pins.timer));
        assertEquals("switches[1] = null is invalid: allowed a value", e.getMessage());
        assertEquals(List.of(), pins.drain());
    }
}
