package org.resonantlearner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.control.TunerSettings;
import org.resonantlearner.control.Tuners;
import org.resonantlearner.harvest.EnergyLedger;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.TuningCost;
import org.resonantlearner.hal.RecordingActuator;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.rig.Drive;
import org.resonantlearner.rig.LinearTuningMap;
import org.resonantlearner.rig.SensorModel;
import org.resonantlearner.rig.SeriesRlcRig;

/**
 * Issue 9, finding 3a: the first move of a run was free of the step-rate limit (the time of the last
 * move started at −∞), so at 10 steps/s the sweep tuner jumped 2000 steps at t = 0.06 s. Every tuner
 * runs here on the simulated RLC rig (10 mH, 0.5 Ω + 1.5 Ω, C from 0.5 to 20 µF over 10 000 steps,
 * driven at 1 kHz; the actuator starts at 2000 steps, far from the resonance near 2530 steps and from
 * the sweep's start at 0), and the actuator's own log on the rig's clock must show no move faster
 * than the limit, from the start position at the start time on.
 */
class ServiceLoopStepRateTest {
    private static final double SAMPLE_RATE_HZ = 20_000;
    private static final double MAX_STEP_RATE_STEPS_PER_SECOND = 10;
    private static final double RUN_SECONDS = 3;
    /** The default RLC rig's settle time, 3 amplitude time constants (τ = 2L/R = 10 ms). */
    private static final double SETTLE_SECONDS = 0.03;

    static List<String> movingTuners() {
        return Tuners.names().stream().filter(name -> !name.equals("fixed")).toList();
    }

    @ParameterizedTest
    @MethodSource("movingTuners")
    void noTunerMovesFasterThanTheLimitFromItsFirstMoveOn(String tunerName) {
        SimulatedRig rig = new SimulatedRig(new SeriesRlcRig(0.010, 0.5, 1.5, 2.0, 0.0),
                new LinearTuningMap(0, 10_000, 0.5e-6, 20e-6), Drive.constant(1000, 0.5),
                new SensorModel(12, 3.3, 0.5e-3, 0.0, 0.0, 3), SAMPLE_RATE_HZ, 0, 10_000, 2_000, false);
        RecordingActuator actuator = new RecordingActuator(rig.actuator(), rig.clock());
        SafetyLimits limits = new SafetyLimits(0, 10_000, MAX_STEP_RATE_STEPS_PER_SECOND);
        ServiceLoop loop = new ServiceLoop(rig.sampleSource(), actuator, new PowerMeter(SAMPLE_RATE_HZ, 2.0, 10, 0.05),
                Tuners.create(tunerName, TunerSettings.defaults(SETTLE_SECONDS), 5), limits,
                new EnergyLedger(TuningCost.free()), (window, end, l) -> { }, 64, rig.clock(), 1.0);
        loop.run(Math.round(RUN_SECONDS * SAMPLE_RATE_HZ));

        assertTrue(actuator.moves() > 0, tunerName + " never moved: the test would show nothing");
        assertEquals(List.of(), actuator.movesFasterThan(MAX_STEP_RATE_STEPS_PER_SECOND), tunerName);
        // 3 s at 10 steps/s: at most 30 steps of travel from the start, whatever the tuner asked for.
        assertTrue(Math.abs(rig.actuator().positionSteps() - 2_000) <= 30, "at " + rig.actuator().positionSteps());
        assertTrue(limits.rateLimitedCommands() > 0, tunerName + " asked for more than the limit allows");
    }
}
