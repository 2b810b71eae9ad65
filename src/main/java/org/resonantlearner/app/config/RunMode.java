package org.resonantlearner.app.config;

/** Which adapters a run uses; {@code app.Adapters} is the one place that acts on it. */
public enum RunMode {
    /** The simulated rig (physics model behind the ports). */
    SIM,
    /** A microcontroller front-end over USB serial (protocol in hardware/serial-protocol.md). */
    SERIAL,
    /** ADC and actuator on the Raspberry Pi's own buses and pins through Pi4J (wiring in the pi4j section). */
    PI4J;

    /** The config spelling: "sim", "serial", "pi4j". */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every config spelling, in declaration order. */
    public static java.util.List<String> configNames() {
        return java.util.Arrays.stream(values()).map(RunMode::configName).toList();
    }
}
