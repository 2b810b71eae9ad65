package org.resonantlearner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

class SafetyLimitsTest {
    /** Long enough for any travel at 1000 steps/s (10⁹ steps): the tests of rounding and range need no rate limit. */
    private static final double LONG_AGO_SECONDS = 1e6;

    private final SafetyLimits limits = new SafetyLimits(0, 10_000, 1_000.0);

    @Test
    void nanAndInfinityHoldThePositionAndAreCounted() {
        assertEquals(500, limits.clamp(Double.NaN, 500, 1.0));
        assertEquals(500, limits.clamp(Double.POSITIVE_INFINITY, 500, 1.0));
        assertEquals(500, limits.clamp(Double.NEGATIVE_INFINITY, 500, 1.0));
        assertEquals(3, limits.rejectedCommands());
        assertEquals(0, limits.clampedCommands());
        assertEquals(3, limits.commands());
    }

    @Test
    void requestsAreRoundedHalfUp() {
        assertEquals(1235, limits.clamp(1234.5, 1200, LONG_AGO_SECONDS));
        assertEquals(1234, limits.clamp(1234.49, 1200, LONG_AGO_SECONDS));
        assertEquals(-0, new SafetyLimits(-10, 10, 1e9).clamp(-0.5, 0, LONG_AGO_SECONDS));
    }

    @Test
    void outOfRangeIsClampedAndCounted() {
        assertEquals(10_000, limits.clamp(1e300, 9_990, LONG_AGO_SECONDS));
        assertEquals(0, limits.clamp(-3.7, 10, LONG_AGO_SECONDS));
        assertEquals(10_000, limits.clamp(10_000.4, 9_990, LONG_AGO_SECONDS)); // rounds into range
        assertEquals(10_000, limits.clamp(10_000.6, 9_990, LONG_AGO_SECONDS));
        assertEquals(3, limits.clampedCommands());
        assertEquals(5_000, limits.clamp(5_000, 4_000, LONG_AGO_SECONDS));
        assertEquals(3, limits.clampedCommands());
    }

    @Test
    void theEndsOfTheRangeAreInsideIt() {
        SafetyLimits offset = new SafetyLimits(-10, 10, Double.POSITIVE_INFINITY);
        assertEquals(-10, offset.clamp(-10, 0, LONG_AGO_SECONDS));
        assertEquals(10, offset.clamp(10, 0, LONG_AGO_SECONDS));
        assertEquals(0, offset.clampedCommands(), "a request on an end is not clamped");
        assertEquals(-10, offset.clamp(-11, 0, LONG_AGO_SECONDS));
        assertEquals(1, offset.clampedCommands());
    }

    @Test
    void travelIsLimitedToRateTimesElapsedTime() {
        assertEquals(1_100, limits.clamp(5_000, 1_000, 0.1)); // 1000 steps/s × 0.1 s
        assertEquals(900, limits.clamp(0, 1_000, 0.1));
        assertEquals(1_050, limits.clamp(1_050, 1_000, 0.1)); // within the limit: untouched
        assertEquals(2, limits.rateLimitedCommands());
        assertEquals(1_000, limits.clamp(5_000, 1_000, Double.NaN));
        assertEquals(1_000, limits.clamp(5_000, 1_000, -1.0));
        assertEquals(4, limits.rateLimitedCommands());
        assertEquals(1_000, limits.clamp(1_000, 1_000, 0.0), "holding is always allowed");
        assertEquals(4, limits.rateLimitedCommands());
    }

