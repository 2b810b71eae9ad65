package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.spi.Spi;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProviderImpl;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.hal.pi4j.SystemTimer;
import org.resonantlearner.hal.pi4j.Ads1115SampleSource;
import org.resonantlearner.hal.pi4j.Mcp3x08Model;
import org.resonantlearner.hal.pi4j.Mcp3x08SampleSource;
import org.resonantlearner.hal.pi4j.Mcp4725DacActuator;
import org.resonantlearner.hal.pi4j.PwmDutyCycleActuator;
import org.resonantlearner.hal.pi4j.StepDirStepperActuator;
import org.resonantlearner.hal.pi4j.SwitchedCapacitorBankActuator;

/** Mode {@code pi4j}: Adapters builds the configured adapters on one Pi4J context (mock providers here) and closes it. */
class Pi4jAdaptersTest {
    /** The DAC's power-up code the mock MCP4725 reports on the first read (status byte, then D11..D0 left-aligned). */
    private static final int MOCK_DAC_CODE = 0x800;

    @TempDir
    Path directory;

    private Context context;

    /** A mock I2C provider whose MCP4725 (0x60..0x67) answers the power-up read-back. */
    private static final class MockI2CWithDacProvider extends MockI2CProviderImpl {
        @Override
        public I2C create(I2CConfig config) {
            I2C i2c = super.create(config);
            if (config.device() >= 0x60 && config.device() <= 0x67) {
                i2c.write(new byte[] {(byte) 0xC0, (byte) (MOCK_DAC_CODE >> 4), (byte) ((MOCK_DAC_CODE & 0xF) << 4)});
            }
            return i2c;
        }
    }

    private static Context mockContext() {
        return Pi4J.newContextBuilder().add(MockSpiProvider.newInstance(), new MockI2CWithDacProvider(),
                MockDigitalOutputProvider.newInstance(), MockDigitalInputProvider.newInstance(),
                MockPwmProvider.newInstance()).build();
    }

    @AfterEach
    void shutdown() {
        if (context != null && !context.isShutdown()) {
            context.shutdown();
        }
    }

    private DigitalOutput output(String id) {
        return context.registry().get(id);
    }

    private RunConfig load(String adc, String actuator) throws IOException {
        Path file = directory.resolve("config.json");
        Files.writeString(file, "{\"mode\": \"pi4j\", \"pi4j\": {\"adc\": {" + adc + "}, \"actuator\": {" + actuator + "}}}");
        return ConfigLoader.load(file, ConfigLoader.Overrides.none());
    }

    @Test
    void mcp3208OnSpiAndAStepperOpenOnOneContextThatCloseShutsDown() throws IOException {
        RunConfig config = load("\"type\": \"mcp3208\", \"chipSelect\": 1, \"sampleRateHz\": 10000",
                "\"type\": \"stepper\", \"stepPin\": 5, \"dirPin\": 6, \"enablePin\": 13, \"homePin\": 26,"
                        + " \"modePins\": [16, 20, 21], \"microsteps\": 8");
        context = mockContext();
        Adapters.Opened opened = Adapters.pi4j(config, context, new SystemTimer());

        Mcp3x08SampleSource source = assertInstanceOf(Mcp3x08SampleSource.class, opened.source());
        assertEquals(10_000.0, source.sampleRateHz());
        assertEquals(Mcp3x08Model.MCP3208, source.settings().model());
        Spi spi = context.registry().get("adc-spi");
        assertEquals(1, spi.config().chipSelect().getChipSelect());
        assertEquals(1_000_000, spi.config().baud());
        StepDirStepperActuator stepper = assertInstanceOf(StepDirStepperActuator.class, opened.actuator());
        assertEquals(0, stepper.minPositionSteps());
        assertEquals(config.actuator().maxPositionSteps(), stepper.maxPositionSteps());
        assertEquals(8, stepper.settings().microsteps());
        DigitalOutput enable = context.registry().get("stepper-enable");
        assertEquals(13, enable.address().intValue());
        // With a home switch the stepper homes as it opens (the mock switch reads tripped at once), then
        // goes to the run's start, so the driver has been enabled; it stays enabled only if it holds when idle.
        assertEquals(config.actuator().initialPositionSteps(), stepper.positionSteps(),
                "homed to the switch at position 0, then at actuator.initialPositionSteps");
        assertEquals(stepper.settings().holdWhenIdle() ? DigitalState.LOW : DigitalState.HIGH, enable.state());
        // A4988 at 8 microsteps: MS1..MS3 = 1, 1, 0.
        assertEquals(DigitalState.HIGH, output("stepper-mode0").state());
        assertEquals(DigitalState.LOW, output("stepper-mode2").state());
        assertNull(opened.simulatedRig());
        assertFalse(opened.simulated());

        opened.close();
        assertTrue(context.isShutdown());
    }

