package org.resonantlearner.control;

import java.util.Random;
import org.resonantlearner.check.Check;
import org.resonantlearner.harvest.PowerWindow;
import org.resonantlearner.harvest.TuningCost;

/**
 * "noise-brake", the product: random exploration of the tuning whose amplitude is governed by the
 * harvested power, and a brake that stops all moves at resonance and lets go when the power falls.
 *
 * <p>Notation: R = actuator range (steps); P = power of a settled window; s = s(Pa), the relative
 * spread of one window's power expected at the anchor's power (see <b>Noise spread</b>); E(n) =
 * {@link TuningCost#moveEnergyJoules} of an n-step move; t_settle = settle time. Knob names in
 * brackets are {@link NoiseBrakeSettings} fields.
 *
 * <p><b>State.</b> Anchor θa with power Pa (mean of n_a settled windows); exploration amplitude σ
 * (steps); direction d ∈ {−1, +1}; for the current anchor, whether a trial above and a trial below it
 * have failed conclusively; a "refining" flag; brake engaged or released.
 *
 * <p><b>Start.</b> θa = initial position, σ = [initialSigmaFraction]·R, d = ±1 at random, Pa = mean of
 * [measureWindows] settled windows at θa.
 *
 * <p><b>Trial</b> (brake released). θt = θa + d·max(1, σ·clamp(1 + [stepJitter]·ξ, 0.1, 2)),
 * ξ ~ N(0, 1) from the tuner's own seeded generator, rounded and kept in the range; if the range end
 * leaves θt = θa, that side counts as failed and d flips. After the settle time, Pt is the mean of
 * n_t settled windows at θt: n_t = 1, except while refining, where n_t = min([maxJudgementWindows],
 * ⌈2·z²·s²/η_r²⌉) with z = [noiseMarginSigmas] and η_r = [refineNoiseMargin], enough windows that
 * the noise part of η below is at most η_r (so n_t = 1 whenever the noise is that small already);
 * before such a trial the anchor is re-measured until n_a ≥ n_t (Pa becomes the mean of all its
 * windows). With
 * <pre>
 *   η = max([minNoiseMargin], [noiseMarginSigmas] · s · √(1/n_t + 1/n_a))     noise margin
 *   C = E(|θt − θa|) / ([paybackTimeInSettleTimes] · t_settle)                 a move must pay back
 * </pre>
 * the trial is
 * <ul>
 *   <li>a <em>success</em> if Pt &gt; Pa·(1 + η) + C: θa ← θt, Pa ← Pt, n_a ← n_t, the failure marks
 *       are cleared, d is kept, and σ ← min([growFactor]·σ, [maxSigmaFraction]·R) unless refining
 *       ("run": exponential growth crosses many linewidths in a few trials);</li>
 *   <li>a <em>conclusive failure</em> if Pt &lt; Pa·(1 − η): the side of θt is marked failed,
 *       σ ← [shrinkFactor]·σ, d ← the other side ("tumble"; in one dimension a tumble is a
 *       reversal);</li>
 *   <li><em>unprofitable</em> if Pa·(1 + η) &lt; Pt ≤ Pa·(1 + η) + C (a real gain that does not pay
 *       for its move): exactly like a conclusive failure (a gain that does not pay is as good as a
 *       loss), so where moves cost more than the harvest can repay, both sides fail, refining
 *       starts and the brake engages instead of spending without end;</li>
 *   <li><em>inconclusive</em> otherwise: while refining it counts as a failure (σ shrinks, d
 *       reverses); before that it means the step was too small to see the slope above the noise,
 *       so σ ← min([growFactor]·σ, max) and d is kept (far in the tail of the resonance, where the
 *       power is flat and small, the search thus widens instead of stalling).</li>
 * </ul>
 * "Refining" starts once both sides of the current anchor have failed conclusively (the resonance is
 * bracketed) and lasts until the next release. Trials move directly from one to the next; the
 * actuator returns to θa only to re-measure it, to estimate the peak or to brake. The tuner always
 * judges the position the actuator actually reached: a trial (or a side probe) the safety limits cut
 * short is judged where it stopped, and a trial they refused altogether counts as another window of
 * the anchor.
 *
 * <p>While refining, the tuner keeps the nearest position above and the nearest below θa where a
 * trial failed conclusively or unprofitably (θ₊ and θ₋, with the power Pt each had), forgetting
 * one that a success leaves on the wrong side of the new θa.
 *
 * <p><b>Peak estimate.</b> It starts when σ &lt; σ_brake = max(1 step, [brakeSigmaFraction]·R), or
 * when a trial is inconclusive while refining (the steps no longer show a slope above the noise).
 * With n = n_t and D_p = 3·η(n, n), each known side gives a probe distance h± = max(1, round(|θ± − θa|
 * · √(D_p/D±))) if its drop D± = 1 − Pt(θ±)/Pa exceeds D_p, else |θ± − θa| (near the peak the drop grows
 * as the square of the distance); a side not known takes the other's distance; probes are kept in
 * the range. If neither side is known, a probe would sit on θa, or the probe moves cost more than they can gain
 * (2·(E(h₋) + E(h₊))/T_payback ≥ η(n, n)·Pa, T_payback = [paybackTimeInSettleTimes]·t_settle), the
 * brake engages as described below. Otherwise the tuner measures, n settled windows each, the
 * power at θa − h₋, then at θa (P₀), then at θa + h₊, and then:
 * <ul>
 *   <li>if P₀·(1 + η(n, n_a)) &lt; Pa (Pa was a noise peak, or the power fell since, and the
 *       failures that shrank σ were judged against it): Pa ← P₀, σ ← σ_release, the bracket is
 *       cleared and the trials resume;</li>
 *   <li>otherwise Pa ← P₀ (n_a ← n); if a side's power exceeds P₀·(1 + η(n, n)), that side is
 *       a success: θa and Pa move there, σ ← σ_release, d points that way, the bracket is cleared
 *       and the trials resume;</li>
 *   <li>if a side's power is not below P₀·(1 − η(n, n)), that probe is moved twice as far from θa
 *       and measured again (at most 3 times per estimate); if it still shows no drop (or the range
 *       ends), the resonance is not bracketed there: σ ← min([growFactor]·|probe − θa|, max), d
 *       points that way, the bracket is cleared and the trials resume;</li>
 *   <li>otherwise the three points bracket the peak. Power near resonance is Lorentzian, so 1/P is
 *       quadratic in the detuning: θ̂ = the vertex of the parabola through the three (θ, 1/P),
 *       rounded and kept one step inside (θa − h₋, θa + h₊). The tuner moves to θ̂ and measures Pm
 *       over max([measureWindows], n) settled windows; if Pm·(1 + η) &lt; P₀ (the peak was not
 *       Lorentzian) it returns to θa and brakes as described below, otherwise θa ← θ̂ and the brake
 *       engages with P̄ = P̃ = PL = Pm at θ̂.</li>
 * </ul>
 * Here η(a, b) = max([minNoiseMargin], [noiseMarginSigmas]·s·√(1/a + 1/b)).
 *
 * <p><b>Brake without an estimate</b>: the tuner returns to θa and measures Pm over
 * max([measureWindows], n_t) settled windows. If Pm·(1 + η) &lt; Pa (Pa was a noise peak) it sets
 * Pa ← Pm, σ ← σ_release and searches on without refining; otherwise the brake engages with
 * P̄ = P̃ = PL = Pm at θa.
 *
 * <p><b>While engaged</b> there are no moves at all (zero actuator cost). Every settled window updates
 * the lock average P̄ ← P̄ + α_L·(P − P̄), a ten times slower reference P̃ ← P̃ + (α_L/10)·(P − P̃)
 * and the locked power PL ← max(PL, P̃), with α_L = [lockAveragingFraction] (PL max-holds the slow
 * P̃ rather than P̄ because the maximum of a noisy average creeps upwards with time). The brake
 * <b>releases</b> when P̄ &lt; (1 − ρ)·PL with ρ = max([minReleaseDrop], [releaseDropSigmas]
 * · s(PL) · √(α_L/(2 − α_L))) (a drop well outside the noise of P̄): θa ← current position, Pa ← P
 * (n_a = 1), σ ← σ_release = max(σ_brake, [releaseSigmaFraction]·R), failure marks, θ± and refining
 * cleared, and d = the direction in which the lock position last changed from one lock to the next
 * (a drift moves the resonance the same way every time), or ±1 at random as long as it never changed
 * — and the trials above resume. A drive step, a drift or an amplitude step all release it; an
 * amplitude step simply relocks at the new level. If the actuator is found away from θa while
 * engaged (moved by someone else), the brake releases there in the same way.
 *
 * <p><b>Noise spread.</b> From pairs of consecutive settled windows at one position with no move
 * between (difference ΔP, mean P̄) the tuner keeps two running means, each with weight max(1/k, 0.02)
 * for the k-th pair: s_r² of r²/2 with r = ΔP/P̄ (so Var r = 2·s_r²), each term clipped at
 * 9·max(s_r², s_f²); and a of ΔP²/(2·P̄), each term clipped at 9·max(a, s_f²·P̄); s_f = [minNoiseMargin] /
 * ([noiseMarginSigmas]·√2). The clips keep a real change of power between the two windows (a step
 * while braked) from passing for noise. Additive sensor noise n on the load voltage v makes the
 * variance of P grow like P (the cross term 2·v·n), so its relative spread goes like 1/√P: s² = a/P;
 * noise in proportion to the signal keeps s constant. The spread at power P is the smaller figure,
 * s(P)² = max(s_f², min(s_r², a/P)) (s_r² when P ≤ 0), so that a spread learned far in the tail, where
 * the power is small and the relative noise large, does not inflate the margins at the peak.
 *
 * <p>{@link #decide} allocates nothing: primitive state and one {@link Random} made at construction
 * and re-seeded by {@link #start}, so every run from start is reproducible.
 */
