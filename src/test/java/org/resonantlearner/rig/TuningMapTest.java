package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

class TuningMapTest {
    private static final double TOL_FARADS = 1e-18;
    private static final double TOL_RELATIVE = 1e-12;

    @Test
    void linearMapInterpolatesAndClampsAtTheStops() {
        LinearTuningMap map = new LinearTuningMap(0.0, 1000.0, 1e-6, 3e-6);

        assertEquals("linear", map.kind());
        assertEquals(1e-6, map.valueAt(0.0), TOL_FARADS);
        assertEquals(2e-6, map.valueAt(500.0), TOL_FARADS);
        assertEquals(1.25e-6, map.valueAt(125.0), TOL_FARADS);
        assertEquals(3e-6, map.valueAt(1000.0), TOL_FARADS);
        assertEquals(1e-6, map.valueAt(-50.0), TOL_FARADS);
        assertEquals(3e-6, map.valueAt(5000.0), TOL_FARADS);
    }

    @Test
    void linearMapMayDecrease() {
        LinearTuningMap map = new LinearTuningMap(-100.0, 100.0, 2000.0, 1000.0);

        assertEquals(1500.0, map.valueAt(0.0), 1e-9);
        assertEquals(2000.0, map.valueAt(-1e9), 1e-9);
    }

    @Test
    void linearMapRejectsReversedRange() {
        InvalidValueException error = assertThrows(InvalidValueException.class,
                () -> new LinearTuningMap(10.0, 10.0, 1.0, 2.0));
        assertEquals("maxPositionSteps", error.key());
    }

    @Test
    void varactorFollowsJunctionLaw() {
        // Cj0 = 100 pF, φ = 0.7 V, m = 0.5, 20 pF fixed, 5 V over 12 bits.
        VaractorTuningMap map = new VaractorTuningMap(100e-12, 0.7, 0.5, 20e-12, 5.0, 12);
        // Hand value: V = 1000·5/4095 = 1.221001221 V; C = 100p/sqrt(1 + V/0.7) + 20p.
        double expectedAtCode1000Farads = 8.036499924771449e-11;

        assertEquals("varactor", map.kind());
        assertEquals(4095, map.maxCode());
        assertEquals(120e-12, map.valueAt(0.0), 120e-12 * TOL_RELATIVE);
        assertEquals(expectedAtCode1000Farads, map.valueAt(1000.0), expectedAtCode1000Farads * TOL_RELATIVE);
        assertEquals(5.504383220252313e-11, map.valueAt(4095.0), 1e-10 * TOL_RELATIVE);
        assertEquals(map.valueAt(4095.0), map.valueAt(9999.0));
        assertEquals(map.valueAt(0.0), map.valueAt(-3.0));
    }

    @Test
    void varactorRejectsBadGrading() {
        InvalidValueException error = assertThrows(InvalidValueException.class,
                () -> new VaractorTuningMap(100e-12, 0.7, 0.0, 20e-12, 5.0, 12));
        assertEquals("gradingCoefficient", error.key());
        assertThrows(InvalidValueException.class, () -> new VaractorTuningMap(100e-12, 0.7, 0.5, 0.0, 5.0, 0));
    }

    @Test
    void capacitorBankIsBinaryWeighted() {
        CapacitorBankTuningMap map = new CapacitorBankTuningMap(1e-6, 10e-9, 8);
        // Code 0b1010_0101 = 165: bits 0, 2, 5, 7 closed.
        double expectedFarads = 1e-6 + (1 + 4 + 32 + 128) * 10e-9;

        assertEquals("capacitor-bank", map.kind());
        assertEquals(255, map.maxCode());
        assertEquals(expectedFarads, map.valueAt(165.0), TOL_FARADS);
        assertEquals(1e-6, map.valueAt(0.0), TOL_FARADS);
        assertEquals(1e-6 + 255 * 10e-9, map.valueAt(255.0), TOL_FARADS);
    }

    @Test
    void capacitorBankRoundsAndClampsCodes() {
        CapacitorBankTuningMap map = new CapacitorBankTuningMap(1e-6, 10e-9, 4);

        assertEquals(3, map.code(2.5));
        assertEquals(2, map.code(2.49));
        assertEquals(0, map.code(-7.0));
        assertEquals(15, map.code(99.0));
        assertEquals(map.valueAt(3.0), map.valueAt(2.6));
    }

    @Test
    void tabulatedMapInterpolatesClampsAndCopies() {
        double[] positions = {0.0, 10.0, 30.0};
        double[] values = {100.0, 200.0, 100.0};
        TabulatedTuningMap map = new TabulatedTuningMap(positions, values);
        positions[1] = 20.0;
        values[1] = -1.0;

        assertEquals("tabulated", map.kind());
        assertEquals(100.0, map.valueAt(-5.0), 1e-12);
        assertEquals(150.0, map.valueAt(5.0), 1e-12);
        assertEquals(200.0, map.valueAt(10.0), 1e-12);
        assertEquals(175.0, map.valueAt(15.0), 1e-12);
        assertEquals(100.0, map.valueAt(30.0), 1e-12);
        assertEquals(100.0, map.valueAt(31.0), 1e-12);
        map.positionsSteps()[0] = 99.0;
        assertEquals(0.0, map.positionsSteps()[0]);
    }

    @Test
    void tabulatedMapRejectsBadTables() {
        assertEquals("positionsSteps[2]", assertThrows(InvalidValueException.class,
                () -> new TabulatedTuningMap(new double[] {0, 1, 1}, new double[] {1, 2, 3})).key());
        assertEquals("positionsSteps.length", assertThrows(InvalidValueException.class,
                () -> new TabulatedTuningMap(new double[] {0}, new double[] {1})).key());
        assertEquals("values.length", assertThrows(InvalidValueException.class,
                () -> new TabulatedTuningMap(new double[] {0, 1}, new double[] {1})).key());
        assertEquals("values[1]", assertThrows(InvalidValueException.class,
                () -> new TabulatedTuningMap(new double[] {0, 1}, new double[] {1, 0})).key());
    }
}
