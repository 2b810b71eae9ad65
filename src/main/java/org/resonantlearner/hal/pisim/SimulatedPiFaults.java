package org.resonantlearner.hal.pisim;

import java.util.List;
import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;

/**
 * Chip faults injected into simulated Pi hardware ({@code pi4j.faults} in the config).
 *
 * @param spiMiso what the SPI converter's MISO line does: {@code "ok"}, {@code "all-ones"} (stuck high:
 *     an unpowered or missing chip with a pull-up) or {@code "all-zeros"} (stuck low)
 * @param adsReadyStopsAfterConversions the ADS1115 stops pulsing ALERT/RDY after this many
 *     conversions (0 = never pulses); -1 = it never stops
 * @param homeSwitchNeverCloses the home switch stays open at position 0 (broken wire, switch missing)
 * @param lostStepFraction fraction of STEP pulses the driver misses, at random (seeded), in [0, 1]:
 *     the tuning lags the counted position
 * @param i2cNakAddresses 7-bit I2C addresses whose chip acknowledges nothing (absent, wrong address)
 */
public record SimulatedPiFaults(String spiMiso, long adsReadyStopsAfterConversions, boolean homeSwitchNeverCloses,
        double lostStepFraction, List<Integer> i2cNakAddresses) {
    /** The values {@code spiMiso} accepts. */
    public static final List<String> SPI_MISO_CHOICES = List.of("ok", "all-ones", "all-zeros");

    /** No fault. */
    public static final SimulatedPiFaults NONE = new SimulatedPiFaults("ok", -1, false, 0.0, List.of());

    /** Validates every field. */
    public SimulatedPiFaults {
        Check.present("spiMiso", spiMiso);
        if (!SPI_MISO_CHOICES.contains(spiMiso)) {
            throw new InvalidValueException("spiMiso", spiMiso, "", "one of " + SPI_MISO_CHOICES);
        }
        Check.inRange("adsReadyStopsAfterConversions", adsReadyStopsAfterConversions, "conversions", -1L,
                Long.MAX_VALUE);
        Check.inRange("lostStepFraction", lostStepFraction, "", 0.0, 1.0);
        i2cNakAddresses = List.copyOf(Check.present("i2cNakAddresses", i2cNakAddresses));
    }

    /** True when no fault is injected. */
    public boolean none() {
        return equals(NONE);
    }
}
