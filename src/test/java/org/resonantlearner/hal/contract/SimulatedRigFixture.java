package org.resonantlearner.hal.contract;

import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.rig.Drive;
import org.resonantlearner.rig.LinearTuningMap;
import org.resonantlearner.rig.SensorModel;
import org.resonantlearner.rig.SeriesRlcRig;

/**
 * The reference RLC rig (README, calibration/rlc-reference.json) as a simulated rig, unpaced
 * (virtual time only), with its parameters spelt out here so that the contract fixtures can hold
 * the rig to closed forms of the same numbers: L = 10 mH, R = 0.5 + 1.5 + 2 Ω, C linear from 0.5 µF at
 * 0 steps to 20 µF at 10 000 steps, started at 2000 steps (4.4 µF), driven by 0.5 V at 1 kHz, read
 * by an ideal 12-bit ADC over 3.3 V at 20 kS/s.
 */
public final class SimulatedRigFixture {
    static final double INDUCTANCE_HENRIES = 0.010;
    static final double SOURCE_OHMS = 0.5;
    static final double COIL_OHMS = 1.5;
    static final double LOAD_OHMS = 2.0;
    static final double FARADS_AT_MIN = 0.5e-6;
    static final double FARADS_AT_MAX = 20e-6;
    static final int MIN_STEPS = 0;
    static final int MAX_STEPS = 10_000;
    static final int INITIAL_STEPS = 2_000;
    static final double DRIVE_VOLTS = 0.5;
    static final double DRIVE_HZ = 1000.0;
    static final int ADC_BITS = 12;
    static final double FULL_SCALE_VOLTS = 3.3;
    static final double SAMPLE_RATE_HZ = 20_000.0;

    private SimulatedRigFixture() {}

    static SimulatedRig rig() {
        return new SimulatedRig(SeriesRlcRig.linear(INDUCTANCE_HENRIES, SOURCE_OHMS, COIL_OHMS, LOAD_OHMS),
                new LinearTuningMap(MIN_STEPS, MAX_STEPS, FARADS_AT_MIN, FARADS_AT_MAX),
                Drive.constant(DRIVE_HZ, DRIVE_VOLTS), SensorModel.ideal(ADC_BITS, FULL_SCALE_VOLTS), SAMPLE_RATE_HZ,
                MIN_STEPS, MAX_STEPS, INITIAL_STEPS, false);
    }

    /** C (F) at {@code positionSteps} of the linear map. */
    static double faradsAt(int positionSteps) {
        return FARADS_AT_MIN + (FARADS_AT_MAX - FARADS_AT_MIN) * (positionSteps - MIN_STEPS) / (MAX_STEPS - MIN_STEPS);
    }

    /** The position (steps) whose capacitance is {@code farads}, by inverting the linear map. */
    static int positionAt(double farads) {
        double steps = MIN_STEPS + (farads - FARADS_AT_MIN) / (FARADS_AT_MAX - FARADS_AT_MIN) * (MAX_STEPS - MIN_STEPS);
        long rounded = Math.round(steps);
        if (Math.abs(steps - rounded) > 1e-6) {
            throw new AssertionError("C = " + farads + " F is no step of the map (" + steps + " steps)");
        }
        return (int) rounded;
    }

    /**
     * The load voltage the rig produces from rest at its initial tuning, in closed form; also what
     * the front-end emulator serves (its simulated rig is this reference rig, from the default config).
     */
    public static SeriesRlcFromRest ringUp() {
        return new SeriesRlcFromRest(INDUCTANCE_HENRIES, SOURCE_OHMS + COIL_OHMS + LOAD_OHMS, LOAD_OHMS,
                faradsAt(INITIAL_STEPS), DRIVE_VOLTS, DRIVE_HZ);
    }
}