public final class NoiseBrakeTuner extends SettlingTuner {
    /** The command-line name. */
    public static final String NAME = "noise-brake";

    /** What the tuner is doing. */
    public enum Phase {
        /** Measuring the anchor (at the start, before a precise trial, or before braking). */
        MEASURE_ANCHOR,
        /** Measuring a trial position. */
        TRIAL,
        /** Re-measuring the bracket (the nearest failed positions on both sides, and the anchor) before braking. */
        PROBE,
        /** Brake engaged: holding the anchor, watching the power. */
        LOCKED
    }

    private enum Purpose { START, PRECISION, PRE_LOCK, ESTIMATE }

    private static final double MIN_JITTER_FACTOR = 0.1;
    private static final double MAX_JITTER_FACTOR = 2.0;
    private static final double VARIANCE_CLIP_SIGMAS = 3.0;
    private static final double VARIANCE_FORGETTING = 0.02;
    private static final double SMALLEST_VARIANCE_FLOOR = 1e-8;
    private static final double REFERENCE_AVERAGING_RATIO = 0.1;
    private static final int NO_BRACKET = Integer.MIN_VALUE;
    private static final int MAX_PROBE_WIDENINGS = 3;
    private static final double PROBE_DROP_MARGINS = 3.0;

    private final NoiseBrakeSettings settings;
    private final TuningCost cost;
    private final long seed;
    private final Random random;
    private final double paybackTimeSeconds;
    private final double varianceFloor;

