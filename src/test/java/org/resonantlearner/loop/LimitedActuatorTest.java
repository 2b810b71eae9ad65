package org.resonantlearner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.Test;
import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.hal.CountingActuator;
import org.resonantlearner.hal.RecordingActuator;

/**
 * The gate every move passes: the step rate counts from the moment the gate was made, a walk reaches
 * its target at no more than the limit and lets time pass only through its caller, and the
 * arithmetic below is by hand on a manual clock that starts far from zero.
 */
class LimitedActuatorTest {
    /** Far from zero: a gate that measured its first move from clock 0 would allow 70 000 steps at 10 steps/s. */
    private static final long START_NANOS = 7_000_000_000L;

    private final ManualClock clock = new ManualClock(START_NANOS);
    private final CountingActuator counting = new CountingActuator(0, 1000, 500);
    /** The seconds each call of the walk's time passer asked for. */
    private final List<Double> askedSeconds = new ArrayList<>();
    /** Lets time pass on the manual clock as a sample source would, to the nanosecond. */
    private final DoubleConsumer passer = seconds -> {
        askedSeconds.add(seconds);
        clock.nanos += Math.round(seconds * 1e9);
    };

    private LimitedActuator gate(double maxStepRateStepsPerSecond) {
        return new LimitedActuator(counting, new SafetyLimits(0, 1000, maxStepRateStepsPerSecond), clock);
    }

    @Test
    void theFirstMoveCountsFromWhenTheGateWasMade() {
        LimitedActuator gate = gate(10);
        assertEquals(500, gate.moveToward(900), "no time has passed: no travel");
        assertEquals(0, counting.moves, "a held position is no move");
        clock.nanos += 500_000_000L;
        assertEquals(505, gate.moveToward(900), "0.5 s at 10 steps/s: 5 steps");
        assertEquals(1, counting.moves);
        clock.nanos += 250_000_000L;
        assertEquals(507, gate.moveToward(900), "0.25 s since that move: floor(2.5) = 2 steps");
        assertEquals(3, gate.limits().rateLimitedCommands());
    }

    @Test
    void onlyAMoveRestartsTheTimeSinceTheLastMove() {
        LimitedActuator gate = gate(10);
        clock.nanos += 50_000_000L;
        assertEquals(500, gate.moveToward(900), "0.05 s: floor(0.5) = 0");
        clock.nanos += 50_000_000L;
        assertEquals(501, gate.moveToward(900), "0.1 s since the gate was made, not since the held command");
    }

    @Test
    void nonNumbersAndTheCurrentPositionMoveNothing() {
        LimitedActuator gate = gate(1e6);
        clock.nanos += 1_000_000_000L;
        assertEquals(500, gate.moveToward(Double.NaN));
        assertEquals(500, gate.moveToward(500.2));
        assertEquals(0, counting.moves);
        assertEquals(1, gate.limits().rejectedCommands());
        assertEquals(1000, gate.moveToward(5000), "clamped into the range");
        assertEquals(1000, counting.position);
    }

    /**
     * 1 step/s from 500 to 503: nothing at once, then three times a second's wait (the time of one
     * step, over the 10 ms slice) and one step.
     */
    @Test
    void aSlowWalkWaitsOneStepTimeBetweenSingleSteps() {
        RecordingActuator recorded = new RecordingActuator(counting, clock);
        LimitedActuator gate = new LimitedActuator(recorded, new SafetyLimits(0, 1000, 1), clock);
        gate.walkTo(503, passer);
        assertEquals(List.of(1.0, 1.0, 1.0), askedSeconds);
        assertEquals(List.of(new RecordingActuator.Move(START_NANOS, 500),
                new RecordingActuator.Move(START_NANOS + 1_000_000_000L, 501),
                new RecordingActuator.Move(START_NANOS + 2_000_000_000L, 502),
                new RecordingActuator.Move(START_NANOS + 3_000_000_000L, 503)), recorded.log());
    }

    /** 1000 steps/s from 500 down to 450: five waits of the 10 ms slice, ten steps each. */
    @Test
    void aFastWalkMovesASliceAtATime() {
        RecordingActuator recorded = new RecordingActuator(counting, clock);
        LimitedActuator gate = new LimitedActuator(recorded, new SafetyLimits(0, 1000, 1000), clock);
        gate.walkTo(450, passer);
        assertEquals(List.of(0.01, 0.01, 0.01, 0.01, 0.01), askedSeconds);
        assertEquals(5, recorded.moves());
        assertEquals(10, recorded.largestMoveSteps());
        assertEquals(450, gate.positionSteps());
    }

