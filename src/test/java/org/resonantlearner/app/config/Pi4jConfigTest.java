package org.resonantlearner.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resonantlearner.hal.pi4j.Mcp3x08Model;
import org.resonantlearner.hal.pi4j.StepperDriverModel;

/** The {@code pi4j} section: each converter and actuator type loads, every bad wiring is a one-line error. */
class Pi4jConfigTest {
    private static final double TOL_VOLTS = 1e-12;
    private static final String STEPPER = "\"type\": \"stepper\", \"stepPin\": 5, \"dirPin\": 6, \"enablePin\": 13";

    @TempDir
    Path directory;

    private RunConfig load(String json) throws IOException {
        Path file = directory.resolve("config.json");
        Files.writeString(file, json);
        return ConfigLoader.load(file, ConfigLoader.Overrides.none());
    }

    private RunConfig loadPi4j(String adc, String actuator) throws IOException {
        return load("{\"mode\": \"pi4j\", \"pi4j\": {\"adc\": {" + adc + "}, \"actuator\": {" + actuator + "}}}");
    }

    /** The one-line error without the file name in front. */
    private String errorOf(String json) {
        ConfigException error = assertThrows(ConfigException.class, () -> load(json));
        String message = error.getMessage();
        assertEquals(-1, message.indexOf('\n'), "one line: " + message);
        String prefix = directory.resolve("config.json") + ": ";
        assertTrue(message.startsWith(prefix), message);
        return message.substring(prefix.length());
    }

    @Test
    void mcp3208OnSpiWithAStepperLoadsWithTheSimulatedSensorsDefaults() throws IOException {
        RunConfig config = loadPi4j("\"type\": \"mcp3208\"",
                STEPPER + ", \"homePin\": 26, \"modePins\": [16, 20, 21], \"model\": \"drv8825\", \"microsteps\": 32");
        assertEquals(RunMode.PI4J, config.mode());
        Pi4jSettings.SpiAdc adc = assertInstanceOf(Pi4jSettings.SpiAdc.class, config.pi4j().adc());
        assertEquals(0, adc.spiBus());
        assertEquals(0, adc.chipSelect());
        assertEquals(Mcp3x08Model.MCP3208, adc.settings().model());
        assertEquals(config.sensor().sampleRateHz(), adc.sampleRateHz());
        assertEquals(config.sensor().fullScaleVolts(), adc.settings().referenceVolts());
        // Mid-scale bias of the simulated sensor, across the rig's load resistor.
        assertEquals(config.sensor().fullScaleVolts() / 2, config.pi4j().frontEnd().biasVolts(), TOL_VOLTS);
        assertEquals(config.rig().loadResistanceOhms(), config.pi4j().frontEnd().loadResistanceOhms());
        Pi4jSettings.StepperWiring stepper = assertInstanceOf(Pi4jSettings.StepperWiring.class,
                config.pi4j().actuator());
        assertEquals(List.of(5, 6, 13, 26, 16, 20, 21), stepper.pins());
        assertEquals(StepperDriverModel.DRV8825, stepper.settings().model());
        assertEquals(32, stepper.settings().microsteps());
        assertEquals(config.actuator().maxPositionSteps(), stepper.settings().maxPositionSteps());
        assertTrue(config.effectiveSettings().contains("pi4j.adc.sampleRateHz = 20000.0 Hz"),
                config.effectiveSettings().toString());
    }

    @Test
    void mcp3008OnSpi1WithACapacitorBankLoads() throws IOException {
        RunConfig config = loadPi4j(
                "\"type\": \"mcp3008\", \"spiBus\": 1, \"chipSelect\": 2, \"channel\": 3, \"sampleRateHz\": 5000",
                "\"type\": \"capacitor-bank\", \"switchPins\": [17, 27, 22], \"switchActiveLow\": false");
        Pi4jSettings.SpiAdc adc = assertInstanceOf(Pi4jSettings.SpiAdc.class, config.pi4j().adc());
        assertEquals(Mcp3x08Model.MCP3008, adc.settings().model());
        assertEquals(1, adc.spiBus());
        assertEquals(2, adc.chipSelect());
        assertEquals(3, adc.settings().channel());
        assertEquals(5000.0, adc.sampleRateHz());
        Pi4jSettings.CapacitorBankWiring bank = assertInstanceOf(Pi4jSettings.CapacitorBankWiring.class,
                config.pi4j().actuator());
        assertEquals(List.of(17, 27, 22), bank.switchPins());
        assertFalse(bank.settings().switchActiveLow());
    }