    private double sigmaSteps;
    private double maxSigmaSteps;
    private double brakeSigmaSteps;
    private double releaseSigmaSteps;
    private int direction;
    private Phase phase;
    private Purpose purpose;
    private boolean failedAbove;
    private boolean failedBelow;
    private boolean refining;

    private int anchorSteps;
    private double anchorPowerWatts;
    private int anchorWindows;
    private double measureSumWatts;
    private int measureCount;
    private int measureWanted;

    private int trialSteps;
    private double trialSumWatts;
    private int trialCount;
    private int trialWindows;

    private int bracketBelowSteps;
    private int bracketAboveSteps;
    private double bracketBelowWatts;
    private double bracketAboveWatts;
    private int probeIndex;
    private int probeWidenings;
    private final int[] probeSteps = new int[3];
    private final double[] probePowerWatts = new double[3];
    private int estimateSteps;

    private double lockAverageWatts;
    private double lockReferenceWatts;
    private double lockedPowerWatts;
    private int lastLockSteps;
    private int driftDirection;

    private double noiseWattsPerWatt;
    private double relativeVariance;
    private long varianceSamples;
    private boolean lastJudgedHeld;
    private int lastJudgedSteps;
    private double lastJudgedPowerWatts;

    private long successes;
    private long failures;
    private long inconclusiveTrials;
    private long brakeEngagements;
    private long brakeReleases;

