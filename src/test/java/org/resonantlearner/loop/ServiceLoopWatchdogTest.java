package org.resonantlearner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.harvest.EnergyLedger;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.TuningCost;
import org.resonantlearner.hal.CountingActuator;

/**
 * The watchdog: when the samples stop for longer than the timeout the tuner is not asked and the
 * actuator holds; when they come back the run continues, and no window that joins the two sides of
 * the gap reaches the tuner (the ledger and the listener still get it). Hand-written fakes of our
 * own ports on a manual clock, no sleeping: a silent read "waits" 100 ms on that clock.
 */
class ServiceLoopWatchdogTest {
    private static final double SAMPLE_RATE_HZ = 20_000;
    private static final double DRIVE_HZ = 1_000;
    private static final int BLOCK_SAMPLES = 64;
    private static final double WATCHDOG_TIMEOUT_SECONDS = 1.0;
    /** The manual clock counts whole nanoseconds; the loop converts them to seconds. */
    private static final double TOL_SECONDS = 1e-9;
    private static final double TOL_JOULES = 1e-12;
    /** Far from zero, so that a loop which forgot to start its watchdog from the clock's reading stalls at once. */
    private static final long CLOCK_START_NANOS = 7_000_000_000L;

    private static ServiceLoop loop(ScriptedSource source, ManualClock clock, CountingActuator actuator,
            ScriptedTuner tuner, PowerMeter meter, WindowListener listener) {
        return new ServiceLoop(source, actuator, meter, tuner, new SafetyLimits(0, 1000, 1e9),
                new EnergyLedger(TuningCost.free()), listener, BLOCK_SAMPLES, clock, WATCHDOG_TIMEOUT_SECONDS);
    }

    /** A tuner that asks for a one-step move on every window, alternately down and up. */
    private static ScriptedTuner restlessTuner() {
        return new ScriptedTuner((k, window) -> window.positionSteps + (k % 2 == 0 ? 1 : -1));
    }

    @Test
    void aStallPausesTheTunerHoldsTheActuatorAndTheRunContinuesAfterIt() {
        ManualClock clock = new ManualClock(CLOCK_START_NANOS);
        ScriptedSource source = ScriptedSource.sine(clock, SAMPLE_RATE_HZ, 0.25, DRIVE_HZ, 0.3);
        CountingActuator actuator = new CountingActuator(0, 1000, 500);
        ScriptedTuner tuner = restlessTuner();
        ServiceLoop loop = loop(source, clock, actuator, tuner, new PowerMeter(SAMPLE_RATE_HZ, 2.0, 10, 0.5),
                (w, end, l) -> { });

        loop.run(20_000); // 1 s of samples
        int decisionsBefore = tuner.decisions;
        int movesBefore = actuator.moves;
        // About 97 windows, every second one judged (the one after a move holds old samples).
        assertTrue(decisionsBefore > 40, "windows judged before the stall: " + decisionsBefore);

        // 3 s of silence, then the samples come back; the loop keeps reading all along.
        source.silentReadsLeft = 30;
        boolean[] sawStall = new boolean[1];
        int[] decisionsDuringSilence = {-1};
        int[] movesDuringSilence = {-1};
        source.duringSilence = () -> {
            sawStall[0] |= loop.stalled();
            decisionsDuringSilence[0] = Math.max(decisionsDuringSilence[0], tuner.decisions);
            movesDuringSilence[0] = Math.max(movesDuringSilence[0], actuator.moves);
        };
        double resumeSeconds = loop.elapsedSeconds();
        loop.run(20_000);

        assertTrue(sawStall[0], "the watchdog declared a stall while the samples were missing");
        assertEquals(decisionsBefore, decisionsDuringSilence[0], "the tuner is not asked during a stall");
        assertEquals(movesBefore, movesDuringSilence[0], "the actuator holds during a stall");
        assertFalse(loop.stalled());
        assertEquals(1, loop.watchdogStalls());
        // From the last sample before the gap to the return of the read that brought samples back: the
        // 30 silent reads of 100 ms, plus that read's own 64 samples at 20 kS/s (3.2 ms).
        assertEquals(30 * 0.1 + BLOCK_SAMPLES / SAMPLE_RATE_HZ, loop.stalledSeconds(), TOL_SECONDS);
        assertTrue(tuner.decisions > decisionsBefore + 40, "the run continues after the stall");
        for (double[] startEndSeconds : tuner.judgedWindowsSeconds) {
            assertFalse(startEndSeconds[0] < resumeSeconds - TOL_SECONDS && startEndSeconds[1] > resumeSeconds,
                    "no window joining the two sides of the gap reaches the tuner: " + startEndSeconds[0]);
        }
    }

