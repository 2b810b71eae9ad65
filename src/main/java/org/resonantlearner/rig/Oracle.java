package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * The quasi-static optimum a tuner is measured against: the steady-state load power at the best
 * whole actuator position within the actuator's range, at the drive of the moment (DESIGN §3).
 *
 * <p>Search: power at a coarse grid of positions (every position when the range is small), then
 * golden-section refinement between the best grid point's neighbours, then a check of the whole
 * positions around the result. It assumes nothing about the map's shape but that the power is
 * unimodal in position within one coarse grid cell around the optimum. For a Duffing rig the power
 * is the upper branch's (see {@link SteadyState}). Positions of equal power (a capacitor bank's
 * clamped codes) resolve to the lowest one in an exhaustively searched range, to the coarse grid's
 * point otherwise.
 *
 * <p>The last answer is cached: asking again for the same drive costs two comparisons, which is
 * what the loop does between drive changes. Allocation-free; not thread-safe.
 */
public final class Oracle {
    private static final int COARSE_POINTS = 65;
    private static final double INVERSE_GOLDEN = (Math.sqrt(5) - 1) / 2;

    private final RigModel rig;
    private final TuningMap map;
    private final int minPositionSteps;
    private final int maxPositionSteps;

    private double cachedFrequencyHz = Double.NaN;
    private double cachedAmplitude = Double.NaN;
    private double cachedPowerWatts = Double.NaN;
    private int cachedPositionSteps;

    /**
     * Creates the oracle.
     *
     * @param rig the rig model
     * @param map the actuator's tuning map
     * @param minPositionSteps lowest reachable position (steps)
     * @param maxPositionSteps highest reachable position (steps), &ge; minPositionSteps
     */
    public Oracle(RigModel rig, TuningMap map, int minPositionSteps, int maxPositionSteps) {
        this.rig = Check.present("rig", rig);
        this.map = Check.present("map", map);
        this.minPositionSteps = minPositionSteps;
        this.maxPositionSteps = Check.inRange("maxPositionSteps", maxPositionSteps, "steps", minPositionSteps,
                Integer.MAX_VALUE);
        this.cachedPositionSteps = minPositionSteps;
    }

    /** The rig model. */
    public RigModel rig() {
        return rig;
    }

    /** The tuning map. */
    public TuningMap map() {
        return map;
    }

    /** Lowest reachable position (steps). */
    public int minPositionSteps() {
        return minPositionSteps;
    }

    /** Highest reachable position (steps). */
    public int maxPositionSteps() {
        return maxPositionSteps;
    }

    /**
     * Steady-state load power (W) at the best reachable whole position for this drive.
     *
     * @param driveFrequencyHz drive frequency (Hz)
     * @param driveAmplitude peak drive amplitude in the rig's drive unit
     */
    public double powerWatts(double driveFrequencyHz, double driveAmplitude) {
        if (driveFrequencyHz == cachedFrequencyHz && driveAmplitude == cachedAmplitude) {
            return cachedPowerWatts;
        }
        search(driveFrequencyHz, driveAmplitude);
        cachedFrequencyHz = driveFrequencyHz;
        cachedAmplitude = driveAmplitude;
        return cachedPowerWatts;
    }

    /** The best position (steps) found by the last {@link #powerWatts} call. */
    public int bestPositionSteps() {
        return cachedPositionSteps;
    }

    /** The tuned value (F, N/m or kg) at {@link #bestPositionSteps()}. */
    public double bestTunedValue() {
        return map.valueAt(cachedPositionSteps);
    }

    /** Steady-state load power (W) with the actuator at {@code positionSteps}, for this drive. */
    public double powerAtPositionWatts(double positionSteps, double driveFrequencyHz, double driveAmplitude) {
        return SteadyState.loadPowerWatts(rig, map.valueAt(positionSteps), driveFrequencyHz, driveAmplitude);
    }

    private void search(double frequencyHz, double amplitude) {
        long span = (long) maxPositionSteps - minPositionSteps;
        int bestPosition = minPositionSteps;
        double bestPower = Double.NEGATIVE_INFINITY;
        if (span < COARSE_POINTS) {
            for (int position = minPositionSteps; position <= maxPositionSteps; position++) {
                double power = powerAtPositionWatts(position, frequencyHz, amplitude);
                if (power > bestPower) {
                    bestPower = power;
                    bestPosition = position;
                }
            }
            cachedPositionSteps = bestPosition;
            cachedPowerWatts = bestPower;
            return;
        }
        int bestIndex = 0;
        for (int i = 0; i < COARSE_POINTS; i++) {
            double power = powerAtPositionWatts(gridPosition(i, span), frequencyHz, amplitude);
            if (power > bestPower) {
                bestPower = power;
                bestIndex = i;
            }
        }
        double lo = gridPosition(Math.max(bestIndex - 1, 0), span);
        double hi = gridPosition(Math.min(bestIndex + 1, COARSE_POINTS - 1), span);
        double c = hi - INVERSE_GOLDEN * (hi - lo);
        double d = lo + INVERSE_GOLDEN * (hi - lo);
        double powerC = powerAtPositionWatts(c, frequencyHz, amplitude);
        double powerD = powerAtPositionWatts(d, frequencyHz, amplitude);
        while (hi - lo > 2) {
            if (powerC >= powerD) {
                hi = d;
                d = c;
                powerD = powerC;
                c = hi - INVERSE_GOLDEN * (hi - lo);
                powerC = powerAtPositionWatts(c, frequencyHz, amplitude);
            } else {
                lo = c;
                c = d;
                powerC = powerD;
                d = lo + INVERSE_GOLDEN * (hi - lo);
                powerD = powerAtPositionWatts(d, frequencyHz, amplitude);
            }
        }
        // Only whole positions are reachable: check every one around the refined bracket, keeping
        // the coarse winner if nothing beats it.
        bestPosition = gridPosition(bestIndex, span);
        long first = Math.max((long) Math.floor(lo) - 1, minPositionSteps);
        long last = Math.min((long) Math.ceil(hi) + 1, maxPositionSteps);
        for (long position = first; position <= last; position++) {
            double power = powerAtPositionWatts(position, frequencyHz, amplitude);
            if (power > bestPower) {
                bestPower = power;
                bestPosition = (int) position;
            }
        }
        cachedPositionSteps = bestPosition;
        cachedPowerWatts = bestPower;
    }

    private int gridPosition(int index, long span) {
        return (int) (minPositionSteps + span * index / (COARSE_POINTS - 1));
    }

    @Override
    public String toString() {
        return "Oracle[rig=" + rig + ", map=" + map + ", positions " + minPositionSteps + ".." + maxPositionSteps + "]";
    }
}
