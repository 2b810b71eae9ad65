package org.resonantlearner.hal.pi4j;

import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/**
 * Settings of an MCP4725 DAC biasing a varactor.
 *
 * @param minCode lowest DAC code the tuning may use, in [0, 4095]
 * @param maxCode highest DAC code the tuning may use, in (minCode, 4095]
 * @param eepromWriteEnabled true allows {@link Mcp4725DacActuator#storePowerOnCode}; false (the
 *     safe default) refuses it, since the EEPROM wears out and sets the bias of every later power-up
 * @param powerDownOnClose true powers the output down (1 kΩ to ground) on close; false holds the bias
 * @param eepromPollIntervalNanos wait between reads of the RDY/BSY bit after an EEPROM write (ns),
 *     in [10 µs, 10 ms]
 */
public record Mcp4725Settings(int minCode, int maxCode, boolean eepromWriteEnabled, boolean powerDownOnClose,
        long eepromPollIntervalNanos) {
    /** Highest 12-bit code. */
    public static final int MAX_CODE = 4095;

    /** Validates every field. */
    public Mcp4725Settings {
        Check.inRange("minCode", minCode, "", 0, MAX_CODE);
        Check.inRange("maxCode", maxCode, "", 0, MAX_CODE);
        if (maxCode <= minCode) {
            throw new InvalidValueException("maxCode", Integer.toString(maxCode), "",
                    "a code > minCode (" + minCode + ") and <= " + MAX_CODE);
        }
        Check.inRange("eepromPollIntervalNanos", eepromPollIntervalNanos, "ns", 10_000L, 10_000_000L);
    }

    /** The whole code range, EEPROM writes refused, bias held on close, EEPROM polled every 1 ms. */
    public static Mcp4725Settings fullRange() {
        return new Mcp4725Settings(0, MAX_CODE, false, false, 1_000_000L);
    }
}
