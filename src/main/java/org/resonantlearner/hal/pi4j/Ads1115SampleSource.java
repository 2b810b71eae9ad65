package org.resonantlearner.hal.pi4j;

import com.pi4j.io.i2c.I2C;
import org.resonantlearner.check.Check;
import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.DeviceFaultException;

/**
 * A {@link org.resonantlearner.hal.SampleSource} reading one ADS1115 channel over I2C, either
 * continuously paced by the converter's ALERT/RDY pin or as single-shot conversions paced by the
 * Pi's clock and polled through the OS bit.
 *
 * <p>Registers (TI SBAS444, all 16 bits, big-endian, written as pointer byte + MSB + LSB):
 * <pre>
 *   0x00 conversion (two's complement)   0x01 config   0x02 Lo_thresh   0x03 Hi_thresh
 *   config: OS[15] MUX[14:12] PGA[11:9] MODE[8] DR[7:5] COMP_MODE[4] COMP_POL[3] COMP_LAT[2] COMP_QUE[1:0]
 * </pre>
 *
 * <ul>
 * <li><b>Continuous, ready pin</b> ({@link #continuousWithReadyPin}): on the first read it writes
 * Lo_thresh = 0x0000 and Hi_thresh = 0x8000 (MSBs 0 and 1 turn ALERT/RDY into a conversion-ready
 * output), then config with MODE = 0 and COMP_QUE = 00 (traditional comparator, active low,
 * non-latching: a ~8 µs low pulse per conversion). Every sample waits for one pulse and reads the
 * conversion register. The stream runs at the data rate, which is nominal: the internal oscillator
 * may be ±10 % off, so the reported {@link #sampleRateHz()} is the data rate. More than one pulse
 * between two reads means conversions were lost: a gap in the stream ({@link #samplesSkipped}); no pulse within three
 * conversion times plus 50 ms means the pin is not wired or not pulled up.</li>
 * <li><b>Single-shot, polled</b> ({@link #singleShotPolling}): at each software deadline it writes
 * config with OS = 1, MODE = 1, COMP_QUE = 11, waits 0.9 of the nominal conversion time, then reads
 * config every {@code pollIntervalNanos} until OS reads 1 (done), at most two conversion times in
 * all, and reads the conversion register.</li>
 * </ul>
 *
 * The code becomes ADC input volts as {@code code · gain / 32768} (LSB = FSR / 2^15) and load volts
 * through the {@link AdcFrontEnd} (bias 0 V for a differential pair across the load). On close a
 * continuous stream writes config with MODE = 1 and COMP_QUE = 11 (power-down, comparator off).
 * The {@link I2C} and the ready pin are the caller's. Not thread-safe; one reading thread.
 */
public final class Ads1115SampleSource extends PacedSampleSource {
    /** Conversion register pointer. */
    public static final int REG_CONVERSION = 0x00;
    /** Config register pointer. */
    public static final int REG_CONFIG = 0x01;
    /** Lo_thresh register pointer. */
    public static final int REG_LO_THRESH = 0x02;
    /** Hi_thresh register pointer. */
    public static final int REG_HI_THRESH = 0x03;

    private static final int OS_BIT = 0x8000;
    private static final int MODE_SINGLE_SHOT = 0x0100;
    private static final int COMP_QUE_DISABLE = 0x0003;
    private static final long READY_TIMEOUT_MARGIN_NANOS = 50_000_000L;

    private final I2C i2c;
    private final Ads1115Settings settings;
    private final ReadySignal readySignal;
    private final Delay delay;
    private final byte[] word = new byte[2];
    private final double voltsPerCode;
    private final int continuousConfig;
    private final int singleShotConfig;
    private final long readyTimeoutNanos;
    private final long firstPollDelayNanos;
    private final int maxPolls;
    private int lastCode;

    private Ads1115SampleSource(I2C i2c, Ads1115Settings settings, AdcFrontEnd frontEnd, Clock clock,
            SampleTimer timer, Delay delay) {
        super(settings.sampleRateHz(), frontEnd, clock, timer);
        this.i2c = Check.present("i2c", i2c);
        this.settings = settings;
        this.readySignal = null;
        this.delay = Check.present("delay", delay);
        this.voltsPerCode = settings.gain() / 32768.0;
        this.continuousConfig = continuousConfigWord(settings);
        this.singleShotConfig = singleShotConfigWord(settings);
        this.readyTimeoutNanos = 0L;
        long conversionNanos = settings.conversionNanos();
        this.firstPollDelayNanos = conversionNanos * 9 / 10;
        long pollBudgetNanos = 2 * conversionNanos - firstPollDelayNanos;
        this.maxPolls = 1 + (int) Math.min(1_000_000L,
                settings.pollIntervalNanos() == 0 ? 1000L : pollBudgetNanos / settings.pollIntervalNanos());
    }