    /**
     * Creates the tuner.
     *
     * @param settleTimeSeconds settle time after a move before a window is judged (s)
     * @param cost what a move costs, weighed against the power it gains
     * @param settings the knobs
     * @param seed seed of this tuner's own random generator
     */
    public NoiseBrakeTuner(double settleTimeSeconds, TuningCost cost, NoiseBrakeSettings settings, long seed) {
        super(NAME, settleTimeSeconds);
        this.cost = Check.present("cost", cost);
        this.settings = Check.present("settings", settings);
        this.seed = seed;
        this.random = new Random(seed);
        // A zero settle time would make any move "pay back" instantly or never; keep it finite.
        this.paybackTimeSeconds = settings.paybackTimeInSettleTimes() * Math.max(settleTimeSeconds, 1e-9);
        double floorSpread = settings.noiseMarginSigmas() > 0
                ? settings.minNoiseMargin() / (settings.noiseMarginSigmas() * Math.sqrt(2)) : 0;
        this.varianceFloor = Math.max(SMALLEST_VARIANCE_FLOOR, floorSpread * floorSpread);
    }

    /** The knobs this tuner runs with. */
    public NoiseBrakeSettings settings() {
        return settings;
    }

    @Override
    protected void onStart(int initialPositionSteps, double startTimeSeconds) {
        random.setSeed(seed);
        double range = rangeSteps();
        sigmaSteps = settings.initialSigmaFraction() * range;
        maxSigmaSteps = settings.maxSigmaFraction() * range;
        brakeSigmaSteps = Math.max(1.0, settings.brakeSigmaFraction() * range);
        releaseSigmaSteps = Math.max(brakeSigmaSteps, settings.releaseSigmaFraction() * range);
        direction = randomDirection();
        clearBracket();
        anchorSteps = clampToRange(initialPositionSteps);
        anchorPowerWatts = 0;
        anchorWindows = 0;
        trialSteps = anchorSteps;
        trialWindows = 1;
        lockAverageWatts = 0;
        lockReferenceWatts = 0;
        lockedPowerWatts = 0;
        lastLockSteps = anchorSteps;
        driftDirection = 0;
        noiseWattsPerWatt = 0;
        relativeVariance = 0;
        varianceSamples = 0;
        lastJudgedHeld = false;
        successes = 0;
        failures = 0;
        inconclusiveTrials = 0;
        brakeEngagements = 0;
        brakeReleases = 0;
        beginMeasure(Purpose.START, settings.measureWindows());
    }

    @Override
    protected double judge(PowerWindow window, int positionSteps) {
        double powerWatts = window.loadPowerWatts;
        if (lastJudgedHeld && positionSteps == lastJudgedSteps) {
            observeRepeat(lastJudgedPowerWatts, powerWatts);
        }
        double request = switch (phase) {
            case MEASURE_ANCHOR -> measure(positionSteps, powerWatts);
            case TRIAL -> trial(positionSteps, powerWatts);
            case PROBE -> probe(positionSteps, powerWatts);
            case LOCKED -> locked(positionSteps, powerWatts);
        };
        lastJudgedSteps = positionSteps;
        lastJudgedPowerWatts = powerWatts;
        lastJudgedHeld = Double.isNaN(request) || clampToRange(request) == positionSteps;
        return request;
    }

    private void beginMeasure(Purpose why, int windows) {
        phase = Phase.MEASURE_ANCHOR;
        purpose = why;
        measureSumWatts = 0;
        measureCount = 0;
        measureWanted = windows;
    }

    private double measure(int positionSteps, double powerWatts) {
        int targetSteps = purpose == Purpose.ESTIMATE ? estimateSteps : anchorSteps;
        if (positionSteps != targetSteps) {
            return targetSteps; // not there yet (rate-limited, or moved by someone else)
        }
        measureSumWatts += powerWatts;
        measureCount++;
        if (measureCount < measureWanted) {
            return Double.NaN;
        }
        double meanWatts = measureSumWatts / measureCount;
        switch (purpose) {
            case START -> {
                anchorPowerWatts = meanWatts;
                anchorWindows = measureCount;
                return nextTrial();
            }
            case PRECISION -> {
                anchorPowerWatts = (anchorPowerWatts * anchorWindows + measureSumWatts) / (anchorWindows + measureCount);
                anchorWindows += measureCount;
                return nextTrial();
            }
            case ESTIMATE -> {
                if (meanWatts * (1 + noiseMargin(measureCount, anchorWindows)) < anchorPowerWatts) {
                    // The estimate is worse than the anchor (the peak is not Lorentzian): brake at θa.
                    beginMeasure(Purpose.PRE_LOCK, measureWanted);
                    return anchorSteps;
                }
                anchorSteps = estimateSteps;
                anchorPowerWatts = meanWatts;
                anchorWindows = measureCount;
                engageBrake(meanWatts);
                return Double.NaN;
            }
            default -> {
                if (meanWatts * (1 + noiseMargin(measureCount, anchorWindows)) < anchorPowerWatts) {
                    return searchOnFromAnchor(meanWatts, measureCount);
                }
                engageBrake(meanWatts);
                return Double.NaN;
            }
        }
    }