    /**
     * The allowed travel is the whole number of steps the rate covers in the elapsed time, rounded
     * down: a fractional step is not travelled (rounding up would exceed the rate).
     */
    @Test
    void fractionalAllowedTravelRoundsDown() {
        SafetyLimits odd = new SafetyLimits(0, 10_000, 1_234.5);
        assertEquals(1_012, limits.clamp(5_000, 1_000, 0.0127)); // 1000 steps/s × 0.0127 s = 12.7 → 12
        assertEquals(976, limits.clamp(0, 1_000, 0.0249)); // 24.9 → 24 downwards
        assertEquals(1_000, limits.clamp(2_000, 1_000, 0.0009)); // 0.9 → 0: no travel at all yet
        assertEquals(4_012, odd.clamp(9_000, 4_000, 0.01)); // 1234.5 × 0.01 = 12.345 → 12
        assertEquals(3, limits.rateLimitedCommands());
    }

    @Test
    void travelExactlyAtTheLimitIsAllowedAndNotCounted() {
        assertEquals(1_125, limits.clamp(1_125, 1_000, 0.125)); // 1000 × 0.125 = 125 steps exactly
        assertEquals(875, limits.clamp(875, 1_000, 0.125));
        assertEquals(0, limits.rateLimitedCommands());
    }

    @Test
    void theLimitsReportWhatTheyWereBuiltWith() {
        SafetyLimits built = new SafetyLimits(-200, 3_000, 250.0);
        assertEquals(-200, built.minPositionSteps());
        assertEquals(3_000, built.maxPositionSteps());
        assertEquals(250.0, built.maxStepRateStepsPerSecond(), 0.0);
    }

    @Test
    void aPositionOutsideTheRangeWalksBackAtTheAllowedRate() {
        assertEquals(10_000, limits.clamp(10_500, 10_200, 1.0));
        assertEquals(10_150, limits.clamp(10_200, 10_200, 0.05));
    }

    /**
     * Issue 9, finding 3: "+∞ elapsed (never moved) allows any travel" let a first move, and selftest
     * (which passed +∞), jump any distance. An infinite elapsed time is no longer trusted, at any rate.
     */
    @Test
    void anInfiniteElapsedTimeAllowsNoTravel() {
        assertEquals(1_000, limits.clamp(5_000, 1_000, Double.POSITIVE_INFINITY));
        assertEquals(1, limits.rateLimitedCommands());
        SafetyLimits unlimited = new SafetyLimits(0, 10_000, Double.POSITIVE_INFINITY);
        assertEquals(0, unlimited.clamp(9_000, 0, Double.POSITIVE_INFINITY));
        assertEquals(0, unlimited.clamp(9_000, 0, Double.NaN));
        assertEquals(0, unlimited.clamp(9_000, 0, -1e-9));
        assertEquals(3, unlimited.rateLimitedCommands());
        assertEquals(1_000, limits.clamp(1_000, 1_000, Double.POSITIVE_INFINITY), "holding is always allowed");
        assertEquals(1, limits.rateLimitedCommands());
    }

    @Test
    void unlimitedRateAllowsAnyTravel() {
        SafetyLimits unlimited = new SafetyLimits(0, 10_000, Double.POSITIVE_INFINITY);
        assertEquals(9_000, unlimited.clamp(9_000, 0, 0.0)); // ∞ × 0 s is NaN: no limit still means none
        assertEquals(0, unlimited.clamp(-5, 9_000, 1e-3));
        assertEquals(0, unlimited.rateLimitedCommands());
    }

    @Test
    void countersReset() {
        limits.clamp(Double.NaN, 0, 1);
        limits.resetCounters();
        assertEquals(0, limits.commands());
        assertEquals(0, limits.rejectedCommands());
    }

    @Test
    void badArgumentsNameTheKey() {
        assertEquals("maxPositionSteps",
                assertThrows(InvalidValueException.class, () -> new SafetyLimits(10, 10, 1)).key());
        assertEquals("maxStepRateStepsPerSecond",
                assertThrows(InvalidValueException.class, () -> new SafetyLimits(0, 10, 0)).key());
        assertEquals("maxStepRateStepsPerSecond",
                assertThrows(InvalidValueException.class, () -> new SafetyLimits(0, 10, Double.NaN)).key());
    }
}
