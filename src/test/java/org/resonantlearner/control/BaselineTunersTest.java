package org.resonantlearner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

/** Closed-loop tests of the baselines on a static test plant whose peak lies off every sweep grid. */
class BaselineTunersTest {
    /** Peak off the coarse sweep grid (multiples of 200 steps). */
    private static final double PEAK_STEPS = 5_123.0;
    private static final double NEAR_PEAK_FRACTION = 0.98;
    /** P&O and ES keep perturbing at the peak, which costs them a few percent. */
    private static final double DITHERING_PEAK_FRACTION = 0.93;
    private static final TunerSettings SETTINGS = TunerSettings.defaults(RlcLikeRig.SETTLE_SECONDS);

    private static LorentzianTestPlant plant(int startSteps) {
        LorentzianTestPlant plant = RlcLikeRig.plant(3);
        plant.peakStartSteps = PEAK_STEPS;
        return plant.startAt(startSteps);
    }

    @Test
    void fixedNeverMoves() {
        Tuner tuner = Tuners.create("fixed", SETTINGS, 1);
        int total = RlcLikeRig.windows(3.0);
        ClosedLoop loop = new ClosedLoop(plant(4_000).ramp(50), tuner, RlcLikeRig.limits(), total).run(total);
        assertEquals(0, loop.moves(0, total));
        assertEquals(4_000, loop.positionSteps[total - 1]);
    }

    @Test
    void sweepEndsNearThePeakAndHolds() {
        SweepThenHoldTuner tuner = (SweepThenHoldTuner) Tuners.create("sweep", SETTINGS, 1);
        int total = RlcLikeRig.windows(4.0);
        ClosedLoop loop = new ClosedLoop(plant(1_000), tuner, RlcLikeRig.limits(), total).run(total);
        assertTrue(tuner.holding());
        int points = SweepSettings.DEFAULT_COARSE_POINTS + SweepSettings.DEFAULT_FINE_POINTS;
        assertEquals(points + 1, loop.moves(0, total), "one move per point and one to the best");
        double fineSpacingSteps = 2 * 10_000.0 / (SweepSettings.DEFAULT_COARSE_POINTS - 1)
                / (SweepSettings.DEFAULT_FINE_POINTS - 1);
        assertEquals(PEAK_STEPS, loop.positionSteps[total - 1], fineSpacingSteps / 2);
        assertTrue(loop.meanPowerFraction(total - 50, total) >= NEAR_PEAK_FRACTION);
        assertEquals(0, loop.moves(total - 100, total));
    }

    @Test
    void sweepRepeatsAPointTheRateLimitDidNotReach() {
        SweepThenHoldTuner tuner = (SweepThenHoldTuner) Tuners.create("sweep", SETTINGS, 1);
        int total = RlcLikeRig.windows(30.0);
        SafetyLimits slow = new SafetyLimits(0, 10_000, 20_000.0); // 200 steps per 10 ms window at most
        ClosedLoop loop = new ClosedLoop(plant(5_000), tuner, slow, total).run(total);
        assertTrue(tuner.holding());
        assertTrue(slow.rateLimitedCommands() > 0);
        assertTrue(loop.meanPowerFraction(total - 50, total) >= NEAR_PEAK_FRACTION);
    }

    @Test
    void perturbObserveEndsNearThePeak() {
        Tuner tuner = Tuners.create("perturb-observe", SETTINGS, 1);
        int total = RlcLikeRig.windows(10.0);
        ClosedLoop loop = new ClosedLoop(plant(4_800), tuner, RlcLikeRig.limits(), total).run(total);
        double stepSteps = PerturbObserveSettings.DEFAULT_STEP_FRACTION * 10_000;
        assertEquals(PEAK_STEPS, loop.positionSteps[total - 1], 2 * stepSteps);
        assertTrue(loop.meanPowerFraction(total - 200, total) >= DITHERING_PEAK_FRACTION);
        assertTrue(loop.moves(total - 200, total) > 0, "P&O never stops perturbing");
    }

    @Test
    void extremumSeekingEndsNearThePeak() {
        ExtremumSeekingTuner tuner = (ExtremumSeekingTuner) Tuners.create("extremum-seeking", SETTINGS, 1);
        int total = RlcLikeRig.windows(20.0);
        ClosedLoop loop = new ClosedLoop(plant(4_900), tuner, RlcLikeRig.limits(), total).run(total);
        double amplitudeSteps = ExtremumSeekingSettings.DEFAULT_DITHER_AMPLITUDE_FRACTION * 10_000;
        assertEquals(PEAK_STEPS, tuner.nominalSteps(), amplitudeSteps);
        assertTrue(loop.meanPowerFraction(total - 200, total) >= DITHERING_PEAK_FRACTION);
    }

    @Test
    void unknownTunerNameListsTheAllowedOnes() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> Tuners.create("gradient-descent", SETTINGS, 1));
        assertEquals("tuner", e.key());
        for (String name : Tuners.names()) {
            assertTrue(e.allowed().contains(name), e.getMessage());
        }
    }

    @Test
    void everyNameCreatesTheTunerOfThatName() {
        assertEquals(5, Tuners.names().size());
        for (String name : Tuners.names()) {
            assertEquals(name, Tuners.create(name, SETTINGS, 1).name());
        }
        assertTrue(Tuners.create("noise-brake", SETTINGS, 1) instanceof NoiseBrakeTuner);
    }

    @Test
    void settingsAreValidatedWithTheirKey() {
        assertEquals("settleTimeSeconds",
                assertThrows(InvalidValueException.class, () -> TunerSettings.defaults(Double.NaN)).key());
        assertEquals("energyPerMoveJoules", assertThrows(InvalidValueException.class,
                () -> SETTINGS.withMoveCost(0, -1)).key());
        assertEquals("coarsePoints",
                assertThrows(InvalidValueException.class, () -> new SweepSettings(1, 21, 1)).key());
        assertEquals("stepFraction",
                assertThrows(InvalidValueException.class, () -> new PerturbObserveSettings(0.0)).key());
        assertEquals("ditherPhases",
                assertThrows(InvalidValueException.class, () -> new ExtremumSeekingSettings(0.002, 2, 1.0)).key());
        assertEquals("noiseBrake", assertThrows(InvalidValueException.class,
                () -> SETTINGS.withNoiseBrake(null)).key());
    }
}
