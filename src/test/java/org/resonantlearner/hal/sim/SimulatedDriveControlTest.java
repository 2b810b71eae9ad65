package org.resonantlearner.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.DriveControl;
import org.resonantlearner.rig.SettableDrive;

/**
 * The simulated rig's drive control (the calibration's port), checked through what the rig
 * delivers: the frequency in force, the load power it produces (closed form, {@link
 * SimulatedRigTest#steadyPowerWatts}), nothing once off, and the drive as set up after close.
 */
class SimulatedDriveControlTest {
    /** 0.5 V at 1 kHz; the rig samples at 20 kS/s, so the control reaches 4 kHz. */
    private final SettableDrive drive = new SettableDrive(1000, 0.5);
    private final SimulatedRig rig = SimulatedRigTest.rig(drive, 407, false);
    private final DriveControl control = rig.driveControl();

    /** Mean true load power (W) over the next {@code samples} samples. */
    private double meanPowerWatts(int samples) {
        double before = rig.trueEnergyJoules();
        double[] block = new double[samples];
        assertEquals(samples, rig.sampleSource().read(block, 0, samples));
        return (rig.trueEnergyJoules() - before) / (samples / 20_000.0);
    }

    @Test
    void theRangeIsOneTenthHertzToAFifthOfTheSampleRate() {
        assertEquals(0.1, control.minFrequencyHz());
        assertEquals(4000.0, control.maxFrequencyHz());
        control.setFrequencyHz(0.1);
        assertEquals(0.1, control.frequencyHz());
        control.setFrequencyHz(4000.0);
        assertEquals(4000.0, control.frequencyHz());
        for (double outside : new double[] {Math.nextDown(0.1), Math.nextUp(4000.0), 0.0, -1.0, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> control.setFrequencyHz(outside));
            assertEquals("drive frequency = " + outside + " Hz is outside [0.1, 4000.0] Hz (a fifth of the sample"
                    + " rate at most)", e.getMessage());
            assertEquals(4000.0, control.frequencyHz(), "a refused frequency leaves the last one");
        }
    }

    @Test
    void aNewFrequencyIsInForceFromTheNextSample() {
        assertEquals(1000.0, control.frequencyHz());
        meanPowerWatts(64);
        control.setFrequencyHz(1100);
        assertEquals(1100.0, control.frequencyHz());
        meanPowerWatts(1);
        assertEquals(1100.0, rig.trueDriveFrequencyHz());
        // Settled (60 ms = 12 τ, τ = 2L/R = 5 ms): the steady power of 407 steps (2.535 µF) at 1.1 kHz.
        meanPowerWatts(1200);
        double expectedWatts = SimulatedRigTest.steadyPowerWatts(SimulatedRigTest.faradsAt(407), 1100);
        // Over 200 whole drive periods the sin² ripple averages out; e^(−12) of the transient remains.
        assertEquals(expectedWatts, meanPowerWatts(4000), 1e-3 * expectedWatts);
    }

    @Test
    void offIsZeroAmplitudeAndOnRestoresTheSetUpAmplitude() {
        assertTrue(control.on());
        meanPowerWatts(2000);
        control.setOn(false);
        assertFalse(control.on());
        assertEquals(0.0, drive.amplitude(0.0));
        // After 0.2 s (40 τ) the ring-down has left e^(−80) of the power: nothing measurable.
        meanPowerWatts(4000);
        assertEquals(0.0, meanPowerWatts(2000), 1e-30);
        control.setOn(true);
        assertTrue(control.on());
        assertEquals(0.5, drive.amplitude(0.0));
        meanPowerWatts(1200);
        double expectedWatts = SimulatedRigTest.steadyPowerWatts(SimulatedRigTest.faradsAt(407), 1000);
        assertEquals(expectedWatts, meanPowerWatts(4000), 1e-3 * expectedWatts);
    }

    @Test
    void closeLeavesTheDriveAsItWasSetUp() {
        control.setFrequencyHz(2500);
        control.setOn(false);
        control.close();
        assertEquals(1000.0, control.frequencyHz());
        assertEquals(1000.0, drive.frequencyHz(0.0));
        assertTrue(control.on());
        assertEquals(0.5, drive.amplitude(0.0));
    }
}
