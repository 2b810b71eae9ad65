package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.exception.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resonantlearner.app.config.Pi4jSettings;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.hal.pi4j.Ads1115SampleSource;
import org.resonantlearner.hal.pi4j.Ads1115Settings;
import org.resonantlearner.hal.pi4j.DigitalInputReadySignal;

/**
 * The emulated ADS1115 against the real {@link Ads1115SampleSource} on the simulated Pi's Pi4J
 * context: the driver's own bus traffic gives the datasheet's behaviour, in virtual time.
 */
class Ads1115ChipTest {
    private static final int ADDRESS = 0x48;
    private static final int READY_PIN = 17;
    /** One conversion at 860 S/s on the nominal oscillator (ns). */
    private static final long T_860 = Math.round(1e9 / 860);
    /** 9 I2C clocks per byte at 100 kHz: a 3-byte register write (pointer, MSB, LSB) after the address. */
    private static final long WRITE_REGISTER_NANOS = 360_000L;
    /** Reading a register: the pointer (1 byte), then 2 bytes, each message with its address byte. */
    private static final long READ_REGISTER_NANOS = 180_000L + 270_000L;

    private static String json(String adc, String faults) {
        return json(1.0, adc, faults);
    }

    /** The RLC rig driven at {@code driveVolts}, 1 linewidth off tune: ±0.23 V across the load per volt. */
    private static String json(double driveVolts, String adc, String faults) {
        return "{\"mode\": \"pi4j\", \"seed\": 3, \"rig\": {\"kind\": \"rlc\"},"
                + " \"drive\": {\"amplitude\": {\"kind\": \"constant\", \"amplitude\": " + driveVolts + "}},"
                + " \"sensor\": {\"noiseVoltsRms\": 0},"
                + " \"actuator\": {\"minPositionSteps\": 0, \"maxPositionSteps\": 4095, \"initialPositionSteps\": 500},"
                + " \"pi4j\": {\"simulated\": true, \"adc\": {\"type\": \"ads1115\", " + adc + "},"
                + " \"actuator\": {\"type\": \"mcp4725\"}" + faults + "}}";
    }

    private static RunConfig continuous(String more, String faults) {
        return PiBench.config(json("\"readyPin\": " + READY_PIN + ", \"dataRateSamplesPerSecond\": 860" + more, faults));
    }

    private static Pi4jSettings.I2cAdc wired(RunConfig config) {
        return (Pi4jSettings.I2cAdc) config.pi4j().adc();
    }

    /** Wires the chip as Adapters does and opens the driver with the ready pin. */
    private static Ads1115SampleSource continuousSource(PiBench bench, Ads1115Settings driverSettings) {
        RunConfig config = bench.config;
        Pi4jSettings.I2cAdc adc = wired(config);
        bench.pi.addAds1115(1, ADDRESS, READY_PIN, adc.settings(),
                new AnalogPath(config.pi4j().frontEnd(), 0.0, 0.0, 0.0, 1L));
        return Ads1115SampleSource.continuousWithReadyPin(bench.i2c("adc", ADDRESS), driverSettings,
                config.pi4j().frontEnd(), new DigitalInputReadySignal(bench.pulledUpInput("ready", READY_PIN)));
    }

    /** The code the datasheet gives for {@code inputVolts} at full scale {@code fullScaleVolts}. */
    private static int expectedCode(double inputVolts, double fullScaleVolts) {
        return (int) Math.max(-32768, Math.min(32767, Math.floor(inputVolts / fullScaleVolts * 32768 + 0.5)));
    }

