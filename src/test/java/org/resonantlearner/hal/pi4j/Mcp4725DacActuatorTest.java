package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.pi4j.io.i2c.I2C;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

class Mcp4725DacActuatorTest {
    private final List<String> log = new ArrayList<>();
    private final FakeTimer timer = new FakeTimer(0L, log);
    private final ArrayDeque<byte[]> reads = new ArrayDeque<>();
    private final I2C i2c = mock(I2C.class);

    Mcp4725DacActuatorTest() {
        doAnswer(call -> {
            byte[] data = call.getArgument(0);
            int offset = call.getArgument(1);
            int length = call.getArgument(2);
            log.add("W" + I2cRegisterLog.hex(data, offset, length));
            return length;
        }).when(i2c).write(any(byte[].class), anyInt(), anyInt());
        doAnswer(call -> {
            byte[] data = call.getArgument(0);
            int offset = call.getArgument(1);
            int length = call.getArgument(2);
            byte[] answer = reads.size() > 1 ? reads.poll() : reads.peek();
            System.arraycopy(answer, 0, data, offset, length);
            log.add("R" + I2cRegisterLog.hex(data, offset, length));
            return length;
        }).when(i2c).read(any(byte[].class), anyInt(), anyInt());
    }

    @Test
    void readsTheCodeBackThenMovesWithTwoByteFastWrites() {
        // Status ready, DAC register 0x7FF (D11..D4 = 0x7F, D3..D0 = 0xF), EEPROM bytes ignored.
        reads.add(Bytes.of(0xC0, 0x7F, 0xF0, 0x07, 0xFF));
        Mcp4725DacActuator dac = new Mcp4725DacActuator(i2c, Mcp4725Settings.fullRange(), timer);
        assertEquals(2047, dac.positionSteps());

        dac.moveTo(0xABC);
        dac.moveTo(0);
        dac.moveTo(4095);
        dac.close();

        assertEquals(List.of("R C0 7F F0", "W 0A BC", "W 00 00", "W 0F FF"), log);
        assertEquals(4095, dac.positionSteps());
    }

    @Test
    void aPowerUpCodeOutsideTheAllowedRangeIsBroughtInsideAtOnce() {
        // The DAC powers up at 0x7FF = 2047, above the allowed 100..1000: one fast write to 1000.
        reads.add(Bytes.of(0xC0, 0x7F, 0xF0, 0x07, 0xFF));
        Mcp4725DacActuator dac = new Mcp4725DacActuator(i2c, new Mcp4725Settings(100, 1000, false, false, 1_000_000L),
                timer);
        assertEquals(1000, dac.positionSteps());
        assertEquals(List.of("R C0 7F F0", "W 03 E8"), log);
    }

    @Test
    void eepromWriteIsRefusedByDefaultWithoutBusTraffic() {
        reads.add(Bytes.of(0xC0, 0x00, 0x00));
        Mcp4725DacActuator dac = new Mcp4725DacActuator(i2c, Mcp4725Settings.fullRange(), timer);
        log.clear();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> dac.storePowerOnCode(1000));

        assertTrue(e.getMessage().contains("eepromWriteEnabled = false"), e.getMessage());
        assertEquals(List.of(), log);
        assertEquals(0, dac.positionSteps());
    }

    @Test
    void enabledEepromWriteSendsThreeBytesAndPollsUntilReady() {
        reads.add(Bytes.of(0xC0, 0x00, 0x00));
        Mcp4725DacActuator dac = new Mcp4725DacActuator(i2c, new Mcp4725Settings(0, 4095, true, false, 1_000_000L),
                timer);
        reads.clear();
        reads.add(Bytes.of(0x40));
        reads.add(Bytes.of(0x40));
        reads.add(Bytes.of(0xC0));
        log.clear();

        dac.storePowerOnCode(0xABC);

        assertEquals(List.of("W 60 AB C0", "wait 1000000", "R 40", "wait 1000000", "R 40", "wait 1000000", "R C0"),
                log);
        assertEquals(0xABC, dac.positionSteps());
    }

    @Test
    void powerDownOnCloseWritesPd01AndKeepsTheCode() {
        reads.add(Bytes.of(0xC0, 0x12, 0x30));
        Mcp4725DacActuator dac = new Mcp4725DacActuator(i2c, new Mcp4725Settings(0, 4095, false, true, 1_000_000L),
                timer);
        dac.close();
        dac.close();
        assertEquals(List.of("R C0 12 30", "W 11 23"), log);
        assertThrows(IllegalStateException.class, () -> dac.moveTo(1));
    }

    @Test
    void refusesCodesOutsideItsRange() {
        reads.add(Bytes.of(0xC0, 0x00, 0x00));
        Mcp4725DacActuator dac = new Mcp4725DacActuator(i2c, new Mcp4725Settings(100, 3000, false, false, 1_000_000L),
                timer);
        log.clear();
        assertThrows(IllegalArgumentException.class, () -> dac.moveTo(99));
        assertThrows(IllegalArgumentException.class, () -> dac.moveTo(3001));
        assertEquals(List.of(), log);
        assertEquals("maxCode", assertThrows(InvalidValueException.class,
                () -> new Mcp4725Settings(100, 4096, false, false, 1_000_000L)).key());
    }
}
