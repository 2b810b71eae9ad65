package org.resonantlearner.app.config;

/** Which adapters a run uses; {@code app.Adapters} is the one place that acts on it. */
public enum RunMode {
    /** The simulated rig (physics model behind the ports). */
    SIM,
    /** A microcontroller front-end over USB serial (protocol in hardware/serial-protocol.md). */
    SERIAL;

    /** The config spelling: "sim", "serial". */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
