package org.resonantlearner.app.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.hal.pi4j.AdcFrontEnd;
import org.resonantlearner.hal.pi4j.Ads1115Settings;
import org.resonantlearner.hal.pi4j.CapacitorBankSettings;
import org.resonantlearner.hal.pi4j.Mcp3x08Settings;
import org.resonantlearner.hal.pi4j.Mcp4725Settings;
import org.resonantlearner.hal.pi4j.PwmActuatorSettings;
import org.resonantlearner.hal.pi4j.StepperDriverModel;
import org.resonantlearner.hal.pi4j.StepperSettings;
import org.resonantlearner.hal.pisim.SimulatedPiFaults;

/**
 * The wiring of the Raspberry Pi adapters (mode {@code pi4j}): which converter and actuator, on
 * which bus, chip select, address and pins, with each adapter's own settings record.
 *
 * <p>Pins are BCM GPIO numbers (0..27 on the 40-pin header), never physical pin numbers. A pin may
 * serve only one purpose, and the header pins of a bus in use (SPI0: BCM 7..11, I2C1: BCM 2, 3) are
 * not free for GPIO; {@link #NO_PIN} marks an optional pin that is not wired.
 *
 * @param adc the converter reading the load voltage
 * @param frontEnd the analog path from the load to the converter's input
 * @param actuator the tuning actuator
 * @param simulated true when the wiring is simulated Pi hardware ({@code hal.pisim}) instead of the Pi's own
 * @param faults the chip faults injected into simulated hardware ({@link SimulatedPiFaults#NONE} on a Pi)
 */
