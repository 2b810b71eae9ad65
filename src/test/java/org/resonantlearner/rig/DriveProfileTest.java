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
}
