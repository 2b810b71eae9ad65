package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    // ---- hand-worked values, range edges and constructor boundaries -----------------------------

    @Test
    void linearMapEdgesAndValidation() {
        LinearTuningMap map = new LinearTuningMap(-10.0, 30.0, 4.0, 2.0);
        // 4 + (2 − 4)·(0 − (−10))/40 = 3.5; just inside each stop interpolates, the stops themselves are exact.
        assertEquals(3.5, map.valueAt(0.0), 1e-12);
        assertEquals(4.0, map.valueAt(-10.0));
        assertEquals(2.0, map.valueAt(30.0));
        assertEquals(4.0 - 2.0 * 0.25 / 40, map.valueAt(-9.75), 1e-12);
        assertEquals(2.0 + 2.0 * 0.25 / 40, map.valueAt(29.75), 1e-12);
        // At a stop the calibrated value itself, not 0.7 + (0.1 − 0.7)·1 = 0.09999999999999998.
        assertEquals(0.1, new LinearTuningMap(0.0, 10.0, 0.7, 0.1).valueAt(10.0));
        assertEquals(0.7, new LinearTuningMap(0.0, 10.0, 0.7, 0.1).valueAt(0.0));
        new LinearTuningMap(0.0, Math.ulp(0.0), Double.MIN_VALUE, Double.MIN_VALUE);
        Refusals.assertRefused("maxPositionSteps", "-1.0", "steps", () -> new LinearTuningMap(0.0, -1.0, 1.0, 2.0));
        Refusals.assertRefused("minPositionSteps", "NaN", "steps", () -> new LinearTuningMap(Double.NaN, 1.0, 1.0, 2.0));
        Refusals.assertRefused("maxPositionSteps", "Infinity", "steps",
                () -> new LinearTuningMap(0.0, Double.POSITIVE_INFINITY, 1.0, 2.0));
        Refusals.assertRefused("valueAtMin", "0.0", "", () -> new LinearTuningMap(0.0, 1.0, 0.0, 2.0));
        Refusals.assertRefused("valueAtMax", "-2.0", "", () -> new LinearTuningMap(0.0, 1.0, 1.0, -2.0));
    }

    @Test
    void varactorHandValuesOnRoundNumbers() {
        // Cj0 = 100 pF, φ = 1 V, m = 0.5, C_fixed = 10 pF, 3 V over 2 bits: code n is n volts.
        VaractorTuningMap map = new VaractorTuningMap(100e-12, 1.0, 0.5, 10e-12, 3.0, 2);
        assertEquals(3, map.maxCode());
        assertEquals(2.0, map.biasVolts(2.0), 1e-15);
        assertEquals(1.5, map.biasVolts(1.5), 1e-15);
        assertEquals(3.0, map.biasVolts(7.0), 1e-15);
        assertEquals(0.0, map.biasVolts(-1.0));
        // Code 0: 100/1 + 10 = 110 pF. Code 3: 100/sqrt(1 + 3) + 10 = 60 pF. Code 1.5: 100/sqrt(2.5) + 10 = 73.2456 pF.
        assertEquals(110e-12, map.valueAt(0.0), TOL_FARADS);
        assertEquals(60e-12, map.valueAt(3.0), TOL_FARADS);
        assertEquals(73.24555320336759e-12, map.valueAt(1.5), TOL_FARADS);
        assertEquals(60e-12, map.valueAt(99.0), TOL_FARADS);
        assertEquals(110e-12, map.valueAt(-5.0), TOL_FARADS);
        // Hyperabrupt m = 2 at code 1 (1 V): 100/(1 + 1)² + 10 = 35 pF; φ = 0.5 V at code 1: 100/sqrt(3) + 10.
        assertEquals(35e-12, new VaractorTuningMap(100e-12, 1.0, 2.0, 10e-12, 3.0, 2).valueAt(1.0), TOL_FARADS);
        assertEquals(100e-12 / Math.sqrt(3) + 10e-12, new VaractorTuningMap(100e-12, 0.5, 0.5, 10e-12, 3.0, 2).valueAt(1.0),
                TOL_FARADS);
        // Without the fixed capacitor the varactor alone: 100/sqrt(1 + 2) pF at 2 V.
        assertEquals(100e-12 / Math.sqrt(3), new VaractorTuningMap(100e-12, 1.0, 0.5, 0.0, 3.0, 2).valueAt(2.0), TOL_FARADS);
    }

    @Test
    void varactorValidatesEachFieldAtItsBoundary() {
        assertEquals((1 << 24) - 1, new VaractorTuningMap(1e-12, 0.7, 5.0, 0.0, 5.0, 24).maxCode());
        assertEquals(1, new VaractorTuningMap(1e-12, 0.7, Double.MIN_VALUE, 0.0, 5.0, 1).maxCode());
        Refusals.assertRefused("gradingCoefficient", "5.000000000000001", "",
                () -> new VaractorTuningMap(1e-12, 0.7, Math.nextUp(5.0), 0.0, 5.0, 12));
        Refusals.assertRefused("dacBits", "25", "bits", () -> new VaractorTuningMap(1e-12, 0.7, 0.5, 0.0, 5.0, 25));
        Refusals.assertRefused("dacBits", "0", "bits", () -> new VaractorTuningMap(1e-12, 0.7, 0.5, 0.0, 5.0, 0));
        Refusals.assertRefused("junctionCapacitanceFarads", "0.0", "F",
                () -> new VaractorTuningMap(0.0, 0.7, 0.5, 0.0, 5.0, 12));
        Refusals.assertRefused("builtInPotentialVolts", "0.0", "V", () -> new VaractorTuningMap(1e-12, 0.0, 0.5, 0.0, 5.0, 12));
        Refusals.assertRefused("fixedCapacitanceFarads", "-1.0E-15", "F",
                () -> new VaractorTuningMap(1e-12, 0.7, 0.5, -1e-15, 5.0, 12));
        Refusals.assertRefused("dacFullScaleVolts", "0.0", "V", () -> new VaractorTuningMap(1e-12, 0.7, 0.5, 0.0, 0.0, 12));
    }

    @Test
    void capacitorBankSumsItsClosedBits() {
        // 3 bits, C_base = 100 pF, C_unit = 10 pF: C = 100 + b0·10 + b1·20 + b2·40 pF.
        CapacitorBankTuningMap map = new CapacitorBankTuningMap(100e-12, 10e-12, 3);
        double[] expectedPicofarads = {100, 110, 120, 130, 140, 150, 160, 170};
        for (int code = 0; code <= 7; code++) {
            assertEquals(expectedPicofarads[code] * 1e-12, map.valueAt(code), TOL_FARADS, "code " + code);
            assertEquals(code, map.code(code));
        }
        // Rounding: halves go up, just below a half goes down; the clamps sit at 0 and 7.
        assertEquals(0, map.code(0.49));
        assertEquals(1, map.code(0.5));
        assertEquals(7, map.code(6.5));
        assertEquals(6, map.code(6.49));
        assertEquals(7, map.code(7.4));
        assertEquals(7, map.code(1e12));
        assertEquals(0, map.code(-0.5));
        assertEquals(0, map.code(-1e12));
        assertEquals(0, map.code(Double.NaN));
        assertEquals(170e-12, map.valueAt(50.0), TOL_FARADS);
        assertEquals(100e-12, map.valueAt(-3.0), TOL_FARADS);
    }

    @Test
    void capacitorBankValidatesEachFieldAtItsBoundary() {
        assertEquals((1 << 30) - 1, new CapacitorBankTuningMap(1e-12, 1e-15, 30).maxCode());
        assertEquals(1, new CapacitorBankTuningMap(1e-12, 1e-15, 1).maxCode());
        Refusals.assertRefused("bits", "31", "bits", () -> new CapacitorBankTuningMap(1e-12, 1e-15, 31));
        Refusals.assertRefused("bits", "0", "bits", () -> new CapacitorBankTuningMap(1e-12, 1e-15, 0));
        Refusals.assertRefused("baseCapacitanceFarads", "0.0", "F", () -> new CapacitorBankTuningMap(0.0, 1e-15, 4));
        Refusals.assertRefused("unitCapacitanceFarads", "0.0", "F", () -> new CapacitorBankTuningMap(1e-12, 0.0, 4));
    }

    @Test
    void tabulatedMapHandValuesBetweenEveryPairOfPoints() {
        // Decreasing table of capacitances: 120 pF at 0, 100 at 100, 80 at 400, 60 at 1000, 50 at 2000 steps.
        TabulatedTuningMap map = new TabulatedTuningMap(new double[] {0, 100, 400, 1000, 2000},
                new double[] {120e-12, 100e-12, 80e-12, 60e-12, 50e-12});
        // 120 + (100 − 120)·50/100 = 110; 100 − 20·150/300 = 90; 80 − 20·300/600 = 70; 60 − 10·500/1000 = 55.
        assertEquals(110e-12, map.valueAt(50), TOL_FARADS);
        assertEquals(90e-12, map.valueAt(250), TOL_FARADS);
        assertEquals(70e-12, map.valueAt(700), TOL_FARADS);
        assertEquals(55e-12, map.valueAt(1500), TOL_FARADS);
        double[] knots = {0, 100, 400, 1000, 2000};
        double[] values = {120e-12, 100e-12, 80e-12, 60e-12, 50e-12};
        for (int i = 0; i < knots.length; i++) {
            assertEquals(values[i], map.valueAt(knots[i]), "at knot " + i);
        }
        // Just inside the ends interpolates (0.001 step in: 120 − 20·0.001/100 pF), outside holds.
        assertEquals(120e-12 - 20e-12 * 1e-5, map.valueAt(0.001), TOL_FARADS);
        assertEquals(50e-12 + 10e-12 * 1e-6, map.valueAt(1999.999), TOL_FARADS);
        assertEquals(50e-12, map.valueAt(1e9));
        assertEquals(120e-12, map.valueAt(-1e9));
        assertEquals(120e-12, map.valueAt(Double.NaN), "NaN holds the first value");
    }

    @Test
    void tabulatedMapCopiesAndHasValueSemantics() {
        double[] positions = {0.0, 10.0};
        double[] values = {1.0, 2.0};
        TabulatedTuningMap map = new TabulatedTuningMap(positions, values);
        map.values()[0] = 9.0;
        assertArrayEquals(new double[] {1.0, 2.0}, map.values());
        assertArrayEquals(new double[] {0.0, 10.0}, map.positionsSteps());
        ValueSemantics.assertValueSemantics(map, new TabulatedTuningMap(new double[] {0.0, 10.0}, new double[] {1.0, 2.0}),
                new TabulatedTuningMap(new double[] {0.0, 11.0}, new double[] {1.0, 2.0}),
                new TabulatedTuningMap(new double[] {0.0, 10.0}, new double[] {1.0, 3.0}),
                new LinearTuningMap(0.0, 10.0, 1.0, 2.0));
        assertEquals("TabulatedTuningMap[2 points, positions 0.0..10.0 steps]", map.toString());
        assertEquals("TabulatedTuningMap[3 points, positions -1.0..5.0 steps]",
                new TabulatedTuningMap(new double[] {-1.0, 2.0, 5.0}, new double[] {1.0, 2.0, 3.0}).toString());
    }

    @Test
    void tabulatedMapNamesTheBadEntry() {
        InvalidValueException unordered = Refusals.assertRefused("positionsSteps[2]", "1.0", "steps",
                () -> new TabulatedTuningMap(new double[] {0, 1, 1}, new double[] {1, 2, 3}));
        assertEquals("a value > positionsSteps[1] (1.0 steps)", unordered.allowed());
        Refusals.assertRefused("positionsSteps[2]", "Infinity", "steps",
                () -> new TabulatedTuningMap(new double[] {0, 1, Double.POSITIVE_INFINITY}, new double[] {1, 2, 3}));
        Refusals.assertRefused("values[0]", "-1.0", "", () -> new TabulatedTuningMap(new double[] {0, 1}, new double[] {-1, 2}));
        InvalidValueException tooShort = Refusals.assertRefused("positionsSteps.length", "1", "",
                () -> new TabulatedTuningMap(new double[] {0}, new double[] {1}));
        assertEquals("at least 2 points", tooShort.allowed());
        InvalidValueException mismatch = Refusals.assertRefused("values.length", "3", "",
                () -> new TabulatedTuningMap(new double[] {0, 1}, new double[] {1, 2, 3}));
        assertEquals("the number of positions (2)", mismatch.allowed());
        Refusals.assertRefused("positionsSteps", "null", "", () -> new TabulatedTuningMap(null, new double[] {1, 2}));
        Refusals.assertRefused("values", "null", "", () -> new TabulatedTuningMap(new double[] {0, 1}, null));
    }
}
