package org.resonantlearner.hal.pisim;

import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.pi4j.AdcFrontEnd;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.rig.Drive;
import org.resonantlearner.rig.LinearTuningMap;
import org.resonantlearner.rig.SensorModel;
import org.resonantlearner.rig.SeriesRlcRig;

/**
 * Benches for the chip tests: the default series RLC rig (L = 10 mH, 0.5 + 1.5 + 2 Ω, C linear from
 * 0.5 µF at 0 steps to 20 µF at 10 000) at 20 kS/s, on a virtual timer at 0 ns.
 */
final class PiBenches {
    static final double SAMPLE_RATE_HZ = 20_000.0;
    static final double VREF_VOLTS = 3.3;
    /** Mid-scale bias, no divider, 2 Ω load: the shipped MCP3208 front end. */
    static final AdcFrontEnd MID_SCALE = AdcFrontEnd.midScale(VREF_VOLTS, 2.0, AdcCalibration.NONE);

    private PiBenches() {}

    /** A rig driven at 1 kHz with {@code driveVolts} peak, tuning at {@code initialSteps}. */
    static SimulatedRig rig(double driveVolts, int initialSteps) {
        return new SimulatedRig(SeriesRlcRig.linear(0.010, 0.5, 1.5, 2.0), new LinearTuningMap(0, 10_000, 0.5e-6, 20e-6),
                Drive.constant(1000.0, driveVolts), SensorModel.ideal(12, VREF_VOLTS), SAMPLE_RATE_HZ, 0, 10_000,
                initialSteps, false);
    }

    static SimulatedPi bench(SimulatedRig rig, SimulatedPiFaults faults) {
        return new SimulatedPi(rig, new VirtualTimer(false), faults, 7L);
    }
}
