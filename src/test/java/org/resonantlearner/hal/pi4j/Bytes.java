package org.resonantlearner.hal.pi4j;

/** Byte arrays written as unsigned numbers, the way datasheets give bus traffic. */
final class Bytes {
    private Bytes() {}

    /** {@code of(0xC0, 0x7F)}: each value's low 8 bits. */
    static byte[] of(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
