/**
 * Raspberry Pi adapters of the hal ports, on Pi4J 3.0.x (gpiod for digital I/O, linuxfs for SPI, I2C
 * and PWM).
 *
 * <p>Sample sources: {@link org.resonantlearner.hal.pi4j.Mcp3x08SampleSource} (MCP3008/MCP3208,
 * SPI) and {@link org.resonantlearner.hal.pi4j.Ads1115SampleSource} (ADS1115, I2C, continuous with
 * ALERT/RDY or single-shot polling); codes become load volts through an
 * {@link org.resonantlearner.hal.pi4j.AdcFrontEnd} (mid-scale bias, divider, load resistance,
 * {@link org.resonantlearner.hal.AdcCalibration}). Tuning actuators:
 * {@link org.resonantlearner.hal.pi4j.StepDirStepperActuator} (A4988/DRV8825),
 * {@link org.resonantlearner.hal.pi4j.Mcp4725DacActuator} (varactor bias),
 * {@link org.resonantlearner.hal.pi4j.SwitchedCapacitorBankActuator} (break-before-make bank) and
 * {@link org.resonantlearner.hal.pi4j.PwmDutyCycleActuator} (hardware PWM).
 *
 * <p>Every adapter is built from Pi4J I/O objects ({@code Spi}, {@code I2C}, {@code DigitalOutput},
 * {@code DigitalInput}, {@code Pwm}) and a settings record; none creates or sees a Pi4J
 * {@code Context}: the application opens the I/O in one place and closes it after the adapters.
 * No class sleeps by itself: waits go through an injected {@link org.resonantlearner.hal.pi4j.Delay}
 * or {@link org.resonantlearner.hal.pi4j.SampleTimer} ({@link org.resonantlearner.hal.pi4j.SystemTimer}
 * on the Pi, recording fakes in the tests).
 *
 * <p>What is taken from Pi4J and what is left: the adapters call only the abstract I/O methods with
 * caller-owned, preallocated buffers ({@code transfer(byte[], int, byte[], int, int)},
 * {@code writeRegister(int, byte[], int, int)}, {@code state(DigitalState)}), so tests can verify the
 * exact bytes and pin levels on Mockito mocks, and the hot path allocates nothing. Left: Pi4J's
 * percent duty cycle (the PWM adapter takes a fraction and converts at the boundary), its
 * {@code pulse}/{@code blink} helpers (they sleep inside the I/O class with millisecond granularity),
 * the default input debounce (it swallows the ADS1115's 8 µs ready pulse) and provider
 * auto-discovery deciding between hardware and mocks.
 */
package org.resonantlearner.hal.pi4j;

import org.resonantlearner.hal.AdcCalibration;