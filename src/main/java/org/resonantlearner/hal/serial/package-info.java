/**
 * Microcontroller front-end over USB serial (jSerialComm): the wire protocol of
 * {@code hardware/serial-protocol.md}, its decoder and encoder, the host adapter
 * {@link org.resonantlearner.hal.serial.SerialFrontEnd} (a {@code SampleSource} and a
 * {@code TuningActuator}) and a device emulator for tests and demos.
 */
package org.resonantlearner.hal.serial;
