package org.resonantlearner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.harvest.EnergyLedger;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.TuningCost;
import org.resonantlearner.hal.CountingActuator;

/**
 * The service loop on fakes of our own ports: what reaches the actuator (through the safety limits'
 * step-rate limit), what is booked, how a run ends (budget, end of stream, stop request).
 *
 * <p>The source is a 0.25 V, 1 kHz sine at 20 kS/s across 2 Ω, metered in windows of 10 periods:
 * each window lasts 10 ms and carries A²/(2R) = 0.25²/4 = 15.625 mW. At a whole 20 samples per
 * period the crossings fall at the same place in every period, so window lengths are 10 ms to far
 * better than any rate arithmetic below needs.
 */
class ServiceLoopTest {
    private static final double SAMPLE_RATE_HZ = 20_000;
    private static final double DRIVE_HZ = 1_000;
    private static final double AMPLITUDE_VOLTS = 0.25;
    private static final double LOAD_OHMS = 2.0;
    private static final int WINDOW_PERIODS = 10;
    private static final double WINDOW_SECONDS = WINDOW_PERIODS / DRIVE_HZ;
    private static final int BLOCK_SAMPLES = 64;
    /** The meter's documented accuracy on a pure sine (PowerMeter class comment). */
    private static final double POWER_REL_TOL = 2e-5;
    private static final double TOL_SECONDS = 1e-12;

    private final ManualClock clock = new ManualClock(0);
    private final ScriptedSource source = ScriptedSource.sine(clock, SAMPLE_RATE_HZ, AMPLITUDE_VOLTS, DRIVE_HZ, 0.3);
    private final CountingActuator actuator = new CountingActuator(0, 1000, 500);
    /** Position after each window: the listener runs after the loop moved the actuator. */
    private final List<Integer> positionAfterWindow = new ArrayList<>();
    /** Position each window reported to the tuner: where the actuator was when the window closed. */
    private final List<Integer> positionInWindow = new ArrayList<>();
    /** The clock after each window: the time of the move the loop made after it. */
    private final List<Long> clockAtWindowNanos = new ArrayList<>();

    private ServiceLoop loop(ScriptedTuner tuner, double maxStepRateStepsPerSecond, TuningCost cost) {
        return loop(tuner, maxStepRateStepsPerSecond, cost, BLOCK_SAMPLES);
    }

    private ServiceLoop loop(ScriptedTuner tuner, double maxStepRateStepsPerSecond, TuningCost cost, int blockSamples) {
        return new ServiceLoop(source, actuator, meter(), tuner,
                new SafetyLimits(0, 1000, maxStepRateStepsPerSecond), new EnergyLedger(cost),
                (window, end, l) -> {
                    positionInWindow.add(window.positionSteps);
                    positionAfterWindow.add(actuator.position);
                    clockAtWindowNanos.add(clock.nanos);
                },
                blockSamples, clock, 1.0);
    }

    private static PowerMeter meter() {
        return new PowerMeter(SAMPLE_RATE_HZ, LOAD_OHMS, WINDOW_PERIODS, 0.05);
    }

    /** First asks for position 0, then 1000. */
    private static ScriptedTuner downThenFarUp() {
        return new ScriptedTuner((k, window) -> k == 1 ? 0 : 1000);
    }

    /**
     * Blocks of 40 samples (2 ms) divide the 200-sample (10 ms) windows, so every window closes in a
     * block at the same place: the loop moves after each at clock times exactly 10 ms apart. The first
     * window runs from the first upward crossing after the meter's 100-sample warm-up (phase 0.3 rad at
     * 20 samples a period: sample 119.05) to the one 200 samples later (319.05), confirmed after
     * sample 320, in the block [320, 360) that ends at 18 ms.
     */
    private static final int DIVIDING_BLOCK_SAMPLES = 40;
    private static final long FIRST_WINDOW_NANOS = 18_000_000L;

