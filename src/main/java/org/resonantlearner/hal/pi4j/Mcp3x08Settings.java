package org.resonantlearner.hal.pi4j;

import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/**
 * Settings of an MCP3008/MCP3208 channel read at a fixed software-paced rate.
 *
 * <p>{@code channel} is the D2 D1 D0 field of the command. Single-ended it is the input CH0..CH7
 * against AGND. Differential it selects the pair as in the datasheets' configuration table:
 * 0 = CH0+/CH1−, 1 = CH0−/CH1+, 2 = CH2+/CH3−, 3 = CH2−/CH3+, 4 = CH4+/CH5−, 5 = CH4−/CH5+,
 * 6 = CH6+/CH7−, 7 = CH6−/CH7+. Both converters are unipolar: a negative difference reads code 0,
 * so a differential front end still biases the load to mid-scale.
 *
 * @param model MCP3008 or MCP3208
 * @param channel D2 D1 D0 channel field, in [0, 7]
 * @param differential true for a differential pair, false for single-ended
 * @param spiClockHz SPI clock the Spi was opened with (Hz), in [10 kHz, the model's maximum]
 * @param referenceVolts V_REF of the converter (V), in (0, 5.5]
 * @param sampleRateHz samples per second, at most the model's maximum and spiClockHz / 24
 */
public record Mcp3x08Settings(Mcp3x08Model model, int channel, boolean differential, double spiClockHz,
        double referenceVolts, double sampleRateHz) {

    /** Validates every field against the model's datasheet limits. */
    public Mcp3x08Settings {
        Check.present("model", model);
        Check.inRange("channel", channel, "", 0, 7);
        Check.inRange("spiClockHz", spiClockHz, "Hz", Mcp3x08Model.MIN_SPI_CLOCK_HZ, model.maxSpiClockHz());
        Check.inRange("referenceVolts", referenceVolts, "V", Double.MIN_NORMAL, 5.5);
        double maxRateHz = Math.min(model.maxSampleRateHz(), spiClockHz / Mcp3x08Model.CLOCKS_PER_SAMPLE);
        Check.positive("sampleRateHz", sampleRateHz, "Hz");
        if (sampleRateHz > maxRateHz) {
            throw new InvalidValueException("sampleRateHz", Double.toString(sampleRateHz), "Hz",
                    "(0, " + maxRateHz + "] Hz (the " + model + " limit and spiClockHz / "
                            + Mcp3x08Model.CLOCKS_PER_SAMPLE + ")");
        }
    }
}
