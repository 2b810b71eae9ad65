package org.resonantlearner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resonantlearner.telemetry.RunSummary;

/** Each criterion against a run's summary: inclusive limits, never-locked fails, no oracle or front-end skips. */
class HilCriterionTest {
    /**
     * A simulated run: 60 s, 0.75 J harvested of 1 J oracle (capture 0.75), 0.25 J tuning (net
     * 0.5 J), lock 3.5 s, re-locks 1.25 s and 2.5 s, locked fraction 0.75, 12 moves, 1 watchdog stall.
     */
    private static RunSummary simulated() {
        return new RunSummary("rlc", "noise-brake", 1, 60.0, 0.75, 0.76, 1.0, 3.5, new double[] {1.25, 2.5}, 0.75,
                12, 3400, 0.25, 4.0, 0, 1, 2.5, "completed", "oracle", null);
    }

    /** A serial run: no oracle, never locked, one re-lock missing, and the front-end's counters. */
    private static RunSummary serial(Map<String, Object> frontEnd) {
        return new RunSummary("rlc", "noise-brake", 1, 10.0, 0.1, 0.1, Double.NaN, Double.NaN,
                new double[] {0.5, Double.NaN}, Double.NaN, 3, 30, 0.0, 0.0, 0, 0, 0.0, "completed",
                "best-settled-power", frontEnd);
    }

    private static HilVerdict judge(HilCriterion criterion, double limit, RunSummary summary) {
        return criterion.judge("s1", limit, summary, "serial");
    }

    @Test
    void aLimitIsInclusiveAndTheMeasuredValueIsShownWithItsUnit() {
        HilVerdict atLimit = judge(HilCriterion.CAPTURE_RATIO_MIN, 0.75, simulated());
        assertEquals(new HilVerdict("s1", "captureRatioMin", ">= 0.75", "0.7500", HilVerdict.Status.PASS, ""), atLimit);
        assertEquals(HilVerdict.Status.FAIL, judge(HilCriterion.CAPTURE_RATIO_MIN, 0.7501, simulated()).status());
        assertEquals(new HilVerdict("s1", "lockTimeMaxSeconds", "<= 3.5 s", "3.500 s", HilVerdict.Status.PASS, ""),
                judge(HilCriterion.LOCK_TIME_MAX_SECONDS, 3.5, simulated()));
        assertEquals(HilVerdict.Status.FAIL, judge(HilCriterion.LOCK_TIME_MAX_SECONDS, 3.49, simulated()).status());
        assertEquals(new HilVerdict("s1", "movesMax", "<= 12", "12", HilVerdict.Status.PASS, ""),
                judge(HilCriterion.MOVES_MAX, 12, simulated()));
        assertEquals(HilVerdict.Status.FAIL, judge(HilCriterion.MOVES_MAX, 11, simulated()).status());
    }

    @Test
    void aValueThatWouldRoundAcrossTheLimitIsShownWithEveryDigit() {
        // 0.6 / 0.8 is 0.7499999999999999 in binary: below 0.75, and "0.7500" would hide why it failed.
        RunSummary run = new RunSummary("rlc", "noise-brake", 1, 60.0, 0.6, 0.6, 0.8, 3.5, new double[0], 0.75, 12,
                3400, 0.05, 4.0, 0, 1, 2.5, "completed", "oracle", null);
        HilVerdict verdict = judge(HilCriterion.CAPTURE_RATIO_MIN, 0.75, run);
        assertEquals(HilVerdict.Status.FAIL, verdict.status());
        assertEquals("0.7499999999999999", verdict.measured());
        assertEquals("0.7500", judge(HilCriterion.CAPTURE_RATIO_MIN, 0.7, run).measured(), "four digits elsewhere");
    }

