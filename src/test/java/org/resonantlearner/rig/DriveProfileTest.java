package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

class DriveProfileTest {
    private static final double TOL_HZ = 1e-9;
    private static final double TOL_AMPLITUDE = 1e-12;

    @Test
    void constantDriveIsConstant() {
        Drive drive = Drive.constant(50.0, 2.0);

        assertEquals("constant", drive.kind());
        assertEquals(50.0, drive.frequencyHz(123.4));
        assertEquals(2.0, drive.amplitude(0.0));
        assertEquals(0.0, drive.noise(5.0));
        assertEquals(0, drive.eventTimesSeconds().length);
    }

    @Test
    void frequencyRampHoldsOutsideAndInterpolatesInside() {
        FrequencyRamp ramp = new FrequencyRamp(100.0, 200.0, 1.0, 3.0);

        assertEquals("frequency-ramp", Drive.of(ramp, 1.0).kind());
        assertEquals(100.0, ramp.frequencyHz(0.0), TOL_HZ);
        assertEquals(100.0, ramp.frequencyHz(1.0), TOL_HZ);
        assertEquals(125.0, ramp.frequencyHz(1.5), TOL_HZ);
        assertEquals(200.0, ramp.frequencyHz(3.0), TOL_HZ);
        assertEquals(200.0, ramp.frequencyHz(1e6), TOL_HZ);
        assertEquals(0, ramp.eventTimesSeconds().length);
    }

    @Test
    void frequencyRampRejectsReversedTimes() {
        InvalidValueException error = assertThrows(InvalidValueException.class,
                () -> new FrequencyRamp(100.0, 200.0, 3.0, 1.0));
        assertEquals("endTimeSeconds", error.key());
    }

    @Test
    void frequencyStepsSwitchAtTheirInstantsAndAreEvents() {
        double[] times = {1.0, 2.5};
        FrequencySteps steps = new FrequencySteps(50.0, times, new double[] {55.0, 45.0});
        times[0] = 0.1;

        assertEquals(50.0, steps.frequencyHz(0.999), TOL_HZ);
        assertEquals(55.0, steps.frequencyHz(1.0), TOL_HZ);
        assertEquals(55.0, steps.frequencyHz(2.4), TOL_HZ);
        assertEquals(45.0, steps.frequencyHz(2.5), TOL_HZ);
        assertEquals(45.0, steps.frequencyHz(99.0), TOL_HZ);
        assertArrayEquals(new double[] {1.0, 2.5}, steps.eventTimesSeconds());
    }

    @Test
    void frequencyStepsRejectUnorderedTimes() {
        InvalidValueException error = assertThrows(InvalidValueException.class,
                () -> new FrequencySteps(50.0, new double[] {2.0, 1.0}, new double[] {55.0, 45.0}));
        assertEquals("stepTimesSeconds[1]", error.key());
        assertEquals("frequenciesHz[0]", assertThrows(InvalidValueException.class,
                () -> new FrequencySteps(50.0, new double[] {2.0}, new double[] {-1.0})).key());
    }

    @Test
    void trapezoidFollowsHoldRampHoldRampHold() {
        // 1 s low hold, 2 s ramps, 3 s high hold, 4 s final hold: period 12 s.
        FrequencyTrapezoid trapezoid = new FrequencyTrapezoid(100.0, 120.0, 1.0, 2.0, 3.0, 4.0, true);

        assertEquals(12.0, trapezoid.periodSeconds(), 1e-12);
        assertEquals(100.0, trapezoid.frequencyHz(0.5), TOL_HZ);
        assertEquals(110.0, trapezoid.frequencyHz(2.0), TOL_HZ);
        assertEquals(120.0, trapezoid.frequencyHz(4.5), TOL_HZ);
        assertEquals(115.0, trapezoid.frequencyHz(6.5), TOL_HZ);
        assertEquals(100.0, trapezoid.frequencyHz(10.0), TOL_HZ);
        assertEquals(110.0, trapezoid.frequencyHz(14.0), TOL_HZ);
        assertEquals(0, trapezoid.eventTimesSeconds().length);

        FrequencyTrapezoid once = new FrequencyTrapezoid(100.0, 120.0, 1.0, 2.0, 3.0, 4.0, false);
        assertEquals(100.0, once.frequencyHz(14.0), TOL_HZ);
    }