    private double trial(int positionSteps, double powerWatts) {
        if (positionSteps == anchorSteps) {
            // The trial move did not happen (limits refused it): this window re-measures the anchor.
            anchorPowerWatts = (anchorPowerWatts * anchorWindows + powerWatts) / (anchorWindows + 1);
            anchorWindows++;
            return nextTrial();
        }
        if (positionSteps != trialSteps) {
            // Rate-limited or moved by someone else: judge the position actually reached.
            trialSteps = positionSteps;
            trialSumWatts = 0;
            trialCount = 0;
        }
        trialSumWatts += powerWatts;
        trialCount++;
        if (trialCount < trialWindows) {
            return Double.NaN;
        }
        double trialPowerWatts = trialSumWatts / trialCount;
        double margin = noiseMargin(trialCount, anchorWindows);
        double moveCostJoules = cost.moveEnergyJoules((long) positionSteps - anchorSteps);
        double thresholdWatts = anchorPowerWatts * (1 + margin) + moveCostJoules / paybackTimeSeconds;
        int side = Integer.signum(positionSteps - anchorSteps); // never 0: a trial at θa was handled above
        if (trialPowerWatts > thresholdWatts) {
            successes++;
            anchorSteps = positionSteps;
            anchorPowerWatts = trialPowerWatts;
            anchorWindows = trialCount;
            failedAbove = false;
            failedBelow = false;
            if (bracketAboveSteps != NO_BRACKET && bracketAboveSteps <= anchorSteps) {
                bracketAboveSteps = NO_BRACKET;
            }
            if (bracketBelowSteps != NO_BRACKET && bracketBelowSteps >= anchorSteps) {
                bracketBelowSteps = NO_BRACKET;
            }
            if (!refining) {
                sigmaSteps = Math.min(sigmaSteps * settings.growFactor(), maxSigmaSteps);
            }
            return nextTrial();
        }
        boolean conclusive = trialPowerWatts < anchorPowerWatts * (1 - margin);
        // A gain above the noise that does not pay for its move counts as a loss.
        boolean unprofitable = trialPowerWatts > anchorPowerWatts * (1 + margin);
        if (conclusive || unprofitable) {
            markFailed(side);
            noteBracket(positionSteps, trialPowerWatts);
            refining |= failedAbove && failedBelow;
        }
        if (refining && !conclusive && !unprofitable) {
            // The step no longer shows a slope above the noise: locate the peak from the bracket.
            failures++;
            return beginProbes();
        }
        if (conclusive || refining || unprofitable) {
            failures++;
            sigmaSteps *= settings.shrinkFactor();
            direction = -side;
            if (sigmaSteps < brakeSigmaSteps) {
                return beginProbes();
            }
        } else {
            inconclusiveTrials++;
            sigmaSteps = Math.min(sigmaSteps * settings.growFactor(), maxSigmaSteps);
            direction = side;
        }
        int needed = windowsPerJudgement();
        if (anchorWindows < needed) {
            beginMeasure(Purpose.PRECISION, needed - anchorWindows);
            return anchorSteps;
        }
        return nextTrial();
    }

    /** Starts re-measuring the bracket (below, anchor, above) before braking; brakes at θa without one. */
    private double beginProbes() {
        int n = windowsPerJudgement();
        double targetDrop = PROBE_DROP_MARGINS * noiseMargin(n, n);
        double belowSteps = bracketBelowSteps == NO_BRACKET ? Double.NaN
                : probeDistance(anchorSteps - bracketBelowSteps, 1 - bracketBelowWatts / anchorPowerWatts, targetDrop);
        double aboveSteps = bracketAboveSteps == NO_BRACKET ? Double.NaN
                : probeDistance(bracketAboveSteps - anchorSteps, 1 - bracketAboveWatts / anchorPowerWatts, targetDrop);
        if (Double.isNaN(belowSteps)) {
            belowSteps = aboveSteps;
        } else if (Double.isNaN(aboveSteps)) {
            aboveSteps = belowSteps;
        }
        int below = Double.isNaN(belowSteps) ? anchorSteps : clampToRange(anchorSteps - belowSteps);
        int above = Double.isNaN(aboveSteps) ? anchorSteps : clampToRange(anchorSteps + aboveSteps);
        // Out to each side and back must pay for itself by a gain the size of the noise margin.
        double probeJoules = 2 * (cost.moveEnergyJoules((long) anchorSteps - below)
                + cost.moveEnergyJoules((long) above - anchorSteps));
        boolean affordable = probeJoules / paybackTimeSeconds < noiseMargin(n, n) * anchorPowerWatts;
        if (below >= anchorSteps || above <= anchorSteps || !affordable) {
            beginMeasure(Purpose.PRE_LOCK, Math.max(settings.measureWindows(), windowsPerJudgement()));
            return anchorSteps;
        }
        probeSteps[0] = below;
        probeSteps[1] = anchorSteps;
        probeSteps[2] = above;
        probeWidenings = 0;
        return beginProbe(0);
    }