    @Test
    void ads1115WithAReadyPinAndAnMcp4725Loads() throws IOException {
        RunConfig config = loadPi4j(
                "\"type\": \"ads1115\", \"address\": 73, \"readyPin\": 17, \"gain\": 2.048",
                "\"type\": \"mcp4725\", \"address\": 98, \"minCode\": 100, \"maxCode\": 4000");
        Pi4jSettings.I2cAdc adc = assertInstanceOf(Pi4jSettings.I2cAdc.class, config.pi4j().adc());
        assertEquals(1, adc.i2cBus());
        assertEquals(0x49, adc.address());
        assertTrue(adc.continuous());
        assertEquals(860.0, adc.sampleRateHz());
        assertEquals(1.024, config.pi4j().frontEnd().biasVolts(), TOL_VOLTS);
        Pi4jSettings.Mcp4725Wiring dac = assertInstanceOf(Pi4jSettings.Mcp4725Wiring.class, config.pi4j().actuator());
        assertEquals(0x62, dac.address());
        assertEquals("pi4j: ADS1115 on I2C1 0x49 RDY 17, MCP4725 on I2C1 0x62", config.adaptersDescription());
        assertEquals(100, dac.settings().minCode());
        assertEquals(4000, dac.settings().maxCode());
    }

    @Test
    void ads1115WithoutAReadyPinPollsAndAPwmChannelLoads() throws IOException {
        RunConfig config = loadPi4j(
                "\"type\": \"ads1115\", \"dataRateSamplesPerSecond\": 475",
                "\"type\": \"pwm\", \"pwmChip\": 2, \"pwmChannel\": 1, \"frequencyHz\": 1000, \"maxPositionSteps\": 50");
        Pi4jSettings.I2cAdc adc = assertInstanceOf(Pi4jSettings.I2cAdc.class, config.pi4j().adc());
        assertEquals(0x48, adc.address());
        assertFalse(adc.continuous());
        // Polled at 80 % of the data rate (the RLC sensor's 20 kHz is out of reach).
        assertEquals(0.8 * 475, adc.sampleRateHz(), 1e-9);
        Pi4jSettings.PwmWiring pwm = assertInstanceOf(Pi4jSettings.PwmWiring.class, config.pi4j().actuator());
        assertEquals(2, pwm.pwmChip());
        assertEquals(1, pwm.pwmChannel());
        assertEquals(1000, pwm.settings().frequencyHz());
        assertEquals(50, pwm.settings().maxPositionSteps());
    }

    @Test
    void theDeployExampleLoads() {
        RunConfig config = ConfigLoader.load(Path.of("hardware/deploy/config-pi4j.json"), ConfigLoader.Overrides.none());
        assertEquals(RunMode.PI4J, config.mode());
        Pi4jSettings.SpiAdc adc = assertInstanceOf(Pi4jSettings.SpiAdc.class, config.pi4j().adc());
        assertEquals(Mcp3x08Model.MCP3208, adc.settings().model());
        assertEquals(List.of(5, 6, 13, 26, 16, 20, 21), config.pi4j().actuator().pins());
        assertEquals("pi4j: MCP3208 on SPI0 CE0, stepper (STEP 5, DIR 6, EN 13)", config.adaptersDescription());
    }

    @Test
    void otherModesNeedNoPi4jSectionButCheckOneThatIsThere() throws IOException {
        assertNull(load("{}").pi4j());
        RunConfig sim = load("{\"pi4j\": {\"actuator\": {" + STEPPER + "}}}");
        assertEquals(RunMode.SIM, sim.mode());
        assertInstanceOf(Pi4jSettings.SpiAdc.class, sim.pi4j().adc());
        assertEquals("pi4j.actuator.stepPin = 40 is invalid: allowed [0, 27] (BCM GPIO number)",
                errorOf("{\"pi4j\": {\"actuator\": {" + STEPPER.replace("5,", "40,") + "}}}"));
    }

