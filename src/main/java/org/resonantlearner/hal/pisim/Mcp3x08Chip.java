package org.resonantlearner.hal.pisim;

import org.resonantlearner.hal.pi4j.Mcp3x08Model;
import org.resonantlearner.hal.pi4j.Mcp3x08Settings;

/**
 * An MCP3008 or MCP3208 on an SPI chip select, bit for bit as the datasheets draw a conversion
 * (DS21295 fig. 6-1, DS21298 fig. 6-1, SPI mode 0,0, MSB first):
 *
 * <pre>
 *   MOSI: leading zeros, start bit (clock s), SGL/DIFF (s+1), D2 D1 D0 (s+2..s+4)
 *   sample: the input is held at the falling edge of clock s+5 (taken here at s+4.5 clock periods)
 *   MISO: high impedance (read as 0) up to s+5, null bit 0 at s+6, then B(n−1)..B0 MSB first, 0 after
 * </pre>
 *
 * The code is that of the input voltage at the sample instant, {@code round(vIn / V_REF · (2^n − 1))}
 * clamped to [0, 2^n − 1]: the simulated sensor's law (the datasheets' {@code 2^n · vIn / V_REF}
 * differs by one LSB over the span, which the calibration's gain absorbs). The channel and mode the
 * settings name carry the rig's load through its {@link AnalogPath}; every other channel reads 0 V.
 *
 * <p>Not modelled: the LSB-first repeat of the data when more clocks follow B0, the sample-and-hold
 * droop at slow clocks, the reference's own noise, conversion errors (INL, DNL). With the
 * {@code spiMiso} fault MISO is stuck at all ones or all zeros whatever is clocked.
 */
final class Mcp3x08Chip implements SpiChip {
    private final SimulatedPi bench;
    private final Mcp3x08Model model;
    private final Mcp3x08Settings wired;
    private final AnalogPath path;
    private final String misoFault;
    private long conversions;

    Mcp3x08Chip(SimulatedPi bench, Mcp3x08Settings wired, AnalogPath path, String misoFault) {
        this.bench = bench;
        this.model = wired.model();
        this.wired = wired;
        this.path = path;
        this.misoFault = misoFault;
    }

    /** Conversions done (a start bit and all five command bits were clocked). */
    long conversions() {
        return conversions;
    }

    @Override
    public void transfer(long startNanos, double clockHz, byte[] mosi, int mosiOffset, byte[] miso, int misoOffset,
            int length) {
        int clocks = 8 * length;
        int startBit = 0; // 1-based clock of the start bit; 0 until seen
        int command = 0;
        int code = 0;
        boolean converted = false;
        for (int clock = 1; clock <= clocks; clock++) {
            int byteIndex = (clock - 1) / 8;
            int bitOfByte = 7 - (clock - 1) % 8;
            int in = (mosi[mosiOffset + byteIndex] >> bitOfByte) & 1;
            if (startBit == 0) {
                if (in == 1) {
                    startBit = clock;
                }
            } else if (clock <= startBit + 4) {
                command = command << 1 | in; // SGL/DIFF, D2, D1, D0
                if (clock == startBit + 4) {
                    long sampleNanos = startNanos + Math.round((startBit + 4.5) * 1e9 / clockHz);
                    code = convert(sampleNanos, (command >> 3) == 1, command & 0x07);
                    converted = true;
                }
            }
            int out = 0;
            if (converted) {
                int dataBit = clock - (startBit + 7); // 0 for B(n−1)
                if (dataBit >= 0 && dataBit < model.bits()) {
                    out = (code >> (model.bits() - 1 - dataBit)) & 1;
                }
            }
            if (bitOfByte == 7) {
                miso[misoOffset + byteIndex] = 0;
            }
            miso[misoOffset + byteIndex] |= (byte) (out << bitOfByte);
        }
        if (!misoFault.equals("ok")) {
            byte stuck = misoFault.equals("all-ones") ? (byte) 0xFF : 0x00;
            for (int i = 0; i < length; i++) {
                miso[misoOffset + i] = stuck;
            }
        }
    }

    private int convert(long sampleNanos, boolean singleEnded, int channel) {
        conversions++;
        double loadVolts = bench.loadVoltsForConversion(sampleNanos);
        boolean wiredChannel = singleEnded == !wired.differential() && channel == wired.channel();
        double inputVolts = wiredChannel ? path.adcInputVolts(loadVolts) : 0.0;
        int maxCode = model.maxCode();
        double rounded = Math.floor(inputVolts / wired.referenceVolts() * maxCode + 0.5);
        return (int) Math.min(Math.max(rounded, 0.0), maxCode);
    }
}
