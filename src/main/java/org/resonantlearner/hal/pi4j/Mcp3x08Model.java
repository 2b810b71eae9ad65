package org.resonantlearner.hal.pi4j;

/**
 * The Microchip SPI successive-approximation ADCs the {@link Mcp3x08SampleSource} drives, with the
 * limits of their datasheets at V_DD = 5 V.
 */
public enum Mcp3x08Model {
    /** MCP3008: 10 bits, 8 channels, f_CLK ≤ 3.6 MHz, ≤ 200 kS/s at 5 V (DS21295). */
    MCP3008(10, 3_600_000.0, 200_000.0),
    /** MCP3208: 12 bits, 8 channels, f_CLK ≤ 2 MHz, ≤ 100 kS/s at 5 V (DS21298). */
    MCP3208(12, 2_000_000.0, 100_000.0);

    /** Lowest SPI clock both datasheets allow before the sample-and-hold droops (Hz). */
    public static final double MIN_SPI_CLOCK_HZ = 10_000.0;

    /** SPI clocks of one conversion: a 3-byte transfer. */
    public static final int CLOCKS_PER_SAMPLE = 24;

    private final int bits;
    private final double maxSpiClockHz;
    private final double maxSampleRateHz;

    Mcp3x08Model(int bits, double maxSpiClockHz, double maxSampleRateHz) {
        this.bits = bits;
        this.maxSpiClockHz = maxSpiClockHz;
        this.maxSampleRateHz = maxSampleRateHz;
    }

    /** Resolution (bits). */
    public int bits() {
        return bits;
    }

    /** Highest code, 2^bits − 1. */
    public int maxCode() {
        return (1 << bits) - 1;
    }

    /** Highest SPI clock at V_DD = 5 V (Hz). */
    public double maxSpiClockHz() {
        return maxSpiClockHz;
    }

    /** Highest sample rate at V_DD = 5 V (samples/s). */
    public double maxSampleRateHz() {
        return maxSampleRateHz;
    }
}
