package org.resonantlearner.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.resonantlearner.telemetry.RunSummary;

/**
 * One pass/fail criterion of a hil suite ({@code "criteria"} of a scenario, README "Pass/fail runs for
 * hardware in the loop"): its key (unit in the name), whether the limit is a minimum or a maximum,
 * the limits a suite may set, and how a run's summary is judged against it. A criterion the run
 * cannot judge (a capture ratio without an oracle, a front-end counter without a front-end) is
 * {@link HilVerdict.Status#SKIP}, with the reason, never a pass or a fail.
 */
public enum HilCriterion {
    /** Harvested over oracle energy at least the limit; needs the oracle (the simulated rig). */
    CAPTURE_RATIO_MIN("captureRatioMin", "", true, false, 0, 1),
    /** Lock from the start within the limit (s). */
    LOCK_TIME_MAX_SECONDS("lockTimeMaxSeconds", "s", false, false, 0, HilCriterion.MAX_SECONDS),
    /** Every re-lock after a drive event within the limit (s); the scenario needs a drive event. */
    RELOCK_MAX_SECONDS("relockMaxSeconds", "s", false, false, 0, HilCriterion.MAX_SECONDS),
    /** Actuator moves at most the limit. */
    MOVES_MAX("movesMax", "", false, true, 0, HilCriterion.MAX_COUNT),
    /** Harvested minus tuning energy at least the limit (J); negative limits allowed. */
    NET_ENERGY_MIN_JOULES("netEnergyMinJoules", "J", true, false, -HilCriterion.MAX_JOULES, HilCriterion.MAX_JOULES),
    /** Fraction of the judged windows that were locked at least the limit. */
    LOCKED_FRACTION_MIN("lockedFractionMin", "", true, false, 0, 1),
    /** Harvested energy over the run's stream time at least the limit (W). */
    MEAN_HARVESTED_POWER_MIN_WATTS("meanHarvestedPowerMinWatts", "W", true, false, 0, HilCriterion.MAX_WATTS),
    /** Watchdog stalls (samples stopped for longer than its timeout) at most the limit. */
    WATCHDOG_STALLS_MAX("watchdogStallsMax", "", false, true, 0, HilCriterion.MAX_COUNT),
    /** Samples the serial front-end's link lost at most the limit; needs a front-end link. */
    SAMPLES_LOST_MAX("samplesLostMax", "", false, true, 0, HilCriterion.MAX_COUNT),
    /** Frames the serial front-end's link received damaged at most the limit; needs a front-end link. */
    CORRUPT_FRAMES_MAX("corruptFramesMax", "", false, true, 0, HilCriterion.MAX_COUNT);

    /** Longest time limit (s): the longest run a config allows. */
    static final double MAX_SECONDS = 1e7;
    /** Largest count limit. */
    static final double MAX_COUNT = 1e15;
    /** Largest energy limit, either sign (J): beyond what any config can harvest. */
    static final double MAX_JOULES = 1e50;
    /** Largest power limit (W): beyond what any config can harvest. */
    static final double MAX_WATTS = 1e40;

    private final String key;
    private final String unit;
    private final boolean minimum;
    private final boolean count;
    private final double lowestLimit;
    private final double highestLimit;

    HilCriterion(String key, String unit, boolean minimum, boolean count, double lowestLimit, double highestLimit) {
        this.key = key;
        this.unit = unit;
        this.minimum = minimum;
        this.count = count;
        this.lowestLimit = lowestLimit;
        this.highestLimit = highestLimit;
    }

    /** Its key in a suite's {@code "criteria"}. */
    public String key() {
        return key;
    }

    /** Unit of its limit and measured value ("" for ratios and counts). */
    public String unit() {
        return unit;
    }

    /** True when the limit is a whole number (a count). */
    public boolean count() {
        return count;
    }

    /** Smallest limit a suite may set. */
    public double lowestLimit() {
        return lowestLimit;
    }

    /** Largest limit a suite may set. */
    public double highestLimit() {
        return highestLimit;
    }

    /** True when a run passes at or above the limit; false when at or below. */
    public boolean minimum() {
        return minimum;
    }

    /** Every key, in table order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(HilCriterion::key).toList();
    }

    /** The criterion of {@code key}; null for a key that is none. */
    public static HilCriterion ofKey(String key) {
        for (HilCriterion criterion : values()) {
            if (criterion.key.equals(key)) {
                return criterion;
            }
        }
        return null;
    }

