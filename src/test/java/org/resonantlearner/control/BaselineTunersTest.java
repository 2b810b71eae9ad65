package org.resonantlearner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.harvest.TuningCost;

/**
 * Closed-loop tests of the baselines on the shipped service loop and a static Lorentzian rig whose peak
 * lies off every sweep grid.
 */
class BaselineTunersTest {
    /** Peak off the coarse sweep grid (multiples of 200 steps). */
    private static final double PEAK_STEPS = 5_123.0;
    private static final double NEAR_PEAK_FRACTION = 0.98;
    /** P&O and ES keep perturbing at the peak, which costs them a few percent. */
    private static final double DITHERING_PEAK_FRACTION = 0.93;
    /** Built per test (not in a static initialiser), so a broken {@code defaults()} shows in every test. */
    private final TunerSettings settings = TunerSettings.defaults(RlcLikeRig.SETTLE_SECONDS);

    private static LorentzianSineRig rig(int startSteps) {
        LorentzianSineRig rig = RlcLikeRig.rig(3);
        rig.peakStartSteps = PEAK_STEPS;
        return rig.startAt(startSteps);
    }

    @Test
    void fixedNeverMoves() {
        Tuner tuner = Tuners.create("fixed", settings, 1);
        LoopRecorder run = new LoopRecorder(rig(4_000).ramp(50), tuner, RlcLikeRig.limits()).run(3.0);
        assertEquals(0, run.movesAfter(0));
        assertEquals(0, run.rig.moves());
        assertEquals(4_000, run.rig.positionSteps());
    }

    @Test
    void sweepEndsNearThePeakAndHolds() {
        SweepThenHoldTuner tuner = (SweepThenHoldTuner) Tuners.create("sweep", settings, 1);
        LoopRecorder run = new LoopRecorder(rig(1_000), tuner, RlcLikeRig.limits()).run(4.0);
        assertTrue(tuner.holding());
        int points = SweepSettings.DEFAULT_COARSE_POINTS + SweepSettings.DEFAULT_FINE_POINTS;
        assertEquals(points + 1, run.movesAfter(0), "one move per point and one to the best");
        double fineSpacingSteps = 2 * 10_000.0 / (SweepSettings.DEFAULT_COARSE_POINTS - 1)
                / (SweepSettings.DEFAULT_FINE_POINTS - 1);
        assertEquals(PEAK_STEPS, run.rig.positionSteps(), fineSpacingSteps / 2);
        assertTrue(run.meanPowerFractionOfLast(50) >= NEAR_PEAK_FRACTION);
        assertEquals(0, run.movesAfter(3.0), "moves in the last second");
    }

    @Test
    void sweepRepeatsAPointTheRateLimitDidNotReach() {
        SweepThenHoldTuner tuner = (SweepThenHoldTuner) Tuners.create("sweep", settings, 1);
        SafetyLimits slow = new SafetyLimits(0, 10_000, 20_000.0); // 200 steps per 10 ms window at most
        LoopRecorder run = new LoopRecorder(rig(5_000), tuner, slow).run(30.0);
        assertTrue(tuner.holding());
        assertTrue(slow.rateLimitedCommands() > 0);
        assertTrue(run.meanPowerFractionOfLast(50) >= NEAR_PEAK_FRACTION);
    }

    @Test
    void perturbObserveEndsNearThePeak() {
        Tuner tuner = Tuners.create("perturb-observe", settings, 1);
        LoopRecorder run = new LoopRecorder(rig(4_800), tuner, RlcLikeRig.limits()).run(10.0);
        double stepSteps = PerturbObserveSettings.DEFAULT_STEP_FRACTION * 10_000;
        assertEquals(PEAK_STEPS, run.rig.positionSteps(), 2 * stepSteps);
        assertTrue(run.meanPowerFractionOfLast(200) >= DITHERING_PEAK_FRACTION);
        assertTrue(run.movesAfter(8.0) > 0, "P&O never stops perturbing");
    }