    @Test
    void randomWalkIsPureBoundedAndSeeded() {
        double interval = 0.01;
        FrequencyRandomWalk sequential = new FrequencyRandomWalk(100.0, 95.0, 105.0, 1.0, interval, 7);
        int knots = 20_000;
        double[] expectedHz = new double[knots];
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < knots; i++) {
            expectedHz[i] = sequential.frequencyHz((i + 0.5) * interval);
            min = Math.min(min, expectedHz[i]);
            max = Math.max(max, expectedHz[i]);
        }
        assertTrue(min >= 95.0 && max <= 105.0, "walk stays between the walls");
        assertTrue(max - min > 5.0, "walk explores the band");

        // A fresh walk asked in a scrambled order, and two interleaved cursors, give the same values.
        FrequencyRandomWalk scrambled = new FrequencyRandomWalk(100.0, 95.0, 105.0, 1.0, interval, 7);
        for (int i = 0; i < 300; i++) {
            int knot = (int) ((i * 7919L) % knots);
            assertEquals(expectedHz[knot], scrambled.frequencyHz((knot + 0.5) * interval));
        }
        FrequencyRandomWalk interleaved = new FrequencyRandomWalk(100.0, 95.0, 105.0, 1.0, interval, 7);
        for (int i = 100; i < knots; i++) {
            assertEquals(expectedHz[i], interleaved.frequencyHz((i + 0.5) * interval));
            assertEquals(expectedHz[i - 100], interleaved.frequencyHz((i - 100 + 0.5) * interval));
        }

