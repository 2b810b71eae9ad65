package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.pi4j.AdcFrontEnd;
import org.resonantlearner.rig.SensorModel;

/** The analog path is the inverse of the driver's front end, with the rig's own errors and noise. */
class AnalogPathTest {
    private static final AdcFrontEnd DIVIDED = new AdcFrontEnd(1.0, 4.0, 2.0, AdcCalibration.NONE);

    @Test
    void biasDividerGainAndOffsetInTheirOrder() {
        AnalogPath path = new AnalogPath(DIVIDED, 0.0, 0.2, 0.1, 1L);
        // (2 V · 1.1 + 0.2 V) / 4 + 1 V = 1.6 V
        assertEquals(1.6, path.adcInputVolts(2.0), 1e-15);
        assertEquals(1.05, path.adcInputVolts(0.0), 1e-15);
        // The driver's front end (without calibration) takes it back to the measured load volts.
        assertEquals(2.0 * 1.1 + 0.2, DIVIDED.loadVolts(path.adcInputVolts(2.0)), 1e-12);
    }

    @Test
    void noiseIsTheSimulatedSensorsOwnSequence() {
        double noise = 0.01;
        long seed = 42L;
        AnalogPath path = new AnalogPath(AdcFrontEnd.midScale(3.3, 2.0, AdcCalibration.NONE), noise, 0.0, 0.0, seed);
        SensorModel sensor = new SensorModel(12, 3.3, noise, 0.0, 0.0, seed);
        SplittableRandom draws = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            double load = 0.3 * Math.sin(i * 0.3);
            double input = path.adcInputVolts(load);
            assertEquals(1.65 + load + noise * draws.nextGaussian(), input, 1e-12, "draw " + i);
            int code = (int) Math.min(Math.max(Math.floor(input / 3.3 * 4095 + 0.5), 0), 4095);
            assertEquals(sensor.code(load), code, "the sim sensor's code, sample " + i);
        }
        assertNotEquals(path.adcInputVolts(0.0), path.adcInputVolts(0.0), "a draw per conversion");
    }

    @Test
    void badNumbersAreRefusedByName() {
        AdcFrontEnd midScale = AdcFrontEnd.midScale(3.3, 2.0, AdcCalibration.NONE);
        assertEquals("noiseVoltsRms", assertThrows(InvalidValueException.class,
                () -> new AnalogPath(midScale, -1e-3, 0.0, 0.0, 1L)).key());
        assertEquals("offsetVolts", assertThrows(InvalidValueException.class,
                () -> new AnalogPath(midScale, 0.0, Double.NaN, 0.0, 1L)).key());
        assertEquals("gainErrorFraction", assertThrows(InvalidValueException.class,
                () -> new AnalogPath(midScale, 0.0, 0.0, Double.POSITIVE_INFINITY, 1L)).key());
    }
}
