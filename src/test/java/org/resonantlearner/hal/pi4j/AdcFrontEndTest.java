package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.AdcCalibration;

/** The analog path from the load to the ADC input, with a divider: its law written out. */
class AdcFrontEndTest {
    private static final double TOL_VOLTS = 1e-12;

    @Test
    void aDividerScalesTheInputBackToTheLoadAroundTheBias() {
        // 1.65 V bias, a 1:3 divider (3 load volts per input volt), 47 Ω load, 1 % gain error and 10 mV offset.
        AdcFrontEnd frontEnd = new AdcFrontEnd(1.65, 3.0, 47.0, new AdcCalibration(0.010, 0.01));
        // (2.0 − 1.65)·3 = 1.05 V nominal; (1.05 − 0.010)/1.01 = 1.029703 V at the load.
        assertEquals((1.05 - 0.010) / 1.01, frontEnd.loadVolts(2.0), TOL_VOLTS);
        assertEquals((-0.75 - 0.010) / 1.01, frontEnd.loadVolts(1.4), TOL_VOLTS);
        assertEquals(1.0 / 47.0, frontEnd.loadCurrentAmps(1.0), TOL_VOLTS);
        assertEquals(4.0 / 47.0, frontEnd.loadPowerWatts(-2.0), TOL_VOLTS);
    }
}
