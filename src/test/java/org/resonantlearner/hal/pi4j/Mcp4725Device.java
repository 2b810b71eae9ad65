package org.resonantlearner.hal.pi4j;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.pi4j.io.i2c.I2C;

/**
 * An MCP4725 behind a Mockito {@link I2C}, as its datasheet (DS22039, "Write Commands" and "Read
 * Command") describes the bus: a 2-byte fast-mode write {@code 0 0 PD1 PD0 D11..D8 | D7..D0} or a
 * 3-byte DAC(+EEPROM) write {@code C2 C1 C0 x x PD1 PD0 x | D11..D4 | D3..D0 x x x x} sets the DAC
 * register; a read answers {@code RDY/BSY POR x x x PD1 PD0 x | D11..D4 | D3..D0 0000 | EEPROM...}.
 * The register is "where the device is", decoded here from the bytes on the bus, not from the adapter.
 */
final class Mcp4725Device {
    final I2C i2c = mock(I2C.class);
    private int dacCode;
    private int powerDownBits;
    /** True to model an EEPROM write that never completes: RDY/BSY reads 0 (busy) for ever. */
    boolean eepromStuck;

    /** A device whose DAC register holds {@code powerUpCode} (its EEPROM code). */
    Mcp4725Device(int powerUpCode) {
        this.dacCode = powerUpCode;
        doAnswer(call -> accept(call.getArgument(0), call.getArgument(1), call.getArgument(2)))
                .when(i2c).write(any(byte[].class), anyInt(), anyInt());
        doAnswer(call -> answer(call.getArgument(0), call.getArgument(1), call.getArgument(2)))
                .when(i2c).read(any(byte[].class), anyInt(), anyInt());
    }

    private int answer(byte[] data, int offset, int length) {
        byte[] answer = {(byte) ((eepromStuck ? 0x40 : 0xC0) | (powerDownBits << 1)), (byte) (dacCode >> 4), (byte) ((dacCode & 0x0F) << 4),
            (byte) (dacCode >> 8), (byte) dacCode};
        System.arraycopy(answer, 0, data, offset, length);
        return length;
    }

    private int accept(byte[] data, int offset, int length) {
        int first = data[offset] & 0xFF;
        if ((first & 0xC0) == 0 && length == 2) {
            powerDownBits = (first >> 4) & 0x03;
            dacCode = ((first & 0x0F) << 8) | (data[offset + 1] & 0xFF);
        } else if (length == 3 && ((first >> 5) == 0b010 || (first >> 5) == 0b011)) {
            powerDownBits = (first >> 1) & 0x03;
            dacCode = ((data[offset + 1] & 0xFF) << 4) | ((data[offset + 2] & 0xFF) >> 4);
        } else {
            throw new AssertionError("not an MCP4725 write command: " + I2cRegisterLog.hex(data, offset, length));
        }
        return length;
    }

    /** The DAC register's code now. */
    int dacCode() {
        return dacCode;
    }

    /** The power-down bits PD1 PD0 now (0 = output on). */
    int powerDownBits() {
        return powerDownBits;
    }
}