        FrequencyRandomWalk otherSeed = new FrequencyRandomWalk(100.0, 95.0, 105.0, 1.0, interval, 8);
        assertNotEquals(expectedHz[500], otherSeed.frequencyHz(500.5 * interval));
        assertEquals(100.0, sequential.frequencyHz(-1.0));
        assertEquals(100.0, sequential.frequencyHz(0.5 * interval));
    }

    @Test
    void randomWalkStepsHaveTheRequestedSpread() {
        // Walls far away: the increments are the raw Gaussian steps.
        double stepStdHz = 0.2;
        FrequencyRandomWalk walk = new FrequencyRandomWalk(1000.0, 1.0, 1e6, stepStdHz, 1.0, 3);
        int knots = 50_000;
        double sumSquares = 0;
        double previous = walk.frequencyHz(0.0);
        for (int i = 1; i <= knots; i++) {
            double current = walk.frequencyHz(i);
            sumSquares += (current - previous) * (current - previous);
            previous = current;
        }
        double tolStdHz = stepStdHz * 3 / Math.sqrt(2.0 * knots);
        assertEquals(stepStdHz, Math.sqrt(sumSquares / knots), tolStdHz);
    }

    @Test
    void randomWalkRejectsStartOutsideWalls() {
        assertEquals("startHz", assertThrows(InvalidValueException.class,
                () -> new FrequencyRandomWalk(90.0, 95.0, 105.0, 1.0, 0.1, 1)).key());
        assertEquals("maxHz", assertThrows(InvalidValueException.class,
                () -> new FrequencyRandomWalk(100.0, 105.0, 95.0, 1.0, 0.1, 1)).key());
    }

    @Test
    void amplitudeProfilesStepAndRamp() {
        AmplitudeSteps steps = new AmplitudeSteps(1.0, new double[] {2.0}, new double[] {0.5});
        AmplitudeRamp ramp = new AmplitudeRamp(1.0, 3.0, 0.0, 4.0);

        assertEquals(1.0, steps.amplitude(1.9), TOL_AMPLITUDE);
        assertEquals(0.5, steps.amplitude(2.0), TOL_AMPLITUDE);
        assertArrayEquals(new double[] {2.0}, steps.eventTimesSeconds());
        assertEquals(2.0, ramp.amplitude(2.0), TOL_AMPLITUDE);
        assertEquals(3.0, ramp.amplitude(5.0), TOL_AMPLITUDE);
        assertThrows(InvalidValueException.class, () -> new ConstantAmplitude(-1.0));
    }

    @Test
    void driveMergesEventsAndNamesItsParts() {
        Drive drive = new Drive(
                new FrequencySteps(50.0, new double[] {1.0, 3.0}, new double[] {51.0, 52.0}),
                new AmplitudeSteps(1.0, new double[] {2.0, 3.0}, new double[] {2.0, 3.0}),
                new GaussianNoise(0.1, 1000.0, 5));

        assertEquals("frequency-steps+amplitude-steps+noise", drive.kind());
        assertArrayEquals(new double[] {1.0, 2.0, 3.0}, drive.eventTimesSeconds());
        assertEquals("amplitude-ramp",
                new Drive(new ConstantFrequency(10.0), new AmplitudeRamp(0, 1, 0, 1), GaussianNoise.none()).kind());
    }

    @Test
    void noiseIsHeldPureSeededAndHasItsRms() {
        double rms = 0.3;
        double rateHz = 1000.0;
        GaussianNoise noise = new GaussianNoise(rms, rateHz, 11);
        int samples = 100_000;
        double[] expected = new double[samples];
        double sumSquares = 0;
        for (int i = 0; i < samples; i++) {
            expected[i] = noise.noise((i + 0.25) / rateHz);
            sumSquares += expected[i] * expected[i];
            assertEquals(expected[i], noise.noise((i + 0.75) / rateHz), "held over its sample period");
        }
        double tolRms = rms * 5 / Math.sqrt(2.0 * samples);
        assertEquals(rms, Math.sqrt(sumSquares / samples), tolRms);

        GaussianNoise fresh = new GaussianNoise(rms, rateHz, 11);
        for (int i = samples - 1; i >= 0; i -= 997) {
            assertEquals(expected[i], fresh.noise((i + 0.5) / rateHz));
        }
        assertNotEquals(expected[10], new GaussianNoise(rms, rateHz, 12).noise(10.5 / rateHz));
        assertEquals(0.0, new GaussianNoise(0.0, rateHz, 11).noise(0.123));
        assertEquals("none", GaussianNoise.none().kind());
    }

    // ---- hand-worked values at chosen instants, and the edges of every profile -----------------

    @Test
    void frequencyRampHandValuesBothDirections() {
        FrequencyRamp up = new FrequencyRamp(100.0, 200.0, 1.0, 3.0);
        // 100 + (200 − 100)·(2.5 − 1)/(3 − 1) = 175; 100 + 100·(2.999 − 1)/2 = 199.95.
        assertEquals(175.0, up.frequencyHz(2.5), TOL_HZ);
        assertEquals(199.95, up.frequencyHz(2.999), TOL_HZ);
        assertEquals(100.0, up.frequencyHz(-5.0), TOL_HZ);
        FrequencyRamp down = new FrequencyRamp(200.0, 100.0, 0.0, 4.0);
        // 200 + (100 − 200)·1/4 = 175.
        assertEquals(175.0, down.frequencyHz(1.0), TOL_HZ);
        assertEquals(200.0, down.frequencyHz(0.0), TOL_HZ);
        assertEquals(100.0, down.frequencyHz(4.0), TOL_HZ);
        // At the end instant the end value itself, not 0.7 + (0.1 − 0.7)·1 = 0.09999999999999998.
        assertEquals(0.1, new FrequencyRamp(0.7, 0.1, 0.0, 1.0).frequencyHz(1.0));
        // Likewise 1.1 + (0.3 − 1.1)·1 = 0.30000000000000004.
        assertEquals(0.3, new AmplitudeRamp(1.1, 0.3, 2.0, 3.0).amplitude(3.0));
    }

    @Test
    void frequencyRampValidatesEachFieldAtItsBoundary() {
        new FrequencyRamp(Double.MIN_VALUE, 1.0, 0.0, Double.MIN_VALUE);
        Refusals.assertRefused("startHz", "0.0", "Hz", () -> new FrequencyRamp(0.0, 200.0, 1.0, 3.0));
        Refusals.assertRefused("endHz", "-1.0", "Hz", () -> new FrequencyRamp(100.0, -1.0, 1.0, 3.0));
        Refusals.assertRefused("startTimeSeconds", "-1.0E-9", "s", () -> new FrequencyRamp(100.0, 200.0, -1e-9, 3.0));
        Refusals.assertRefused("endTimeSeconds", "1.0", "s", () -> new FrequencyRamp(100.0, 200.0, 1.0, 1.0));
        Refusals.assertRefused("endTimeSeconds", "Infinity", "s",
                () -> new FrequencyRamp(100.0, 200.0, 1.0, Double.POSITIVE_INFINITY));
    }

    @Test
    void frequencyStepsEdgesCopiesAndValueSemantics() {
        // No steps: the initial frequency forever; a step at time 0 applies from time 0.
        FrequencySteps none = new FrequencySteps(50.0, new double[0], new double[0]);
        assertEquals(50.0, none.frequencyHz(1e9), TOL_HZ);
        assertEquals(0, none.eventTimesSeconds().length);
        FrequencySteps atZero = new FrequencySteps(50.0, new double[] {0.0, 2.0}, new double[] {60.0, 70.0});
        assertEquals(50.0, atZero.frequencyHz(-0.1), TOL_HZ);
        assertEquals(60.0, atZero.frequencyHz(0.0), TOL_HZ);
        assertEquals(60.0, atZero.frequencyHz(1.999), TOL_HZ);
        assertEquals(70.0, atZero.frequencyHz(2.0), TOL_HZ);
        assertEquals("frequency-steps", atZero.kind());

        double[] frequencies = {60.0, 70.0};
        FrequencySteps steps = new FrequencySteps(50.0, new double[] {0.0, 2.0}, frequencies);
        frequencies[0] = 1.0;
        steps.frequenciesHz()[1] = 1.0;
        steps.eventTimesSeconds()[0] = 9.0;
        assertEquals(50.0, steps.initialHz());
        assertArrayEquals(new double[] {60.0, 70.0}, steps.frequenciesHz());
        assertArrayEquals(new double[] {0.0, 2.0}, steps.eventTimesSeconds());
        assertEquals(60.0, steps.frequencyHz(0.5), TOL_HZ);

        ValueSemantics.assertValueSemantics(atZero, steps,
                new FrequencySteps(51.0, new double[] {0.0, 2.0}, new double[] {60.0, 70.0}),
                new FrequencySteps(50.0, new double[] {0.0, 3.0}, new double[] {60.0, 70.0}),
                new FrequencySteps(50.0, new double[] {0.0, 2.0}, new double[] {60.0, 71.0}),
                new AmplitudeSteps(50.0, new double[] {0.0, 2.0}, new double[] {60.0, 70.0}));
        assertEquals("FrequencySteps[initialHz=50.0, stepTimesSeconds=[0.0, 2.0], frequenciesHz=[60.0, 70.0]]",
                atZero.toString());
    }

    @Test
    void frequencyStepsValidateEachFieldAtItsBoundary() {
        new FrequencySteps(Double.MIN_VALUE, new double[] {0.0}, new double[] {Double.MIN_VALUE});
        Refusals.assertRefused("initialHz", "0.0", "Hz", () -> new FrequencySteps(0.0, new double[0], new double[0]));
        Refusals.assertRefused("frequenciesHz[1]", "0.0", "Hz",
                () -> new FrequencySteps(50.0, new double[] {1.0, 2.0}, new double[] {55.0, 0.0}));
        Refusals.assertRefused("stepTimesSeconds[0]", "-1.0E-9", "s",
                () -> new FrequencySteps(50.0, new double[] {-1e-9}, new double[] {55.0}));
        // Equal instants are refused: the later one must be strictly after the one before it.
        InvalidValueException equal = Refusals.assertRefused("stepTimesSeconds[2]", "1.0", "s",
                () -> new FrequencySteps(50.0, new double[] {0.5, 1.0, 1.0}, new double[] {55.0, 56.0, 57.0}));
        assertEquals("a value > stepTimesSeconds[1] (1.0 s)", equal.allowed());
        Refusals.assertRefused("frequenciesHz.length", "1", "",
                () -> new FrequencySteps(50.0, new double[] {1.0, 2.0}, new double[] {55.0}));
        Refusals.assertRefused("stepTimesSeconds", "null", "", () -> new FrequencySteps(50.0, null, new double[0]));
        Refusals.assertRefused("frequenciesHz", "null", "", () -> new FrequencySteps(50.0, new double[0], null));
    }

    @Test
    void trapezoidHandValuesAtItsCorners() {
        // 1 s low hold, 2 s ramps, 3 s high hold, 4 s final hold: up 1..3 s, high 3..6 s, down 6..8 s, low 8..12 s.
        FrequencyTrapezoid trapezoid = new FrequencyTrapezoid(100.0, 120.0, 1.0, 2.0, 3.0, 4.0, true);
        assertEquals(100.0, trapezoid.frequencyHz(1.0), TOL_HZ);
        assertEquals(120.0, trapezoid.frequencyHz(3.0), TOL_HZ);
        assertEquals(120.0, trapezoid.frequencyHz(6.0), TOL_HZ);
        // 120 + (100 − 120)·(7.5 − 6)/2 = 105.
        assertEquals(105.0, trapezoid.frequencyHz(7.5), TOL_HZ);
        assertEquals(100.0, trapezoid.frequencyHz(8.0), TOL_HZ);
        assertEquals(100.0, trapezoid.frequencyHz(11.99), TOL_HZ);
        // Second cycle: 12 s is its start, 13.5 s is 0.5 s into its up ramp: 100 + 20·0.5/2 = 105.
        assertEquals(100.0, trapezoid.frequencyHz(12.0), TOL_HZ);
        assertEquals(105.0, trapezoid.frequencyHz(13.5), TOL_HZ);
        assertEquals(105.0, trapezoid.frequencyHz(12.0 * 7 + 1.5), TOL_HZ);
        // Before time 0 the first low hold holds, repeated or not.
        assertEquals(100.0, trapezoid.frequencyHz(-3.0), TOL_HZ);
        assertEquals("frequency-trapezoid", trapezoid.kind());

        // Downward, no holds at all: a triangle 200 → 150 → 200 over 2 s.
        FrequencyTrapezoid triangle = new FrequencyTrapezoid(200.0, 150.0, 0.0, 1.0, 0.0, 0.0, false);
        assertEquals(2.0, triangle.periodSeconds(), 1e-15);
        assertEquals(175.0, triangle.frequencyHz(0.5), TOL_HZ);
        assertEquals(150.0, triangle.frequencyHz(1.0), TOL_HZ);
        assertEquals(187.5, triangle.frequencyHz(1.75), TOL_HZ);
        assertEquals(200.0, triangle.frequencyHz(2.5), TOL_HZ);
    }

    @Test
    void trapezoidValidatesEachFieldAtItsBoundary() {
        new FrequencyTrapezoid(Double.MIN_VALUE, Double.MIN_VALUE, 0.0, Double.MIN_VALUE, 0.0, 0.0, true);
        Refusals.assertRefused("lowHz", "0.0", "Hz", () -> new FrequencyTrapezoid(0.0, 120.0, 1.0, 2.0, 3.0, 4.0, true));
        Refusals.assertRefused("highHz", "0.0", "Hz", () -> new FrequencyTrapezoid(100.0, 0.0, 1.0, 2.0, 3.0, 4.0, true));
        Refusals.assertRefused("lowHoldSeconds", "-1.0E-9", "s",
                () -> new FrequencyTrapezoid(100.0, 120.0, -1e-9, 2.0, 3.0, 4.0, true));
        Refusals.assertRefused("rampSeconds", "0.0", "s",
                () -> new FrequencyTrapezoid(100.0, 120.0, 1.0, 0.0, 3.0, 4.0, true));
        Refusals.assertRefused("highHoldSeconds", "-1.0E-9", "s",
                () -> new FrequencyTrapezoid(100.0, 120.0, 1.0, 2.0, -1e-9, 4.0, true));
        Refusals.assertRefused("finalHoldSeconds", "-1.0E-9", "s",
                () -> new FrequencyTrapezoid(100.0, 120.0, 1.0, 2.0, 3.0, -1e-9, true));
    }

    @Test
    void randomWalkKnotsAreReflectedGaussianSteps() {
        // Steps of 30 Hz between walls 10 Hz apart bounce several times, off both walls. Expected
        // knots from the definition: knot j = bounce(knot j−1 + σ·N_j), N_j the j-th value of the
        // seed's counter stream, the bounce done the slow way (mirror at whichever wall is crossed).
        double intervalSeconds = 0.25;
        FrequencyRandomWalk walk = new FrequencyRandomWalk(100.0, 95.0, 105.0, 30.0, intervalSeconds, 21);
        long key = CounterRandom.streamKey(21);
        double[] expectedHz = new double[40];
        expectedHz[0] = 100.0;
        boolean belowMin = false;
        boolean aboveMax = false;
        for (int j = 1; j < expectedHz.length; j++) {
            double unbounced = expectedHz[j - 1] + 30.0 * CounterRandom.gaussian(key, j);
            belowMin |= unbounced < 95.0 - 20.0;
            aboveMax |= unbounced > 105.0 + 20.0;
            expectedHz[j] = bounce(unbounced, 95.0, 105.0);
        }
        assertTrue(belowMin && aboveMax, "steps cross both walls by more than one width");

        assertEquals("frequency-random-walk", walk.kind());
        assertEquals(100.0, walk.frequencyHz(0.0));
        assertEquals(100.0, walk.frequencyHz(0.2499));
        for (int j = 1; j < expectedHz.length; j++) {
            // 0.25 s is exact in binary: j·0.25 is knot j itself, a hair earlier is knot j − 1.
            assertEquals(expectedHz[j], walk.frequencyHz(j * intervalSeconds), TOL_HZ, "knot " + j);
            assertEquals(expectedHz[j - 1], walk.frequencyHz(j * intervalSeconds - 1e-9), TOL_HZ, "before knot " + j);
        }
        assertEquals(expectedHz[3], new FrequencyRandomWalk(100.0, 95.0, 105.0, 30.0, intervalSeconds, 21)
                .frequencyHz(3.9 * intervalSeconds), TOL_HZ);
    }

    /** Mirror at the crossed wall until inside [min, max]. */
    private static double bounce(double hz, double minHz, double maxHz) {
        while (hz < minHz || hz > maxHz) {
            hz = hz > maxHz ? 2 * maxHz - hz : 2 * minHz - hz;
        }
        return hz;
    }

    @Test
    void randomWalkCursorsGiveTheSameAnswerInAnyOrder() {
        // Reference: every knot 0..60 asked in order on one walk. Then a second walk is asked in a
        // pattern that moves the lead, the lag, and falls behind both (a replay from knot 0).
        FrequencyRandomWalk reference = new FrequencyRandomWalk(100.0, 90.0, 110.0, 2.0, 1.0, 5);
        double[] expectedHz = new double[61];
        for (int j = 0; j <= 60; j++) {
            expectedHz[j] = reference.frequencyHz(j + 0.5);
        }
        FrequencyRandomWalk walk = new FrequencyRandomWalk(100.0, 90.0, 110.0, 2.0, 1.0, 5);
        int[] order = {10, 20, 15, 15, 20, 5, 3, 30, 4, 2, 25, 60, 1, 0, 59, 58, 60, 7, 7, 40, 6};
        for (int knot : order) {
            assertEquals(expectedHz[knot], walk.frequencyHz(knot + 0.5), "knot " + knot);
        }
    }

    @Test
    void randomWalkAccessorsEdgesAndValidation() {
        FrequencyRandomWalk still = new FrequencyRandomWalk(95.0, 95.0, 105.0, 0.0, 0.5, 3);
        assertEquals(95.0, still.frequencyHz(1e4), "no spread: the start holds");
        assertEquals(95.0, still.startHz());
        assertEquals(95.0, still.minHz());
        assertEquals(105.0, still.maxHz());
        assertEquals(0.0, still.stepStdHz());
        assertEquals(0.5, still.stepIntervalSeconds());
        assertEquals(3L, still.seed());
        assertEquals(0, still.eventTimesSeconds().length);
        assertEquals("FrequencyRandomWalk[startHz=95.0, minHz=95.0, maxHz=105.0, stepStdHz=0.0, "
                + "stepIntervalSeconds=0.5, seed=3]", still.toString());
        // The start may sit on either wall; just outside is refused.
        assertEquals(1.5, new FrequencyRandomWalk(105.0, 95.0, 105.0, 1.5, 0.5, 3).stepStdHz());
        Refusals.assertRefused("startHz", "105.00000000000001", "Hz",
                () -> new FrequencyRandomWalk(Math.nextUp(105.0), 95.0, 105.0, 1.0, 0.5, 3));
        Refusals.assertRefused("startHz", "94.99999999999999", "Hz",
                () -> new FrequencyRandomWalk(Math.nextDown(95.0), 95.0, 105.0, 1.0, 0.5, 3));
        Refusals.assertRefused("minHz", "0.0", "Hz", () -> new FrequencyRandomWalk(1.0, 0.0, 105.0, 1.0, 0.5, 3));
        Refusals.assertRefused("maxHz", "95.0", "Hz", () -> new FrequencyRandomWalk(95.0, 95.0, 95.0, 1.0, 0.5, 3));
        Refusals.assertRefused("maxHz", "Infinity", "Hz",
                () -> new FrequencyRandomWalk(95.0, 95.0, Double.POSITIVE_INFINITY, 1.0, 0.5, 3));
        Refusals.assertRefused("stepStdHz", "-1.0E-9", "Hz", () -> new FrequencyRandomWalk(100.0, 95.0, 105.0, -1e-9, 0.5, 3));
        Refusals.assertRefused("stepIntervalSeconds", "0.0", "s",
                () -> new FrequencyRandomWalk(100.0, 95.0, 105.0, 1.0, 0.0, 3));
    }

    @Test
    void amplitudeStepsEdgesCopiesAndValueSemantics() {
        AmplitudeSteps steps = new AmplitudeSteps(1.0, new double[] {0.0, 2.0}, new double[] {0.0, 3.0});
        assertEquals("amplitude-steps", steps.kind());
        assertEquals(1.0, steps.amplitude(-1.0), TOL_AMPLITUDE);
        assertEquals(0.0, steps.amplitude(0.0), TOL_AMPLITUDE);
        assertEquals(0.0, steps.amplitude(1.999), TOL_AMPLITUDE);
        assertEquals(3.0, steps.amplitude(2.0), TOL_AMPLITUDE);
        assertEquals(3.0, steps.amplitude(1e9), TOL_AMPLITUDE);
        assertEquals(1.0, steps.initialAmplitude());
        steps.amplitudes()[0] = 9.0;
        steps.eventTimesSeconds()[0] = 9.0;
        assertArrayEquals(new double[] {0.0, 3.0}, steps.amplitudes());
        assertArrayEquals(new double[] {0.0, 2.0}, steps.eventTimesSeconds());
        assertEquals(2.0, new AmplitudeSteps(2.0, new double[0], new double[0]).amplitude(5.0));

        ValueSemantics.assertValueSemantics(steps, new AmplitudeSteps(1.0, new double[] {0.0, 2.0}, new double[] {0.0, 3.0}),
                new AmplitudeSteps(1.5, new double[] {0.0, 2.0}, new double[] {0.0, 3.0}),
                new AmplitudeSteps(1.0, new double[] {0.5, 2.0}, new double[] {0.0, 3.0}),
                new AmplitudeSteps(1.0, new double[] {0.0, 2.0}, new double[] {0.0, 3.5}),
                new FrequencySteps(1.0, new double[] {0.0, 2.0}, new double[] {1.0, 3.0}));
        assertEquals("AmplitudeSteps[initialAmplitude=1.0, stepTimesSeconds=[0.0, 2.0], amplitudes=[0.0, 3.0]]",
                steps.toString());
    }

    @Test
    void amplitudeStepsValidateEachFieldAtItsBoundary() {
        new AmplitudeSteps(0.0, new double[] {0.0}, new double[] {0.0});
        Refusals.assertRefused("initialAmplitude", "-1.0E-9", "", () -> new AmplitudeSteps(-1e-9, new double[0], new double[0]));
        Refusals.assertRefused("amplitudes[0]", "-1.0E-9", "",
                () -> new AmplitudeSteps(1.0, new double[] {1.0}, new double[] {-1e-9}));
        Refusals.assertRefused("stepTimesSeconds[1]", "0.5", "s",
                () -> new AmplitudeSteps(1.0, new double[] {1.0, 0.5}, new double[] {1.0, 2.0}));
        Refusals.assertRefused("amplitudes.length", "2", "",
                () -> new AmplitudeSteps(1.0, new double[] {1.0}, new double[] {1.0, 2.0}));
    }

    @Test
    void amplitudeRampHandValuesAndValidation() {
        AmplitudeRamp ramp = new AmplitudeRamp(2.0, 0.0, 1.0, 5.0);
        assertEquals("amplitude-ramp", ramp.kind());
        // 2 + (0 − 2)·(2 − 1)/(5 − 1) = 1.5.
        assertEquals(1.5, ramp.amplitude(2.0), TOL_AMPLITUDE);
        assertEquals(2.0, ramp.amplitude(1.0), TOL_AMPLITUDE);
        assertEquals(2.0, ramp.amplitude(-1.0), TOL_AMPLITUDE);
        assertEquals(0.0, ramp.amplitude(5.0), TOL_AMPLITUDE);
        assertEquals(0, ramp.eventTimesSeconds().length);
        new AmplitudeRamp(0.0, 0.0, 0.0, Double.MIN_VALUE);
        Refusals.assertRefused("startAmplitude", "-1.0E-9", "", () -> new AmplitudeRamp(-1e-9, 1.0, 0.0, 1.0));
        Refusals.assertRefused("endAmplitude", "-1.0E-9", "", () -> new AmplitudeRamp(1.0, -1e-9, 0.0, 1.0));
        Refusals.assertRefused("startTimeSeconds", "-1.0E-9", "s", () -> new AmplitudeRamp(1.0, 1.0, -1e-9, 1.0));
        Refusals.assertRefused("endTimeSeconds", "2.0", "s", () -> new AmplitudeRamp(1.0, 1.0, 2.0, 2.0));
        Refusals.assertRefused("endTimeSeconds", "NaN", "s", () -> new AmplitudeRamp(1.0, 1.0, 2.0, Double.NaN));
    }

    @Test
    void noiseSampleIsTheSeedsCounterStreamScaledByTheRms() {
        // 4 samples per second: sample n covers [n/4, (n+1)/4); 0.5 s is exactly the start of sample 2.
        GaussianNoise noise = new GaussianNoise(0.3, 4.0, 77);
        long key = CounterRandom.streamKey(77);
        assertEquals(0.3 * CounterRandom.gaussian(key, 2), noise.noise(0.5));
        assertEquals(0.3 * CounterRandom.gaussian(key, 1), noise.noise(0.4999));
        assertEquals(0.3 * CounterRandom.gaussian(key, 0), noise.noise(0.0));
        // Before time 0 the index keeps counting down (floor, not truncation toward 0).
        assertEquals(0.3 * CounterRandom.gaussian(key, -1), noise.noise(-0.1));
        assertEquals(0.3 * CounterRandom.gaussian(key, 2), noise.noise(0.74), "cached sample asked again");
        assertEquals("noise", noise.kind());
        assertEquals(0.3, noise.rms());
        assertEquals(4.0, noise.sampleRateHz());
        assertEquals(77L, noise.seed());
        assertEquals("GaussianNoise[rms=0.3, sampleRateHz=4.0, seed=77]", noise.toString());
        assertEquals("noise", new Drive(new ConstantFrequency(1.0), new ConstantAmplitude(1.0), noise).kind());
        assertEquals(0.3 * CounterRandom.gaussian(key, 2),
                new Drive(new ConstantFrequency(1.0), new ConstantAmplitude(1.0), noise).noise(0.6));

        new GaussianNoise(0.0, Double.MIN_VALUE, 0);
        Refusals.assertRefused("rms", "-1.0E-9", "", () -> new GaussianNoise(-1e-9, 4.0, 0));
        Refusals.assertRefused("sampleRateHz", "0.0", "Hz", () -> new GaussianNoise(0.3, 0.0, 0));
    }

    @Test
    void constantAndSettableDrivesAnswerTheirValuesAtAnyTime() {
        ConstantFrequency frequency = new ConstantFrequency(Double.MIN_VALUE);
        assertEquals("constant", frequency.kind());
        assertEquals(0, frequency.eventTimesSeconds().length);
        Refusals.assertRefused("frequencyHz", "0.0", "Hz", () -> new ConstantFrequency(0.0));
        ConstantAmplitude amplitude = new ConstantAmplitude(0.0);
        assertEquals("constant", amplitude.kind());
        assertEquals(0.0, amplitude.amplitude(3.0));
        assertEquals(0, amplitude.eventTimesSeconds().length);
        Refusals.assertRefused("amplitude", "-1.0E-9", "", () -> new ConstantAmplitude(-1e-9));

        SettableDrive drive = new SettableDrive(30.0, 0.5);
        assertEquals("settable", drive.kind());
        assertEquals(30.0, drive.frequencyHz(-7.0));
        assertEquals(0.5, drive.amplitude(1e6));
        drive.setFrequencyHz(31.5);
        drive.setAmplitude(0.0);
        assertEquals(31.5, drive.frequencyHz(0.0));
        assertEquals(0.0, drive.amplitude(0.0));
        assertEquals(0.0, drive.noise(2.0));
        assertEquals(0, drive.eventTimesSeconds().length);
        Refusals.assertRefused("drive.frequencyHz", "0.0", "Hz", () -> drive.setFrequencyHz(0.0));
        Refusals.assertRefused("drive.amplitude", "-1.0E-9", "", () -> drive.setAmplitude(-1e-9));
        Refusals.assertRefused("drive.frequencyHz", "NaN", "Hz", () -> new SettableDrive(Double.NaN, 1.0));
        assertEquals(31.5, drive.frequencyHz(0.0), "a refused value leaves the last one set");
    }

    @Test
    void driveJoinsItsPartsAndMergesCoincidentEvents() {
        Drive drive = new Drive(
                new FrequencySteps(50.0, new double[] {0.0, 3.0}, new double[] {51.0, 52.0}),
                new AmplitudeSteps(1.0, new double[] {0.0, 1.0, 3.0, 4.0}, new double[] {2.0, 3.0, 4.0, 5.0}),
                GaussianNoise.none());
        assertArrayEquals(new double[] {0.0, 1.0, 3.0, 4.0}, drive.eventTimesSeconds());
        assertEquals("frequency-steps+amplitude-steps", drive.kind());
        assertEquals(51.0, drive.frequencyHz(0.5));
        assertEquals(3.0, drive.amplitude(1.5));
        assertEquals(0.0, drive.noise(1.5));
        assertEquals(0, Drive.constant(10.0, 1.0).eventTimesSeconds().length);
        Drive ramped = Drive.of(new FrequencyRamp(10.0, 20.0, 0.0, 1.0), 0.7);
        assertEquals(0.7, ramped.amplitude(0.3));
        assertEquals(15.0, ramped.frequencyHz(0.5), TOL_HZ);
        Refusals.assertRefused("frequency", "null", "", () -> new Drive(null, new ConstantAmplitude(1.0), GaussianNoise.none()));
        Refusals.assertRefused("amplitude", "null", "", () -> new Drive(new ConstantFrequency(1.0), null, GaussianNoise.none()));
        Refusals.assertRefused("noise", "null", "", () -> new Drive(new ConstantFrequency(1.0), new ConstantAmplitude(1.0), null));
    }
}
