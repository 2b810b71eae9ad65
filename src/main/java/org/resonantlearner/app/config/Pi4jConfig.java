package org.resonantlearner.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.pi4j.AdcFrontEnd;
import org.resonantlearner.hal.pi4j.Ads1115Settings;
import org.resonantlearner.hal.pi4j.CapacitorBankSettings;
import org.resonantlearner.hal.pi4j.Mcp3x08Model;
import org.resonantlearner.hal.pi4j.Mcp3x08Settings;
import org.resonantlearner.hal.pi4j.Mcp4725Settings;
import org.resonantlearner.hal.pi4j.PwmActuatorSettings;
import org.resonantlearner.hal.pi4j.StepperDriverModel;
import org.resonantlearner.hal.pi4j.StepperSettings;
import org.resonantlearner.hal.pisim.SimulatedPiFaults;
import org.resonantlearner.rig.RigModel;

/**
 * The {@code pi4j} section: {@code pi4j.adc} and {@code pi4j.actuator}, each with a {@code type},
 * its bus or pins, and the keys of that adapter's settings record (read by {@link RecordKnobs}, so
 * their names are the record's component names). Defaults follow the simulated sensor and actuator
 * sections, so that a config switched from {@code sim} to {@code pi4j} means the same rig.
 */
final class Pi4jConfig {
    /** Converter types {@code pi4j.adc.type} accepts. */
    static final List<String> ADC_TYPES = List.of("mcp3008", "mcp3208", "ads1115");
    /** Actuator types {@code pi4j.actuator.type} accepts. */
    static final List<String> ACTUATOR_TYPES = List.of("stepper", "mcp4725", "capacitor-bank", "pwm");

    /** SPI clock of an MCP3x08 unless configured (Hz): within both models' limits at 2.7 V. */
    static final double DEFAULT_SPI_CLOCK_HZ = 1_000_000.0;
    /** Default ADS1115 address: ADDR tied to GND (0x48). */
    static final int DEFAULT_ADS1115_ADDRESS = 0x48;
    /** Default MCP4725 address: MCP4725A0 with A0 low (0x60). */
    static final int DEFAULT_MCP4725_ADDRESS = 0x60;
    /** Default I2C bus: the header's SDA1/SCL1 (BCM 2/3). */
    static final int DEFAULT_I2C_BUS = 1;

    private Pi4jConfig() {}

    static Pi4jSettings read(ConfigSection s, RigModel rig, SensorSettings sensor, ActuatorSettings actuator) {
        ConfigSection adcSection = s.section("adc");
        String adcType = adcSection.choice("type", "mcp3208", ADC_TYPES);
        Pi4jSettings.AdcWiring adc = adcType.equals("ads1115")
                ? readAds1115(adcSection, sensor)
                : readMcp3x08(adcSection, Mcp3x08Model.valueOf(adcType.toUpperCase(Locale.ROOT)), sensor);
        double midScaleBiasVolts = switch (adc) {
            case Pi4jSettings.SpiAdc spi -> spi.settings().referenceVolts() / 2.0;
            // Single-ended the ADS1115 reads 0..gain; a differential pair is bipolar and needs no bias.
            case Pi4jSettings.I2cAdc i2c -> i2c.settings().differential() ? 0.0 : i2c.settings().gain() / 2.0;
        };
        AdcCalibration calibration = adcSection.build(
                () -> new AdcCalibration(sensor.offsetVolts(), sensor.gainErrorFraction()));
        AdcFrontEnd frontEnd = adcSection.build(() -> new AdcFrontEnd(
                adcSection.number("biasVolts", midScaleBiasVolts, "V"),
                adcSection.number("loadVoltsPerInputVolt", 1.0, "V/V"),
                rig.loadResistanceOhms(), calibration));

        ConfigSection actuatorSection = s.section("actuator");
        String actuatorType = actuatorSection.choice("type", "stepper", ACTUATOR_TYPES);
        Pi4jSettings.ActuatorWiring wiring = switch (actuatorType) {
            case "stepper" -> readStepper(actuatorSection, actuator);
            case "mcp4725" -> actuatorSection.build(() -> new Pi4jSettings.Mcp4725Wiring(
                    actuatorSection.integer32("i2cBus", DEFAULT_I2C_BUS, ""),
                    actuatorSection.integer32("address", DEFAULT_MCP4725_ADDRESS, ""),
                    RecordKnobs.read(actuatorSection, Mcp4725Settings.fullRange())));
            case "capacitor-bank" -> actuatorSection.build(() -> new Pi4jSettings.CapacitorBankWiring(
                    requiredPins(actuatorSection, "switchPins"),
                    RecordKnobs.read(actuatorSection, new CapacitorBankSettings(true, 10_000_000L, 20_000_000L, true))));
            case "pwm" -> actuatorSection.build(() -> new Pi4jSettings.PwmWiring(
                    actuatorSection.integer32("pwmChip", 0, ""),
                    actuatorSection.integer32("pwmChannel", 0, ""),
                    RecordKnobs.read(actuatorSection, new PwmActuatorSettings(20_000, 0.0, 1.0, 100))));
            default -> throw new IllegalStateException(actuatorType);
        };
        boolean simulated = s.bool("simulated", false);
        SimulatedPiFaults faults = SimulatedPiFaults.NONE;
        if (s.has("faults")) {
            if (!simulated) {
                throw new ConfigException(s.keyPath("faults") + ": faults can only be injected into simulated Pi hardware:"
                        + " set " + s.keyPath("simulated") + " to true, or remove the section");
            }
            ConfigSection f = s.section("faults");
            faults = f.build(() -> new SimulatedPiFaults(
                    f.choice("spiMiso", "ok", SimulatedPiFaults.SPI_MISO_CHOICES),
                    f.integer("adsReadyStopsAfterConversions", -1, "conversions"),
                    f.bool("homeSwitchNeverCloses", false),
                    f.number("lostStepFraction", 0.0, ""),
                    pins(f, "i2cNakAddresses")));
        }
        SimulatedPiFaults injected = faults;
        return s.build(() -> new Pi4jSettings(adc, frontEnd, wiring, simulated, injected));
    }

