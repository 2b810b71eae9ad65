package org.resonantlearner.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.resonantlearner.rig.SensorModel;

/** Codes to volts: the nominal mid-scale law, and the inverse of the simulated sensor's offset and gain error. */
class AdcCalibrationTest {
    private static final double TOL_VOLTS = 1e-12;

    @Test
    void theNominalLawPutsZeroVoltsAtMidScale() {
        AdcCalibration none = AdcCalibration.NONE;
        assertEquals(-1.65, none.volts(0, 12, 3.3), TOL_VOLTS);
        assertEquals(1.65, none.volts(4095, 12, 3.3), TOL_VOLTS);
        assertEquals(0.0, none.volts(4095, 12, 3.3) + none.volts(0, 12, 3.3), TOL_VOLTS);
        SensorModel ideal = SensorModel.ideal(12, 3.3);
        for (int code = 0; code < 4096; code += 17) {
            assertEquals(ideal.nominalVolts(code), none.volts(code, 12, 3.3), TOL_VOLTS);
        }
    }

    @Test
    void calibrationUndoesTheSensorsOffsetAndGainError() {
        double offsetVolts = 0.021;
        double gainErrorFraction = -0.013;
        SensorModel sensor = new SensorModel(16, 4.096, 0.0, offsetVolts, gainErrorFraction, 1);
        AdcCalibration calibration = new AdcCalibration(offsetVolts, gainErrorFraction);
        double halfStepVolts = sensor.quantisationStepVolts() / 2 / (1 + gainErrorFraction);
        for (double trueVolts = -1.9; trueVolts <= 1.9; trueVolts += 0.0137) {
            int code = sensor.code(trueVolts);
            assertEquals(trueVolts, calibration.volts(code, 16, 4.096), halfStepVolts + TOL_VOLTS);
        }
    }

    @Test
    void badValuesAreRefusedWithKeyAndUnit() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AdcCalibration(Double.NaN, 0));
        assertEquals("offsetVolts = NaN V is invalid: allowed a finite number V", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AdcCalibration(0, 0.6));
    }
}
