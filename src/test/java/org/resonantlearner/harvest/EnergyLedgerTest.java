package org.resonantlearner.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

class EnergyLedgerTest {
    private static final double ENERGY_TOL_JOULES = 1e-12;
    private static final double TIME_TOL_SECONDS = 1e-12;

    private static PowerWindow window(double startSeconds, double endSeconds, double powerWatts) {
        PowerWindow w = new PowerWindow();
        w.startTimeSeconds = startSeconds;
        w.endTimeSeconds = endSeconds;
        w.loadPowerWatts = powerWatts;
        return w;
    }

    @Test
    void moveCostIsPerMovePlusPerStep() {
        TuningCost cost = new TuningCost(2e-6, 1e-3);
        assertEquals(0.0, cost.moveEnergyJoules(0), 0.0);
        assertEquals(1e-3 + 2e-6 * 150, cost.moveEnergyJoules(150), ENERGY_TOL_JOULES);
        assertEquals(1e-3 + 2e-6 * 150, cost.moveEnergyJoules(-150), ENERGY_TOL_JOULES);
        assertTrue(TuningCost.free().isFree());
        assertFalse(cost.isFree());
    }

    @Test
    void negativeCostsAreRefusedWithTheirKey() {
        assertEquals("energyPerStepJoules",
                assertThrows(InvalidValueException.class, () -> new TuningCost(-1, 0)).key());
        assertEquals("energyPerMoveJoules",
                assertThrows(InvalidValueException.class, () -> new TuningCost(0, Double.NaN)).key());
    }

    @Test
    void harvestedEnergyIsPowerTimesDuration() {
        EnergyLedger ledger = new EnergyLedger(TuningCost.free());
        ledger.recordWindow(window(0.0, 0.02, 0.5));
        ledger.recordWindow(window(0.02, 0.05, 0.25));
        assertEquals(0.5 * 0.02 + 0.25 * 0.03, ledger.harvestedEnergyJoules(), ENERGY_TOL_JOULES);
        assertEquals(2, ledger.windows());
        assertTrue(Double.isNaN(ledger.breakEvenTimeSeconds()), "never negative: no break-even");
        assertFalse(ledger.everNegative());
    }

    @Test
    void movesCostTuningEnergyAndTravel() {
        EnergyLedger ledger = new EnergyLedger(new TuningCost(1e-4, 1e-2));
        assertEquals(1e-2 + 1e-4 * 300, ledger.recordMove(1000, 1300), ENERGY_TOL_JOULES);
        assertEquals(0.0, ledger.recordMove(1300, 1300), 0.0);
        ledger.recordMove(1300, 1200);
        assertEquals(2, ledger.moves());
        assertEquals(400, ledger.travelSteps());
        assertEquals(2e-2 + 1e-4 * 400, ledger.tuningEnergyJoules(), ENERGY_TOL_JOULES);
        assertEquals(-(2e-2 + 1e-4 * 400), ledger.netEnergyJoules(), ENERGY_TOL_JOULES);
        assertEquals(new TuningCost(1e-4, 1e-2), ledger.cost());
    }

    @Test
    void aWindowOfZeroPowerOrZeroLengthIsBookedNotSkipped() {
        EnergyLedger ledger = new EnergyLedger(TuningCost.free());
        ledger.recordWindow(window(0.0, 0.02, 0.0)); // silence: a real window that harvested nothing
        ledger.recordWindow(window(0.02, 0.02, 0.5)); // zero length: nothing harvested either
        assertEquals(2, ledger.windows());
        assertEquals(0, ledger.skippedWindows());
        assertEquals(0.0, ledger.harvestedEnergyJoules(), 0.0);
    }

    @Test
    void aDeficitPaidBackExactlyToZeroIsBrokenEvenAtTheWindowsEnd() {
        // 0.25 J of moves, then a window of 0.125 W for 2 s: net exactly 0 at its end (all binary fractions).
        EnergyLedger ledger = new EnergyLedger(new TuningCost(0, 0.25));
        ledger.recordMove(0, 1);
        ledger.recordWindow(window(3.0, 5.0, 0.125));
        assertEquals(0.0, ledger.netEnergyJoules(), 0.0);
        assertEquals(5.0, ledger.breakEvenTimeSeconds(), TIME_TOL_SECONDS);
    }

