package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

class SensorModelTest {
    private static final double TOL_VOLTS = 1e-12;

    @Test
    void idealAdcQuantisesAroundMidScale() {
        // 10 bits over 2 V: step 2/1023 V, 0 V sits between codes 511 and 512 (rounds up to 512).
        SensorModel adc = SensorModel.ideal(10, 2.0);
        double stepVolts = 2.0 / 1023;

        assertEquals(1023, adc.maxCode());
        assertEquals(stepVolts, adc.quantisationStepVolts(), TOL_VOLTS);
        assertEquals(512, adc.code(0.0));
        assertEquals(0.5 * stepVolts, adc.sampleVolts(0.0), TOL_VOLTS);
        assertEquals(-1.0, adc.nominalVolts(0), TOL_VOLTS);
        assertEquals(1.0, adc.nominalVolts(1023), TOL_VOLTS);
        for (double volts = -0.99; volts < 0.99; volts += 0.0137) {
            assertEquals(volts, adc.sampleVolts(volts), stepVolts / 2 + TOL_VOLTS, "error at most half a step");
        }
    }

    @Test
    void adcClipsOutsideItsSpan() {
        SensorModel adc = SensorModel.ideal(12, 3.3);

        assertEquals(4095, adc.code(10.0));
        assertEquals(0, adc.code(-10.0));
        assertEquals(4095, adc.code(Double.POSITIVE_INFINITY));
        assertEquals(1.65, adc.sampleVolts(1e9), TOL_VOLTS);
        assertEquals(-1.65, adc.sampleVolts(-1e9), TOL_VOLTS);
    }

    @Test
    void offsetAndGainErrorShiftTheNominalReading() {
        // 16 bits keep quantisation (~15 µV) well below the errors under test.
        SensorModel adc = new SensorModel(16, 2.0, 0.0, 0.01, 0.02, 0L);
        double tolVolts = adc.quantisationStepVolts() / 2 + TOL_VOLTS;

        assertEquals(0.5 * 1.02 + 0.01, adc.sampleVolts(0.5), tolVolts);
        assertEquals(-0.5 * 1.02 + 0.01, adc.sampleVolts(-0.5), tolVolts);
        assertEquals(0.01, adc.sampleVolts(0.0), tolVolts);
    }

    @Test
    void noiseHasItsRmsAndIsSeeded() {
        // Noise of 10 steps dominates quantisation: expected rms sqrt(σ² + Δ²/12).
        SensorModel adc = new SensorModel(12, 2.0, 10 * 2.0 / 4095, 0.0, 0.0, 99L);
        double stepVolts = adc.quantisationStepVolts();
        double noiseVoltsRms = adc.noiseVoltsRms();
        int samples = 100_000;
        double sum = 0;
        double sumSquares = 0;
        double[] first = new double[10];
        for (int i = 0; i < samples; i++) {
            // 0.3 steps off a code boundary so the quantisation error averages out evenly.
            double reading = adc.sampleVolts(0.3 * stepVolts) - 0.3 * stepVolts;
            if (i < first.length) {
                first[i] = reading;
            }
            sum += reading;
            sumSquares += reading * reading;
        }
        double mean = sum / samples;
        double rmsVolts = Math.sqrt(sumSquares / samples - mean * mean);
        double expectedRmsVolts = Math.sqrt(noiseVoltsRms * noiseVoltsRms + stepVolts * stepVolts / 12);
        double tolRmsVolts = expectedRmsVolts * 0.02;

        assertEquals(expectedRmsVolts, rmsVolts, tolRmsVolts);
        assertEquals(0.0, mean, 5 * expectedRmsVolts / Math.sqrt(samples) + stepVolts);

        SensorModel same = new SensorModel(12, 2.0, 10 * 2.0 / 4095, 0.0, 0.0, 99L);
        SensorModel other = new SensorModel(12, 2.0, 10 * 2.0 / 4095, 0.0, 0.0, 100L);
        boolean anyDifferent = false;
        for (double reading : first) {
            assertEquals(reading, same.sampleVolts(0.3 * stepVolts) - 0.3 * stepVolts);
            anyDifferent |= reading != other.sampleVolts(0.3 * stepVolts) - 0.3 * stepVolts;
        }
        assertTrue(anyDifferent, "another seed gives another sequence");
    }

    @Test
    void constructorRejectsBadValues() {
        assertEquals("adcBits", assertThrows(InvalidValueException.class,
                () -> new SensorModel(0, 2.0, 0.0, 0.0, 0.0, 0L)).key());
        assertEquals("fullScaleVolts", assertThrows(InvalidValueException.class,
                () -> new SensorModel(12, -2.0, 0.0, 0.0, 0.0, 0L)).key());
        assertEquals("noiseVoltsRms", assertThrows(InvalidValueException.class,
                () -> new SensorModel(12, 2.0, -1e-3, 0.0, 0.0, 0L)).key());
        assertEquals("gainErrorFraction", assertThrows(InvalidValueException.class,
                () -> new SensorModel(12, 2.0, 0.0, 0.0, 0.9, 0L)).key());
    }