    private double beginProbe(int index) {
        phase = Phase.PROBE;
        probeIndex = index;
        trialSumWatts = 0;
        trialCount = 0;
        trialWindows = windowsPerJudgement();
        return probeSteps[index];
    }

    private double probe(int positionSteps, double powerWatts) {
        int wanted = probeSteps[probeIndex];
        if (positionSteps != wanted) {
            boolean sideReached = probeIndex == 0 ? positionSteps < anchorSteps
                    : probeIndex == 2 && positionSteps > anchorSteps;
            if (!sideReached) {
                return wanted; // not there yet (rate-limited, or moved by someone else)
            }
            // A side probe the limits cut short is measured where it stopped.
            probeSteps[probeIndex] = positionSteps;
            trialSumWatts = 0;
            trialCount = 0;
        }
        trialSumWatts += powerWatts;
        trialCount++;
        if (trialCount < trialWindows) {
            return Double.NaN;
        }
        probePowerWatts[probeIndex] = trialSumWatts / trialCount;
        if (probeWidenings == 0 && probeIndex < 2) {
            return beginProbe(probeIndex + 1);
        }
        return judgeProbes();
    }

    /**
     * Pa was a noise peak (or the power fell since), and the failures that shrank σ were judged
     * against it: re-anchor on the fresh measurement and search on instead of braking.
     */
    private double searchOnFromAnchor(double anchorWatts, int windows) {
        anchorPowerWatts = anchorWatts;
        anchorWindows = windows;
        sigmaSteps = releaseSigmaSteps;
        clearBracket();
        return nextTrial();
    }

    private double judgeProbes() {
        double anchorWatts = probePowerWatts[1];
        double margin = noiseMargin(anchorWatts, trialWindows, trialWindows);
        if (anchorWatts * (1 + noiseMargin(trialWindows, anchorWindows)) < anchorPowerWatts) {
            return searchOnFromAnchor(anchorWatts, trialWindows);
        }
        anchorPowerWatts = anchorWatts;
        anchorWindows = trialWindows;
        for (int side = 0; side <= 2; side += 2) {
            if (probePowerWatts[side] > anchorWatts * (1 + margin)) {
                // The bracket was not one: move there and search on, as after a success.
                successes++;
                anchorSteps = probeSteps[side];
                anchorPowerWatts = probePowerWatts[side];
                sigmaSteps = releaseSigmaSteps;
                direction = side == 0 ? -1 : 1;
                clearBracket();
                return nextTrial();
            }
        }
        for (int side = 0; side <= 2; side += 2) {
            if (probePowerWatts[side] >= anchorWatts * (1 - margin)) {
                int wider = clampToRange(2.0 * probeSteps[side] - anchorSteps);
                if (probeWidenings < MAX_PROBE_WIDENINGS && wider != probeSteps[side]) {
                    probeWidenings++;
                    probeSteps[side] = wider;
                    return beginProbe(side);
                }
                // No drop even far out: the resonance is not bracketed here. Search on, wider.
                inconclusiveTrials++;
                sigmaSteps = Math.min(Math.abs(probeSteps[side] - anchorSteps) * settings.growFactor(), maxSigmaSteps);
                direction = side == 0 ? -1 : 1;
                clearBracket();
                return nextTrial();
            }
        }
        // 1/P is quadratic in the detuning: the vertex of the parabola through the three points.
        double t1 = probeSteps[0] - anchorSteps;
        double t3 = probeSteps[2] - anchorSteps;
        double y1 = 1 / probePowerWatts[0] - 1 / anchorWatts;
        double y3 = 1 / probePowerWatts[2] - 1 / anchorWatts;
        double vertex = 0.5 * (t1 * t1 * y3 - t3 * t3 * y1) / (t1 * y3 - t3 * y1);
        estimateSteps = clampToRange(anchorSteps + vertex);
        estimateSteps = Math.max(probeSteps[0] + 1, Math.min(probeSteps[2] - 1, estimateSteps));
        beginMeasure(Purpose.ESTIMATE, Math.max(settings.measureWindows(), trialWindows));
        return estimateSteps;
    }

