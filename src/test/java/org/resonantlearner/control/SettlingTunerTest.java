package org.resonantlearner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.harvest.PowerWindow;

/** The settle gate every tuner shares, driven window by window. */
class SettlingTunerTest {
    private static final double SETTLE_SECONDS = 0.015;
    private static final double WINDOW_SECONDS = 0.010;

    private final PowerWindow window = new PowerWindow();

    private double at(Tuner tuner, double startSeconds, double endSeconds, int positionSteps, double powerWatts) {
        window.startTimeSeconds = startSeconds;
        window.endTimeSeconds = endSeconds;
        window.positionSteps = positionSteps;
        window.loadPowerWatts = powerWatts;
        return tuner.decide(window);
    }

    private double feed(Tuner tuner, int index, int positionSteps, double powerWatts) {
        window.startTimeSeconds = index * WINDOW_SECONDS;
        window.endTimeSeconds = (index + 1) * WINDOW_SECONDS;
        window.positionSteps = positionSteps;
        window.loadPowerWatts = powerWatts;
        return tuner.decide(window);
    }

    @Test
    void windowsBeforeTheSettleTimeAreNotJudged() {
        PerturbObserveTuner tuner = new PerturbObserveTuner(SETTLE_SECONDS, new PerturbObserveSettings(0.01));
        tuner.start(0, 1_000, 500, 0.0);
        assertEquals(500, feed(tuner, 0, 500, 1.0), 0.0); // started at 0 < 0 + 0.015: ring-up
        assertEquals(500, feed(tuner, 1, 500, 1.0), 0.0); // started at 0.010 < 0.015
        assertEquals(510, feed(tuner, 2, 500, 1.0), 0.0); // started at 0.020: judged, steps +10
        assertEquals(1, tuner.judgedWindows());
        assertEquals(2, tuner.skippedWindows());
        // The move happened at 0.030: windows starting at 0.030 and 0.040 are still ringing.
        assertEquals(510, feed(tuner, 3, 510, 0.1), 0.0);
        assertEquals(510, feed(tuner, 4, 510, 0.1), 0.0);
        assertEquals(520, feed(tuner, 5, 510, 2.0), 0.0);
        assertEquals(2, tuner.judgedWindows());
        assertEquals(2, tuner.requestedMoves());
        assertEquals(0.060, tuner.lastMoveTimeSeconds(), 1e-12);
    }

    @Test
    void aMoveNobodyAskedForAlsoNeedsSettling() {
        PerturbObserveTuner tuner = new PerturbObserveTuner(SETTLE_SECONDS, new PerturbObserveSettings(0.01));
        tuner.start(0, 1_000, 500, -1.0);
        assertEquals(510, feed(tuner, 0, 500, 1.0), 0.0); // judged: moves at 0.010
        assertEquals(510, feed(tuner, 1, 510, 1.0), 0.0); // settling after its own move
        // Someone moved the actuator to 700 while the tuner held: settle from the end of this window.
        assertEquals(700, feed(tuner, 2, 700, 1.0), 0.0);
        assertEquals(700, feed(tuner, 3, 700, 1.0), 0.0); // 0.030 < 0.030 + 0.015
        assertEquals(700, feed(tuner, 4, 700, 1.0), 0.0); // 0.040 < 0.045
        assertEquals(710, feed(tuner, 5, 700, 1.0), 0.0);
    }

    @Test
    void invalidPowerIsSkippedAndRequestsStayInRange() {
        PerturbObserveTuner tuner = new PerturbObserveTuner(0.0, new PerturbObserveSettings(0.5));
        tuner.start(0, 100, 90, 0.0);
        assertEquals(90, feed(tuner, 0, 90, Double.NaN), 0.0);
        assertEquals(1, tuner.skippedWindows());
        assertEquals(100, feed(tuner, 1, 90, 1.0), 0.0); // 90 + 50 clamped to the range
        assertEquals(50, feed(tuner, 2, 100, 2.0), 0.0); // at the end of the range: reverses
    }

    /** Binary-exact times (windows and settle time of 1/64 s), so that "at or after" is tested exactly. */
    @Test
    void aWindowStartingExactlyOneSettleTimeAfterTheMoveIsJudged() {
        double t = 1.0 / 64;
        PerturbObserveTuner tuner = new PerturbObserveTuner(t, new PerturbObserveSettings(0.01));
        tuner.start(0, 1_000, 500, 0.0);
        assertEquals(500, at(tuner, 0, t, 500, 1.0), 0.0); // starts at 0 < 0 + t
        assertEquals(510, at(tuner, t, 2 * t, 500, 1.0), 0.0); // starts at t: judged; the move is at 2t
        assertEquals(510, at(tuner, 2 * t, 3 * t, 510, 1.0), 0.0); // 2t < 2t + t
        assertEquals(520, at(tuner, 3 * t, 4 * t, 510, 2.0), 0.0); // 3t = 2t + t: judged
        assertEquals(2, tuner.judgedWindows());
    }

    @Test
    void startRefusesAnEmptyRange() {
        PerturbObserveTuner tuner = new PerturbObserveTuner(0.0, new PerturbObserveSettings(0.01));
        assertEquals("maxPositionSteps",
                assertThrows(InvalidValueException.class, () -> tuner.start(10, 10, 10, 0.0)).key());
        assertEquals("startTimeSeconds",
                assertThrows(InvalidValueException.class, () -> tuner.start(0, 10, 5, Double.NaN)).key());
    }

    @Test
    void decideBeforeStartIsAnError() {
        assertThrows(IllegalStateException.class, () -> feed(new FixedTuner(), 0, 0, 1.0));
    }
}