    @Test
    void aWalkCountsTheTimeAlreadyPassedSinceTheLastMove() {
        LimitedActuator gate = gate(1);
        clock.nanos += 400_000_000L;
        gate.walkTo(501, passer);
        assertEquals(1, askedSeconds.size());
        assertEquals(0.6, askedSeconds.get(0), 1e-12, "a step takes 1 s, 0.4 s of it already passed");
        assertEquals(501, counting.position);
    }

    /**
     * At 3 steps/s a step takes 1/3 s, which the clock holds as 333 333 333 ns: 3 × 0.333333333 s
     * falls short of a step, and the walk must still ask for a sliver more (a nanosecond) rather than
     * nothing, which would let no time pass.
     */
    @Test
    void aWalkAsksForASliverWhenRoundingLeavesItAHairShortOfAStep() {
        LimitedActuator gate = gate(3);
        gate.walkTo(501, passer);
        assertEquals(2, askedSeconds.size(), askedSeconds.toString());
        assertEquals(1e-9, askedSeconds.get(1), 0.0);
        assertEquals(501, counting.position);
        assertEquals(START_NANOS + 333_333_334L, clock.nanos);
    }

    @Test
    void aWalkWithoutARateLimitGoesAtOnce() {
        LimitedActuator gate = gate(Double.POSITIVE_INFINITY);
        gate.walkTo(0, passer);
        assertEquals(List.of(), askedSeconds);
        assertEquals(0, counting.position);
        assertEquals(1, counting.moves);
    }

    @Test
    void aWalkToTheEndsOfTheRangeArrivesAndBeyondThemIsRefused() {
        LimitedActuator gate = new LimitedActuator(counting, new SafetyLimits(100, 900, 1e6), clock);
        gate.walkTo(100, passer);
        assertEquals(100, counting.position);
        gate.walkTo(900, passer);
        assertEquals(900, counting.position);
        assertEquals("targetSteps = 99 steps is outside the allowed [100, 900] steps",
                assertThrows(IllegalArgumentException.class, () -> gate.walkTo(99, passer)).getMessage());
        assertEquals("targetSteps = 901 steps is outside the allowed [100, 900] steps",
                assertThrows(IllegalArgumentException.class, () -> gate.walkTo(901, passer)).getMessage());
        assertEquals(900, counting.position, "a refused walk does not start");
    }

    @Test
    void aWalkWhoseTimeDoesNotPassIsStoppedNotEndless() {
        LimitedActuator gate = gate(10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gate.walkTo(600, seconds -> { }));
        assertEquals("the clock did not advance while the actuator waited for the step-rate limit to let it reach"
                + " 600 steps", e.getMessage());
        assertEquals(500, counting.position);
    }

    @Test
    void theTravelTimeIsTheStepsOverTheRate() {
        assertEquals(5.0, gate(10).travelSeconds(50), 0.0);
        assertEquals(5.0, gate(10).travelSeconds(-50), 0.0);
        assertEquals(0.0, gate(Double.POSITIVE_INFINITY).travelSeconds(50), 0.0);
    }

    @Test
    void theRangeIsTheLimitsAndMayNotReachOutsideTheActuators() {
        SafetyLimits limits = new SafetyLimits(100, 900, 10);
        LimitedActuator gate = new LimitedActuator(counting, limits, clock);
        assertEquals(100, gate.minPositionSteps());
        assertEquals(900, gate.maxPositionSteps());
        assertEquals(500, gate.positionSteps());
        assertSame(limits, gate.limits());
        assertSame(counting, gate.actuator());
        new LimitedActuator(counting, new SafetyLimits(0, 1000, 10), clock); // the actuator's own range fits
        assertEquals("the safety limits' range [-1, 1000] steps reaches outside the actuator's [0, 1000] steps",
                assertThrows(IllegalArgumentException.class,
                        () -> new LimitedActuator(counting, new SafetyLimits(-1, 1000, 10), clock)).getMessage());
        assertEquals("the safety limits' range [0, 1001] steps reaches outside the actuator's [0, 1000] steps",
                assertThrows(IllegalArgumentException.class,
                        () -> new LimitedActuator(counting, new SafetyLimits(0, 1001, 10), clock)).getMessage());
    }
}
