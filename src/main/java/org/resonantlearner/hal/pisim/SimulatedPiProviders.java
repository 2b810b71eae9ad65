package org.resonantlearner.hal.pisim;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CBusBase;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.io.i2c.I2CProviderBase;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmBase;
import com.pi4j.io.pwm.PwmConfig;
import com.pi4j.io.pwm.PwmProvider;
import com.pi4j.io.pwm.PwmProviderBase;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBase;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProvider;
import com.pi4j.io.spi.SpiProviderBase;
import com.pi4j.provider.Provider;
import java.util.concurrent.Callable;

/**
 * The Pi4J providers of a {@link SimulatedPi}: SPI, I2C, digital output and input and PWM, each
 * handing out I/O objects whose other side is the bench's chips. They implement the same abstract
 * I/O methods the linuxfs and gpiod providers do, so a driver cannot tell them apart; bus traffic
 * takes its time on the wire in virtual time (SPI: 8 clocks per byte at the configured baud; I2C:
 * 9 clocks per byte, address included, at the Pi's default 100 kHz).
 */
final class SimulatedPiProviders {
    /** The Pi's default I2C clock ({@code dtparam=i2c_arm_baudrate}, 100 kHz). */
    static final double I2C_CLOCK_HZ = 100_000.0;
    private static final String PREFIX = "resonant-learner-simulated-";

    private final SimulatedPi bench;

    SimulatedPiProviders(SimulatedPi bench) {
        this.bench = bench;
    }

    /** One provider of each I/O type. */
    Provider[] all() {
        return new Provider[] {new SpiProviderImpl(), new I2cProviderImpl(), new OutputProviderImpl(),
            new InputProviderImpl(), new PwmProviderImpl()};
    }

    private static long busNanos(double bits, double clockHz) {
        return Math.round(bits * 1e9 / clockHz);
    }

    /** Time on the I2C wire of {@code bytes} bytes (address byte included), 9 clocks each (ns). */
    static long i2cNanos(int bytes) {
        return busNanos(9.0 * bytes, I2C_CLOCK_HZ);
    }

    // ------------------------------------------------------------------ SPI

    private final class SpiProviderImpl extends SpiProviderBase {
        SpiProviderImpl() {
            super(PREFIX + "spi", "Simulated SPI");
        }

        @Override
        public Spi create(SpiConfig config) {
            return new SimulatedSpi(this, config);
        }
    }

    private final class SimulatedSpi extends SpiBase {
        private final int bus;
        private final int chipSelect;
        private final double clockHz;

        SimulatedSpi(SpiProvider provider, SpiConfig config) {
            super(provider, config);
            this.bus = config.bus() == null ? 0 : config.bus().getBus();
            this.chipSelect = config.channel() != null ? config.channel()
                    : config.chipSelect() == null ? 0 : config.chipSelect().getChipSelect();
            this.clockHz = config.baud() == null ? Spi.DEFAULT_BAUD : config.baud();
            this.isOpen = true;
        }

        @Override
        public int transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int numberOfBytes) {
            SpiChip chip = bench.spiChip(bus, chipSelect);
            long start = bench.timer().nanoTime();
            if (chip == null) {
                // Nothing on this chip select: MISO floats and reads as zeros.
                java.util.Arrays.fill(read, readOffset, readOffset + numberOfBytes, (byte) 0);
            } else {
                chip.transfer(start, clockHz, write, writeOffset, read, readOffset, numberOfBytes);
            }
            bench.timer().advanceNanos(busNanos(8.0 * numberOfBytes, clockHz));
            return numberOfBytes;
        }

        @Override
        public int write(byte b) {
            return write(new byte[] {b}, 0, 1);
        }