    @Test
    void aFarTargetIsApproachedAtTheStepRateLimitOneWindowAtATimeFromTheFirstMove() {
        // 1250 steps/s: the first move, 18 ms after the loop took charge at clock 0, floor(22.5) = 22
        // steps. The window after a move began before the move took effect (at the end of the block
        // that closed the window before): it is not shown to the tuner, so the tuner asks after every
        // second window, and each of those moves travels floor(1250 × 0.020) = 25 steps.
        ServiceLoop loop = loop(new ScriptedTuner((k, window) -> 1000), 1250, TuningCost.free(), DIVIDING_BLOCK_SAMPLES);
        loop.run(4_000);
        int windows = positionAfterWindow.size();
        assertTrue(windows >= 15, "windows: " + windows);
        assertEquals(FIRST_WINDOW_NANOS, clockAtWindowNanos.get(0));
        assertEquals(522, positionAfterWindow.get(0), "the first move keeps the limit too");
        for (int k = 2; k <= windows; k++) {
            assertEquals(FIRST_WINDOW_NANOS + (k - 1) * 10_000_000L, clockAtWindowNanos.get(k - 1));
            assertEquals(522 + 25 * ((k - 1) / 2), positionAfterWindow.get(k - 1), "after window " + k);
            assertEquals(positionAfterWindow.get(k - 2), positionInWindow.get(k - 1), "window " + k + " reports where the actuator was");
        }
        int moves = (windows + 1) / 2;
        assertEquals(22 + 25L * (moves - 1), loop.ledger().travelSteps());
        assertEquals(moves, loop.ledger().moves());
        assertEquals(moves, loop.limits().rateLimitedCommands());
    }

    @Test
    void onlyAMoveRestartsTheStepRateClock() {
        // 75 steps/s: the first window, 18 ms after the start, allows floor(1.35) = 1 step down; after
        // that one window (10 ms) allows floor(0.75) = 0 steps, so the loop holds, and two windows since
        // the last move allow floor(1.5) = 1. The actuator goes one step every second window.
        ServiceLoop loop = loop(downThenFarUp(), 75, TuningCost.free(), DIVIDING_BLOCK_SAMPLES);
        loop.run(4_000);
        int windows = positionAfterWindow.size();
        assertTrue(windows >= 15, "windows: " + windows);
        assertEquals(FIRST_WINDOW_NANOS, clockAtWindowNanos.get(0));
        assertEquals(499, positionAfterWindow.get(0), "one step toward 0");
        for (int k = 2; k <= windows; k++) {
            assertEquals(499 + (k - 1) / 2, positionAfterWindow.get(k - 1), "after window " + k);
        }
        assertEquals(1 + (windows - 1) / 2, actuator.moves, "a held command is no move");
    }

    @Test
    void aHoldOrANonNumberMovesNothing() {
        ServiceLoop loop = loop(new ScriptedTuner((k, window) -> k % 2 == 0 ? window.positionSteps : Double.NaN),
                1e9, new TuningCost(1e-3, 1e-2));
        loop.run(4_000);
        assertTrue(loop.windows() > 10);
        assertEquals(0, actuator.moves);
        assertEquals(500, actuator.position);
        assertEquals(0, loop.ledger().moves());
        assertEquals(0.0, loop.ledger().tuningEnergyJoules(), 0.0);
    }

    @Test
    void everyWindowIsCountedBookedAndShownToTunerAndListener() {
        ScriptedTuner tuner = new ScriptedTuner((k, window) -> window.positionSteps + 1);
        ServiceLoop loop = loop(tuner, 1e9, new TuningCost(0, 1e-4));
        loop.run(10_000);
        long windows = loop.windows();
        // 0.5 s of stream: the first crossing after the meter's warm-up, then a window every 10 ms.
        assertTrue(windows >= 45 && windows <= 50, "windows: " + windows);
        assertEquals(windows, positionAfterWindow.size());
        // The tuner moves on every window it sees; the next one began before that move took effect
        // (it holds samples of the old position) and is booked and listed, but never shown to it.
        int decisions = (int) ((windows + 1) / 2);
        assertEquals(decisions, tuner.decisions);
        assertEquals(windows, loop.ledger().windows());
        double expectedJoules = windows * WINDOW_SECONDS * AMPLITUDE_VOLTS * AMPLITUDE_VOLTS / (2 * LOAD_OHMS);
        assertEquals(expectedJoules, loop.ledger().harvestedEnergyJoules(), POWER_REL_TOL * expectedJoules);
        // One step up per window the tuner saw, each move 1e-4 J.
        assertEquals(500 + decisions, actuator.position);
        assertEquals(decisions * 1e-4, loop.ledger().tuningEnergyJoules(), 1e-15 * windows);
    }

    @Test
    void theTunerIsStartedOnceWithTheActuatorsRangeAndPosition() {
        ScriptedTuner tuner = downThenFarUp();
        ServiceLoop loop = loop(tuner, 1e9, TuningCost.free());
        loop.run(1_000);
        loop.run(1_000);
        assertEquals(1, tuner.starts);
        assertEquals(0, tuner.startMinSteps);
        assertEquals(1000, tuner.startMaxSteps);
        assertEquals(500, tuner.startPositionSteps);
        assertEquals(0.0, tuner.startTimeSeconds, 0.0);
        assertEquals("scripted", loop.tunerName());
    }

