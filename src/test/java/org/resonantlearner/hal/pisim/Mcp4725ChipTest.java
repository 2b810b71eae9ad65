package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.i2c.I2C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.resonantlearner.app.config.Pi4jSettings;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.hal.pi4j.Mcp4725DacActuator;
import org.resonantlearner.hal.pi4j.Mcp4725Settings;

/** The emulated MCP4725 against the real {@link Mcp4725DacActuator}: DAC code = the rig's tuning position. */
class Mcp4725ChipTest {
    private static final int ADDRESS = 0x60;
    private static final int POWER_ON_CODE = 1234;

    private static RunConfig config(String faults) {
        return PiBench.config("{\"mode\": \"pi4j\", \"rig\": {\"kind\": \"rlc\"},"
                + " \"actuator\": {\"minPositionSteps\": 0, \"maxPositionSteps\": 4095, \"initialPositionSteps\": "
                + POWER_ON_CODE + "},"
                + " \"pi4j\": {\"simulated\": true, \"adc\": {\"type\": \"mcp3208\"},"
                + " \"actuator\": {\"type\": \"mcp4725\", \"eepromWriteEnabled\": true, \"powerDownOnClose\": true}"
                + faults + "}}");
    }

    private static Mcp4725Settings settings(RunConfig config) {
        return ((Pi4jSettings.Mcp4725Wiring) config.pi4j().actuator()).settings();
    }

    private PiBench bench;
    private I2C i2c;

    @BeforeEach
    void wireTheDac() {
        bench = PiBench.of(config(""));
        bench.pi.addMcp4725(1, ADDRESS, POWER_ON_CODE);
        i2c = bench.i2c("dac", ADDRESS);
    }

    @AfterEach
    void closeTheBench() {
        bench.close();
    }

    private Mcp4725DacActuator driver() {
        return new Mcp4725DacActuator(i2c, settings(bench.config), bench.timer());
    }

    private int rigPosition() {
        return bench.pi.rig().actuator().positionSteps();
    }

    /** The 12-bit code of a read-back's DAC register bytes (D11..D4 | D3..D0 xxxx). */
    private static int dacRegister(byte[] readBack) {
        return ((readBack[1] & 0xFF) << 4) | ((readBack[2] & 0xFF) >> 4);
    }

    /** The 12-bit code of a read-back's EEPROM bytes (x PD1 PD0 x D11..D8 | D7..D0). */
    private static int eeprom(byte[] readBack) {
        return ((readBack[3] & 0x0F) << 8) | (readBack[4] & 0xFF);
    }

    @Test
    void powersUpAtItsEepromCodeAndFastWritesMoveTheTuning() {
        Mcp4725DacActuator dac = driver();
        assertEquals(POWER_ON_CODE, dac.positionSteps(), "read back: the DAC loaded its EEPROM at power-on");
        assertEquals(POWER_ON_CODE, rigPosition());
        for (int code : new int[] {0, 4095, 3000, 1}) {
            dac.moveTo(code);
            assertEquals(code, rigPosition(), "position = DAC code");
        }
        // Read-back of 3 bytes (address + 3, 9 clocks each at 100 kHz), then four 2-byte fast writes.
        assertEquals(360_000L + 4 * 270_000L, bench.timer().nanoTime());
        assertEquals(4L, bench.pi.counters().get("dacWrites"));
    }

    @Test
    void anEepromWriteHoldsRdyBsyLowFor25MillisecondsAndIgnoresWritesMeanwhile() {
        // Write DAC and EEPROM (C = 011, PD = 00), code 0xABC.
        i2c.write(new byte[] {0x60, (byte) 0xAB, (byte) 0xC0}, 0, 3);
        assertEquals(0xABC, rigPosition(), "the DAC output updates at once");
        byte[] status = new byte[5];
        i2c.read(status, 0, 5);
        assertEquals(0x40, status[0] & 0xFF, "RDY/BSY low (busy), POR set, PD = 00");
        assertEquals(POWER_ON_CODE, eeprom(status), "EEPROM: old content while writing");
        i2c.write(new byte[] {0x01, 0x00}, 0, 2); // fast write of code 0x100
        assertEquals(0xABC, rigPosition(), "a write during the EEPROM cycle is ignored");

        bench.timer().delayNanos(Mcp4725Chip.EEPROM_WRITE_NANOS);
        i2c.read(status, 0, 5);
        assertEquals(0xC0, status[0] & 0xFF, "RDY/BSY high (done)");
        assertEquals(0xABC, dacRegister(status), "DAC register");
        assertEquals(0xABC, eeprom(status), "EEPROM holds the new code");
        i2c.write(new byte[] {0x01, 0x00}, 0, 2);
        assertEquals(0x100, rigPosition(), "accepted once the EEPROM is done");
        assertEquals(1L, bench.pi.counters().get("eepromWrites"));
        assertEquals(1L, bench.pi.counters().get("dacWritesIgnoredWhileEepromBusy"));
    }

    @Test
    void theDriverStoresAPowerOnCodeByPollingRdyBsyUntilTheWriteEnds() {
        Mcp4725DacActuator dac = driver();
        long startNanos = bench.timer().nanoTime();
        dac.storePowerOnCode(777);
        long tookNanos = bench.timer().nanoTime() - startNanos;
        // The write ends at its last ACK (360 µs); busy 25 ms from there; each poll is 1 ms + a
        // 1-byte read (180 µs): the 22nd poll is the first to read ready, at 360 µs + 22 · 1.18 ms.
        assertEquals(360_000L + 22 * 1_180_000L, tookNanos);
        byte[] readBack = new byte[5];
        i2c.read(readBack, 0, 5);
        assertEquals(777, eeprom(readBack), "EEPROM");
        assertEquals(777, rigPosition());
    }

    @Test
    void powerDownOnCloseGroundsTheBiasAndReadsBackThePowerDownBits() {
        Mcp4725DacActuator dac = driver();
        dac.moveTo(3000);
        dac.close();
        assertEquals(0, rigPosition(), "1 kΩ to ground: the bias of code 0");
        byte[] readBack = new byte[3];
        i2c.read(readBack, 0, 3);
        assertEquals(0b01, (readBack[0] >> 1) & 0x03, "PD1 PD0 = 01");
        assertEquals(3000, dacRegister(readBack), "the code is kept");
    }

    @Test
    void aDacThatNaksFailsWithPi4jsIoExceptionNamingTheAddress() {
        RunConfig config = config(", \"faults\": {\"i2cNakAddresses\": [96]}");
        try (PiBench naking = PiBench.of(config)) {
            naking.pi.addMcp4725(1, ADDRESS, POWER_ON_CODE);
            IOException failure = assertThrows(IOException.class,
                    () -> new Mcp4725DacActuator(naking.i2c("dac", ADDRESS), settings(config), naking.timer()));
            assertTrue(failure.getMessage().contains("address 0x60"), failure.getMessage());
        }
    }
}