    private static Pi4jSettings.SpiAdc readMcp3x08(ConfigSection s, Mcp3x08Model model, SensorSettings sensor) {
        int spiBus = s.integer32("spiBus", 0, "");
        int chipSelect = s.integer32("chipSelect", 0, "");
        Mcp3x08Settings defaults = s.build(() -> new Mcp3x08Settings(model, 0, false, DEFAULT_SPI_CLOCK_HZ,
                sensor.fullScaleVolts(), sensor.sampleRateHz()));
        return s.build(() -> new Pi4jSettings.SpiAdc(spiBus, chipSelect,
                RecordKnobs.read(s, defaults, Set.of("model"))));
    }

    private static Pi4jSettings.I2cAdc readAds1115(ConfigSection s, SensorSettings sensor) {
        int i2cBus = s.integer32("i2cBus", DEFAULT_I2C_BUS, "");
        int address = s.integer32("address", DEFAULT_ADS1115_ADDRESS, "");
        int readyPin = optionalPin(s, "readyPin");
        // The data rate is read first: the default polled rate follows it.
        int dataRate = s.integer32("dataRateSamplesPerSecond", 860, "samples/s");
        double polledRateHz = Math.min(sensor.sampleRateHz(), Ads1115Settings.MAX_POLLED_RATE_FRACTION * dataRate);
        Ads1115Settings defaults = s.build(() -> new Ads1115Settings(0, false, 4.096, dataRate, polledRateHz, 100_000L));
        return s.build(() -> new Pi4jSettings.I2cAdc(i2cBus, address, readyPin,
                RecordKnobs.read(s, defaults, Set.of("dataRateSamplesPerSecond"))));
    }

    private static Pi4jSettings.StepperWiring readStepper(ConfigSection s, ActuatorSettings actuator) {
        int stepPin = requiredPin(s, "stepPin");
        int dirPin = requiredPin(s, "dirPin");
        int enablePin = requiredPin(s, "enablePin");
        int homePin = optionalPin(s, "homePin");
        List<Integer> modePins = pins(s, "modePins");
        List<String> models = new ArrayList<>();
        for (StepperDriverModel m : StepperDriverModel.values()) {
            models.add(m.name().toLowerCase(Locale.ROOT));
        }
        StepperDriverModel model = StepperDriverModel.valueOf(
                s.choice("model", "a4988", models).toUpperCase(Locale.ROOT));
        StepperSettings defaults = s.build(() -> StepperSettings.withDatasheetTiming(model, 16,
                actuator.minPositionSteps(), actuator.maxPositionSteps(), 1_000.0,
                Math.min(actuator.maxStepRateStepsPerSecond(), model.maxStepRateStepsPerSecond()), 20_000.0));
        return s.build(() -> new Pi4jSettings.StepperWiring(stepPin, dirPin, enablePin, homePin, modePins,
                RecordKnobs.read(s, defaults, Set.of("model"))));
    }

    private static int requiredPin(ConfigSection s, String key) {
        if (!s.has(key)) {
            throw new ConfigException(s.keyPath(key) + " is missing: required for the pi4j adapters, a BCM GPIO number in [0, "
                    + Pi4jSettings.MAX_BCM_PIN + "]");
        }
        return s.integer32(key, Pi4jSettings.NO_PIN, "");
    }

    private static int optionalPin(ConfigSection s, String key) {
        return s.has(key) ? s.integer32(key, Pi4jSettings.NO_PIN, "") : Pi4jSettings.NO_PIN;
    }

    private static List<Integer> requiredPins(ConfigSection s, String key) {
        if (!s.has(key)) {
            throw new ConfigException(s.keyPath(key) + " is missing: required for the pi4j adapters, an array of BCM GPIO numbers");
        }
        return pins(s, key);
    }

    /** An array of whole numbers (pins), empty when absent; ranges are the wiring record's to check. */
    private static List<Integer> pins(ConfigSection s, String key) {
        double[] values = s.numbers(key, new double[0], "");
        List<Integer> pins = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > 1e6) {
                throw new ConfigException(s.keyPath(key) + "[" + i + "] = " + values[i]
                        + " is invalid: allowed a BCM GPIO number in [0, " + Pi4jSettings.MAX_BCM_PIN + "]");
            }
            pins.add((int) values[i]);
        }
        return pins;
    }
}
