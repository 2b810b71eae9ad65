package org.resonantlearner.hal.pi4j;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiMode;
import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.DeviceFaultException;

/**
 * A {@link org.resonantlearner.hal.SampleSource} reading one MCP3008 or MCP3208 channel over SPI at a
 * software-paced rate.
 *
 * <p>Each sample is one 3-byte full-duplex transfer (SPI mode 0,0; chip select framed by the
 * kernel driver):
 *
 * <pre>
 *   MCP3008  out: 0000 0001 | S D2 D1 D0 xxxx | xxxx xxxx    in: ---- ---- | ---- -0 B9 B8 | B7..B0
 *   MCP3208  out: 0000 01 S D2 | D1 D0 xx xxxx | xxxx xxxx   in: ---- ---- | ---0 B11..B8 | B7..B0
 * </pre>
 *
 * with S = 1 single-ended, 0 differential, and the don't-care bits sent as 0. The code becomes ADC
 * input volts as {@code code / (2^bits − 1) · V_REF} (the simulated sensor's law, which differs
 * from the datasheet's {@code 2^bits} by one LSB over the span; the calibration's gain absorbs it),
 * then load volts through the {@link AdcFrontEnd}.
 *
 * <p>Two faults are recognised from the bits themselves: a 1 where the datasheets put the null bit
 * (always 0) means MISO is stuck high or nothing answers with a pull-up on the line; one second of
 * consecutive code-0 samples means MISO is stuck low (or the input lost its bias: a mid-scale-biased
 * load never sits at the bottom rail for a second). Both end the stream with a
 * {@link DeviceFaultException}.
 *
 * <p>The {@link Spi} is the caller's: opened with baud = {@code spiClockHz} and mode 0 (or 3) from
 * the application's one Pi4J context, and closed by it. Not thread-safe; one reading thread.
 */
public final class Mcp3x08SampleSource extends PacedSampleSource {
    private final Spi spi;
    private final Mcp3x08Settings settings;
    private final byte[] command = new byte[3];
    private final byte[] response = new byte[3];
    private final double voltsPerCode;
    private final int nullBitMask;
    private final long stuckLowSamples;
    private long consecutiveZeroCodes;
    private int lastCode;

    /**
     * Creates the source; no bus traffic until the first read.
     *
     * @throws InvalidValueException when the Spi's configured baud or mode contradicts the settings
     */
    public Mcp3x08SampleSource(Spi spi, Mcp3x08Settings settings, AdcFrontEnd frontEnd, Clock clock,
            SampleTimer timer) {
        super(Check.present("settings", settings).sampleRateHz(), frontEnd, clock, timer);
        this.spi = Check.present("spi", spi);
        this.settings = settings;
        checkSpiConfig(spi.config(), settings);
        encodeCommand(settings, command);
        this.voltsPerCode = settings.referenceVolts() / settings.model().maxCode();
        // The null bit comes right before the data's top bit: bit 2 of the second byte (MCP3008), bit 4 (MCP3208).
        this.nullBitMask = settings.model() == Mcp3x08Model.MCP3008 ? 0x04 : 0x10;
        this.stuckLowSamples = Math.max(1L, Math.round(settings.sampleRateHz()));
    }

    /** The settings the source was built with. */
    public Mcp3x08Settings settings() {
        return settings;
    }

    /** The raw code of the most recent sample (0 before the first). */
    public int lastCode() {
        return lastCode;
    }

    /**
     * Writes the 3 command bytes for {@code settings} into {@code out[0..2]}: what is clocked out to
     * the converter for every sample.
     */
    public static void encodeCommand(Mcp3x08Settings settings, byte[] out) {
        int single = settings.differential() ? 0 : 1;
        int channel = settings.channel();
        if (settings.model() == Mcp3x08Model.MCP3008) {
            out[0] = 0x01;
            out[1] = (byte) ((single << 7) | (channel << 4));
        } else {
            out[0] = (byte) (0x04 | (single << 1) | (channel >> 2));
            out[1] = (byte) ((channel & 0x03) << 6);
        }
        out[2] = 0x00;
    }

    /** Decodes the code from the 3 bytes clocked in during a conversion of {@code model}. */
    public static int decodeCode(Mcp3x08Model model, byte[] in) {
        int highMask = model == Mcp3x08Model.MCP3008 ? 0x03 : 0x0F;
        return ((in[1] & highMask) << 8) | (in[2] & 0xFF);
    }

    @Override
    void startStream() {
        // Nothing to configure: every transfer carries its own command.
    }

    @Override
    double convertInputVolts() {
        int transferred = spi.transfer(command, 0, response, 0, 3);
        if (transferred != 3) {
            throw new IllegalStateException("SPI transfer to the " + settings.model() + " moved " + transferred
                    + " of 3 bytes");
        }
        if ((response[1] & nullBitMask) != 0) {
            throw new DeviceFaultException("the " + settings.model() + " did not answer on SPI: its null bit read 1"
                    + " (MISO stuck high or no converter on that chip select: check its power, CS and MISO wiring)");
        }
        lastCode = decodeCode(settings.model(), response);
        consecutiveZeroCodes = lastCode == 0 ? consecutiveZeroCodes + 1 : 0;
        if (consecutiveZeroCodes == stuckLowSamples) {
            throw new DeviceFaultException("the " + settings.model() + " read code 0 for " + stuckLowSamples
                    + " samples in a row (1 s): MISO stuck low, or the input lost its mid-scale bias (check the"
                    + " converter's power and the front end)");
        }
        return lastCode * voltsPerCode;
    }

    @Override
    void stopStream() {
        // The converter powers down by itself between conversions (CS high); the Spi is the caller's.
    }

    private static void checkSpiConfig(SpiConfig config, Mcp3x08Settings settings) {
        if (config == null) {
            return; // a bare mock or a provider without config: nothing to cross-check
        }
        Integer baud = config.baud();
        if (baud != null && Math.abs(baud - settings.spiClockHz()) >= 1.0) {
            throw new InvalidValueException("spiClockHz", Double.toString(settings.spiClockHz()), "Hz",
                    "the baud the Spi was opened with (" + baud + " Hz)");
        }
        SpiMode mode = config.mode();
        if (mode != null && mode != SpiMode.MODE_0 && mode != SpiMode.MODE_3) {
            throw new InvalidValueException("spiMode", mode.toString(), "",
                    "MODE_0 or MODE_3 (the " + settings.model() + " supports SPI modes 0,0 and 1,1)");
        }
    }
}