    private Ads1115SampleSource(I2C i2c, Ads1115Settings settings, AdcFrontEnd frontEnd, ReadySignal readySignal) {
        super(settings.dataRateSamplesPerSecond(), frontEnd);
        this.i2c = Check.present("i2c", i2c);
        this.settings = settings;
        this.readySignal = Check.present("readySignal", readySignal);
        this.delay = null;
        this.voltsPerCode = settings.gain() / 32768.0;
        this.continuousConfig = continuousConfigWord(settings);
        this.singleShotConfig = singleShotConfigWord(settings);
        this.readyTimeoutNanos = 3 * settings.conversionNanos() + READY_TIMEOUT_MARGIN_NANOS;
        this.firstPollDelayNanos = 0L;
        this.maxPolls = 0;
    }

    /**
     * A continuous stream at the data rate, one sample per ALERT/RDY pulse counted by
     * {@code readySignal} (usually a {@link DigitalInputReadySignal} on the pin).
     */
    public static Ads1115SampleSource continuousWithReadyPin(I2C i2c, Ads1115Settings settings,
            AdcFrontEnd frontEnd, ReadySignal readySignal) {
        return new Ads1115SampleSource(i2c, Check.present("settings", settings), frontEnd, readySignal);
    }

    /**
     * A stream at {@code settings.sampleRateHz()} paced by {@code timer} on {@code clock}, one
     * single-shot conversion per sample, completion polled through the OS bit with {@code delay}.
     */
    public static Ads1115SampleSource singleShotPolling(I2C i2c, Ads1115Settings settings, AdcFrontEnd frontEnd,
            Clock clock, SampleTimer timer, Delay delay) {
        return new Ads1115SampleSource(i2c, Check.present("settings", settings), frontEnd, clock, timer, delay);
    }

    /** Config word of a continuous stream with ALERT/RDY as conversion-ready output. */
    public static int continuousConfigWord(Ads1115Settings settings) {
        return fields(settings); // MODE = 0, COMP_MODE/POL/LAT = 0, COMP_QUE = 00
    }

    /** Config word that starts one single-shot conversion (OS = 1), comparator disabled. */
    public static int singleShotConfigWord(Ads1115Settings settings) {
        return OS_BIT | fields(settings) | MODE_SINGLE_SHOT | COMP_QUE_DISABLE;
    }

    private static int fields(Ads1115Settings settings) {
        return (settings.muxField() << 12) | (settings.pgaField() << 9) | (settings.dataRateField() << 5);
    }

    /** The settings the source was built with. */
    public Ads1115Settings settings() {
        return settings;
    }

    /** The signed raw code of the most recent sample (0 before the first). */
    public int lastCode() {
        return lastCode;
    }

    @Override
    void startStream() {
        if (readySignal != null) {
            writeRegister(REG_LO_THRESH, 0x0000);
            writeRegister(REG_HI_THRESH, 0x8000);
            readySignal.discardPending();
            writeRegister(REG_CONFIG, continuousConfig);
        }
    }

    @Override
    double convertInputVolts() {
        if (readySignal != null) {
            int pulses = readySignal.awaitReady(readyTimeoutNanos);
            if (Thread.currentThread().isInterrupted()) {
                return 0.0;
            }
            if (pulses == 0) {
                throw new DeviceFaultException("no ALERT/RDY pulse from the ADS1115 within " + readyTimeoutNanos
                        + " ns (dataRateSamplesPerSecond = " + settings.dataRateSamplesPerSecond()
                        + "): is the pin wired, pulled up and opened with debounce 0?");
            }
            if (pulses > 1) {
                conversionsLost(pulses - 1);
            }
        } else {
            writeRegister(REG_CONFIG, singleShotConfig);
            delay.delayNanos(firstPollDelayNanos);
            int polls = 0;
            while ((readRegister(REG_CONFIG) & OS_BIT) == 0) {
                if (++polls >= maxPolls) {
                    throw new DeviceFaultException("the ADS1115 single-shot conversion did not finish after "
                            + polls + " polls of the OS bit (dataRateSamplesPerSecond = "
                            + settings.dataRateSamplesPerSecond() + ", pollIntervalNanos = "
                            + settings.pollIntervalNanos() + " ns)");
                }
                delay.delayNanos(settings.pollIntervalNanos());
                if (Thread.currentThread().isInterrupted()) {
                    return 0.0;
                }
            }
        }
        lastCode = (short) readRegister(REG_CONVERSION);
        return lastCode * voltsPerCode;
    }

    @Override
    void stopStream() {
        if (readySignal != null) {
            writeRegister(REG_CONFIG, (continuousConfig | MODE_SINGLE_SHOT | COMP_QUE_DISABLE) & ~OS_BIT);
        }
    }

    private void writeRegister(int register, int value) {
        word[0] = (byte) (value >> 8);
        word[1] = (byte) value;
        i2c.writeRegister(register, word, 0, 2);
    }

    /** Reads a 16-bit register as an unsigned value. */
    private int readRegister(int register) {
        int read = i2c.readRegister(register, word, 0, 2);
        if (read != 2) {
            throw new IllegalStateException("ADS1115 register 0x0" + register + ": read " + read + " of 2 bytes");
        }
        return ((word[0] & 0xFF) << 8) | (word[1] & 0xFF);
    }
}