    @Test
    void ads1115OnI2cWithAReadyPinAndAnMcp4725OpenAndClose() throws IOException {
        RunConfig config = load("\"type\": \"ads1115\", \"address\": 72, \"readyPin\": 17, \"dataRateSamplesPerSecond\": 475",
                "\"type\": \"mcp4725\", \"address\": 96, \"minCode\": 100, \"maxCode\": 4000");
        context = mockContext();
        Adapters.Opened opened = Adapters.pi4j(config, context, new SystemTimer());

        Ads1115SampleSource source = assertInstanceOf(Ads1115SampleSource.class, opened.source());
        assertEquals(475.0, source.sampleRateHz(), "a continuous stream runs at the data rate");
        I2C adcBus = context.registry().get("adc-i2c");
        assertEquals(0x48, adcBus.device());
        assertEquals(1, adcBus.bus());
        Mcp4725DacActuator dac = assertInstanceOf(Mcp4725DacActuator.class, opened.actuator());
        assertEquals(100, dac.minPositionSteps());
        assertEquals(4000, dac.maxPositionSteps());
        // The DAC read back MOCK_DAC_CODE as it opened; every run then starts at actuator.initialPositionSteps.
        assertEquals(config.actuator().initialPositionSteps(), dac.positionSteps());
        assertTrue(MOCK_DAC_CODE != config.actuator().initialPositionSteps());

        opened.close();
        assertTrue(context.isShutdown());
    }

    @Test
    void polledAds1115AndACapacitorBankOpen() throws IOException {
        RunConfig config = load("\"type\": \"ads1115\", \"sampleRateHz\": 400",
                "\"type\": \"capacitor-bank\", \"switchPins\": [17, 27, 22]");
        context = mockContext();
        try (Adapters.Opened opened = Adapters.pi4j(config, context, new SystemTimer())) {
            assertEquals(400.0, assertInstanceOf(Ads1115SampleSource.class, opened.source()).sampleRateHz());
            SwitchedCapacitorBankActuator bank = assertInstanceOf(SwitchedCapacitorBankActuator.class,
                    opened.actuator());
            assertEquals(7, bank.maxPositionSteps());
        }
        assertTrue(context.isShutdown());
    }

    @Test
    void mcp3008AndAPwmChannelOpen() throws IOException {
        RunConfig config = load("\"type\": \"mcp3008\"",
                "\"type\": \"pwm\", \"pwmChannel\": 1, \"frequencyHz\": 1000, \"maxPositionSteps\": 50");
        context = mockContext();
        try (Adapters.Opened opened = Adapters.pi4j(config, context, new SystemTimer())) {
            assertEquals(Mcp3x08Model.MCP3008,
                    assertInstanceOf(Mcp3x08SampleSource.class, opened.source()).settings().model());
            PwmDutyCycleActuator pwm = assertInstanceOf(PwmDutyCycleActuator.class, opened.actuator());
            assertEquals(50, pwm.maxPositionSteps());
        }
        assertTrue(context.isShutdown());
    }

    @Test
    void aFailureWhileOpeningShutsTheContextDown() throws IOException {
        RunConfig config = load("\"type\": \"mcp3208\"", "\"type\": \"mcp4725\", \"address\": 96");
        // No SPI provider: creating the ADC's Spi fails.
        context = Pi4J.newContextBuilder().add(new MockI2CWithDacProvider()).build();
        assertThrows(RuntimeException.class, () -> Adapters.pi4j(config, context, new SystemTimer()));
        assertTrue(context.isShutdown());
    }
}
