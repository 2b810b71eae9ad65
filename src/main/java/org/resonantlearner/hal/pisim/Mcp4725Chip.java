package org.resonantlearner.hal.pisim;

/**
 * An MCP4725 12-bit DAC at one I2C address, as Microchip DS22039 describes its commands, whose
 * output moves the rig's tuning: the position is the DAC code.
 *
 * <pre>
 *   fast mode (C2 C1 = 00):          0 0 PD1 PD0 D11..D8 | D7..D0                      2 bytes, repeatable
 *   write DAC (C2 C1 C0 = 010):      C2 C1 C0 x x PD1 PD0 x | D11..D4 | D3..D0 x x x x   3 bytes, repeatable
 *   write DAC and EEPROM (011):      as above; the EEPROM write starts at the last byte's ACK
 *   read:                            RDY/BSY POR x x x PD1 PD0 x | D11..D4 | D3..D0 xxxx
 *                                    | x PD1 PD0 x D11..D8 (EEPROM) | D7..D0 (EEPROM), repeated after byte 5
 * </pre>
 *
 * <ul>
 * <li>A command takes effect at the ACK of its last byte (the DAC output updates then), in virtual
 * time at 9 I2C clocks per byte; an incomplete command at the end of a message is ignored, and so is
 * a reserved command (C2 = 1) with the rest of its message.</li>
 * <li>An EEPROM write keeps RDY/BSY low for {@link #EEPROM_WRITE_NANOS} (25 ms, the datasheet's
 * typical; its maximum is 50 ms); every write command meanwhile, repeats included, is ignored (DS22039
 * fig. 6-2, note 1), and the EEPROM bytes read back the old content until it is done.</li>
 * <li>At power-on the DAC register loads the EEPROM (code and power-down bits); POR reads 1. The
 * bench's EEPROM holds the run's initial position, as if a previous run had stored it.</li>
 * <li>Power-down (PD ≠ 00) pulls the output to ground through 1 kΩ, 100 kΩ or 500 kΩ: the varactor's
 * bias is then that of code 0 and the tuning goes to position 0 (clamped into the rig's range).</li>
 * </ul>
 *
 * The output voltage itself (V_OUT = V_DD · code / 4096) and the varactor's bias law are not the
 * physics' business here: the config's tuning map maps the position (= code) to the capacitance, as it
 * does in {@code sim} mode. Not modelled: the output's 6 µs settling and slew, its offset, gain and
 * INL/DNL errors, the I2C general call (reset, wake-up), high-speed mode, EEPROM wear-out.
 */
final class Mcp4725Chip implements I2cChip {
    /** How long an EEPROM write keeps RDY/BSY low (ns): DS22039's typical 25 ms. */
    static final long EEPROM_WRITE_NANOS = 25_000_000L;

    private final SimulatedPi bench;
    private int dacCode;
    private int dacPowerDown;
    private int eepromCode;
    private int eepromPowerDown;
    private int pendingEepromCode;
    private int pendingEepromPowerDown;
    private long eepromReadyNanos = Long.MIN_VALUE;
    private boolean eepromWriting;
    // Read by the bench's counters without this chip's lock.
    private volatile long dacWrites;
    private volatile long eepromWrites;
    private volatile long ignoredWrites;

    /**
     * A DAC powered on from an EEPROM holding {@code powerOnCode} with normal output (PD = 00).
     *
     * @param powerOnCode the EEPROM's code, in [0, 4095]
     */
    Mcp4725Chip(SimulatedPi bench, int powerOnCode) {
        this.bench = bench;
        this.eepromCode = powerOnCode & 0x0FFF;
        this.dacCode = eepromCode;
        bench.tuneAt(0L, positionSteps());
    }

    /** DAC register updates (fast, write-DAC and write-DAC-and-EEPROM commands carried out). */
    long dacWrites() {
        return dacWrites;
    }

    /** EEPROM write cycles started. */
    long eepromWrites() {
        return eepromWrites;
    }

    /** Write commands ignored because an EEPROM write was in progress. */
    long ignoredWrites() {
        return ignoredWrites;
    }

    @Override
    public synchronized void write(long nanos, byte[] data, int offset, int length) {
        int i = 0;
        while (i < length) {
            int first = data[offset + i] & 0xFF;
            if ((first & 0xC0) == 0) {
                if (i + 1 >= length) {
                    return;
                }
                long at = ackNanos(nanos, i + 1);
                if (accepting(at)) {
                    setDac(at, ((first & 0x0F) << 8) | (data[offset + i + 1] & 0xFF), (first >> 4) & 0x03);
                }
                i += 2;
                continue;
            }
            int command = first >> 5;
            if (command != 0b010 && command != 0b011) {
                return; // reserved: the device ignores it
            }
            if (i + 2 >= length) {
                return;
            }
            long at = ackNanos(nanos, i + 2);
            int code = ((data[offset + i + 1] & 0xFF) << 4) | ((data[offset + i + 2] & 0xFF) >> 4);
            int powerDown = (first >> 1) & 0x03;
            if (accepting(at)) {
                setDac(at, code, powerDown);
                if (command == 0b011) {
                    pendingEepromCode = code;
                    pendingEepromPowerDown = powerDown;
                    eepromWriting = true;
                    eepromReadyNanos = at + EEPROM_WRITE_NANOS;
                    eepromWrites++;
                }
            }
            i += 3;
        }
    }

    @Override
    public synchronized void read(long nanos, byte[] data, int offset, int length) {
        boolean ready = finishEepromWrite(nanos);
        byte[] frame = {
            (byte) ((ready ? 0x80 : 0) | 0x40 | (dacPowerDown << 1)),
            (byte) (dacCode >> 4),
            (byte) ((dacCode & 0x0F) << 4),
            (byte) ((eepromPowerDown << 5) | (eepromCode >> 8)),
            (byte) eepromCode,
        };
        for (int i = 0; i < length; i++) {
            data[offset + i] = frame[i % frame.length];
        }
    }

    /** The tuning the output sets: the code, or position 0 when powered down. */
    private int positionSteps() {
        return dacPowerDown == 0 ? dacCode : 0;
    }

    /** Virtual time of the ACK after data byte {@code index} of a message that started at {@code nanos}. */
    private static long ackNanos(long nanos, int index) {
        return nanos + SimulatedPiProviders.i2cNanos(index + 2);
    }

    /** False (and counted) while an EEPROM write is in progress at {@code nanos}. */
    private boolean accepting(long nanos) {
        if (finishEepromWrite(nanos)) {
            return true;
        }
        ignoredWrites++;
        return false;
    }

    /** Completes the EEPROM write when it has ended by {@code nanos}; true when RDY/BSY reads ready. */
    private boolean finishEepromWrite(long nanos) {
        if (eepromWriting && nanos >= eepromReadyNanos) {
            eepromWriting = false;
            eepromCode = pendingEepromCode;
            eepromPowerDown = pendingEepromPowerDown;
        }
        return !eepromWriting;
    }

    private void setDac(long nanos, int code, int powerDown) {
        int before = positionSteps();
        dacCode = code;
        dacPowerDown = powerDown;
        dacWrites++;
        if (positionSteps() != before) {
            bench.tuneAt(nanos, positionSteps());
        }
    }
}
