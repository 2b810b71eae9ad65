package org.resonantlearner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.resonantlearner.harvest.PowerWindow;
import org.resonantlearner.harvest.TuningCost;

/**
 * The law of {@link NoiseBrakeTuner} (its class comment), path by path: the tuner is driven through
 * {@code decide} with scripted windows, and every expected request is worked by hand from the law.
 *
 * <p>The settle time is 0, so every window is judged; the range is 0..10 000 steps, so σ0 = 100,
 * σ_brake = 30 and σ_release = 200 steps. There is no step jitter (every trial is exactly d·σ away).
 * With z_η = z_ρ = 0 the margins are exact: η = η_min = 1/16, ρ = ρ_min = 1/4 (binary fractions, so
 * the thresholds Pa·(1 ± η) are exact too); α_L = 1/2.
 */
class NoiseBrakeTunerLawTest {
    private static final int MAX_STEPS = 10_000;
    /** {@code new Random(1).nextBoolean()} is true: the first trial goes up. */
    private static final long UP_SEED = 1;
    /** {@code new Random(12345).nextBoolean()} is false: the first trial goes down. */
    private static final long DOWN_SEED = 12_345;
    /**
     * Absolute tolerance (the values are 0.01 to 2) of results the law gives as sums, quotients and
     * square roots of hand-picked numbers, written here with 8 or more significant digits.
     */
    private static final double TOL = 1e-9;
    private static final double ETA = 1.0 / 16;

    /** Exact knobs: see the class comment. T_payback = 5e8 settle times, at a 1 ns floor: 0.5 s. */
    private static NoiseBrakeSettings exact(int measureWindows) {
        return exact(measureWindows, 0.003, 0.0);
    }

    /** Exact knobs with another σ_brake (fraction of the range) and step jitter c. */
    private static NoiseBrakeSettings exact(int measureWindows, double brakeSigmaFraction, double stepJitter) {
        return new NoiseBrakeSettings(0.01, 0.25, brakeSigmaFraction, 0.02, 2.0, 0.5, stepJitter, ETA, 0.0, 0.25, 0.0,
                0.5, 0.02, 16, measureWindows, 5e8);
    }

    /**
     * Noisy knobs: η_min = 0.01, z_η = 2 (so s_f² = (0.01/(2√2))² = 1.25e-5), ρ_min = 0.03, z_ρ = 8,
     * η_r = 0.02, σ_brake = 10 steps.
     */
    private static NoiseBrakeSettings noisy(int measureWindows) {
        return new NoiseBrakeSettings(0.01, 0.25, 0.001, 0.02, 2.0, 0.5, 0.0, 0.01, 2.0, 0.03, 8.0, 0.5, 0.02, 16,
                measureWindows, 5e8);
    }

    /** Feeds one 10 ms window after another to a started tuner. */
    private static final class Script {
        final NoiseBrakeTuner tuner;
        private final PowerWindow window = new PowerWindow();
        private int windows;

        Script(NoiseBrakeSettings knobs, TuningCost cost, long seed, int startSteps) {
            tuner = new NoiseBrakeTuner(0.0, cost, knobs, seed);
            tuner.start(0, MAX_STEPS, startSteps, 0.0);
        }

        Script(NoiseBrakeSettings knobs, long seed, int startSteps) {
            this(knobs, TuningCost.free(), seed, startSteps);
        }

        /** A window measured at {@code positionSteps} with {@code powerWatts}; returns the position asked for. */
        int at(int positionSteps, double powerWatts) {
            window.startTimeSeconds = 0.01 * windows;
            window.endTimeSeconds = 0.01 * (windows + 1);
            window.positionSteps = positionSteps;
            window.loadPowerWatts = powerWatts;
            windows++;
            double request = tuner.decide(window);
            assertEquals(Math.rint(request), request, 0.0, "whole steps");
            return (int) request;
        }
    }

    /** The first direction is the first {@code nextBoolean} of the tuner's generator (java.util.Random). */
    private static long firstGoesUp(long seed, boolean up) {
        assertEquals(up, new Random(seed).nextBoolean(), "the first direction of seed " + seed);
        return seed;
    }

    /**
     * From θa = 5000 (Pa = 1) the first trial goes up to 5100 and fails, the second down to 4950
     * and fails: both sides failed, refining starts, σ = 25 &lt; σ_brake = 30 and the bracket is
     * re-measured. With D_p = 3η = 3/16 and both drops 1/2: h = rint(d·√(0.1875/0.5)) = rint(d·0.61237),
     * 31 below (d = 50) and 61 above (d = 100): the probes are 4969, 5000, 5061.
     */
    private static Script bracketed() {
        return bracketed(UP_SEED);
    }

    private static Script bracketed(long upSeed) {
        Script s = new Script(exact(1), firstGoesUp(upSeed, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0));
        assertEquals(4_950, s.at(5_100, 0.5)); // 0.5 < 1·(1 − η): failed above; σ 50, d = −1
        assertEquals(4_969, s.at(4_950, 0.5)); // failed below: refining, σ 25 < 30: probe below first
        assertTrue(s.tuner.refining());
        assertEquals(NoiseBrakeTuner.Phase.PROBE, s.tuner.phase());
        return s;
    }

    /**
     * Feeds the three probes of {@link #bracketed} (below, θa, above: 4969, 5000, 5061) with the given
     * powers; returns the position asked for after the last.
     */
    private static int probes(Script s, double belowWatts, double anchorWatts, double aboveWatts) {
        assertEquals(5_000, s.at(4_969, belowWatts));
        assertEquals(5_061, s.at(5_000, anchorWatts));
        return s.at(5_061, aboveWatts);
    }