    private void noteBracket(int positionSteps, double powerWatts) {
        if (positionSteps > anchorSteps) {
            if (bracketAboveSteps == NO_BRACKET || positionSteps < bracketAboveSteps) {
                bracketAboveSteps = positionSteps;
                bracketAboveWatts = powerWatts;
            }
        } else if (bracketBelowSteps == NO_BRACKET || positionSteps > bracketBelowSteps) {
            bracketBelowSteps = positionSteps;
            bracketBelowWatts = powerWatts;
        }
    }

    /** Distance (steps) at which a failure {@code distanceSteps} away with {@code drop} would drop by D_p. */
    private double probeDistance(int distanceSteps, double drop, double targetDrop) {
        // Near the peak the drop grows as the square of the distance.
        double scale = drop > targetDrop ? Math.sqrt(targetDrop / drop) : 1.0;
        return Math.max(1.0, Math.rint(distanceSteps * scale));
    }

    private double locked(int positionSteps, double powerWatts) {
        if (positionSteps != anchorSteps) {
            // Someone moved the actuator while the brake held: start over from where it is.
            release(positionSteps, powerWatts);
            return nextTrial();
        }
        double alpha = settings.lockAveragingFraction();
        lockAverageWatts += alpha * (powerWatts - lockAverageWatts);
        // Max-hold a slower average: the maximum of a noisy average creeps up with time, the more
        // the noisier the average, and a creeping PL would release the brake on noise alone.
        lockReferenceWatts += REFERENCE_AVERAGING_RATIO * alpha * (powerWatts - lockReferenceWatts);
        lockedPowerWatts = Math.max(lockedPowerWatts, lockReferenceWatts);
        if (lockAverageWatts < (1 - releaseDrop()) * lockedPowerWatts) {
            release(positionSteps, powerWatts);
            return nextTrial();
        }
        return Double.NaN;
    }

    private void engageBrake(double powerWatts) {
        if (brakeEngagements > 0 && anchorSteps != lastLockSteps) {
            driftDirection = Integer.signum(anchorSteps - lastLockSteps);
        }
        lastLockSteps = anchorSteps;
        brakeEngagements++;
        phase = Phase.LOCKED;
        lockAverageWatts = powerWatts;
        lockReferenceWatts = powerWatts;
        lockedPowerWatts = powerWatts;
    }

    private void release(int positionSteps, double powerWatts) {
        brakeReleases++;
        anchorSteps = positionSteps;
        anchorPowerWatts = powerWatts;
        anchorWindows = 1;
        sigmaSteps = releaseSigmaSteps;
        // A slow drift moves the resonance the same way every time: look there first.
        direction = driftDirection != 0 ? driftDirection : randomDirection();
        clearBracket();
    }

    private double nextTrial() {
        double jitter = 1 + settings.stepJitter() * random.nextGaussian();
        jitter = Math.max(MIN_JITTER_FACTOR, Math.min(MAX_JITTER_FACTOR, jitter));
        double stepSteps = Math.max(1.0, sigmaSteps * jitter);
        int target = clampToRange(anchorSteps + direction * stepSteps);
        if (target == anchorSteps) {
            // The end of the range bounds the search on that side as a failed trial would.
            markFailed(direction);
            refining |= failedAbove && failedBelow;
            direction = -direction;
            target = clampToRange(anchorSteps + direction * stepSteps);
        }
        phase = Phase.TRIAL;
        trialSteps = target;
        trialSumWatts = 0;
        trialCount = 0;
        trialWindows = windowsPerJudgement();
        return target;
    }

    private int windowsPerJudgement() {
        if (!refining) {
            return 1;
        }
        // z·s·√(2/n) ≤ η_r  ⇔  n ≥ 2·z²·s²/η_r²
        double z = settings.noiseMarginSigmas();
        double etaR = settings.refineNoiseMargin();
        double needed = Math.ceil(2 * z * z * relativeVariance(anchorPowerWatts) / (etaR * etaR));
        return (int) Math.max(1, Math.min(settings.maxJudgementWindows(), needed));
    }

    private void markFailed(int side) {
        if (side > 0) {
            failedAbove = true;
        } else {
            failedBelow = true;
        }
    }