    @Test
    void threeBitAdcCodesByHand() {
        // 3 bits over 7 V: 1 V per code, code = floor((v/7 + 0.5)·7 + 0.5) = floor(v + 4), clipped to [0, 7].
        SensorModel adc = SensorModel.ideal(3, 7.0);
        double[] volts = {-9.0, -3.6, -3.4, -2.7, -0.6, 0.0, 0.4, 1.2, 2.4, 2.9, 3.1, 3.6, 50.0};
        int[] expectedCodes = {0, 0, 0, 1, 3, 4, 4, 5, 6, 6, 7, 7, 7};
        for (int i = 0; i < volts.length; i++) {
            assertEquals(expectedCodes[i], adc.code(volts[i]), volts[i] + " V");
        }
        assertEquals(7, adc.maxCode());
        assertEquals(1.0, adc.quantisationStepVolts(), TOL_VOLTS);
        // Nominal law: (code/7 − 0.5)·7 = code − 3.5 V.
        assertEquals(-3.5, adc.nominalVolts(0), TOL_VOLTS);
        assertEquals(0.5, adc.nominalVolts(4), TOL_VOLTS);
        assertEquals(3.5, adc.nominalVolts(7), TOL_VOLTS);
        assertEquals(1.5, adc.sampleVolts(1.2), TOL_VOLTS);
        assertEquals(0, adc.code(Double.NaN), "NaN clips to the bottom code instead of wrapping");
        assertEquals(0, adc.code(Double.NEGATIVE_INFINITY));
        // One bit: codes 0 and 1 only, 0 V rounds up to 1 (floor(0.5·1 + 0.5) = 1).
        SensorModel oneBit = SensorModel.ideal(1, 2.0);
        assertEquals(1, oneBit.code(0.0));
        assertEquals(0, oneBit.code(-0.01));
        assertEquals(1, oneBit.code(0.99));
    }

    @Test
    void gainAndOffsetErrorsMoveTheCodeByHand() {
        // 3 bits over 7 V with gain +0.5 and offset −1 V: input = 1.5·v − 1, code = floor(1.5·v + 3).
        SensorModel adc = new SensorModel(3, 7.0, 0.0, -1.0, 0.5, 0L);
        assertEquals(3, adc.code(0.0));
        assertEquals(4, adc.code(1.0));
        assertEquals(6, adc.code(2.2));
        assertEquals(0, adc.code(-2.1));
        assertEquals(7, adc.code(2.7));
        // Gain −0.5: input = 0.5·v + 0.25 → code = floor(0.5·v + 4.25).
        SensorModel low = new SensorModel(3, 7.0, 0.0, 0.25, -0.5, 0L);
        assertEquals(4, low.code(0.0));
        assertEquals(5, low.code(1.6));
        assertEquals(2, low.code(-4.0));
        assertEquals(1.5, low.sampleVolts(2.0), TOL_VOLTS, "the uncalibrated reading: code 5 is 1.5 V");
    }

    @Test
    void noiseIsTheSeedsGaussianStreamAddedAtTheInput() {
        // Independent source: java.util.SplittableRandom with the same seed; code = floor(σ·g + 4) for 0 V.
        double sigmaVolts = 0.8;
        SensorModel adc = new SensorModel(3, 7.0, sigmaVolts, 0.0, 0.0, 1234L);
        java.util.SplittableRandom reference = new java.util.SplittableRandom(1234L);
        for (int i = 0; i < 50; i++) {
            int expected = (int) Math.max(0, Math.min(7, Math.floor(sigmaVolts * reference.nextGaussian() + 4.0)));
            assertEquals(expected, adc.code(0.0), "reading " + i);
        }
        assertEquals(sigmaVolts, adc.noiseVoltsRms());
        assertEquals(1234L, adc.seed());
    }

    @Test
    void accessorsReportTheConfiguration() {
        SensorModel adc = new SensorModel(14, 3.3, 1e-3, -0.02, 0.01, 5L);
        assertEquals(14, adc.adcBits());
        assertEquals(3.3, adc.fullScaleVolts());
        assertEquals(-0.02, adc.offsetVolts());
        assertEquals(0.01, adc.gainErrorFraction());
        assertEquals("SensorModel[adcBits=14, fullScaleVolts=3.3, noiseVoltsRms=0.001, offsetVolts=-0.02, "
                + "gainErrorFraction=0.01, seed=5]", adc.toString());
    }

    @Test
    void constructorBoundariesAreInclusiveWhereDocumented() {
        assertEquals((1 << 30) - 1, SensorModel.ideal(30, 1.0).maxCode());
        assertEquals(1, SensorModel.ideal(1, 1.0).maxCode());
        new SensorModel(12, Double.MIN_VALUE, 0.0, 0.0, 0.5, 0L);
        new SensorModel(12, 1.0, 0.0, 0.0, -0.5, 0L);
        Refusals.assertRefused("adcBits", "31", "bits", () -> SensorModel.ideal(31, 1.0));
        Refusals.assertRefused("adcBits", "0", "bits", () -> SensorModel.ideal(0, 1.0));
        Refusals.assertRefused("fullScaleVolts", "0.0", "V", () -> SensorModel.ideal(12, 0.0));
        Refusals.assertRefused("noiseVoltsRms", "-1.0E-9", "V", () -> new SensorModel(12, 1.0, -1e-9, 0.0, 0.0, 0L));
        Refusals.assertRefused("offsetVolts", "NaN", "V", () -> new SensorModel(12, 1.0, 0.0, Double.NaN, 0.0, 0L));
        Refusals.assertRefused("gainErrorFraction", "0.5000000000000001", "",
                () -> new SensorModel(12, 1.0, 0.0, 0.0, Math.nextUp(0.5), 0L));
        Refusals.assertRefused("gainErrorFraction", "-0.5000000000000001", "",
                () -> new SensorModel(12, 1.0, 0.0, 0.0, Math.nextDown(-0.5), 0L));
    }
}
