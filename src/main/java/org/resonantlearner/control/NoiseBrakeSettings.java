package org.resonantlearner.control;

import org.resonantlearner.check.Check;

/**
 * Knobs of the noise-plus-brake tuner ({@link NoiseBrakeTuner} gives the law they enter). Step sizes
 * are fractions of the actuator range: the tuner never knows the linewidth.
 *
 * @param initialSigmaFraction exploration amplitude σ at the start, fraction of the range, (0, 0.5]
 * @param maxSigmaFraction cap of σ, fraction of the range, ≥ initialSigmaFraction, ≤ 0.5
 * @param brakeSigmaFraction the brake engages when σ falls below {@code max(1 step, this × range)},
 *     [0, initialSigmaFraction)
 * @param releaseSigmaFraction σ after a release, fraction of the range, (0, maxSigmaFraction]
 * @param growFactor σ multiplier after a success ("run"), [1, 10]
 * @param shrinkFactor σ multiplier after a failure ("tumble"), (0, 1)
 * @param stepJitter c in the trial step {@code d·σ·(1 + c·ξ)}, ξ ~ N(0, 1), [0, 1]
 * @param minNoiseMargin floor η_min of the relative success margin η, [0, 1]
 * @param noiseMarginSigmas z_η: η = max(η_min, z_η·√2·s) with s the measured relative spread of one
 *     window, [0, 10]
 * @param minReleaseDrop floor ρ_min of the relative power drop that releases the brake, (0, 1)
 * @param releaseDropSigmas z_ρ: ρ = max(ρ_min, z_ρ·s·√(α_L/(2 − α_L))) (the spread of the lock
 *     average), [0, 100]
 * @param lockAveragingFraction α_L, the weight of a new window in the lock average, (0, 1]
 * @param refineNoiseMargin η_r: while refining, enough windows are averaged per judgement that the
 *     noise part of η is at most this (relative), (0, 1]
 * @param maxJudgementWindows most settled windows averaged per judgement while refining, 1 .. 1,000
 * @param measureWindows settled windows averaged when the anchor is measured at the start and before
 *     the brake engages, 1 .. 100
 * @param paybackTimeInSettleTimes T_payback / settle time: a move must pay for itself within
 *     T_payback, (0, 1e9]
 */
