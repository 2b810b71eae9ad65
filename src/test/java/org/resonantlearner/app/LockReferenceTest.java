package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.harvest.PowerWindow;

/** What hardware judges lock against: the calibration's resonance, or the run's best settled power. */
class LockReferenceTest {
    /** The default config: the reference RLC rig and its calibration file (C linear in steps, L = 10 mH). */
    private static final RunConfig DEFAULT = ConfigLoader.load(null, ConfigLoader.Overrides.none());

    private static PowerWindow window(int positionSteps, double driveHz, double watts) {
        PowerWindow window = new PowerWindow();
        window.positionSteps = positionSteps;
        window.driveFrequencyHz = driveHz;
        window.loadPowerWatts = watts;
        window.startTimeSeconds = 1.0;
        window.tuningSinceSeconds = 0.5;
        return window;
    }

    @Test
    void theSimulatedRigJudgesAgainstTheOracle() {
        LockReference reference = LockReference.of(DEFAULT, true);
        assertEquals("oracle", reference.name());
        assertEquals(0.0156, reference.referenceWatts(window(1000, 1000, 0.01), 0.0156));
    }

    @Test
    void withACalibrationTheReferenceIsThePowerItPredictsAtResonanceForTheMeasuredDrive() {
        LockReference reference = LockReference.of(DEFAULT, false);
        assertEquals("calibration", reference.name());
        // 1000 Hz is resonant at C = 1/((2π·1000)²·0.01) = 2.533 µF, i.e. step 1042.5 of the table.
        assertEquals(1.0, reference.predictedFractionOfResonance(1043, 1000.0), 1e-4);
        assertEquals(0.0156, reference.referenceWatts(window(1043, 1000.0, 0.0156), Double.NaN), 1e-5);
        // At step 2000 (f0 = 758.7 Hz, Q = 11.9) the curve predicts (1 + Q²(f/f0 − f0/f)²)⁻¹ of it.
        double x = 1000 / 758.7414 - 758.7414 / 1000;
        assertEquals(1 / (1 + 11.91828 * 11.91828 * x * x), reference.predictedFractionOfResonance(2000, 1000.0), 1e-6);
        assertTrue(Double.isNaN(reference.referenceWatts(window(2000, Double.NaN, 1e-3), Double.NaN)),
                "no drive frequency: not judged");
    }

    @Test
    void withoutACalibrationTheReferenceIsTheBestSettledPowerSoFar() {
        RunConfig uncalibrated = ConfigLoader.fromTree("test", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(),
                ConfigLoader.Overrides.none());
        LockReference reference = LockReference.of(uncalibrated, false);
        assertEquals("best-settled-power", reference.name());
        PowerWindow moving = window(10, 1000, 0.05);
        moving.tuningSinceSeconds = 1.5; // the position changed during the window: not settled
        assertTrue(Double.isNaN(reference.referenceWatts(moving, Double.NaN)), "nothing settled yet");
        assertEquals(0.01, reference.referenceWatts(window(10, 1000, 0.01), Double.NaN));
        assertEquals(0.01, reference.referenceWatts(moving, Double.NaN), "an unsettled window is no reference");
        assertEquals(0.02, reference.referenceWatts(window(10, 1000, 0.02), Double.NaN));
        assertEquals(0.02, reference.referenceWatts(window(10, 1000, 0.015), Double.NaN));
    }
}