    @Test
    void aStallIsDeclaredAtTheFirstReadPastTheTimeoutAndNotBefore() {
        ManualClock clock = new ManualClock(CLOCK_START_NANOS);
        ScriptedSource source = ScriptedSource.sine(clock, SAMPLE_RATE_HZ, 0.25, DRIVE_HZ, 0.3);
        ServiceLoop loop = loop(source, clock, new CountingActuator(0, 1000, 500), restlessTuner(),
                new PowerMeter(SAMPLE_RATE_HZ, 2.0, 10, 0.5), (w, end, l) -> { });
        List<Boolean> stalledAtEachSilentRead = new ArrayList<>();
        source.duringSilence = () -> stalledAtEachSilentRead.add(loop.stalled());

        // Silence from the very start: the watchdog counts from the clock's reading when the run began.
        // 10 reads of 100 ms are exactly the 1 s timeout, which is no stall ("longer than").
        source.silentReadsLeft = 10;
        loop.run(2_000);
        assertEquals(0, loop.watchdogStalls());
        assertEquals(List.of(false, false, false, false, false, false, false, false, false, false),
                stalledAtEachSilentRead);

        // The stall is declared when the 11th read returns (1.1 s > 1 s): the source's observer runs
        // inside a read, so the 12th read is the first to see it. Then the samples come back.
        stalledAtEachSilentRead.clear();
        source.silentReadsLeft = 12;
        loop.run(2_000);
        assertEquals(List.of(false, false, false, false, false, false, false, false, false, false, false, true),
                stalledAtEachSilentRead);
        assertEquals(1, loop.watchdogStalls());
        assertFalse(loop.stalled());
        // Each stall counts once however long it lasts; a second one adds its own length.
        source.silentReadsLeft = 15;
        loop.run(2_000);
        assertEquals(2, loop.watchdogStalls());
        double blockSeconds = BLOCK_SAMPLES / SAMPLE_RATE_HZ; // the read that brings samples back
        assertEquals((12 * 0.1 + blockSeconds) + (15 * 0.1 + blockSeconds), loop.stalledSeconds(), TOL_SECONDS);
    }

    @Test
    void shortGapsBelowTheTimeoutAreNoStall() {
        ManualClock clock = new ManualClock(CLOCK_START_NANOS);
        ScriptedSource source = ScriptedSource.sine(clock, SAMPLE_RATE_HZ, 0.25, DRIVE_HZ, 0.3);
        ServiceLoop loop = loop(source, clock, new CountingActuator(0, 1000, 500), restlessTuner(),
                new PowerMeter(SAMPLE_RATE_HZ, 2.0, 10, 0.5), (w, end, l) -> { });
        loop.run(2_000);
        source.silentReadsLeft = 9; // 0.9 s without samples: under the 1 s timeout
        loop.run(2_000);
        source.silentReadsLeft = 9; // and again: the samples between the gaps restart the count
        loop.run(2_000);
        assertEquals(0, loop.watchdogStalls());
        assertEquals(0.0, loop.stalledSeconds(), 0.0);
    }

    @Test
    void theWindowSpanningAStallIsBookedButOnlyWindowsStartingAfterItAreJudged() {
        // 0.5 V DC across 2 ohm: no crossings, so the meter closes a window every 0.05 s (1000 samples)
        // at whole samples, each of 0.125 W for 0.05 s. A window closes when the sample 8 after its end
        // has arrived (the meter's look-ahead).
        ManualClock clock = new ManualClock(CLOCK_START_NANOS);
        ScriptedSource source = new ScriptedSource(clock, SAMPLE_RATE_HZ, n -> 0.5);
        ScriptedTuner tuner = new ScriptedTuner((k, window) -> window.positionSteps);
        List<Double> windowStartsSeenByListener = new ArrayList<>();
        List<Long> windowEndIndicesSeenByListener = new ArrayList<>();
        ServiceLoop loop = loop(source, clock, new CountingActuator(0, 1000, 500), tuner,
                new PowerMeter(SAMPLE_RATE_HZ, 2.0, 10, 0.05), (w, end, l) -> {
                    windowStartsSeenByListener.add(w.startTimeSeconds);
                    windowEndIndicesSeenByListener.add(end);
                });
        loop.run(2_000); // window [0, 0.05) s closes; [0.05, 0.1) s is open
        assertEquals(1, tuner.decisions);

        source.silentReadsLeft = 11; // a stall between samples 1999 and 2000 (0.1 s of stream time)
        loop.run(3_000); // samples 2000 .. 4999 close [0.05, 0.1), [0.1, 0.15) and [0.15, 0.2) s
        assertEquals(1, loop.watchdogStalls());
        assertEquals(List.of(0.0, 0.05, 0.1, 0.15), windowStartsSeenByListener);
        // Window [1000 k, 1000 (k + 1)) completes once sample 1000 (k + 1) + 8 is in: 1009 samples consumed.
        assertEquals(List.of(1009L, 2009L, 3009L, 4009L), windowEndIndicesSeenByListener);
        assertEquals(4, loop.windows());
        assertEquals(4, loop.ledger().windows(), "every window is booked, the one spanning the stall too");
        assertEquals(4 * 0.125 * 0.05, loop.ledger().harvestedEnergyJoules(), TOL_JOULES);
        // [0.05, 0.1) joins samples from both sides of the gap: not judged. [0.1, 0.15) starts right at
        // the first sample after the gap: judged, as is the next one.
        assertEquals(3, tuner.decisions);
        assertEquals(List.of(0.0, 0.1, 0.15), tuner.judgedWindowsSeconds.stream().map(w -> w[0]).toList());
    }
}