    @Test
    void aMoveThatSpendsExactlyTheHarvestLeavesNoDeficit() {
        EnergyLedger ledger = new EnergyLedger(new TuningCost(0, 0.25));
        ledger.recordWindow(window(0.0, 2.0, 0.125)); // 0.25 J
        ledger.recordMove(0, 1); // net exactly 0: nothing owed, nothing to pay back
        assertEquals(0.0, ledger.netEnergyJoules(), 0.0);
        assertFalse(ledger.everNegative());
        assertTrue(Double.isNaN(ledger.breakEvenTimeSeconds()));
    }

    @Test
    void breakEvenIsInterpolatedInsideTheRecoveringWindow() {
        EnergyLedger ledger = new EnergyLedger(new TuningCost(0, 0.01));
        ledger.recordMove(0, 10); // net = -0.01 J
        assertTrue(ledger.everNegative());
        ledger.recordWindow(window(1.0, 2.0, 0.004)); // net = -0.006 J
        assertTrue(Double.isNaN(ledger.breakEvenTimeSeconds()), "still negative");
        ledger.recordWindow(window(2.0, 4.0, 0.004)); // recovers 0.006 J after 1.5 s
        assertEquals(3.5, ledger.breakEvenTimeSeconds(), TIME_TOL_SECONDS);
        ledger.recordWindow(window(4.0, 5.0, 0.004));
        assertEquals(3.5, ledger.breakEvenTimeSeconds(), TIME_TOL_SECONDS);

        ledger.recordWindow(window(5.0, 6.0, 0.01)); // net = 0.016 J
        ledger.recordMove(10, 20); // net = 0.006 J: still >= 0, break-even kept
        assertEquals(3.5, ledger.breakEvenTimeSeconds(), TIME_TOL_SECONDS);
        ledger.recordMove(20, 30); // net = -0.004 J: negative again, break-even cleared
        assertTrue(Double.isNaN(ledger.breakEvenTimeSeconds()));
        ledger.recordWindow(window(6.0, 11.0, 0.004)); // 0.004 J deficit recovered after 1 s
        assertEquals(7.0, ledger.breakEvenTimeSeconds(), TIME_TOL_SECONDS);
    }

    @Test
    void nonFiniteOrNegativeWindowsAreSkippedNotBooked() {
        EnergyLedger ledger = new EnergyLedger(TuningCost.free());
        ledger.recordWindow(window(0.0, 1.0, Double.NaN));
        ledger.recordWindow(window(0.0, 1.0, Double.POSITIVE_INFINITY));
        ledger.recordWindow(window(0.0, 1.0, -1e-3));
        ledger.recordWindow(window(0.0, Double.POSITIVE_INFINITY, 1.0));
        ledger.recordWindow(window(0.0, Double.NaN, 1.0));
        ledger.recordWindow(window(1.0, 0.5, 1.0)); // ends before it starts
        assertEquals(0.0, ledger.harvestedEnergyJoules(), 0.0);
        assertEquals(6, ledger.skippedWindows());
        assertEquals(0, ledger.windows());
        ledger.recordWindow(window(1.0, 1.5, 1.0)); // a good one still counts
        assertEquals(0.5, ledger.harvestedEnergyJoules(), ENERGY_TOL_JOULES);
    }

    @Test
    void resetClearsEverything() {
        EnergyLedger ledger = new EnergyLedger(new TuningCost(1, 1));
        ledger.recordMove(0, 5);
        ledger.recordWindow(window(0, 1, 100));
        ledger.recordWindow(window(1, 2, Double.NaN));
        assertTrue(ledger.everNegative());
        assertEquals(0.06, ledger.breakEvenTimeSeconds(), TIME_TOL_SECONDS); // 1 + 5 J owed at 100 W
        ledger.reset();
        assertEquals(0.0, ledger.harvestedEnergyJoules(), 0.0);
        assertEquals(0.0, ledger.tuningEnergyJoules(), 0.0);
        assertEquals(0, ledger.moves());
        assertEquals(0, ledger.travelSteps());
        assertEquals(0, ledger.windows());
        assertEquals(0, ledger.skippedWindows());
        assertFalse(ledger.everNegative());
        assertTrue(Double.isNaN(ledger.breakEvenTimeSeconds()));
    }
}
