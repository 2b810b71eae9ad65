package org.resonantlearner.hal.pi4j;

import com.pi4j.io.i2c.I2C;
import org.resonantlearner.check.Check;
import org.resonantlearner.hal.TuningActuator;

/**
 * A {@link TuningActuator} whose positions are the 12-bit codes of an MCP4725 DAC on I2C, whose
 * output biases a varactor (Microchip DS22039).
 *
 * <p>Bus traffic (after the device address, which the {@link I2C} adds):
 * <pre>
 *   move (fast mode, PD = 00):      0000 D11..D8 | D7..D0                          2 bytes
 *   power down on close (PD = 01):  0001 D11..D8 | D7..D0                          2 bytes
 *   DAC + EEPROM (C = 011, PD = 00): 0110 0000 | D11..D4 | D3..D0 0000              3 bytes
 *   read back:                       status (RDY/BSY bit 7) | D11..D4 | D3..D0 xxxx   first 3 of 5 bytes
 * </pre>
 * The construction reads the DAC register back once so that {@link #positionSteps()} tells the
 * truth from the start (the DAC powers up at its EEPROM code); a code outside [minCode, maxCode]
 * is replaced at once by the nearest allowed one (one fast write), so the position is always in
 * range. Writing the EEPROM is refused unless
 * {@code eepromWriteEnabled}; when allowed, the RDY/BSY bit is polled (the datasheet's EEPROM write
 * time is up to 50 ms) for at most 100 ms. The {@link I2C} stays the caller's. Not thread-safe.
 */
public final class Mcp4725DacActuator implements TuningActuator {
    private static final long EEPROM_WRITE_BUDGET_NANOS = 100_000_000L;

    private final I2C i2c;
    private final Mcp4725Settings settings;
    private final Delay delay;
    private final byte[] buffer = new byte[5];
    private int code;
    private boolean closed;

    /** Creates the actuator and reads back the DAC's present code. */
    public Mcp4725DacActuator(I2C i2c, Mcp4725Settings settings, Delay delay) {
        this.i2c = Check.present("i2c", i2c);
        this.settings = Check.present("settings", settings);
        this.delay = Check.present("delay", delay);
        readBack(3);
        this.code = ((buffer[1] & 0xFF) << 4) | ((buffer[2] & 0xFF) >> 4);
        int inRange = Math.max(settings.minCode(), Math.min(settings.maxCode(), code));
        if (inRange != code) {
            // Powered up outside the allowed codes: bring the bias inside before anyone relies on it.
            writeFast(0x00, inRange);
            code = inRange;
        }
    }

    /** The settings the actuator was built with. */
    public Mcp4725Settings settings() {
        return settings;
    }

    @Override
    public int minPositionSteps() {
        return settings.minCode();
    }

    @Override
    public int maxPositionSteps() {
        return settings.maxCode();
    }

    /** The DAC code now in the output register (read back at construction, then as written). */
    @Override
    public int positionSteps() {
        return code;
    }

    /** Writes {@code positionSteps} as the DAC code with one 2-byte fast-mode write. */
    @Override
    public void moveTo(int positionSteps) {
        requireOpen();
        requireInRange(positionSteps);
        writeFast(0x00, positionSteps);
        code = positionSteps;
    }

    /**
     * Writes {@code positionSteps} to the DAC and its EEPROM, so that the DAC powers up there, and
     * waits until the EEPROM write is done.
     *
     * @throws IllegalStateException when {@code eepromWriteEnabled} is false, or the write does not
     *     finish within 100 ms
     */
    public void storePowerOnCode(int positionSteps) {
        requireOpen();
        requireInRange(positionSteps);
        if (!settings.eepromWriteEnabled()) {
            throw new IllegalStateException("eepromWriteEnabled = false: refusing to write the MCP4725 EEPROM "
                    + "(it wears out and fixes the varactor bias of every later power-up); set eepromWriteEnabled "
                    + "= true to allow it");
        }
        buffer[0] = 0x60;
        buffer[1] = (byte) (positionSteps >> 4);
        buffer[2] = (byte) ((positionSteps & 0x0F) << 4);
        write(3);
        code = positionSteps;
        long maxPolls = EEPROM_WRITE_BUDGET_NANOS / settings.eepromPollIntervalNanos();
        for (long poll = 0; poll < maxPolls; poll++) {
            delay.delayNanos(settings.eepromPollIntervalNanos());
            readBack(1);
            if ((buffer[0] & 0x80) != 0) {
                return;
            }
        }
        throw new IllegalStateException("the MCP4725 EEPROM write did not finish within "
                + EEPROM_WRITE_BUDGET_NANOS + " ns (RDY/BSY still busy)");
    }

    /** Powers the output down with {@code powerDownOnClose}, else leaves the bias as it is; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (settings.powerDownOnClose()) {
            writeFast(0x10, code);
        }
    }

    private void writeFast(int powerDownBits, int value) {
        buffer[0] = (byte) (powerDownBits | ((value >> 8) & 0x0F));
        buffer[1] = (byte) value;
        write(2);
    }

    private void write(int length) {
        int written = i2c.write(buffer, 0, length);
        if (written != length) {
            throw new IllegalStateException("MCP4725 write moved " + written + " of " + length + " bytes");
        }
    }

    private void readBack(int length) {
        int read = i2c.read(buffer, 0, length);
        if (read != length) {
            throw new IllegalStateException("MCP4725 read returned " + read + " of " + length + " bytes");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the MCP4725 actuator is closed");
        }
    }
}