    @Test
    void everyMeasureIsTheSummarysOwn() {
        RunSummary run = simulated();
        assertEquals("2.500 s", judge(HilCriterion.RELOCK_MAX_SECONDS, 10, run).measured(), "the worst re-lock");
        assertEquals(HilVerdict.Status.FAIL, judge(HilCriterion.RELOCK_MAX_SECONDS, 2.4, run).status());
        assertEquals("0.5000 J", judge(HilCriterion.NET_ENERGY_MIN_JOULES, 0.5, run).measured());
        assertEquals(HilVerdict.Status.FAIL, judge(HilCriterion.NET_ENERGY_MIN_JOULES, 0.51, run).status());
        assertEquals("0.7500", judge(HilCriterion.LOCKED_FRACTION_MIN, 0.75, run).measured());
        assertEquals(HilVerdict.Status.FAIL, judge(HilCriterion.LOCKED_FRACTION_MIN, 0.76, run).status());
        assertEquals("0.01250 W", judge(HilCriterion.MEAN_HARVESTED_POWER_MIN_WATTS, 0.0125, run).measured(),
                "0.75 J over 60 s");
        assertEquals(HilVerdict.Status.FAIL, judge(HilCriterion.MEAN_HARVESTED_POWER_MIN_WATTS, 0.0126, run).status());
        assertEquals("1", judge(HilCriterion.WATCHDOG_STALLS_MAX, 1, run).measured());
        assertEquals(HilVerdict.Status.FAIL, judge(HilCriterion.WATCHDOG_STALLS_MAX, 0, run).status());
        assertEquals(">= -2 J", HilCriterion.NET_ENERGY_MIN_JOULES.limitText(-2.0), "a limit as the suite wrote it");
    }

    @Test
    void withoutAnOracleTheCaptureRatioIsSkippedWithTheReasonNeverPassedOrFailed() {
        HilVerdict verdict = judge(HilCriterion.CAPTURE_RATIO_MIN, 0.0, serial(null));
        assertEquals(HilVerdict.Status.SKIP, verdict.status());
        assertEquals("–", verdict.measured());
        assertEquals("no oracle in serial mode: the capture ratio needs the simulated rig's truth", verdict.reason());
    }

    @Test
    void aRunThatNeverLockedOrNeverReLockedFailsSayingSo() {
        HilVerdict lock = judge(HilCriterion.LOCK_TIME_MAX_SECONDS, 1e7, serial(null));
        assertEquals(HilVerdict.Status.FAIL, lock.status());
        assertEquals("never locked (against best-settled-power)", lock.reason());
        HilVerdict relock = judge(HilCriterion.RELOCK_MAX_SECONDS, 1e7, serial(null));
        assertEquals(HilVerdict.Status.FAIL, relock.status());
        assertEquals("never re-locked after drive event 2 of 2 (against best-settled-power)", relock.reason());
        HilVerdict fraction = judge(HilCriterion.LOCKED_FRACTION_MIN, 0, serial(null));
        assertEquals(HilVerdict.Status.FAIL, fraction.status());
        assertEquals("no window was judged (against best-settled-power)", fraction.reason());
    }

    @Test
    void frontEndCountersAreJudgedWhereThereIsAFrontEndAndSkippedWhereThereIsNone() {
        RunSummary linked = serial(Map.of("samplesLost", 3L, "corruptFrames", 0L));
        assertEquals(new HilVerdict("s1", "samplesLostMax", "<= 2", "3", HilVerdict.Status.FAIL, ""),
                judge(HilCriterion.SAMPLES_LOST_MAX, 2, linked));
        assertEquals(HilVerdict.Status.PASS, judge(HilCriterion.SAMPLES_LOST_MAX, 3, linked).status());
        assertEquals(HilVerdict.Status.PASS, judge(HilCriterion.CORRUPT_FRAMES_MAX, 0, linked).status());
        HilVerdict none = HilCriterion.CORRUPT_FRAMES_MAX.judge("s1", 0, simulated(), "sim");
        assertEquals(HilVerdict.Status.SKIP, none.status());
        assertEquals("no front-end link in sim mode: nothing counts corruptFrames", none.reason());
    }

    @Test
    void keysAreLookedUpExactly() {
        assertEquals(HilCriterion.RELOCK_MAX_SECONDS, HilCriterion.ofKey("relockMaxSeconds"));
        assertNull(HilCriterion.ofKey("relockmaxseconds"));
        assertEquals(HilCriterion.values().length, HilCriterion.keys().size());
    }
}
