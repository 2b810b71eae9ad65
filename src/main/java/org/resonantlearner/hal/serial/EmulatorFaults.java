package org.resonantlearner.hal.serial;

/**
 * The faults a {@link FrontEndEmulator} injects on its way to the host, each named after the
 * {@code emulate-frontend} option that sets it (the validation messages name the option and its
 * allowed range). Periods are on the device's sample clock (seconds since power-up); a period of 0
 * switches that fault off.
 *
 * @param corruptRate probability per byte of a sample frame (its two sync bytes excepted) that a bit
 *     of it is flipped on the way to the host, [0, 1]
 * @param dropRate probability per sample frame that it is not sent (it still takes a sequence
 *     number, as a frame lost on the wire), [0, 1]
 * @param latencySeconds every frame leaves this long after it was ready, [0, 10] s
 * @param unplugEverySeconds an unplug begins every this many seconds, 0 or [0.2, 86400] s
 * @param unplugForSeconds each unplug lasts this long, [0.05, 3600] s and shorter than the period
 * @param stallEverySeconds a stall begins every this many seconds, 0 or [0.01, 86400] s
 * @param stallForSeconds each stall lasts this long, (0, 3600] s and shorter than the period
 * @param seed seed of the random draws (corruption, drops), so that a run's faults repeat
 */
public record EmulatorFaults(double corruptRate, double dropRate, double latencySeconds, double unplugEverySeconds,
        double unplugForSeconds, double stallEverySeconds, double stallForSeconds, long seed) {
    /** No faults. */
    public static final EmulatorFaults NONE = new EmulatorFaults(0, 0, 0, 0, 0, 0, 0, 1);

    /** Checks every field; the message of the exception names the option and the allowed range. */
    public EmulatorFaults {
        within("--corrupt-rate", corruptRate, 0, 1, "");
        within("--drop-rate", dropRate, 0, 1, "");
        within("--latency-ms", latencySeconds * 1000, 0, 10_000, "");
        if (unplugEverySeconds != 0) {
            within("--unplug-every", unplugEverySeconds, 0.2, 86_400, " s (or 0: never)");
            within("--unplug-for", unplugForSeconds, 0.05, Math.min(3600, unplugEverySeconds),
                    " s (less than --unplug-every)");
            if (unplugForSeconds >= unplugEverySeconds) {
                throw new IllegalArgumentException("--unplug-for " + unplugForSeconds
                        + " must be less than --unplug-every " + unplugEverySeconds);
            }
        } else if (unplugForSeconds != 0) {
            throw new IllegalArgumentException("--unplug-for needs --unplug-every");
        }
        if (stallEverySeconds != 0) {
            within("--stall-every", stallEverySeconds, 0.01, 86_400, " s (or 0: never)");
            if (!(stallForSeconds > 0 && stallForSeconds < stallEverySeconds && stallForSeconds <= 3600)) {
                throw new IllegalArgumentException("--stall-for " + stallForSeconds
                        + " is outside (0, " + Math.min(3600, stallEverySeconds) + ") s (less than --stall-every)");
            }
        } else if (stallForSeconds != 0) {
            throw new IllegalArgumentException("--stall-for needs --stall-every");
        }
    }

    private static void within(String option, double value, double min, double max, String unit) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(option + " " + value + " is outside [" + min + ", " + max + "]" + unit);
        }
    }

    /** Whether any fault is switched on. */
    public boolean any() {
        return corruptRate > 0 || dropRate > 0 || latencySeconds > 0 || unplugEverySeconds > 0 || stallEverySeconds > 0;
    }
}