    /** The limit as the table shows it, as the suite wrote it: {@code ">= 0.92"}, {@code "<= 1.5 s"}. */
    public String limitText(double limit) {
        String number = java.math.BigDecimal.valueOf(limit).stripTrailingZeros().toPlainString();
        return (minimum ? ">= " : "<= ") + (unit.isEmpty() ? number : number + " " + unit);
    }

    /**
     * Judges {@code summary} against {@code limit}.
     *
     * @param modeName the run's mode ({@code sim}, {@code serial}, ...), for the reason of a skip
     */
    public HilVerdict judge(String scenario, double limit, RunSummary summary, String modeName) {
        double measured;
        switch (this) {
            case CAPTURE_RATIO_MIN -> {
                if (!summary.hasOracle()) {
                    return verdict(scenario, limit, HilVerdict.Status.SKIP, "–",
                            "no oracle in " + modeName + " mode: the capture ratio needs the simulated rig's truth");
                }
                measured = summary.captureRatio();
            }
            case LOCK_TIME_MAX_SECONDS -> {
                measured = summary.lockTimeSeconds();
                if (Double.isNaN(measured)) {
                    return failed(scenario, limit, "never locked (against " + summary.lockReference() + ")");
                }
            }
            case RELOCK_MAX_SECONDS -> {
                double[] relocks = summary.relockTimesSeconds();
                measured = 0;
                for (int i = 0; i < relocks.length; i++) {
                    if (Double.isNaN(relocks[i])) {
                        return failed(scenario, limit, "never re-locked after drive event " + (i + 1) + " of "
                                + relocks.length + " (against " + summary.lockReference() + ")");
                    }
                    measured = Math.max(measured, relocks[i]);
                }
            }
            case MOVES_MAX -> measured = summary.actuatorMoves();
            case NET_ENERGY_MIN_JOULES -> measured = summary.netEnergyJoules();
            case LOCKED_FRACTION_MIN -> {
                measured = summary.lockedFraction();
                if (Double.isNaN(measured)) {
                    return failed(scenario, limit, "no window was judged (against " + summary.lockReference() + ")");
                }
            }
            case MEAN_HARVESTED_POWER_MIN_WATTS -> measured = summary.harvestedEnergyJoules() / summary.durationSeconds();
            case WATCHDOG_STALLS_MAX -> measured = summary.watchdogStalls();
            case SAMPLES_LOST_MAX, CORRUPT_FRAMES_MAX -> {
                String counter = this == SAMPLES_LOST_MAX ? "samplesLost" : "corruptFrames";
                Map<String, Object> frontEnd = summary.frontEnd();
                if (frontEnd == null || !(frontEnd.get(counter) instanceof Number value)) {
                    return verdict(scenario, limit, HilVerdict.Status.SKIP, "–",
                            "no front-end link in " + modeName + " mode: nothing counts " + counter);
                }
                measured = value.doubleValue();
            }
            default -> throw new IllegalStateException("criterion " + key + " has no measure");
        }
        boolean pass = passes(measured, limit);
        String shown = format(measured);
        if (!count && passes(Double.parseDouble(shown.split(" ")[0]), limit) != pass) {
            // Four digits would round across the limit ("0.7500" failing ">= 0.75"): show every digit.
            shown = unit.isEmpty() ? Double.toString(measured) : measured + " " + unit;
        }
        return verdict(scenario, limit, pass ? HilVerdict.Status.PASS : HilVerdict.Status.FAIL, shown, "");
    }

    private boolean passes(double measured, double limit) {
        return minimum ? measured >= limit : measured <= limit;
    }

    private HilVerdict failed(String scenario, double limit, String reason) {
        return verdict(scenario, limit, HilVerdict.Status.FAIL, "–", reason);
    }

    private HilVerdict verdict(String scenario, double limit, HilVerdict.Status status, String measured, String reason) {
        return new HilVerdict(scenario, key, limitText(limit), measured, status, reason);
    }

    /** A limit or measured value with its unit: counts whole, the rest to four significant digits. */
    String format(double value) {
        String number = count ? Long.toString(Math.round(value)) : String.format(Locale.ROOT, "%.4g", value);
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
