/**
 * Simulated Raspberry Pi hardware for the {@code hal.pi4j} drivers ({@code "pi4j": {"simulated": true}}).
 *
 * <p>{@link org.resonantlearner.hal.pisim.SimulatedPi} is the bench: Pi4J providers of its own
 * (SPI, I2C, digital output and input, PWM) whose other side is an emulated chip, wired to a
 * {@link org.resonantlearner.hal.sim.SimulatedRig}'s physics, all in one
 * {@link org.resonantlearner.hal.pisim.VirtualTimer}. The chips (MCP3008/3208, ADS1115,
 * A4988/DRV8825 with carriage and home switch, MCP4725, capacitor bank, PWM) are written from their
 * datasheets; each class says what it models and what not. Faults are injected from
 * {@link org.resonantlearner.hal.pisim.SimulatedPiFaults}. Nothing in {@code hal.pi4j} knows it
 * runs here: {@code app.Adapters} opens the same drivers on this bench's context and timer.
 */
package org.resonantlearner.hal.pisim;