    @Test
    void extremumSeekingEndsNearThePeak() {
        ExtremumSeekingTuner tuner = (ExtremumSeekingTuner) Tuners.create("extremum-seeking", settings, 1);
        LoopRecorder run = new LoopRecorder(rig(4_900), tuner, RlcLikeRig.limits()).run(20.0);
        double amplitudeSteps = ExtremumSeekingSettings.DEFAULT_DITHER_AMPLITUDE_FRACTION * 10_000;
        assertEquals(PEAK_STEPS, tuner.nominalSteps(), amplitudeSteps);
        assertTrue(run.meanPowerFractionOfLast(200) >= DITHERING_PEAK_FRACTION);
    }

    @Test
    void unknownTunerNameListsTheAllowedOnes() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> Tuners.create("gradient-descent", settings, 1));
        assertEquals("tuner", e.key());
        for (String name : Tuners.names()) {
            assertTrue(e.allowed().contains(name), e.getMessage());
        }
    }

    @Test
    void everyNameCreatesTheTunerOfThatName() {
        assertEquals(5, Tuners.names().size());
        for (String name : Tuners.names()) {
            assertEquals(name, Tuners.create(name, settings, 1).name());
        }
        assertTrue(Tuners.create("noise-brake", settings, 1) instanceof NoiseBrakeTuner);
    }

    @Test
    void createGivesEachTunerItsOwnKnobsAndTheSettleTime() {
        TunerSettings custom = settings.withSweep(new SweepSettings(7, 5, 2))
                .withPerturbObserve(new PerturbObserveSettings(0.003))
                .withExtremumSeeking(new ExtremumSeekingSettings(0.004, 6, 2.0))
                .withNoiseBrake(NoiseBrakeSettings.defaults());
        assertEquals(new SweepSettings(7, 5, 2), ((SweepThenHoldTuner) Tuners.create("sweep", custom, 1)).settings());
        assertEquals(new PerturbObserveSettings(0.003),
                ((PerturbObserveTuner) Tuners.create("perturb-observe", custom, 1)).settings());
        assertEquals(new ExtremumSeekingSettings(0.004, 6, 2.0),
                ((ExtremumSeekingTuner) Tuners.create("extremum-seeking", custom, 1)).settings());
        NoiseBrakeTuner noiseBrake = (NoiseBrakeTuner) Tuners.create("noise-brake", custom, 1);
        assertEquals(NoiseBrakeSettings.defaults(), noiseBrake.settings());
        assertEquals(RlcLikeRig.SETTLE_SECONDS, noiseBrake.settleTimeSeconds(), 0.0);
    }

    /** The defaults are the documented ones; each copy replaces its own part and keeps the rest. */
    @Test
    void settingsDefaultsAndCopies() {
        assertEquals(new SweepSettings(51, 21, 1), settings.sweep());
        assertEquals(new PerturbObserveSettings(0.002), settings.perturbObserve());
        assertEquals(new ExtremumSeekingSettings(0.002, 4, 1.0), settings.extremumSeeking());
        assertEquals(0.0, settings.energyPerStepJoules(), 0.0, "moves are free by default");
        TunerSettings priced = settings.withMoveCost(1e-3, 0.5);
        assertEquals(new TuningCost(1e-3, 0.5), priced.tuningCost());
        assertEquals(settings.withMoveCost(1e-3, 0.5), priced);
        assertEquals(settings, priced.withMoveCost(0.0, 0.0), "only the prices changed");
        assertEquals(settings.sweep(), settings.withPerturbObserve(new PerturbObserveSettings(0.003)).sweep());
    }

    @Test
    void settingsAreValidatedWithTheirKey() {
        assertEquals("settleTimeSeconds",
                assertThrows(InvalidValueException.class, () -> TunerSettings.defaults(Double.NaN)).key());
        assertEquals("energyPerMoveJoules", assertThrows(InvalidValueException.class,
                () -> settings.withMoveCost(0, -1)).key());
        assertEquals("coarsePoints",
                assertThrows(InvalidValueException.class, () -> new SweepSettings(1, 21, 1)).key());
        assertEquals("stepFraction",
                assertThrows(InvalidValueException.class, () -> new PerturbObserveSettings(0.0)).key());
        assertEquals("ditherPhases",
                assertThrows(InvalidValueException.class, () -> new ExtremumSeekingSettings(0.002, 2, 1.0)).key());
        assertEquals("noiseBrake", assertThrows(InvalidValueException.class,
                () -> settings.withNoiseBrake(null)).key());
    }
}