    @Test
    void theStartMeasuresTheAnchorOverItsWindowsThenTriesOneSigmaAway() {
        Script s = new Script(exact(3), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_000, s.at(5_000, 1.0), "holds while measuring");
        assertEquals(NoiseBrakeTuner.Phase.MEASURE_ANCHOR, s.tuner.phase());
        assertEquals(5_000, s.at(5_000, 1.5));
        assertEquals(5_100, s.at(5_000, 0.5), "σ0 = 0.01 × 10 000 = 100 steps up");
        assertEquals(1.0, s.tuner.anchorPowerWatts(), 0.0, "(1 + 1.5 + 0.5)/3");
        assertEquals(NoiseBrakeTuner.Phase.TRIAL, s.tuner.phase());
        assertEquals(ETA, s.tuner.noiseMargin(), 0.0, "η = η_min when z_η = 0");
        assertEquals(0.25, s.tuner.releaseDrop(), 0.0, "ρ = ρ_min when z_ρ = 0");
    }

    /**
     * Success, failure and the inconclusive band, on the boundaries: a trial succeeds only above
     * Pa·(1 + η) and fails conclusively only below Pa·(1 − η). σ doubles on a success (up to
     * 0.25 × range = 2500) and on an inconclusive trial, halves on a failure (which turns d), and no
     * longer grows on successes once refining.
     */
    @Test
    void trialsAreJudgedAgainstTheNoiseMarginAndSigmaRunsAndTumbles() {
        Script s = new Script(exact(1), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0));
        assertEquals(5_200, s.at(5_100, 1.0625), "exactly Pa·(1 + η) is no success: σ 200, d kept");
        assertEquals(5_400, s.at(5_200, 0.9375), "exactly Pa·(1 − η) is no failure: σ 400");
        assertEquals(5_800, s.at(5_400, 1.0), "σ 800");
        assertEquals(3, s.tuner.inconclusiveTrials());
        assertEquals(0, s.tuner.successes() + s.tuner.failures());
        assertEquals(7_400, s.at(5_800, 2.0), "success: θa 5800, Pa 2, σ 1600");
        assertEquals(5_800, s.tuner.anchorSteps());
        assertEquals(5_000, s.at(7_400, 0.5), "failure: σ 800, d = −1");
        assertEquals(3_400, s.at(5_000, 4.0), "success: θa 5000, σ 1600, d kept");
        assertEquals(900, s.at(3_400, 8.0), "success: σ = min(3200, 2500)");
        assertEquals(2_500.0, s.tuner.sigmaSteps(), 0.0);
        assertEquals(4_650, s.at(900, 1.0), "failure below: σ 1250, d = +1");
        assertFalse(s.tuner.refining(), "a success cleared the earlier failure above");
        assertEquals(2_775, s.at(4_650, 1.0), "failure above too: refining; σ 625, d = −1");
        assertTrue(s.tuner.refining());
        assertEquals(2_150, s.at(2_775, 16.0), "a success while refining keeps σ = 625");
        assertEquals(625.0, s.tuner.sigmaSteps(), 0.0);
        assertEquals(2_775, s.tuner.anchorSteps());
        assertEquals(16.0, s.tuner.anchorPowerWatts(), 0.0);
        assertTrue(s.tuner.refining());
        assertEquals(4, s.tuner.successes(), "at 5800, 5000, 3400 and 2775");
        assertEquals(3, s.tuner.failures(), "at 7400, 900 and 4650");
    }

    /** A trial the limits refused altogether (the actuator still at θa) is another window of the anchor. */
    @Test
    void aRefusedTrialCountsAsAnotherWindowOfTheAnchor() {
        Script s = new Script(exact(1), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0));
        assertEquals(5_100, s.at(5_000, 0.5), "refused: Pa = (1·1 + 0.5)/2, and the same trial again");
        assertEquals(0.75, s.tuner.anchorPowerWatts(), 0.0);
        assertEquals(5_100, s.at(5_000, 0.0), "refused again: Pa = (0.75·2 + 0)/3");
        assertEquals(0.5, s.tuner.anchorPowerWatts(), 0.0);
        // 0.55 > Pa·(1 + η) = 0.53125: a success against the anchor of three windows (against
        // Pa = 1 it would be a conclusive failure, against 0.75 one as well).
        assertEquals(5_300, s.at(5_100, 0.55), "success: θa 5100, σ 200");
        assertEquals(5_100, s.tuner.anchorSteps());
        assertEquals(1, s.tuner.successes());
        assertEquals(0, s.tuner.failures());
    }

    /** Moves cost E = 1 mJ per step; a gain must exceed Pa·(1 + η) + E/T_payback with T_payback = 0.5 s. */
    @Test
    void aGainThatDoesNotPayForItsMoveCountsAsAFailure() {
        Script s = new Script(exact(1), new TuningCost(1e-3, 0.0), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0));
        // 100 steps: C = 0.1 J / 0.5 s = 0.2 W; 1.0625 < 1.2 ≤ 1.0625 + 0.2: unprofitable, a failure.
        assertEquals(4_950, s.at(5_100, 1.2), "unprofitable: failed above, σ 50, d = −1");
        assertEquals(1, s.tuner.failures());
        // 50 steps: C = 0.1 W; 1.25 > 1.0625 + 0.1: a success that pays.
        assertEquals(4_850, s.at(4_950, 1.25), "success: θa 4950, Pa 1.25, σ 100");
        assertEquals(4_950, s.tuner.anchorSteps());
        // 100 steps again: exactly Pa·(1 + η) = 1.328125 is no real gain (and no loss): inconclusive.
        assertEquals(4_750, s.at(4_850, 1.328125), "inconclusive: σ 200, d kept");
        assertEquals(1, s.tuner.inconclusiveTrials());
    }

    /** At the end of the range the trial cannot move that way: that side counts as failed and d turns. */
    @Test
    void theRangeEndCountsAsAFailedSideAndTurnsTheSearch() {
        Script s = new Script(exact(1), firstGoesUp(UP_SEED, true), MAX_STEPS);
        assertEquals(9_900, s.at(MAX_STEPS, 1.0), "d = +1 leaves θt = θa at the end: d turns");
        assertFalse(s.tuner.refining());
        assertEquals(9_950, s.at(9_900, 0.5), "failed below too: refining; σ 50 up hits the end again, so down");
        assertTrue(s.tuner.refining(), "the range end bounds the search like a failed trial");
    }

    /** The same from below: the end marks the second failed side, so refining starts at the end. */
    @Test
    void theRangeEndCanCompleteTheBracket() {
        Script s = new Script(exact(1), firstGoesUp(DOWN_SEED, false), MAX_STEPS);
        assertEquals(9_900, s.at(MAX_STEPS, 1.0));
        assertFalse(s.tuner.refining());
        assertEquals(9_950, s.at(9_900, 0.5), "failed below, σ 50, d = +1: the end; so 50 down");
        assertTrue(s.tuner.refining());
        assertEquals(1, s.tuner.failures(), "one trial failed; the end is no trial");
    }

    @Test
    void aProbeCutShortIsMeasuredWhereItStopped() {
        // 1/P = 1 + ((θ − 5010)/50)²: a Lorentzian peak at 5010, so 1/P is exactly quadratic.
        IntToDoubleFunction p = steps -> 1 / (1 + Math.pow((steps - 5_010) / 50.0, 2));
        Script s = new Script(exact(1), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, p.applyAsDouble(5_000))); // Pa = 1/1.04 = 0.961538
        assertEquals(4_950, s.at(5_100, p.applyAsDouble(5_100))); // 1/4.24 = 0.235849: failed
        // 1/2.44 = 0.409836: failed; σ 25 < 30. D_p = 3/16. Drops: below 1 − 1.04/2.44 = 0.573770,
        // h = rint(50·√(0.1875/0.573770)) = rint(28.58) = 29; above 1 − 1.04/4.24 = 0.754717,
        // h = rint(100·√(0.1875/0.754717)) = rint(49.84) = 50. Probes 4971, 5000, 5050.
        assertEquals(4_971, s.at(4_950, p.applyAsDouble(4_950)));
        assertEquals(4_971, s.at(5_000, p.applyAsDouble(5_000)), "at θa, not below it: not there yet");
        // The limits stopped the move at 4960, below θa: the probe is measured there (P = 0.5).
        assertEquals(5_000, s.at(4_960, p.applyAsDouble(4_960)));
        assertEquals(5_050, s.at(5_000, p.applyAsDouble(5_000)));
        assertEquals(5_050, s.at(5_000, p.applyAsDouble(5_000)), "the move up was refused: not there yet");
        // Stopped at 5040 (P = 1/1.36). Through (θ − θa, 1/P − 1/P0) = (−40, 2 − 1.04) and
        // (40, 1.36 − 1.04): the vertex is 0.5·(1600·0.32 − 1600·0.96)/(−40·0.32 − 40·0.96)
        // = 0.5·(−1024)/(−51.2) = +10 steps. (Probes taken for 4971 or 5050 would give +13.3 or +15.5.)
        assertEquals(5_010, s.at(5_040, p.applyAsDouble(5_040)));
        assertEquals(5_010, s.at(5_010, p.applyAsDouble(5_010)), "P̂ = 1 ≥ P0/(1 + η): the brake engages there");
        assertTrue(s.tuner.braked());
        assertEquals(5_010, s.tuner.anchorSteps());
        assertEquals(1.0, s.tuner.lockedPowerWatts(), 0.0);
    }

    /** A side probe that shows no drop is moved twice as far, at most three times; then the search goes on, wider. */
    @Test
    void aProbeWithoutADropWidensThreeTimesThenTheSearchGoesOnWider() {
        Script s = bracketed();
        assertEquals(2 * 4_969 - 5_000, probes(s, 1.0, 1.0, 0.5), "no drop below, 1.0 ≥ P0·(1 − η): twice as far, 4938");
        assertEquals(4_876, s.at(4_938, 1.0));
        assertEquals(4_752, s.at(4_876, 1.0), "third widening");
        // Still no drop 248 steps out: σ = min(2·248, 2500) = 496 toward that side, bracket cleared.
        assertEquals(5_000 - 496, s.at(4_752, 1.0));
        assertEquals(NoiseBrakeTuner.Phase.TRIAL, s.tuner.phase());
        assertEquals(496.0, s.tuner.sigmaSteps(), 0.0);
        assertEquals(1, s.tuner.inconclusiveTrials());
        assertFalse(s.tuner.refining());
        assertEquals(5_000, s.tuner.anchorSteps());
    }

    @Test
    void theProbeAboveWidensToo() {
        Script s = bracketed();
        assertEquals(2 * 5_061 - 5_000, probes(s, 0.5, 1.0, 1.0), "no drop above: 5122");

        Script tie = bracketed();
        assertEquals(4_938, probes(tie, 0.9375, 1.0, 0.5), "exactly P0·(1 − η) is no drop either");
    }

    /** A side probe above P0·(1 + η) was no bracket: θa moves there and the search goes on that way. */
    @Test
    void aProbeAboveTheAnchorIsASuccess() {
        Script below = bracketed();
        assertEquals(4_969 - 200, probes(below, 1.1, 1.0, 0.5), "θa 4969, σ = σ_release = 200, d = −1");
        assertEquals(4_969, below.tuner.anchorSteps());
        assertEquals(1.1, below.tuner.anchorPowerWatts(), 0.0);
        assertFalse(below.tuner.refining());
        assertEquals(1, below.tuner.successes());

        Script above = bracketed();
        assertEquals(5_061 + 200, probes(above, 0.5, 1.0, 1.1), "θa 5061, d = +1");

        Script tie = bracketed();
        assertEquals(4_938, probes(tie, 1.0625, 1.0, 0.5), "exactly P0·(1 + η) is no success, only no drop: wider");
    }

    /** The re-measured anchor P0 fell below Pa/(1 + η): Pa was a noise peak; re-anchor and search on. */
    @Test
    void aFallenAnchorRestartsTheSearchInsteadOfBraking() {
        Script s = bracketed();
        // 0.9·(1 + η) = 0.95625 < 1: Pa ← 0.9, σ ← 200, bracket cleared; d is still +1.
        assertEquals(5_200, probes(s, 0.5, 0.9, 0.5));
        assertEquals(0.9, s.tuner.anchorPowerWatts(), 0.0);
        assertEquals(200.0, s.tuner.sigmaSteps(), 0.0);
        assertFalse(s.tuner.refining());
    }

    /**
     * The three probes bracket the peak: the tuner moves to the vertex of the parabola through
     * (θ, 1/P). With equal drops on both sides it lies half-way between the side probes.
     */
    @Test
    void theBrakeEngagesAtTheVertexOfTheParabolaThroughTheProbes() {
        Script s = bracketed();
        // P0 = 1.0625 (no fall: P0·(1 + η) ≥ Pa = 1). t = −31 and +61, both with
        // y = 1/0.5 − 1/1.0625: vertex = 0.5·(t1 + t3) = +15.
        assertEquals(5_015, probes(s, 0.5, 1.0625, 0.5));
        assertEquals(NoiseBrakeTuner.Phase.MEASURE_ANCHOR, s.tuner.phase());
        assertEquals(5_015, s.at(5_015, 1.0), "Pm·(1 + η) = 1.0625 = P0 exactly is not worse: brake at the vertex");
        assertTrue(s.tuner.braked());
        assertEquals(1, s.tuner.brakeEngagements());
        assertEquals(5_015, s.tuner.anchorSteps());
    }

    @Test
    void anEstimateWorseThanTheAnchorBrakesAtTheAnchor() {
        Script s = bracketed();
        assertEquals(5_015, probes(s, 0.5, 1.0, 0.5));
        assertEquals(5_000, s.at(5_015, 0.9), "0.9·(1 + η) < P0 = 1: the peak is not Lorentzian; back to θa");
        assertFalse(s.tuner.braked());
        assertEquals(5_000, s.at(5_000, 1.0), "re-measured at θa: the brake engages there");
        assertTrue(s.tuner.braked());
        assertEquals(5_000, s.tuner.anchorSteps());
    }

    /**
     * At the range end the probe beyond θa would sit on θa: no estimate. The tuner re-measures θa
     * and brakes unless Pm·(1 + η) &lt; Pa.
     */
    private static Script bracketedAtTheEnd(double startWatts) {
        return bracketedAtTheEnd(MAX_STEPS, startWatts);
    }

    /** At the top end (trials 9900, 9950) or the bottom (100, 50); the first direction points out of the range. */
    private static Script bracketedAtTheEnd(int endSteps, double startWatts) {
        int inward = endSteps == 0 ? 1 : -1;
        Script s = new Script(exact(1), firstGoesUp(endSteps == 0 ? DOWN_SEED : UP_SEED, endSteps != 0), endSteps);
        assertEquals(endSteps + inward * 100, s.at(endSteps, startWatts), "that way is the end: turned");
        assertEquals(endSteps + inward * 50, s.at(endSteps + inward * 100, 0.5), "the end again: turned");
        // Failed again, σ 25 < 30: the probe beyond θa (30 or 31 steps) is clamped onto θa.
        assertEquals(endSteps, s.at(endSteps + inward * 50, 0.5), "back to θa to measure it before braking");
        assertEquals(NoiseBrakeTuner.Phase.MEASURE_ANCHOR, s.tuner.phase());
        assertEquals(endSteps, s.at(endSteps + inward * 20, 0.7), "stopped on the way: not there yet");
        return s;
    }

    @Test
    void atTheBottomEndTooTheBrakeEngagesWithoutProbes() {
        Script s = bracketedAtTheEnd(0, 1.0);
        assertEquals(0, s.at(0, 1.0));
        assertTrue(s.tuner.braked());
        assertEquals(0, s.tuner.anchorSteps());
    }

    /** A brake at θa = 10 000 with PL = 1 (Pm·(1 + η) = 1.0625 = Pa exactly is not a fall). */
    private static Script brakedAtTheEnd() {
        Script s = bracketedAtTheEnd(1.0625);
        assertEquals(MAX_STEPS, s.at(MAX_STEPS, 1.0));
        assertTrue(s.tuner.braked());
        assertEquals(1.0, s.tuner.lockedPowerWatts(), 0.0);
        return s;
    }

    @Test
    void withoutAnEstimateTheBrakeEngagesAtTheAnchor() {
        Script s = brakedAtTheEnd();
        assertEquals(MAX_STEPS, s.tuner.anchorSteps());
        assertEquals(1, s.tuner.brakeEngagements());
        assertEquals(MAX_STEPS, s.at(MAX_STEPS, 1.0), "no moves while braked");
    }

    @Test
    void aFallenAnchorBeforeBrakingRestartsTheSearch() {
        Script s = bracketedAtTheEnd(1.0);
        // 0.9·(1 + η) = 0.95625 < 1: Pa ← 0.9, σ ← 200; d = +1 hits the end, so 200 down.
        assertEquals(9_800, s.at(MAX_STEPS, 0.9));
        assertFalse(s.tuner.braked());
        assertEquals(0.9, s.tuner.anchorPowerWatts(), 0.0);
        assertFalse(s.tuner.refining(), "the bracket was cleared; only the end counts as failed");
    }

    /**
     * While braked: P̄ ← P̄ + α(P − P̄), P̃ ← P̃ + (α/10)(P − P̃), PL ← max(PL, P̃), release when
     * P̄ &lt; (1 − ρ)·PL; α = 1/2, ρ = 1/4.
     */
    @Test
    void theBrakeReleasesWhenTheLockAverageFallsAQuarterBelowTheLockedPower() {
        Script s = brakedAtTheEnd();
        assertEquals(MAX_STEPS, s.at(MAX_STEPS, 0.5), "P̄ = 0.75 = 0.75·PL exactly: holds");
        assertTrue(s.tuner.braked());
        // P̄ = 0.75 + 0.5·1.25 = 1.375; P̃ = 0.975 + 0.05·(2 − 0.975) = 1.02625 = PL.
        assertEquals(MAX_STEPS, s.at(MAX_STEPS, 2.0));
        assertEquals(1.02625, s.tuner.lockedPowerWatts(), TOL);
        // P̄ = 0.8375 ≥ 0.75·1.02625 = 0.7696875 (a PL following P̄ to 1.375 would release here).
        assertEquals(MAX_STEPS, s.at(MAX_STEPS, 0.3));
        assertTrue(s.tuner.braked());
        // P̄ = 0.56875: released at θa = 10 000 with Pa = 0.3, σ = 200; up is the end, so down.
        assertEquals(9_800, s.at(MAX_STEPS, 0.3));
        assertFalse(s.tuner.braked());
        assertEquals(1, s.tuner.brakeReleases());
        assertEquals(0.3, s.tuner.anchorPowerWatts(), 0.0);
        assertEquals(200.0, s.tuner.sigmaSteps(), 0.0);
        assertFalse(s.tuner.refining(), "the release clears the bracket");
    }

    @Test
    void movedBySomeoneElseWhileBrakedTheBrakeReleasesThereAndTheTrialsResumeFromThere() {
        Script s = brakedAtTheEnd();
        // Moved to 7000 where the power happens to be the same: no drop to release on.
        assertEquals(7_000, s.at(7_000, 1.0), "a move nobody asked for: this window is not judged");
        int trial = s.at(7_000, 1.0);
        assertEquals(200, Math.abs(trial - 7_000), "released at 7000, σ = σ_release");
        assertFalse(s.tuner.braked());
        assertEquals(1, s.tuner.brakeReleases());
        assertEquals(7_000, s.tuner.anchorSteps());
        int direction = Integer.signum(trial - 7_000);
        assertEquals(trial + direction * 400, s.at(trial, 1.5), "a success there: θa moves on, σ 400");
        assertEquals(trial, s.tuner.anchorSteps());
    }

    /**
     * The direction after a release is the way the lock position last moved from one lock to the
     * next: here from 10 000 to 9785, so down.
     */
    @Test
    void afterARelockLowerTheNextReleaseSearchesDownFirst() {
        Script s = brakedAtTheEnd();
        assertEquals(MAX_STEPS, s.at(MAX_STEPS, 0.5));
        assertEquals(9_800, s.at(MAX_STEPS, 0.5), "released (P̄ = 0.625)");
        assertEquals(9_400, s.at(9_800, 1.0), "success: θa 9800, σ 400, d = −1");
        assertEquals(MAX_STEPS, s.at(9_400, 0.5), "failed: σ 200, d = +1");
        assertEquals(9_700, s.at(MAX_STEPS, 0.5), "failed: refining, σ 100");
        assertEquals(9_850, s.at(9_700, 0.5), "failed: θ₋ = 9700, σ 50");
        // Failed: θ₊ = 9850, σ 25 < 30. Drops 1/2: h₋ = rint(100·0.61237) = 61, h₊ = rint(50·0.61237) = 31.
        assertEquals(9_739, s.at(9_850, 0.5));
        assertEquals(9_800, s.at(9_739, 0.5));
        assertEquals(9_831, s.at(9_800, 1.0));
        assertEquals(9_785, s.at(9_831, 0.5), "vertex 0.5·(−61 + 31) = −15");
        assertEquals(9_785, s.at(9_785, 1.0));
        assertTrue(s.tuner.braked());
        assertEquals(2, s.tuner.brakeEngagements());
        assertEquals(9_785, s.at(9_785, 0.5));
        assertEquals(9_785 - 200, s.at(9_785, 0.5), "released: the lock moved down, so the search starts down");
    }

    /** Until the lock position has changed from one lock to the next, the direction after a release is random. */
    @Test
    void beforeAnyDriftTheDirectionAfterAReleaseIsRandom() {
        int up = 0;
        int down = 0;
        for (long seed = 1; seed <= 12; seed++) {
            Script s = bracketed(seed);
            assertEquals(5_015, probes(s, 0.5, 1.0, 0.5));
            assertEquals(5_015, s.at(5_015, 1.0)); // the first lock, 15 steps above the start
            assertEquals(5_015, s.at(5_015, 0.5));
            int trial = s.at(5_015, 0.5);
            assertEquals(200, Math.abs(trial - 5_015));
            if (trial > 5_015) {
                up++;
            } else {
                down++;
            }
        }
        assertTrue(up > 0 && down > 0, up + " up, " + down + " down of 12 seeds");
    }

    @Test
    void aPairOfZeroWindowsTeachesNoSpreadAndTheFloorHolds() {
        Script s = new Script(noisy(4), firstGoesUp(UP_SEED, true), 5_000);
        for (int i = 0; i < 3; i++) {
            assertEquals(5_000, s.at(5_000, 0.0));
        }
        assertEquals(5_100, s.at(5_000, 0.0));
        // s_f = η_min/(z_η·√2) = 0.01/(2√2): the floor, and η = max(0.01, 2·s_f·√2) = 0.01.
        assertEquals(0.01 / (2 * Math.sqrt(2)), s.tuner.relativeNoise(), TOL * 0.01);
        assertEquals(0.01, s.tuner.noiseMargin(), TOL * 0.01);
    }

    /**
     * The spread from pairs of windows at one position, and what it sets: the margins, the release
     * drop and, while refining, the windows per judgement.
     *
     * <p>Start: 1.98, 2.02, 1.98, 2.02 W at 5000 (Pa = 2, n_a = 4) make three pairs, each with
     * r²/2 = (0.04/2)²/2 = 2e-4 and ΔP²/(2P̄) = 0.0016/4 = 4e-4 W. The first terms are clipped at
     * 9·s_f² = 1.125e-4 and 9·s_f²·P̄ = 2.25e-4 W; the weights are 1/k, so s_r² = (1.125e-4 + 2·2e-4)/3
     * = 1.7083333e-4 and a = (2.25e-4 + 2·4e-4)/3 = 3.4166667e-4 W; at Pa = 2, s² = min(s_r², a/2) =
     * 1.7083333e-4.
     */
    @Test
    void theSpreadOfPairsSetsTheMarginsAndTheWindowsPerJudgement() {
        Script s = new Script(noisy(4), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_000, s.at(5_000, 1.98));
        assertEquals(5_000, s.at(5_000, 2.02));
        assertEquals(5_000, s.at(5_000, 1.98));
        assertEquals(5_100, s.at(5_000, 2.02));
        double variance = 1.7083333333e-4;
        assertEquals(Math.sqrt(variance), s.tuner.relativeNoise(), TOL);
        assertEquals(2 * Math.sqrt(2 * variance), s.tuner.noiseMargin(), TOL, "z_η·s·√2 = 0.0369685");
        // ρ = max(0.03, 8·s·√(0.5/1.5)) = 8·0.0130703·0.577350 = 0.0603693 (PL = 0 before a lock: s = s_r).
        assertEquals(8 * Math.sqrt(variance / 3), s.tuner.releaseDrop(), TOL);

        // η(1, 4) = 2·√(s²·1.25) = 0.0292: 1 W fails above, then below: refining, σ 25 ≥ 10.
        assertEquals(4_950, s.at(5_100, 1.0));
        // n_t = ⌈2·z²·s²/η_r²⌉ = ⌈8·1.7083e-4/4e-4⌉ = ⌈3.417⌉ = 4 windows at 5025.
        assertEquals(5_025, s.at(4_950, 1.0));
        assertTrue(s.tuner.refining());
        assertEquals(5_025, s.at(5_025, 2.04), "1 of 4");
        // Each further window at 5025 makes a pair with ΔP = 0: the running means fall by (k−1)/k,
        // k = 4, 5, 6, to half: s_r² = 8.5416667e-5, a = 1.7083333e-4 W.
        assertEquals(5_025, s.at(5_025, 2.04), "2 of 4");
        assertEquals(5_025, s.at(5_025, 2.04), "3 of 4");
        // At Pa = 2: s² = 8.5416667e-5; Pt = 2.04 > 2·(1 + 2·√(8.5416667e-5·0.5)) = 2.0261406: a
        // success while refining (σ stays 25). At Pa = 2.04, s² = min(s_r², a/2.04) = 8.374183e-5,
        // so n_t = ⌈8·8.374183e-5/4e-4⌉ = ⌈1.675⌉ = 2 windows at 5050.
        assertEquals(5_050, s.at(5_025, 2.04));
        assertEquals(Math.sqrt(1.7083333333e-4 / 2.04), s.tuner.relativeNoise(), TOL);
        assertEquals(5_050, s.at(5_050, 1.8), "1 of 2");
        // Pair k = 7: s_r² = 8.5416667e-5·6/7 = 7.3214286e-5, a = 1.4642857e-4 W; s² = a/2.04 =
        // 7.1778711e-5. η(2, 4) = 2·√(7.1778711e-5·0.75) = 0.0146743; 1.8 < 2.04·(1 − η): failed;
        // σ 12.5, d = −1; n_t = ⌈8·7.1778711e-5/4e-4⌉ = 2 ≤ n_a = 4: θt = rint(5025 − 12.5) = 5012
        // (half to even).
        assertEquals(5_012, s.at(5_050, 1.8));
        assertEquals(Math.sqrt(1.4642857143e-4 / 2.04), s.tuner.relativeNoise(), TOL);
        assertEquals(8 * Math.sqrt(7.3214286e-5 / 3), s.tuner.releaseDrop(), TOL * 10, "s_r² at PL = 0");
    }

    @Test
    void theStepIsSigmaTimesOnePlusJitterTimesAGaussianDraw() {
        // The generator is java.util.Random(seed): the start draws the direction, each trial one ξ.
        Random generator = new Random(UP_SEED);
        assertTrue(generator.nextBoolean());
        double xi1 = generator.nextGaussian(); // −0.867389
        double xi2 = generator.nextGaussian(); // −0.200952
        Script s = new Script(exact(1, 0.003, 0.5), firstGoesUp(UP_SEED, true), 5_000);
        // 100·(1 + 0.5·ξ1) = 56.63: θt = rint(5056.63) = 5057.
        assertEquals(5_057.0, Math.rint(5_000 + 100 * (1 + 0.5 * xi1)), 0.0);
        assertEquals(5_057, s.at(5_000, 1.0));
        // Failed: σ 50, d = −1; 50·(1 + 0.5·ξ2) = 44.98: rint(4955.02) = 4955.
        assertEquals(4_955.0, Math.rint(5_000 - 50 * (1 + 0.5 * xi2)), 0.0);
        assertEquals(4_955, s.at(5_057, 0.5));
    }

    /** σ is compared with σ_brake strictly: at σ = σ_brake = 25 exactly the trials go on. */
    @Test
    void sigmaEqualToTheBrakeSigmaStillTries() {
        Script s = new Script(exact(1, 0.0025, 0.0), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0));
        assertEquals(4_950, s.at(5_100, 0.5));
        assertEquals(5_025, s.at(4_950, 0.5), "σ = 25 = σ_brake: a trial, no probes");
    }

    /** While refining, a trial that shows no slope above the noise starts the peak estimate at once. */
    @Test
    void anInconclusiveTrialWhileRefiningStartsTheProbes() {
        Script s = new Script(exact(1, 0.001, 0.0), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0));
        assertEquals(4_950, s.at(5_100, 0.5));
        assertEquals(5_025, s.at(4_950, 0.5), "refining, σ 25 ≥ σ_brake = 10");
        // 0.9375 ≤ 1.0 ≤ 1.0625: inconclusive. The bracket (4950, 0.5) and (5100, 0.5): 4969, 5000, 5061.
        assertEquals(4_969, s.at(5_025, 1.0));
        assertEquals(NoiseBrakeTuner.Phase.PROBE, s.tuner.phase());
        assertEquals(3, s.tuner.failures(), "the inconclusive trial counts as a failure while refining");
    }

    /**
     * Going and coming back to each side probe must pay back at least η·Pa: 2·(E(31) + E(61))/T
     * with T = 0.5 s against 0.0625 W.
     */
    @Test
    void probesThatCostMoreThanTheyCanGainAreNotMade() {
        // 1e-4 J per step: 2·92·1e-4/0.5 = 0.0368 W < 0.0625 W: probe.
        Script cheap = bracketedBeforeTheProbes(new TuningCost(1e-4, 0.0));
        assertEquals(4_969, cheap.at(4_950, 0.5));
        // 2e-4 J per step: 0.0736 W: no probes, back to θa to brake.
        Script dear = bracketedBeforeTheProbes(new TuningCost(2e-4, 0.0));
        assertEquals(5_000, dear.at(4_950, 0.5));
        assertEquals(NoiseBrakeTuner.Phase.MEASURE_ANCHOR, dear.tuner.phase());
        // 1/128 J per move: 2·(2/128)/0.5 = 0.0625 W exactly: not less, so no probes.
        Script tie = bracketedBeforeTheProbes(new TuningCost(0.0, 1.0 / 128));
        assertEquals(5_000, tie.at(4_950, 0.5));
    }

    /** The first two trials of {@link #bracketed}, with move costs (failures do not depend on them). */
    private static Script bracketedBeforeTheProbes(TuningCost cost) {
        Script s = new Script(exact(1), cost, firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0));
        assertEquals(4_950, s.at(5_100, 0.5));
        return s;
    }

    /** P0·(1 + η) = Pa exactly is no fall: the estimate goes on. */
    @Test
    void aReMeasuredAnchorExactlyAMarginBelowIsNoFall() {
        Script s = new Script(exact(1), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0625));
        assertEquals(4_950, s.at(5_100, 0.5));
        // Drops 1 − 0.5/1.0625 = 0.529412: h = rint(d·√(0.1875/0.529412)) = rint(d·0.595119): 30 and 60.
        assertEquals(4_970, s.at(4_950, 0.5));
        assertEquals(5_000, s.at(4_970, 0.5));
        assertEquals(5_060, s.at(5_000, 1.0), "P0 = 1: 1·1.0625 = Pa");
        assertEquals(5_015, s.at(5_060, 0.5), "vertex 0.5·(−30 + 60)");
    }

    /**
     * While refining, a success forgets a bracket point it reaches: from θa = 5000 (up) or its
     * mirror (down), failures at ±100 and ∓50, then successes at ±25, ±50, ±75 and ±100, the last
     * on θ±; a failure at ±125, σ 12.5, one at ±88 (rint of ±87.5, half to even). σ 6.25 &lt; 10:
     * the near side ±88 is 12 steps away with the drop 1 − 1/1.4, h = rint(12·√(0.1875/0.285714))
     * = rint(9.72) = 10; the far side ±125 is 25 away with the drop 1 − 0.5/1.4, h = rint(25·√(0.1875/
     * 0.642857)) = rint(13.50) = 14. A kept θ± at θa would put its probe 1 step away.
     */
    @Test
    void aSuccessOnABracketPointForgetsIt() {
        for (int sign = -1; sign <= 1; sign += 2) {
            int m = sign;
            Script s = new Script(exact(1, 0.001, 0.0), firstGoesUp(m > 0 ? UP_SEED : DOWN_SEED, m > 0), 5_000);
            IntUnaryOperator pos = x -> 5_000 + m * x;
            assertEquals(pos.applyAsInt(100), s.at(5_000, 1.0));
            assertEquals(pos.applyAsInt(-50), s.at(pos.applyAsInt(100), 0.5));
            assertEquals(pos.applyAsInt(25), s.at(pos.applyAsInt(-50), 0.5), "refining, σ 25");
            assertEquals(pos.applyAsInt(50), s.at(pos.applyAsInt(25), 1.1));
            assertEquals(pos.applyAsInt(75), s.at(pos.applyAsInt(50), 1.2));
            assertEquals(pos.applyAsInt(100), s.at(pos.applyAsInt(75), 1.3));
            assertEquals(pos.applyAsInt(125), s.at(pos.applyAsInt(100), 1.4), "a success on the old failure");
            assertEquals(pos.applyAsInt(88), s.at(pos.applyAsInt(125), 0.5));
            int below = m > 0 ? 5_100 - 10 : 4_900 - 14;
            int above = m > 0 ? 5_100 + 14 : 4_900 + 10;
            assertEquals(below, s.at(pos.applyAsInt(88), 1.0), "probes " + below + ", θa, " + above);
            assertEquals(pos.applyAsInt(100), s.at(below, 0.5));
            assertEquals(above, s.at(pos.applyAsInt(100), 1.4));
        }
    }

    /**
     * While refining, the anchor is re-measured until it has as many windows as a trial will:
     * two start windows (1.98, 2.02 W) make one pair, whose terms are clipped at 9·s_f² = 1.125e-4
     * and 9·s_f²·P̄ = 2.25e-4 W, so s² = min(1.125e-4, 2.25e-4/2) = 1.125e-4 at Pa = 2.
     */
    @Test
    void whileRefiningTheAnchorIsReMeasuredUntilItHasAsManyWindowsAsATrial() {
        Script s = new Script(noisy(2), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_000, s.at(5_000, 1.98));
        assertEquals(5_100, s.at(5_000, 2.02));
        assertEquals(4_950, s.at(5_100, 1.0));
        // Refining: n_t = ⌈8·1.125e-4/4e-4⌉ = ⌈2.25⌉ = 3 > n_a = 2: one more window at θa.
        assertEquals(5_000, s.at(4_950, 1.0));
        assertEquals(NoiseBrakeTuner.Phase.MEASURE_ANCHOR, s.tuner.phase());
        // Pa = (2·2 + 2.08)/3 = 2.0266667; s² = min(1.125e-4, 2.25e-4/2.0266667) = 1.1101974e-4,
        // n_t = ⌈2.2204⌉ = 3 windows at 5025.
        assertEquals(5_025, s.at(5_000, 2.08));
        assertEquals(6.08 / 3, s.tuner.anchorPowerWatts(), TOL);
        assertEquals(5_025, s.at(5_025, 2.05), "1 of 3");
        assertEquals(5_025, s.at(5_025, 2.05), "2 of 3");
        // Two pairs with ΔP = 0: s_r² = 1.125e-4/3 = 3.75e-5, a = 2.25e-4/3 = 7.5e-5 W; at Pa = 2.0266667
        // s² = 3.7006579e-5 and η(3, n_a = 3) = max(0.01, 2·√(3.7006579e-5·2/3)) = 0.01: 2.05 > 2.0469333, a
        // success (against n_a = 1, η would be 2·√(3.7006579e-5·4/3) = 0.01405 and 2.05 < 2.0551).
        // At Pa = 2.05: s² = 7.5e-5/2.05 = 3.6585366e-5, n_t = ⌈0.732⌉ = 1.
        assertEquals(5_050, s.at(5_025, 2.05));
        assertEquals(5_025, s.tuner.anchorSteps());
        assertEquals(Math.sqrt(7.5e-5 / 2.05), s.tuner.relativeNoise(), TOL);
    }

    /** A success keeps the bracket points that stay on their side of the new θa, with their powers. */
    @Test
    void aSuccessKeepsTheBracketPointsOnTheirSides() {
        Script s = new Script(exact(1, 0.001, 0.0), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0));
        assertEquals(4_950, s.at(5_100, 0.2));
        assertEquals(5_025, s.at(4_950, 0.5), "refining, σ 25");
        assertEquals(5_050, s.at(5_025, 1.1), "success: θa 5025, Pa 1.1; θ₋ = 4950 and θ₊ = 5100 stay");
        // Inconclusive while refining: probes. Below: 75 steps, drop 1 − 0.5/1.1 = 0.545455,
        // h = rint(75·√(0.1875/0.545455)) = rint(43.97) = 44; above: 75 steps, drop 1 − 0.2/1.1 = 0.818182,
        // h = rint(75·√(0.1875/0.818182)) = rint(35.90) = 36.
        assertEquals(4_981, s.at(5_050, 1.1));
        assertEquals(5_025, s.at(4_981, 0.5));
        assertEquals(5_061, s.at(5_025, 1.1));
    }

    /**
     * One failure can shrink σ below σ_brake before the other side was tried (σ_brake = 60 here):
     * the side not known takes the known side's probe distance, rint(100·√(0.1875/0.5)) = 61.
     */
    @Test
    void withOneSideKnownBothProbesTakeItsDistance() {
        Script s = new Script(exact(1, 0.006, 0.0), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0));
        assertEquals(4_939, s.at(5_100, 0.5), "σ 50 < 60: probes at 4939, 5000, 5061");
        assertFalse(s.tuner.refining());
        assertEquals(5_000, s.at(4_939, 0.5));
        assertEquals(5_061, s.at(5_000, 1.0));
    }

    /**
     * A request for the position the actuator is at is a hold: the next window there pairs with
     * this one. Here the probe below lands on the trial that just failed (its drop 0.02 is under
     * D_p = 3·0.01, so h = the whole 50 steps), and the pair (0.98, 0.96) gives the first spread:
     * a = min(0.5·0.02²/0.97, 9·s_f²·0.97) = 1.09125e-4 W and s_r² = min(0.5·(0.02/0.97)², 9·s_f²) =
     * 1.125e-4, so s² = min(1.125e-4, 1.09125e-4/1) at Pa = 1.
     */
    @Test
    void aProbeOnThePositionJustMeasuredPairsItsWindowWithTheLast() {
        Script s = new Script(new NoiseBrakeSettings(0.01, 0.25, 0.003, 0.02, 2.0, 0.5, 0.0, 0.01, 2.0, 0.03, 8.0,
                0.5, 0.02, 16, 1, 5e8), firstGoesUp(UP_SEED, true), 5_000);
        assertEquals(5_100, s.at(5_000, 1.0));
        assertEquals(4_950, s.at(5_100, 0.98), "0.98 < 1·(1 − 0.01): failed");
        assertEquals(4_950, s.at(4_950, 0.98), "failed: σ 25 < 30, probes 4950, 5000, 5100");
        assertEquals(0.01 / (2 * Math.sqrt(2)), s.tuner.relativeNoise(), TOL, "no pair yet: the floor");
        assertEquals(5_000, s.at(4_950, 0.96));
        assertEquals(Math.sqrt(1.09125e-4), s.tuner.relativeNoise(), TOL);
    }

    /** A side probe of 0 W (a dropout) makes the parabola degenerate; the estimate still stays inside the probes. */
    @Test
    void theEstimateStaysInsideTheProbesWhenASideReadsNothing() {
        Script s = bracketed();
        int estimate = probes(s, 0.0, 1.0, 0.5);
        assertTrue(estimate > 4_969 && estimate < 5_061, "estimate " + estimate);
        assertEquals(NoiseBrakeTuner.Phase.MEASURE_ANCHOR, s.tuner.phase());
    }
}