        @Override
        public int write(byte[] data, int offset, int length) {
            return transfer(data, offset, new byte[length], 0, length);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            read(one, 0, 1);
            return one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return transfer(new byte[length], 0, buffer, offset, length);
        }
    }

    // ------------------------------------------------------------------ I2C

    private final class I2cProviderImpl extends I2CProviderBase {
        I2cProviderImpl() {
            super(PREFIX + "i2c", "Simulated I2C");
        }

        @Override
        public I2C create(I2CConfig config) {
            return new SimulatedI2c(this, config);
        }
    }

    private static final class SimulatedI2cBus extends I2CBusBase {
        SimulatedI2cBus(I2CConfig config) {
            super(config);
        }

        @Override
        public <R> R execute(I2C i2c, Callable<R> action) {
            return _execute(i2c, action);
        }
    }

    private final class SimulatedI2c extends I2CBase<SimulatedI2cBus> {
        private final int bus;
        private final int address;
        // A register message (pointer, then data) is put together here: no allocation per message.
        private byte[] message = new byte[8];

        SimulatedI2c(I2CProvider provider, I2CConfig config) {
            super(provider, config, new SimulatedI2cBus(config));
            this.bus = config.bus();
            this.address = config.device();
            this.isOpen = true;
        }

        /** The chip at this address, or the kernel's error for a message nobody acknowledged. */
        private I2cChip chip() {
            I2cChip chip = bench.i2cChip(bus, address);
            if (chip == null) {
                bench.timer().advanceNanos(i2cNanos(1));
                throw new IOException(String.format("I2C bus %d: no device acknowledged address 0x%02x"
                        + " (Remote I/O error): is it wired, powered and at that address?", bus, address));
            }
            return chip;
        }

        @Override
        public int write(byte b) {
            return write(new byte[] {b}, 0, 1);
        }

        @Override
        public int write(byte[] data, int offset, int length) {
            I2cChip chip = chip();
            chip.write(bench.timer().nanoTime(), data, offset, length);
            bench.timer().advanceNanos(i2cNanos(1 + length));
            return length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            read(one, 0, 1);
            return one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            I2cChip chip = chip();
            chip.read(bench.timer().nanoTime(), buffer, offset, length);
            bench.timer().advanceNanos(i2cNanos(1 + length));
            return length;
        }

        @Override
        public int writeRegister(int register, byte b) {
            return writeRegister(register, new byte[] {b}, 0, 1);
        }

        @Override
        public int writeRegister(int register, byte[] data, int offset, int length) {
            byte[] buffer = message(length + 1);
            buffer[0] = (byte) register;
            System.arraycopy(data, offset, buffer, 1, length);
            write(buffer, 0, length + 1);
            return length;
        }

        @Override
        public int writeRegister(byte[] register, byte[] data, int offset, int length) {
            byte[] buffer = message(register.length + length);
            System.arraycopy(register, 0, buffer, 0, register.length);
            System.arraycopy(data, offset, buffer, register.length, length);
            write(buffer, 0, register.length + length);
            return length;
        }

        /** The message buffer, grown to hold {@code length} bytes. */
        private byte[] message(int length) {
            if (message.length < length) {
                message = new byte[length];
            }
            return message;
        }

        @Override
        public int readRegister(int register) {
            byte[] one = new byte[1];
            readRegister(register, one, 0, 1);
            return one[0] & 0xFF;
        }

        @Override
        public int readRegister(int register, byte[] buffer, int offset, int length) {
            // A repeated-start message: the register pointer, then the read.
            byte[] pointer = message(1);
            pointer[0] = (byte) register;
            write(pointer, 0, 1);
            return read(buffer, offset, length);
        }

        @Override
        public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
            write(register, 0, register.length);
            return read(buffer, offset, length);
        }
    }

    // ------------------------------------------------------------------ digital output and input

    private final class OutputProviderImpl extends DigitalOutputProviderBase {
        OutputProviderImpl() {
            super(PREFIX + "digital-output", "Simulated digital output");
        }

        @Override
        public DigitalOutput create(DigitalOutputConfig config) {
            return new SimulatedOutput(this, config);
        }
    }

    private final class SimulatedOutput extends DigitalOutputBase {
        private final int pin;

        SimulatedOutput(DigitalOutputProvider provider, DigitalOutputConfig config) {
            super(provider, config);
            this.pin = config.address();
        }

        @Override
        public DigitalOutput state(DigitalState state) {
            super.state(state);
            bench.pinDriven(pin, state.isHigh());
            return this;
        }
    }

    private final class InputProviderImpl extends DigitalInputProviderBase {
        InputProviderImpl() {
            super(PREFIX + "digital-input", "Simulated digital input");
        }

        @Override
        public DigitalInput create(DigitalInputConfig config) {
            return new SimulatedInput(this, config);
        }
    }

    private final class SimulatedInput extends DigitalInputBase {
        private final InputLine line;

        SimulatedInput(DigitalInputProvider provider, DigitalInputConfig config) {
            super(provider, config);
            // A line no chip drives rests where the input's pull puts it.
            this.line = bench.inputLine(config.address(), config.pull() != PullResistance.PULL_DOWN);
            line.listen(high -> dispatch(new DigitalStateChangeEvent<>(this, DigitalState.getState(high))));
        }

        @Override
        public DigitalState state() {
            return DigitalState.getState(line.high());
        }
    }

    // ------------------------------------------------------------------ PWM

    private final class PwmProviderImpl extends PwmProviderBase {
        PwmProviderImpl() {
            super(PREFIX + "pwm", "Simulated PWM");
        }

        @Override
        public Pwm create(PwmConfig config) {
            return new SimulatedPwm(this, config);
        }
    }

    private final class SimulatedPwm extends PwmBase {
        private final int channel;

        SimulatedPwm(PwmProvider provider, PwmConfig config) {
            super(provider, config);
            this.channel = config.address();
            if (config.frequency() != null) {
                this.frequency = config.frequency(); // as the kernel's pwm channel is set up from the config
            }
        }

        @Override
        public Pwm on() {
            onState = true;
            report();
            return this;
        }

        @Override
        public Pwm off() {
            onState = false;
            report();
            return this;
        }

        @Override
        public void setDutyCycle(Integer percent) {
            super.setDutyCycle(percent);
            if (onState) {
                report();
            }
        }

        @Override
        public void setFrequency(int hertz) {
            super.setFrequency(hertz);
            if (onState) {
                report();
            }
        }

        private void report() {
            PwmChip chip = bench.pwmChip(channel);
            if (chip != null) {
                chip.output(bench.timer().nanoTime(), onState, frequency, dutyCycle == null ? 0.0 : dutyCycle);
            }
        }
    }
}
