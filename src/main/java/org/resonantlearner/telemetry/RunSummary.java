package org.resonantlearner.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measures of one run (DESIGN §3), as written to {@code summary.json} and {@code bench.json}.
 * Key names carry units. NaN (not measured, never locked) is written as JSON null.
 *
 * @param rig rig kind ("rlc", ...)
 * @param tuner tuner name
 * @param seed run seed
 * @param durationSeconds stream time covered (s)
 * @param harvestedEnergyJoules energy delivered to the load (J): physics truth on the simulated rig,
 *     the measurement on hardware
 * @param measuredEnergyJoules energy the power meter measured from the samples (J)
 * @param oracleEnergyJoules energy an always-optimally-tuned rig would have harvested (J); NaN on hardware
 * @param lockTimeSeconds time to reach and hold 95 % of oracle power from the start (s)
 * @param relockTimesSeconds the same after each drive event (s)
 * @param lockedFraction fraction of windows at ≥ 95 % of oracle power
 * @param actuatorMoves moves the actuator made
 * @param actuatorTravelSteps total travel (steps)
 * @param tuningEnergyJoules energy spent on moves (J)
 * @param breakEvenTimeSeconds when harvested energy caught up with tuning energy (s)
 * @param safetyInterventions commands the safety limits rejected, clamped or slowed
 * @param watchdogStalls times the samples stopped for longer than the watchdog timeout
 * @param stalledSeconds total duration of those stalls on the watchdog's clock (s)
 * @param exitStatus "completed", "running", "stopped" or "failed: ..."
 * @param lockReference what lock was judged against ({@link RunMeasures#lockReference()}): "oracle" on the
 *     simulated rig, "calibration" or "best-settled-power" on hardware
 * @param frontEnd the front-end's health and identity (counters, INFO) in a run on a serial front-end; null
 *     when there is none (simulated rig, Pi adapters): the key is then left out
 */
public record RunSummary(String rig, String tuner, long seed, double durationSeconds, double harvestedEnergyJoules,
        double measuredEnergyJoules, double oracleEnergyJoules, double lockTimeSeconds, double[] relockTimesSeconds,
        double lockedFraction, long actuatorMoves, long actuatorTravelSteps, double tuningEnergyJoules,
        double breakEvenTimeSeconds, long safetyInterventions, long watchdogStalls, double stalledSeconds,
        String exitStatus, String lockReference, Map<String, Object> frontEnd) {

    /**
     * Whether the run had an oracle (the simulated rig): the one place that decides, for the JSON,
     * the console and the bench table alike. Hardware cannot know the optimally tuned power.
     */
    public boolean hasOracle() {
        return !Double.isNaN(oracleEnergyJoules);
    }

    /** Harvested over oracle energy; 1.0 is the physical limit. NaN without an oracle ({@link #hasOracle}). */
    public double captureRatio() {
        return hasOracle() ? harvestedEnergyJoules / oracleEnergyJoules : Double.NaN;
    }

    /**
     * The console's energy line: "harvested X J of Y J oracle: capture ratio Z", or on hardware
     * "harvested X J (measured); no oracle on hardware, so no capture ratio".
     */
    public String energyLine() {
        if (!hasOracle()) {
            return String.format("harvested %.6g J (measured); no oracle on hardware, so no capture ratio",
                    harvestedEnergyJoules);
        }
        return String.format("harvested %.6g J of %.6g J oracle: capture ratio %.4f", harvestedEnergyJoules,
                oracleEnergyJoules, captureRatio());
    }

    /** The console's lock figure: "lock time 0.491 s (against oracle)", or "never locked (against ...)". */
    public String lockPhrase() {
        String against = " (against " + lockReference + ")";
        return (Double.isNaN(lockTimeSeconds) ? "never locked" : String.format("lock time %.3f s", lockTimeSeconds))
                + against;
    }

    /** Harvested minus tuning energy (J). */
    public double netEnergyJoules() {
        return harvestedEnergyJoules - tuningEnergyJoules;
    }

    /** The JSON object of this summary, keys in a fixed order, NaN as null. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rig", rig);
        map.put("tuner", tuner);
        map.put("seed", seed);
        map.put("durationSeconds", finiteOrNull(durationSeconds));
        map.put("harvestedEnergyJoules", finiteOrNull(harvestedEnergyJoules));
        map.put("measuredEnergyJoules", finiteOrNull(measuredEnergyJoules));
        map.put("oracleEnergyJoules", hasOracle() ? finiteOrNull(oracleEnergyJoules) : null);
        map.put("captureRatio", hasOracle() ? finiteOrNull(captureRatio()) : null);
        map.put("lockReference", lockReference);
        map.put("lockTimeSeconds", finiteOrNull(lockTimeSeconds));
        List<Object> relock = new ArrayList<>();
        for (double t : relockTimesSeconds) {
            relock.add(finiteOrNull(t));
        }
        map.put("relockTimesSeconds", relock);
        map.put("lockedFraction", finiteOrNull(lockedFraction));
        map.put("actuatorMoves", actuatorMoves);
        map.put("actuatorTravelSteps", actuatorTravelSteps);
        map.put("tuningEnergyJoules", finiteOrNull(tuningEnergyJoules));
        map.put("netEnergyJoules", finiteOrNull(netEnergyJoules()));
        map.put("breakEvenTimeSeconds", finiteOrNull(breakEvenTimeSeconds));
        map.put("safetyInterventions", safetyInterventions);
        map.put("watchdogStalls", watchdogStalls);
        map.put("stalledSeconds", finiteOrNull(stalledSeconds));
        if (frontEnd != null) {
            map.put("frontEnd", frontEnd);
        }
        map.put("exitStatus", exitStatus);
        return map;
    }

    private static Object finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
