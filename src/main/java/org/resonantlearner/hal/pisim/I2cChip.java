package org.resonantlearner.hal.pisim;

/**
 * An emulated chip at one I2C address. A message the chip does not acknowledge throws
 * {@link com.pi4j.io.exception.IOException}, as the kernel's I2C driver does (errno EREMOTEIO).
 */
interface I2cChip {
    /** A write message: the address byte was acknowledged, then {@code data[offset..offset+length)}. */
    void write(long nanos, byte[] data, int offset, int length);

    /** A read message of {@code length} bytes into {@code data[offset..]}. */
    void read(long nanos, byte[] data, int offset, int length);
}
