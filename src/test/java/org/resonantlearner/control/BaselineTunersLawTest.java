package org.resonantlearner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.harvest.PowerWindow;

/**
 * The baselines' laws (their class comments) through {@code decide} with scripted windows and a zero
 * settle time, so that every window is judged; each expected request is worked by hand.
 */
class BaselineTunersLawTest {
    private final PowerWindow window = new PowerWindow();
    private int windows;

    private int at(Tuner tuner, int positionSteps, double powerWatts) {
        window.startTimeSeconds = 0.01 * windows;
        window.endTimeSeconds = 0.01 * (windows + 1);
        window.positionSteps = positionSteps;
        window.loadPowerWatts = powerWatts;
        windows++;
        return (int) tuner.decide(window);
    }

    /** Two windows at {@code positionSteps}, with mean {@code powerWatts}; returns the request after the second. */
    private int point(SweepThenHoldTuner tuner, int positionSteps, double powerWatts) {
        assertEquals(positionSteps, at(tuner, positionSteps, powerWatts - 0.5), "stays for the second window");
        return at(tuner, positionSteps, powerWatts + 0.5);
    }

    /**
     * Range 100..200, five coarse points 25 steps apart (100, 125, 150, 175, 200), then three fine
     * points over ± 25 around the best (ties go to the first), two windows each.
     */
    @Test
    void theSweepMeasuresEveryPointThenHoldsTheBest() {
        SweepThenHoldTuner tuner = new SweepThenHoldTuner(0.0, new SweepSettings(5, 3, 2));
        tuner.start(100, 200, 140, 0.0);
        assertEquals(100, at(tuner, 140, 9.0), "first to the first coarse point");
        assertEquals(125, point(tuner, 100, 1.0));
        assertEquals(150, point(tuner, 125, 2.0));
        assertEquals(175, point(tuner, 150, 5.0));
        assertEquals(200, point(tuner, 175, 5.0));
        assertFalse(tuner.holding());
        // Best coarse point: 150 (175 ties, the first wins). Fine: 150 − 25 + 50·i/2 = 125, 150, 175.
        assertEquals(125, point(tuner, 200, 1.0));
        assertEquals(150, point(tuner, 125, 2.0));
        assertEquals(175, point(tuner, 150, 6.0));
        assertEquals(150, point(tuner, 175, 6.0), "the best fine point, the first of the tie");
        assertTrue(tuner.holding());
        assertEquals(150, at(tuner, 150, 0.0), "holds for good, whatever the power");
        assertEquals(120, at(tuner, 120, 0.0), "moved by someone else: settles first");
        assertEquals(150, at(tuner, 120, 0.0), "then goes back");
    }

    @Test
    void perturbObserveStepsAPercentOfTheRangeAndTurnsAtItsEnds() {
        // Range 100..1100: a step of 0.01 × 1000 = 10.
        PerturbObserveTuner tuner = new PerturbObserveTuner(0.0, new PerturbObserveSettings(0.01));
        tuner.start(100, 1_100, 105, 0.0);
        assertEquals(115, at(tuner, 105, 1.0), "first step up");
        assertEquals(105, at(tuner, 115, 0.5), "lower: turn");
        assertEquals(100, at(tuner, 105, 1.0), "higher: on down, 95 kept in the range");
        assertEquals(110, at(tuner, 100, 2.0), "at the end of the range: turn");
    }

    /** Amplitude a = 0.002 × 10 000 = 20 steps, K = 4 phases: sin = 0, 1, 0, −1. */
    @Test
    void extremumSeekingKeepsTheDitherInsideTheRangeAndStepsUpTheLogPowerGradient() {
        ExtremumSeekingTuner top = new ExtremumSeekingTuner(0.0, new ExtremumSeekingSettings(0.002, 4, 1.0));
        top.start(0, 10_000, 10_000, 0.0);
        assertEquals(9_980.0, top.nominalSteps(), 0.0, "θn ≤ max − a");
        assertEquals(9_980, at(top, 10_000, 1.0), "not at the dither point θn + a·sin 0");
        assertEquals(10_000, at(top, 9_980, 1.0), "hp = 0: θn stays; next phase θn + a");
        // ln P = 1 against the mean of (0, 1): hp = 0.5, change = 1·20·0.5·1 = 10, θn = min(9990, 9980).
        assertEquals(9_980, at(top, 10_000, Math.E));
        assertEquals(9_980.0, top.nominalSteps(), 0.0);

        ExtremumSeekingTuner bottom = new ExtremumSeekingTuner(0.0, new ExtremumSeekingSettings(0.002, 4, 1.0));
        bottom.start(0, 10_000, 0, 0.0);
        assertEquals(20.0, bottom.nominalSteps(), 0.0, "θn ≥ min + a");
        assertEquals(20, at(bottom, 0, 1.0));

        ExtremumSeekingTuner middle = new ExtremumSeekingTuner(0.0, new ExtremumSeekingSettings(0.002, 4, 1.0));
        middle.start(0, 10_000, 5_000, 0.0);
        assertEquals(5_020, at(middle, 5_000, 1.0));
        // ln P = 1 against the mean of (0, 1): θn = 5000 + 10; phase 2: θn + 0.
        assertEquals(5_010, at(middle, 5_020, Math.E));
        assertEquals(5_010.0, middle.nominalSteps(), 1e-9);
    }
}
