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
}