    @Test
    void runProcessesExactlyItsBudgetAndContinuesTheSameRun() {
        ServiceLoop loop = loop(downThenFarUp(), 1e9, TuningCost.free());
        loop.run(1_000); // 15 blocks of 64 and one of 40
        assertEquals(1_000, loop.samplesRead());
        assertEquals(1_000 / SAMPLE_RATE_HZ, loop.elapsedSeconds(), TOL_SECONDS);
        loop.run(37);
        assertEquals(1_037, loop.samplesRead());
        assertEquals(1_037 / SAMPLE_RATE_HZ, loop.elapsedSeconds(), TOL_SECONDS);
        assertEquals(BLOCK_SAMPLES, source.largestRequest, "reads never exceed the block");
        assertFalse(loop.endOfStream());
        assertFalse(loop.stopRequested());
    }

    @Test
    void aBlockOfOneSampleWorksAndNoneIsRefused() {
        ServiceLoop loop = new ServiceLoop(source, actuator, meter(), downThenFarUp(), new SafetyLimits(0, 1000, 1e9),
                new EnergyLedger(TuningCost.free()), (w, end, l) -> { }, 1, clock, 1.0);
        loop.run(500);
        assertEquals(500, loop.samplesRead());
        assertEquals(1, source.largestRequest);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServiceLoop(source, actuator, meter(), downThenFarUp(), new SafetyLimits(0, 1000, 1e9),
                        new EnergyLedger(TuningCost.free()), (w, end, l) -> { }, 0, clock, 1.0));
        assertTrue(e.getMessage().contains("blockSamples = 0"), e.getMessage());
        assertEquals("watchdogTimeoutSeconds", assertThrows(InvalidValueException.class,
                () -> new ServiceLoop(source, actuator, meter(), downThenFarUp(), new SafetyLimits(0, 1000, 1e9),
                        new EnergyLedger(TuningCost.free()), (w, end, l) -> { }, 64, clock, 0.0)).key());
    }

    @Test
    void theRunEndsWithTheStream() {
        source.samplesLeft = 1_500;
        ServiceLoop loop = loop(downThenFarUp(), 1e9, TuningCost.free());
        loop.run(10_000);
        assertTrue(loop.endOfStream());
        assertEquals(1_500, loop.samplesRead());
        loop.run(10_000);
        assertTrue(loop.endOfStream());
        assertEquals(1_500, loop.samplesRead(), "nothing more to read");
    }

    @Test
    void aStopRequestEndsTheRunAfterTheCurrentBlock() {
        ServiceLoop[] self = new ServiceLoop[1];
        ServiceLoop loop = new ServiceLoop(source, actuator, meter(), downThenFarUp(), new SafetyLimits(0, 1000, 1e9),
                new EnergyLedger(TuningCost.free()), (window, end, l) -> {
                    assertSame(self[0], l);
                    if (l.windows() == 3) {
                        l.requestStop();
                    }
                }, BLOCK_SAMPLES, clock, 1.0);
        self[0] = loop;
        loop.run(100_000);
        assertTrue(loop.stopRequested());
        assertFalse(loop.endOfStream());
        // A window is 200 samples, so the block in which the third one closed holds no fourth.
        assertEquals(3, loop.windows());
        assertEquals(0, loop.samplesRead() % BLOCK_SAMPLES, "stopped at the end of a block");
        long samplesAtStop = loop.samplesRead();
        loop.run(100_000);
        assertEquals(samplesAtStop, loop.samplesRead(), "a stopped loop stays stopped");
    }

    @Test
    void theAccessorsHandOutWhatTheLoopWasBuiltWith() {
        SafetyLimits limits = new SafetyLimits(0, 1000, 1e9);
        EnergyLedger ledger = new EnergyLedger(TuningCost.free());
        ServiceLoop loop = new ServiceLoop(source, actuator, meter(), downThenFarUp(), limits, ledger,
                (w, end, l) -> { }, BLOCK_SAMPLES, clock, 1.0);
        assertSame(limits, loop.limits());
        assertSame(ledger, loop.ledger());
        assertSame(actuator, loop.actuator());
        assertEquals(0, loop.windows());
        assertEquals(0, loop.samplesRead());
        assertFalse(loop.stalled());
    }
}