public record NoiseBrakeSettings(
        double initialSigmaFraction,
        double maxSigmaFraction,
        double brakeSigmaFraction,
        double releaseSigmaFraction,
        double growFactor,
        double shrinkFactor,
        double stepJitter,
        double minNoiseMargin,
        double noiseMarginSigmas,
        double minReleaseDrop,
        double releaseDropSigmas,
        double lockAveragingFraction,
        double refineNoiseMargin,
        int maxJudgementWindows,
        int measureWindows,
        double paybackTimeInSettleTimes) {

    /** Default initial σ: 1 % of the range. */
    public static final double DEFAULT_INITIAL_SIGMA_FRACTION = 0.01;
    /** Default cap of σ: 25 % of the range. */
    public static final double DEFAULT_MAX_SIGMA_FRACTION = 0.25;
    /** Default brake threshold: 0.01 % of the range (1 step of 10,000; never below 1 step). */
    public static final double DEFAULT_BRAKE_SIGMA_FRACTION = 0.0001;
    /** Default σ after a release: 0.2 % of the range. */
    public static final double DEFAULT_RELEASE_SIGMA_FRACTION = 0.002;
    /** Default growth on success. */
    public static final double DEFAULT_GROW_FACTOR = 2.0;
    /** Default shrink on failure. */
    public static final double DEFAULT_SHRINK_FACTOR = 0.5;
    /** Default step jitter c. */
    public static final double DEFAULT_STEP_JITTER = 0.25;
    /** Default floor of the success margin: 1 %. */
    public static final double DEFAULT_MIN_NOISE_MARGIN = 0.01;
    /** Default success margin in standard deviations of a difference of two windows. */
    public static final double DEFAULT_NOISE_MARGIN_SIGMAS = 2.0;
    /** Default floor of the release drop: 3 %. */
    public static final double DEFAULT_MIN_RELEASE_DROP = 0.03;
    /** Default release drop in standard deviations of the lock average. */
    public static final double DEFAULT_RELEASE_DROP_SIGMAS = 8.0;
    /** Default weight of a window in the lock average. */
    public static final double DEFAULT_LOCK_AVERAGING_FRACTION = 0.1;
    /** Default noise margin aimed at while refining: 2 % (a peak located to within 0.98 of its power). */
    public static final double DEFAULT_REFINE_NOISE_MARGIN = 0.02;
    /** Default cap of windows per judgement while refining under noise. */
    public static final int DEFAULT_MAX_JUDGEMENT_WINDOWS = 16;
    /** Default windows averaged when measuring the anchor at start and before braking. */
    public static final int DEFAULT_MEASURE_WINDOWS = 3;
    /** Default payback time: 4000 settle times (60 s on the default RLC rig, where 3τ = 15 ms). */
    public static final double DEFAULT_PAYBACK_TIME_IN_SETTLE_TIMES = 4000.0;

    /** Validates every knob and their order. */
    public NoiseBrakeSettings {
        Check.inRange("initialSigmaFraction", initialSigmaFraction, "", Double.MIN_VALUE, 0.5);
        Check.inRange("maxSigmaFraction", maxSigmaFraction, "", initialSigmaFraction, 0.5);
        Check.inRange("brakeSigmaFraction", brakeSigmaFraction, "", 0.0, Math.nextDown(initialSigmaFraction));
        Check.inRange("releaseSigmaFraction", releaseSigmaFraction, "", Double.MIN_VALUE, maxSigmaFraction);
        Check.inRange("growFactor", growFactor, "", 1.0, 10.0);
        Check.inRange("shrinkFactor", shrinkFactor, "", Double.MIN_VALUE, Math.nextDown(1.0));
        Check.inRange("stepJitter", stepJitter, "", 0.0, 1.0);
        Check.inRange("minNoiseMargin", minNoiseMargin, "", 0.0, 1.0);
        Check.inRange("noiseMarginSigmas", noiseMarginSigmas, "", 0.0, 10.0);
        Check.inRange("minReleaseDrop", minReleaseDrop, "", Double.MIN_VALUE, Math.nextDown(1.0));
        Check.inRange("releaseDropSigmas", releaseDropSigmas, "", 0.0, 100.0);
        Check.inRange("lockAveragingFraction", lockAveragingFraction, "", Double.MIN_VALUE, 1.0);
        Check.inRange("refineNoiseMargin", refineNoiseMargin, "", Double.MIN_VALUE, 1.0);
        Check.inRange("maxJudgementWindows", maxJudgementWindows, "", 1, 1_000);
        Check.inRange("measureWindows", measureWindows, "", 1, 100);
        Check.inRange("paybackTimeInSettleTimes", paybackTimeInSettleTimes, "", Double.MIN_VALUE, 1e9);
    }

    /** The defaults (see the DEFAULT_ constants). */
    public static NoiseBrakeSettings defaults() {
        return new NoiseBrakeSettings(DEFAULT_INITIAL_SIGMA_FRACTION, DEFAULT_MAX_SIGMA_FRACTION,
                DEFAULT_BRAKE_SIGMA_FRACTION, DEFAULT_RELEASE_SIGMA_FRACTION, DEFAULT_GROW_FACTOR,
                DEFAULT_SHRINK_FACTOR, DEFAULT_STEP_JITTER, DEFAULT_MIN_NOISE_MARGIN, DEFAULT_NOISE_MARGIN_SIGMAS,
                DEFAULT_MIN_RELEASE_DROP, DEFAULT_RELEASE_DROP_SIGMAS, DEFAULT_LOCK_AVERAGING_FRACTION,
                DEFAULT_REFINE_NOISE_MARGIN, DEFAULT_MAX_JUDGEMENT_WINDOWS, DEFAULT_MEASURE_WINDOWS, DEFAULT_PAYBACK_TIME_IN_SETTLE_TIMES);
    }
}