public record Pi4jSettings(AdcWiring adc, AdcFrontEnd frontEnd, ActuatorWiring actuator, boolean simulated,
        SimulatedPiFaults faults) {
    /** An optional pin that is not wired. */
    public static final int NO_PIN = -1;
    /** Highest BCM GPIO number on the 40-pin header. */
    public static final int MAX_BCM_PIN = 27;
    /** Lowest 7-bit I2C address outside the reserved block (0x08). */
    public static final int MIN_I2C_ADDRESS = 0x08;
    /** Highest 7-bit I2C address outside the reserved block (0x77). */
    public static final int MAX_I2C_ADDRESS = 0x77;
    /** Highest I2C bus number ({@code /dev/i2c-N}; 20 and 21 are the HDMI DDC buses of a Pi 4). */
    public static final int MAX_I2C_BUS = 22;
    /** Highest SPI bus number ({@code /dev/spidevB.C}; SPI0..SPI6 on a Pi 4). */
    public static final int MAX_SPI_BUS = 6;
    /** Highest SPI chip select (CE0..CE2). */
    public static final int MAX_CHIP_SELECT = 2;
    /** Highest {@code /sys/class/pwm/pwmchipN} number accepted. */
    public static final int MAX_PWM_CHIP = 7;
    /** Highest PWM channel of a chip ({@code pwmN}; the Pi 5's RP1 has four). */
    public static final int MAX_PWM_CHANNEL = 3;

    /** The wiring of a real Pi (no simulation, no faults). */
    public Pi4jSettings(AdcWiring adc, AdcFrontEnd frontEnd, ActuatorWiring actuator) {
        this(adc, frontEnd, actuator, false, SimulatedPiFaults.NONE);
    }

    /** Validates presence and that no pin and no I2C device is used twice. */
    public Pi4jSettings {
        Check.present("faults", faults);
        if (!simulated && !faults.none()) {
            throw new InvalidValueException("faults", faults.toString(), "", "none on real Pi hardware (simulated = false)");
        }
        Check.present("adc", adc);
        Check.present("frontEnd", frontEnd);
        Check.present("actuator", actuator);
        Map<Integer, String> taken = new HashMap<>();
        if (adc instanceof SpiAdc spi && spi.spiBus() == 0) {
            taken.put(9, "SPI0 MISO");
            taken.put(10, "SPI0 MOSI");
            taken.put(11, "SPI0 SCLK");
            if (spi.chipSelect() <= 1) {
                taken.put(spi.chipSelect() == 0 ? 8 : 7, "SPI0 CE" + spi.chipSelect());
            }
        }
        boolean i2c1 = adc instanceof I2cAdc a && a.i2cBus() == 1 || actuator instanceof Mcp4725Wiring d && d.i2cBus() == 1;
        if (i2c1) {
            taken.put(2, "I2C1 SDA");
            taken.put(3, "I2C1 SCL");
        }
        if (adc instanceof I2cAdc i2c && i2c.readyPin() != NO_PIN) {
            take(taken, "adc.readyPin", i2c.readyPin(), "the ADC's ready pin");
        }
        actuator.pinsByKey().forEach((key, pin) -> take(taken, "actuator." + key, pin, "actuator " + key));
        if (adc instanceof I2cAdc a && actuator instanceof Mcp4725Wiring d && a.i2cBus() == d.i2cBus()
                && a.address() == d.address()) {
            throw new InvalidValueException("actuator.address", Integer.toString(d.address()), "",
                    "an address other than the ADC's on i2c bus " + d.i2cBus());
        }
    }

    private static void take(Map<Integer, String> taken, String key, int pin, String use) {
        String owner = taken.putIfAbsent(pin, use);
        if (owner != null) {
            throw new InvalidValueException(key, Integer.toString(pin), "",
                    "a BCM pin not used by another signal (" + pin + " is " + owner + ")");
        }
    }

    /** One line for run headers: "MCP3208 on SPI0 CE0, stepper (STEP 5, DIR 6, EN 13)". */
    public String description() {
        String converter = switch (adc) {
            case SpiAdc spi -> spi.settings().model() + " on SPI" + spi.spiBus() + " CE" + spi.chipSelect();
            case I2cAdc i2c -> String.format("ADS1115 on I2C%d 0x%02x%s", i2c.i2cBus(), i2c.address(),
                    i2c.continuous() ? " RDY " + i2c.readyPin() : " polled");
        };
        String tuning = switch (actuator) {
            case StepperWiring st -> "stepper (STEP " + st.stepPin() + ", DIR " + st.dirPin() + ", EN " + st.enablePin() + ")";
            case Mcp4725Wiring dac -> String.format("MCP4725 on I2C%d 0x%02x", dac.i2cBus(), dac.address());
            case CapacitorBankWiring bank -> "capacitor bank on " + bank.switchPins();
            case PwmWiring pwm -> "PWM pwmchip" + pwm.pwmChip() + "/pwm" + pwm.pwmChannel();
        };
        return (simulated ? "simulated Pi hardware: " : "") + converter + ", " + tuning;
    }

    /** Requires a BCM GPIO number in [0, 27]. */
    static int bcmPin(String key, int pin) {
        if (pin < 0 || pin > MAX_BCM_PIN) {
            throw new InvalidValueException(key, Integer.toString(pin), "",
                    "[0, " + MAX_BCM_PIN + "] (BCM GPIO number)");
        }
        return pin;
    }

    /** Requires {@link #NO_PIN} or a BCM GPIO number. */
    static int optionalBcmPin(String key, int pin) {
        return pin == NO_PIN ? pin : bcmPin(key, pin);
    }

    /** Requires a 7-bit address in [0x08, 0x77]. */
    static int i2cAddress(String key, int address) {
        if (address < MIN_I2C_ADDRESS || address > MAX_I2C_ADDRESS) {
            throw new InvalidValueException(key, Integer.toString(address), "",
                    "[" + MIN_I2C_ADDRESS + ", " + MAX_I2C_ADDRESS + "] (7-bit address 0x08..0x77, e.g. 72 = 0x48)");
        }
        return address;
    }

    /** The converter and the bus it sits on. */
    public sealed interface AdcWiring permits SpiAdc, I2cAdc {
        /** Samples per second the source delivers (Hz). */
        double sampleRateHz();
    }

    /**
     * An MCP3008/MCP3208 on SPI.
     *
     * @param spiBus SPI bus (0 = SPI0 on the header), in [0, 6]
     * @param chipSelect chip select (0 = CE0 on BCM 8, 1 = CE1 on BCM 7), in [0, 2]
     * @param settings the converter's settings
     */
    public record SpiAdc(int spiBus, int chipSelect, Mcp3x08Settings settings) implements AdcWiring {
        /** Validates bus and chip select. */
        public SpiAdc {
            Check.inRange("spiBus", spiBus, "", 0, MAX_SPI_BUS);
            Check.inRange("chipSelect", chipSelect, "", 0, MAX_CHIP_SELECT);
            Check.present("settings", settings);
        }

        @Override
        public double sampleRateHz() {
            return settings.sampleRateHz();
        }
    }

    /**
     * An ADS1115 on I2C, paced by its ALERT/RDY pin or, without one, polled.
     *
     * @param i2cBus I2C bus (1 on the header's BCM 2/3), in [0, 22]
     * @param address 7-bit address (0x48..0x4B by the ADDR pin), in [0x08, 0x77]
     * @param readyPin BCM pin wired to ALERT/RDY, or {@link #NO_PIN} for single-shot polling
     * @param settings the converter's settings
     */
    public record I2cAdc(int i2cBus, int address, int readyPin, Ads1115Settings settings) implements AdcWiring {
        /** Validates bus, address and pin. */
        public I2cAdc {
            Check.inRange("i2cBus", i2cBus, "", 0, MAX_I2C_BUS);
            i2cAddress("address", address);
            optionalBcmPin("readyPin", readyPin);
            Check.present("settings", settings);
        }

        /** True when the ALERT/RDY pin paces a continuous stream. */
        public boolean continuous() {
            return readyPin != NO_PIN;
        }

        /** The data rate with a ready pin (continuous), the software-paced rate without. */
        @Override
        public double sampleRateHz() {
            return continuous() ? settings.dataRateSamplesPerSecond() : settings.sampleRateHz();
        }
    }

    /** The tuning actuator and its I/O. */
    public sealed interface ActuatorWiring permits StepperWiring, Mcp4725Wiring, CapacitorBankWiring, PwmWiring {
        /**
         * Every GPIO pin the actuator uses, by its config key ("stepPin", "modePins[0]", ...), in
         * wiring order; none for an actuator on a bus or a PWM channel.
         */
        default SequencedMap<String, Integer> pinsByKey() {
            return new LinkedHashMap<>();
        }

        /** The GPIO pins of {@link #pinsByKey()}, in the same order. */
        default List<Integer> pins() {
            return List.copyOf(pinsByKey().values());
        }
    }

    /**
     * A STEP/DIR/EN stepper driver (A4988, DRV8825).
     *
     * @param stepPin BCM pin to STEP
     * @param dirPin BCM pin to DIR
     * @param enablePin BCM pin to the active-low ENABLE
     * @param homePin BCM pin of the home switch at position 0, or {@link #NO_PIN}
     * @param modePins BCM pins to MS1..MS3 / MODE0..MODE2, or empty when jumpered
     * @param settings timing, ramp, range and homing
     */
    public record StepperWiring(int stepPin, int dirPin, int enablePin, int homePin, List<Integer> modePins,
            StepperSettings settings) implements ActuatorWiring {
        /** Validates the pins. */
        public StepperWiring {
            bcmPin("stepPin", stepPin);
            bcmPin("dirPin", dirPin);
            bcmPin("enablePin", enablePin);
            optionalBcmPin("homePin", homePin);
            modePins = List.copyOf(Check.present("modePins", modePins));
            if (!modePins.isEmpty() && modePins.size() != StepperDriverModel.MODE_PIN_COUNT) {
                throw new InvalidValueException("modePins", modePins.toString(), "",
                        "absent (jumpered) or exactly " + StepperDriverModel.MODE_PIN_COUNT + " BCM pins");
            }
            for (int i = 0; i < modePins.size(); i++) {
                bcmPin("modePins[" + i + "]", modePins.get(i));
            }
            Check.present("settings", settings);
        }

        @Override
        public SequencedMap<String, Integer> pinsByKey() {
            SequencedMap<String, Integer> pins = new LinkedHashMap<>();
            pins.put("stepPin", stepPin);
            pins.put("dirPin", dirPin);
            pins.put("enablePin", enablePin);
            if (homePin != NO_PIN) {
                pins.put("homePin", homePin);
            }
            for (int i = 0; i < modePins.size(); i++) {
                pins.put("modePins[" + i + "]", modePins.get(i));
            }
            return pins;
        }
    }

    /**
     * An MCP4725 DAC biasing a varactor.
     *
     * @param i2cBus I2C bus, in [0, 22]
     * @param address 7-bit address (0x60..0x67 by part and A0), in [0x08, 0x77]
     * @param settings code range and EEPROM policy
     */
    public record Mcp4725Wiring(int i2cBus, int address, Mcp4725Settings settings) implements ActuatorWiring {
        /** Validates bus and address. */
        public Mcp4725Wiring {
            Check.inRange("i2cBus", i2cBus, "", 0, MAX_I2C_BUS);
            i2cAddress("address", address);
            Check.present("settings", settings);
        }
    }

    /**
     * A bank of binary-weighted capacitors on relay/MOSFET switches.
     *
     * @param switchPins BCM pins of the switches, least significant capacitor first (1 to 30)
     * @param settings switch polarity and timing
     */
    public record CapacitorBankWiring(List<Integer> switchPins, CapacitorBankSettings settings)
            implements ActuatorWiring {
        /** Validates the pins. */
        public CapacitorBankWiring {
            switchPins = List.copyOf(Check.present("switchPins", switchPins));
            if (switchPins.isEmpty()) {
                throw new InvalidValueException("switchPins", "[]", "", "1 to " + (MAX_BCM_PIN + 1) + " BCM pins");
            }
            for (int i = 0; i < switchPins.size(); i++) {
                bcmPin("switchPins[" + i + "]", switchPins.get(i));
            }
            Check.present("settings", settings);
        }

        @Override
        public SequencedMap<String, Integer> pinsByKey() {
            SequencedMap<String, Integer> pins = new LinkedHashMap<>();
            for (int i = 0; i < switchPins.size(); i++) {
                pins.put("switchPins[" + i + "]", switchPins.get(i));
            }
            return pins;
        }
    }

    /**
     * A hardware PWM channel through linuxfs ({@code /sys/class/pwm/pwmchip<pwmChip>/pwm<pwmChannel>}).
     * On a Pi 4 with {@code dtoverlay=pwm-2chan} chip 0 channel 0 is BCM 18 and channel 1 is BCM 19;
     * on a Pi 5 the header PWM is chip 2 (BCM 12, 13, 18, 19 as channels 0..3).
     *
     * @param pwmChip the pwmchip number, in [0, 7]
     * @param pwmChannel the channel of that chip, in [0, 3]
     * @param settings frequency and duty-cycle mapping
     */
    public record PwmWiring(int pwmChip, int pwmChannel, PwmActuatorSettings settings) implements ActuatorWiring {
        /** Validates chip and channel. */
        public PwmWiring {
            Check.inRange("pwmChip", pwmChip, "", 0, MAX_PWM_CHIP);
            Check.inRange("pwmChannel", pwmChannel, "", 0, MAX_PWM_CHANNEL);
            Check.present("settings", settings);
        }
    }
}