    @Test
    void continuousStreamReadsEachConversionAtItsEndInVirtualTime() {
        RunConfig config = continuous(", \"differential\": true, \"gain\": 2.048", "");
        try (PiBench bench = PiBench.of(config); PiBench twin = PiBench.of(config)) {
            Ads1115SampleSource source = continuousSource(bench, wired(config).settings());
            // Thresholds, then config: the stream starts when the config write ends, after the 25 µs power-up.
            long firstEndNanos = 3 * WRITE_REGISTER_NANOS + Ads1115Chip.POWER_UP_NANOS + T_860;
            double[] volts = new double[1];
            for (int i = 0; i < 300; i++) {
                assertEquals(1, source.read(volts, 0, 1));
                long endNanos = firstEndNanos + i * T_860;
                double loadVolts = twin.pi.loadVoltsForConversion(endNanos);
                assertEquals(expectedCode(loadVolts, 2.048), source.lastCode(), "sample " + i);
                assertEquals(endNanos + READ_REGISTER_NANOS, bench.timer().nanoTime(), "read at the pulse, sample " + i);
            }
            assertEquals(0, source.samplesSkipped());
            assertEquals(300L, bench.pi.counters().get("adsReadyPulses"));
            assertTrue(Math.abs(source.lastCode()) > 1000, "the load swings: " + source.lastCode());
            source.close();
        }
    }

    @Test
    void conversionsDuringABusyControlThreadPulseOnItAndAreCountedLost() {
        RunConfig config = continuous(", \"differential\": true, \"gain\": 2.048", "");
        try (PiBench bench = PiBench.of(config); PiBench twin = PiBench.of(config)) {
            Ads1115SampleSource source = continuousSource(bench, wired(config).settings());
            double[] volts = new double[5];
            assertEquals(5, source.read(volts, 0, 5));
            // A move blocks the control thread for ten conversion times (as a stepper's pulses would).
            bench.timer().delayNanos(10 * T_860);
            assertEquals(1, source.read(volts, 0, 1));
            assertEquals(9, source.samplesSkipped(), "ten pulses waiting: nine conversions lost");
            assertEquals(15, source.sampleIndex());
            long firstEndNanos = 3 * WRITE_REGISTER_NANOS + Ads1115Chip.POWER_UP_NANOS + T_860;
            long fifteenthEndNanos = firstEndNanos + 14 * T_860;
            twin.pi.loadVoltsForConversion(firstEndNanos); // the first conversion starts the twin's physics too
            assertEquals(expectedCode(twin.pi.loadVoltsForConversion(fifteenthEndNanos), 2.048), source.lastCode(),
                    "the register holds the latest conversion");
            source.close();
        }
    }

    @Test
    void pgaFullScaleClipsTheCodeAtBothRails() {
        RunConfig config = PiBench.config(json(3.0, "\"readyPin\": " + READY_PIN
                + ", \"dataRateSamplesPerSecond\": 860, \"differential\": true, \"gain\": 0.256", ""));
        try (PiBench bench = PiBench.of(config)) {
            Ads1115SampleSource source = continuousSource(bench, wired(config).settings());
            double[] volts = new double[400];
            assertEquals(400, source.read(volts, 0, 400));
            int highest = Integer.MIN_VALUE;
            int lowest = Integer.MAX_VALUE;
            int railed = 0;
            for (double v : volts) {
                int code = (int) Math.round(v / 0.256 * 32768); // differential, bias 0, no divider
                highest = Math.max(highest, code);
                lowest = Math.min(lowest, code);
                railed += code == 32767 || code == -32768 ? 1 : 0;
            }
            assertEquals(32767, highest, "positive full scale: 0x7FFF");
            assertEquals(-32768, lowest, "negative full scale: 0x8000");
            assertTrue(railed > 40, "±0.7 V across the load on ±0.256 V: " + railed + " of 400 at a rail");
            source.close();
        }
    }

    @Test
    void onlyTheWiredInputCarriesTheLoad() {
        RunConfig config = continuous(", \"channel\": 2, \"gain\": 1.024", "");
        Ads1115Settings wiredSettings = wired(config).settings();
        try (PiBench bench = PiBench.of(config)) {
            Ads1115Settings otherInput = new Ads1115Settings(1, false, 1.024, 860, 100.0, 100_000L);
            Ads1115SampleSource source = continuousSource(bench, otherInput);
            double[] volts = new double[20];
            source.read(volts, 0, 20);
            assertEquals(0, source.lastCode(), "AIN1 is not wired: 0 V");
            source.close();
        }
        try (PiBench bench = PiBench.of(config)) {
            Ads1115SampleSource source = continuousSource(bench, wiredSettings);
            double[] volts = new double[20];
            source.read(volts, 0, 20);
            // Single-ended AIN2 biased to mid-scale (gain / 2 = 0.512 V = code 16384), the load on top.
            assertTrue(source.lastCode() > 5000 && source.lastCode() < 28000, "AIN2: " + source.lastCode());
            source.close();
        }
    }

