package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.sim.SimulatedRig;

/**
 * The MCP4725 byte by byte, as a bus delivers messages at any offset of a buffer: several fast writes
 * in one message, write-DAC and write-DAC-and-EEPROM, the acknowledge instant that decides whether a
 * write lands during an EEPROM cycle, and the read-back frame (DS22039 figures 6-1, 6-2, 6-3).
 */
class Mcp4725ChipBytesTest {
    /** ACK of a 2-byte fast write: address and two data bytes, 27 clocks at 100 kHz after the start. */
    private static final long FAST_ACK_NANOS = 270_000L;
    /** ACK of a 3-byte write command's last byte: 36 clocks. */
    private static final long COMMAND_ACK_NANOS = 360_000L;

    private final SimulatedRig rig = PiBenches.rig(0.0, 100);
    private final SimulatedPi bench = PiBenches.bench(rig, SimulatedPiFaults.NONE);
    private final Mcp4725Chip dac = new Mcp4725Chip(bench, 100);

    @Test
    void fastWritesAtAnOffsetAndSeveralInOneMessage() {
        assertEquals(100, rig.actuator().positionSteps(), "powered on from the EEPROM");
        // Two fast writes in one message, after a byte that is not the DAC's: codes 0x123 then 0x456.
        dac.write(0L, new byte[] {0x7E, 0x01, 0x23, 0x04, 0x56}, 1, 4);
        assertEquals(0x456, rig.actuator().positionSteps());
        assertEquals(2L, dac.dacWrites());
        // A fast write with PD = 01: the output is grounded, the tuning at 0; the code is kept.
        dac.write(0L, new byte[] {0x00, 0x17, (byte) 0x89}, 1, 2);
        assertEquals(0, rig.actuator().positionSteps());
        byte[] frame = new byte[6];
        dac.read(0L, frame, 1, 5);
        // RDY, POR, PD = 01 | DAC 0x789 left-aligned | EEPROM PD 00, code 100 = 0x064.
        assertArrayEquals(new byte[] {0, (byte) 0xC2, 0x78, (byte) 0x90, 0x00, 0x64}, frame);
        // A lone first byte of a fast write is incomplete: ignored.
        dac.write(0L, new byte[] {0x00, 0x0F}, 1, 1);
        assertEquals(3L, dac.dacWrites());
    }

    @Test
    void writeDacAtAnOffsetAndAnEepromCycleThatIgnoresWritesUntilItsEnd() {
        // Write DAC (C2 C1 C0 = 010), PD = 00, code 0xABC: D11..D4 then D3..D0 in the high nibble.
        dac.write(0L, new byte[] {0x11, 0x40, (byte) 0xAB, (byte) 0xC0}, 1, 3);
        assertEquals(0xABC, rig.actuator().positionSteps());
        // Write DAC and EEPROM (011) with code 0x321 at t = 0: ready 25 ms after its last ACK.
        dac.write(0L, new byte[] {0x60, 0x32, 0x10}, 0, 3);
        assertEquals(0x321, rig.actuator().positionSteps());
        long ready = COMMAND_ACK_NANOS + 25_000_000L;
        dac.write(ready - FAST_ACK_NANOS - 1, new byte[] {0x00, 0x05}, 0, 2);
        assertEquals(0x321, rig.actuator().positionSteps(), "acknowledged 1 ns before the cycle ends: ignored");
        assertEquals(1L, dac.ignoredWrites());
        byte[] busy = new byte[5];
        dac.read(ready - 1, busy, 0, 5);
        assertEquals(0x40, busy[0] & 0xC0, "RDY/BSY low while writing");
        assertEquals(0x00, busy[3] & 0x0F, "the EEPROM still reads its old code (100 = 0x064)");
        assertEquals(0x64, busy[4] & 0xFF);
        dac.write(ready - FAST_ACK_NANOS, new byte[] {0x00, 0x05}, 0, 2);
        assertEquals(5, rig.actuator().positionSteps(), "acknowledged as the cycle ends: taken");
        byte[] done = new byte[5];
        dac.read(ready, done, 0, 5);
        assertArrayEquals(new byte[] {(byte) 0xC0, 0x00, 0x50, 0x03, 0x21}, done);
        assertEquals(1L, dac.eepromWrites());
    }

    @Test
    void aReservedCommandAndATruncatedOneAreIgnored() {
        dac.write(0L, new byte[] {(byte) 0x80, 0x12, 0x30}, 0, 3); // C2 C1 C0 = 100: reserved
        dac.write(0L, new byte[] {0x40, 0x12}, 0, 2); // write DAC without its last byte
        assertEquals(100, rig.actuator().positionSteps());
        assertEquals(0L, dac.dacWrites());
    }
}