    private void clearBracket() {
        failedAbove = false;
        failedBelow = false;
        refining = false;
        bracketBelowSteps = NO_BRACKET;
        bracketAboveSteps = NO_BRACKET;
    }

    private int randomDirection() {
        return random.nextBoolean() ? 1 : -1;
    }

    private void observeRepeat(double firstWatts, double secondWatts) {
        double meanWatts = 0.5 * (firstWatts + secondWatts);
        if (!(meanWatts > 0)) {
            return;
        }
        // Var(P) = a·P: a pair's a-term is (ΔP)²/2 divided by the power it was taken at.
        double differenceWatts = secondWatts - firstWatts;
        double term = 0.5 * differenceWatts * differenceWatts / meanWatts;
        term = Math.min(term, VARIANCE_CLIP_SIGMAS * VARIANCE_CLIP_SIGMAS
                * Math.max(noiseWattsPerWatt, varianceFloor * meanWatts));
        varianceSamples++;
        double weight = Math.max(1.0 / varianceSamples, VARIANCE_FORGETTING);
        noiseWattsPerWatt += weight * (term - noiseWattsPerWatt);
        double relativeDifference = differenceWatts / meanWatts;
        double relativeTerm = Math.min(0.5 * relativeDifference * relativeDifference,
                VARIANCE_CLIP_SIGMAS * VARIANCE_CLIP_SIGMAS * Math.max(relativeVariance, varianceFloor));
        relativeVariance += weight * (relativeTerm - relativeVariance);
    }

    /** s(P)² = max(s_f², min(s_r², a/P)): additive sensor noise makes Var(P) grow like P. */
    private double relativeVariance(double powerWatts) {
        double additive = powerWatts > 0 ? noiseWattsPerWatt / powerWatts : relativeVariance;
        return Math.max(varianceFloor, Math.min(relativeVariance, additive));
    }

    private double noiseMargin(int trialWindowCount, int anchorWindowCount) {
        return noiseMargin(anchorPowerWatts, trialWindowCount, anchorWindowCount);
    }

    private double noiseMargin(double powerWatts, int trialWindowCount, int anchorWindowCount) {
        double spread = Math.sqrt(relativeVariance(powerWatts) * (1.0 / trialWindowCount + 1.0 / Math.max(1, anchorWindowCount)));
        return Math.max(settings.minNoiseMargin(), settings.noiseMarginSigmas() * spread);
    }

    /** The success margin η for two single windows, max(η_min, z_η·s·√2). */
    public double noiseMargin() {
        return noiseMargin(1, 1);
    }

    /** The relative power drop ρ that releases the brake. */
    public double releaseDrop() {
        double alpha = settings.lockAveragingFraction();
        return Math.max(settings.minReleaseDrop(),
                settings.releaseDropSigmas() * Math.sqrt(relativeVariance(lockedPowerWatts) * alpha / (2 - alpha)));
    }

    /** The current phase. */
    public Phase phase() {
        return phase;
    }

    /** True while the brake is engaged. */
    public boolean braked() {
        return phase == Phase.LOCKED;
    }

    /** True once the resonance is bracketed (until the next release). */
    public boolean refining() {
        return refining;
    }

    /** Exploration amplitude σ (steps). */
    public double sigmaSteps() {
        return sigmaSteps;
    }

    /** The anchor position θa (steps). */
    public int anchorSteps() {
        return anchorSteps;
    }

    /** The anchor's power Pa (W). */
    public double anchorPowerWatts() {
        return anchorPowerWatts;
    }

    /** The locked power PL (W): the max-held slow lock average; 0 before the first lock. */
    public double lockedPowerWatts() {
        return lockedPowerWatts;
    }

    /** Measured relative standard deviation s(Pa) of one window's power at the anchor's power. */
    public double relativeNoise() {
        return Math.sqrt(relativeVariance(anchorPowerWatts));
    }

    /** Successful trials since start. */
    public long successes() {
        return successes;
    }

    /** Failed trials (conclusive, unprofitable, or inconclusive while refining) since start. */
    public long failures() {
        return failures;
    }

    /** Inconclusive trials before refining (which widened σ) since start. */
    public long inconclusiveTrials() {
        return inconclusiveTrials;
    }

    /** Times the brake engaged since start. */
    public long brakeEngagements() {
        return brakeEngagements;
    }

    /** Times the brake released since start. */
    public long brakeReleases() {
        return brakeReleases;
    }
}
