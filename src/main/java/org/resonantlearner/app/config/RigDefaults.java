package org.resonantlearner.app.config;

/**
 * Defaults that depend on the rig kind: the reference rigs of {@code hardware/} (RLC near 1 kHz on
 * an SPI ADC; mechanical near 30 Hz on a slower 16-bit ADC).
 */
record RigDefaults(String tunedUnit, double tunedValueAtMin, double tunedValueAtMax, String driveUnit,
        double driveFrequencyHz, double driveAmplitude, double sampleRateHz, int adcBits, double fullScaleVolts,
        double noiseVoltsRms, double maxWindowSeconds, double progressIntervalSeconds) {

    static RigDefaults of(String kind, boolean massTuned) {
        return switch (kind) {
            // L = 10 mH, R = 4 ohm: f0 = 1 kHz at C = 2.53 uF, loaded Q = 15.7, linewidth 63.7 Hz, tau = 5 ms.
            case "rlc" -> new RigDefaults("F", 0.5e-6, 20e-6, "V", 1000.0, 0.5, 20_000, 12, 3.3, 0.5e-3, 0.5, 0.5);
            // m = 50 g, c = 0.15 N*s/m: f0 = 30 Hz at k = 1776 N/m, Q = 63, linewidth 0.48 Hz, tau = 0.67 s.
            case "mechanical-force" -> new RigDefaults("N/m", 500, 4000, "N", 30.0, 0.1, 800, 16, 4.096, 0.2e-3, 5.0, 10.0);
            case "mechanical-base" -> massTuned
                    ? new RigDefaults("kg", 0.02, 0.12, "m", 30.0, 1e-4, 800, 16, 4.096, 0.2e-3, 5.0, 10.0)
                    : new RigDefaults("N/m", 500, 4000, "m", 30.0, 1e-4, 800, 16, 4.096, 0.2e-3, 5.0, 10.0);
            default -> throw new IllegalStateException(kind);
        };
    }
}