    @Test
    void pi4jModeWithoutPinsNamesTheMissingKey() {
        assertEquals("pi4j.actuator.stepPin is missing: required for the pi4j adapters, a BCM GPIO number in [0, 27]",
                errorOf("{\"mode\": \"pi4j\"}"));
    }

    @Test
    void modeListsPi4j() {
        assertEquals("mode = \"pi5\" is invalid: allowed one of [sim, serial, pi4j]", errorOf("{\"mode\": \"pi5\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"type\": \"mcp3304\"                 | " + STEPPER + "                               | pi4j.adc.type = \"mcp3304\" is invalid: allowed one of [mcp3008, mcp3208, ads1115]",
        "\"spiBus\": 7                         | " + STEPPER + "                               | pi4j.adc.spiBus = 7 is invalid: allowed [0, 6]",
        "\"chipSelect\": 3                     | " + STEPPER + "                               | pi4j.adc.chipSelect = 3 is invalid: allowed [0, 2]",
        "\"spiClockHz\": 3000000               | " + STEPPER + "                               | pi4j.adc.spiClockHz = 3000000.0 Hz is invalid: allowed [10000.0, 2000000.0] Hz",
        "\"sampleRateHz\": 150000              | " + STEPPER + "                               | pi4j.adc.sampleRateHz = 150000.0 Hz is invalid: allowed (0, 41666.666666666664] Hz",
        "\"channel\": 8                        | " + STEPPER + "                               | pi4j.adc.channel = 8 is invalid: allowed [0, 7]",
        "\"spiBuss\": 0                        | " + STEPPER + "                               | pi4j.adc.spiBuss is not a known key",
        "\"type\": \"ads1115\", \"address\": 7   | " + STEPPER + "                               | pi4j.adc.address = 7 is invalid: allowed [8, 119] (7-bit address 0x08..0x77, e.g. 72 = 0x48)",
        "\"type\": \"ads1115\", \"address\": 120 | " + STEPPER + "                               | pi4j.adc.address = 120 is invalid: allowed [8, 119]",
        "\"type\": \"ads1115\", \"i2cBus\": 23   | " + STEPPER + "                               | pi4j.adc.i2cBus = 23 is invalid: allowed [0, 22]",
        "\"type\": \"ads1115\", \"readyPin\": 28 | " + STEPPER + "                               | pi4j.adc.readyPin = 28 is invalid: allowed [0, 27] (BCM GPIO number)",
        "\"type\": \"ads1115\", \"gain\": 5      | " + STEPPER + "                               | pi4j.adc.gain = 5.0 V is invalid: allowed one of 6.144",
        "\"type\": \"ads1115\", \"dataRateSamplesPerSecond\": 100 | " + STEPPER + "              | pi4j.adc.dataRateSamplesPerSecond = 100 samples/s is invalid",
        "\"type\": \"ads1115\", \"readyPin\": 5  | " + STEPPER + "                               | pi4j.actuator.stepPin = 5 is invalid: allowed a BCM pin not used by another signal (5 is the ADC's ready pin)",
        "\"biasVolts\": \"x\"                    | " + STEPPER + "                               | pi4j.adc.biasVolts = \"x\" V is invalid: allowed a number",
        "                                      | \"type\": \"servo\"                                | pi4j.actuator.type = \"servo\" is invalid: allowed one of [stepper, mcp4725, capacitor-bank, pwm]",
        "                                      | \"type\": \"stepper\", \"stepPin\": 99, \"dirPin\": 6, \"enablePin\": 13            | pi4j.actuator.stepPin = 99 is invalid: allowed [0, 27]",
        "                                      | " + STEPPER + ", \"homePin\": -2                 | pi4j.actuator.homePin = -2 is invalid: allowed [0, 27]",
        "                                      | " + STEPPER + ", \"modePins\": [16, 20]         | pi4j.actuator.modePins = [16, 20] is invalid: allowed absent (jumpered) or exactly 3 BCM pins",
        "                                      | " + STEPPER + ", \"modePins\": [16, 40, 21]     | pi4j.actuator.modePins[1] = 40 is invalid: allowed [0, 27]",
        "                                      | " + STEPPER + ", \"modePins\": [16, 2.5, 21]    | pi4j.actuator.modePins[1] = 2.5 is invalid: allowed a BCM GPIO number in [0, 27]",
        "                                      | " + STEPPER + ", \"homePin\": 6                  | pi4j.actuator.homePin = 6 is invalid: allowed a BCM pin not used by another signal (6 is actuator dirPin)",
        "                                      | \"type\": \"stepper\", \"stepPin\": 10, \"dirPin\": 6, \"enablePin\": 13 | pi4j.actuator.stepPin = 10 is invalid: allowed a BCM pin not used by another signal (10 is SPI0 MOSI)",
        "\"type\": \"ads1115\", \"readyPin\": 3  | " + STEPPER + "                               | pi4j.adc.readyPin = 3 is invalid: allowed a BCM pin not used by another signal (3 is I2C1 SCL)",
        "\"type\": \"ads1115\", \"address\": 96 | \"type\": \"mcp4725\", \"address\": 96            | pi4j.actuator.address = 96 is invalid: allowed an address other than the ADC's on i2c bus 1",
        "                                      | " + STEPPER + ", \"microsteps\": 3               | pi4j.actuator.microsteps = 3 microsteps/step is invalid",
        "                                      | " + STEPPER + ", \"model\": \"tmc2209\"          | pi4j.actuator.model = \"tmc2209\" is invalid: allowed one of [a4988, drv8825]",
        "                                      | " + STEPPER + ", \"stepPim\": 5                  | pi4j.actuator.stepPim is not a known key",
        "                                      | \"type\": \"mcp4725\", \"address\": 200            | pi4j.actuator.address = 200 is invalid: allowed [8, 119]",
        "                                      | \"type\": \"mcp4725\", \"i2cBus\": -1              | pi4j.actuator.i2cBus = -1 is invalid: allowed [0, 22]",
        "                                      | \"type\": \"mcp4725\", \"maxCode\": 5000           | pi4j.actuator.maxCode = 5000 is invalid: allowed [0, 4095]",
        "                                      | \"type\": \"capacitor-bank\"                       | pi4j.actuator.switchPins is missing: required for the pi4j adapters",
        "                                      | \"type\": \"capacitor-bank\", \"switchPins\": []   | pi4j.actuator.switchPins = [] is invalid: allowed 1 to 28 BCM pins",
        "                                      | \"type\": \"capacitor-bank\", \"switchPins\": [3, 30] | pi4j.actuator.switchPins[1] = 30 is invalid: allowed [0, 27]",
        "                                      | \"type\": \"capacitor-bank\", \"switchPins\": [3, 3] | pi4j.actuator.switchPins[1] = 3 is invalid: allowed a BCM pin not used by another signal",
        "                                      | \"type\": \"pwm\", \"pwmChannel\": 4               | pi4j.actuator.pwmChannel = 4 is invalid: allowed [0, 3]",
        "                                      | \"type\": \"pwm\", \"pwmChip\": 8                  | pi4j.actuator.pwmChip = 8 is invalid: allowed [0, 7]",
        "                                      | \"type\": \"pwm\", \"maxDutyCycleFraction\": 1.5   | pi4j.actuator.maxDutyCycleFraction = 1.5 is invalid: allowed [0.0, 1.0]",
    })
    void invalidWiringIsAOneLineErrorNamingTheFullKey(String adc, String actuator, String expectedStart) {
        String json = "{\"mode\": \"pi4j\", \"pi4j\": {\"adc\": {" + (adc == null ? "" : adc) + "}, \"actuator\": {"
                + actuator + "}}}";
        String message = errorOf(json);
        assertTrue(message.contains(expectedStart), message);
    }
}