    @Test
    void singleShotPollingSeesOsBusyUntilTheConversionEnds() {
        RunConfig config = PiBench.config(json("\"dataRateSamplesPerSecond\": 128, \"sampleRateHz\": 50,"
                + " \"differential\": true, \"gain\": 2.048", ""));
        try (PiBench bench = PiBench.of(config); PiBench twin = PiBench.of(config)) {
            Pi4jSettings.I2cAdc adc = wired(config);
            bench.pi.addAds1115(1, ADDRESS, -1, adc.settings(),
                new AnalogPath(config.pi4j().frontEnd(), 0.0, 0.0, 0.0, 1L));
            VirtualTimer timer = bench.timer();
            Ads1115SampleSource source = Ads1115SampleSource.singleShotPolling(bench.i2c("adc", ADDRESS),
                    adc.settings(), config.pi4j().frontEnd(), timer, timer, timer);
            double[] volts = new double[1];
            long conversionNanos = Math.round(1e9 / 128);
            for (int n = 0; n < 20; n++) {
                assertEquals(1, source.read(volts, 0, 1));
                long endNanos = n * 20_000_000L + WRITE_REGISTER_NANOS + Ads1115Chip.POWER_UP_NANOS + conversionNanos;
                assertEquals(expectedCode(twin.pi.loadVoltsForConversion(endNanos), 2.048), source.lastCode(),
                        "sample " + n);
                // Config write, 0.9 T, then OS polled every 100 µs: busy at 7.57 and 8.12 ms, done at 8.67 ms.
                assertEquals(n * 20_000_000L + 9_391_250L, timer.nanoTime(), "sample " + n);
            }
            assertEquals(20L, bench.pi.counters().get("adcConversions"));
        }
    }

    @ParameterizedTest(name = "ALERT/RDY stops after {0} conversions")
    @ValueSource(ints = {0, 4})
    void readyPinThatStopsPulsingEndsTheStreamWithTheDriversTimeout(int pulses) {
        RunConfig config = continuous(", \"differential\": true",
                ", \"faults\": {\"adsReadyStopsAfterConversions\": " + pulses + "}");
        try (PiBench bench = PiBench.of(config)) {
            Ads1115SampleSource source = continuousSource(bench, wired(config).settings());
            double[] volts = new double[Math.max(1, pulses)];
            assertEquals(pulses, pulses == 0 ? 0 : source.read(volts, 0, pulses), "one sample per pulse");
            long wallStart = System.nanoTime();
            IllegalStateException failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(IllegalStateException.class, () -> source.read(volts, 0, 1)));
            double wallSeconds = (System.nanoTime() - wallStart) * 1e-9;
            assertTrue(failure.getMessage().startsWith("no ALERT/RDY pulse from the ADS1115 within"), failure.getMessage());
            assertTrue(failure.getMessage().contains("is the pin wired, pulled up"), failure.getMessage());
            assertTrue(wallSeconds < 2.0, "the driver's own timeout (3 conversions + 50 ms), not a hang: " + wallSeconds);
            assertEquals((long) pulses, bench.pi.counters().get("adsReadyPulses"));
        }
    }

    @Test
    void anAdsThatNaksFailsWithPi4jsIoExceptionNamingTheAddress() {
        RunConfig config = continuous("", ", \"faults\": {\"i2cNakAddresses\": [72]}");
        try (PiBench bench = PiBench.of(config)) {
            Ads1115SampleSource source = continuousSource(bench, wired(config).settings());
            IOException failure = assertThrows(IOException.class, () -> source.read(new double[1], 0, 1));
            assertTrue(failure.getMessage().contains("address 0x48"), failure.getMessage());
        }
    }
}
