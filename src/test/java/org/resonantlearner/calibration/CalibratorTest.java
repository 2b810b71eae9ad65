package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.rig.BaseExcitedMechanicalRig;
import org.resonantlearner.rig.Drive;
import org.resonantlearner.rig.DriveProfile;
import org.resonantlearner.rig.ForceDrivenMechanicalRig;
import org.resonantlearner.rig.LinearTuningMap;
import org.resonantlearner.rig.RigModel;
import org.resonantlearner.rig.SensorModel;
import org.resonantlearner.rig.SeriesRlcRig;
import org.resonantlearner.rig.SettableDrive;
import org.resonantlearner.rig.SteadyState;
import org.resonantlearner.rig.TuningMap;

/**
 * The calibration sweep on the simulated rig: what it recovers is compared with the simulation's
 * true parameters, which the calibrator never sees (it gets the ports and the nominal fixed element).
 */
class CalibratorTest {
    private static final SeriesRlcRig RLC = new SeriesRlcRig(0.010, 0.5, 1.5, 2.0, 0.0);
    private static final TuningMap RLC_MAP = new LinearTuningMap(0, 10_000, 0.5e-6, 20e-6);
    private static final BaseExcitedMechanicalRig BASE_EXCITED = new BaseExcitedMechanicalRig(
            BaseExcitedMechanicalRig.TunedParameter.STIFFNESS, 0.05, 1776.5, 0.05, 0.10, 10.0, 0.0);
    private static final TuningMap STIFFNESS_MAP = new LinearTuningMap(0, 10_000, 500, 4000);

    /** The base-excited rig under a settable drive of {@code amplitudeMetres} (the config default is 0.1 mm), 16-bit ADC. */
    private static Run calibrateBaseExcited(double amplitudeMetres) {
        return calibrate(BASE_EXCITED, STIFFNESS_MAP, new SettableDrive(30, amplitudeMetres),
                new SensorModel(16, 4.096, 0.2e-3, 0.0, 0.0, 13), 800, settings(3, 11, 63, 3, false),
                "mechanical-base", "stiffness");
    }
    private static final double OFFSET_VOLTS = 0.013;
    /** The clipping threshold of the tests' ADCs: below the smaller span (3.3 V) / 2. */
    private static final double CLIP_VOLTS = 1.6;

    /**
     * What the drive-off reading of the RLC tests' ADC scatters by: 0.5 mV rms of input noise and
     * the 12-bit quantisation of 3.3 V, one step q = 3.3/4095 V = 0.806 mV, whose error is uniform
     * and independent of the signal when the noise is over half a step (Widrow), q²/12 = 0.054 mV²:
     * √(0.25 + 0.054) mV = 0.5515 mV. The simulated rig starts at rest and the drive is switched off
     * before the first sample, so nothing rings in the reading.
     */
    private static final double DRIVE_OFF_NOISE_VOLTS = Math.sqrt(0.5e-3 * 0.5e-3 + Math.pow(3.3 / 4095, 2) / 12);
    /**
     * The standard deviation of 0.2 s at 20 kS/s, N = 4000 samples, scatters by 1/√(2N) = 1.1 % of
     * itself; 5 % is 4.5 of those (this seed reads 3.2 % low).
     */
    private static final double NOISE_TOL_FRACTION = 0.05;

    private record Run(Calibrator.Result result, List<String> progress) {}

    private static Run calibrate(RigModel rig, TuningMap map, DriveProfile drive, SensorModel sensor,
            double sampleRateHz, Calibrator.Settings settings, String rigKind, String tunedParameter) {
        SimulatedRig simulated = new SimulatedRig(rig, map, drive, sensor, sampleRateHz, 0, 10_000, 2_000, false);
        List<String> progress = new ArrayList<>();
        Calibrator calibrator = new Calibrator(simulated.sampleSource(), simulated.actuator(),
                simulated.driveControl(), rig, map, settings, progress::add);
        Calibrator.Result result = calibrator.run(new Calibrator.Identity("test.json", "sim-" + rigKind, rigKind,
                tunedParameter, LocalDate.of(2026, 11, 23), AdcCalibration.NONE, "CalibratorTest"));
        assertEquals(2_000, simulated.actuator().positionSteps(), "the actuator is put back where it was");
        return new Run(result, progress);
    }

    private static Calibrator.Settings settings(int positions, double fromHz, double toHz, double coarseSettleTimeConstants,
            boolean ringdown) {
        return new Calibrator.Settings(positions, 40, 15, 21, fromHz, toHz, coarseSettleTimeConstants, 8, 40, 0.2, ringdown,
                CLIP_VOLTS);
    }

    /** Largest relative error of f0, Q, linewidth and tuned value over the rows, against the true model. */
    private static double[] worstErrors(CalibrationFile file, RigModel rig, TuningMap map) {
        double[] worst = new double[4];
        for (CalibrationRow row : file.table()) {
            double value = map.valueAt(row.positionSteps());
            double[] errors = {
                relative(row.resonantFrequencyHz(), SteadyState.naturalFrequencyHz(rig, value)),
                relative(row.loadedQ(), SteadyState.loadedQuality(rig, value)),
                relative(row.resonantFrequencyHz() / row.loadedQ(), SteadyState.linewidthHz(rig, value)),
                relative(row.tunedValue(), value)};
            for (int i = 0; i < 4; i++) {
                worst[i] = Math.max(worst[i], errors[i]);
            }
        }
        return worst;
    }

    private static double relative(double measured, double truth) {
        return Math.abs(measured - truth) / truth;
    }

    private static void assertWithin(double[] worst, double limit, String what) {
        String[] names = {"f0", "Q", "linewidth", "tuned value"};
        for (int i = 0; i < worst.length; i++) {
            assertTrue(worst[i] < limit, what + ": " + names[i] + " off by " + 100 * worst[i] + " %");
        }
    }

    @Test
    void aDriveSweepRecoversTheSimulatedRlcRigWithinOnePercentPerParameter() {
        SensorModel sensor = new SensorModel(12, 3.3, 0.5e-3, OFFSET_VOLTS, 0.0, 11);
        Run run = calibrate(RLC, RLC_MAP, new SettableDrive(1000, 0.5), sensor, 20_000,
                settings(11, 250, 3150, 3, true), "rlc", "capacitance");
        CalibrationFile file = run.result().file();
        assertEquals(11, file.table().size());
        assertEquals(0, file.table().get(0).positionSteps());
        assertEquals(10_000, file.table().get(10).positionSteps());
        double[] worst = worstErrors(file, RLC, RLC_MAP);
        assertWithin(worst, 0.01, "RLC sweep");
        // Measured figures are far better than the 1 % the issue asks; pin them so a regression shows.
        assertWithin(worst, 0.002, "RLC sweep (tight)");
        for (CalibrationRow row : file.table()) {
            double value = RLC_MAP.valueAt(row.positionSteps());
            assertTrue(relative(row.ringdownResonantFrequencyHz().getAsDouble(),
                    SteadyState.naturalFrequencyHz(RLC, value)) < 0.01, "ringdown f0 at " + row.positionSteps());
            assertTrue(relative(row.ringdownLoadedQ().getAsDouble(), SteadyState.loadedQuality(RLC, value)) < 0.01,
                    "ringdown Q at " + row.positionSteps() + ": " + row.ringdownLoadedQ());
            assertTrue(row.fitResidualRmsFraction().getAsDouble() < 0.01, "fit residual " + row.fitResidualRmsFraction());
        }
        assertEquals(OFFSET_VOLTS, file.adcChannel(0).offsetVolts(), 2e-4, "offset from a reading with the drive off");
        assertEquals(DRIVE_OFF_NOISE_VOLTS, run.result().noiseVoltsRms(), NOISE_TOL_FRACTION * DRIVE_OFF_NOISE_VOLTS,
                "noise floor with the drive off");
        assertEquals(2.0, file.loadResistanceOhms());
        assertEquals("sim-rlc", file.rigId());
        assertEquals(11, run.progress().stream().filter(line -> line.startsWith("position ")).count());
        assertNull(run.result().positionMap());
    }

    @Test
    void aDriveSweepRecoversTheForceDrivenMechanicalRigWithinOnePercent() {
        ForceDrivenMechanicalRig rig = new ForceDrivenMechanicalRig(0.05, 0.05, 0.10, 10.0, 0.0);
        SensorModel sensor = new SensorModel(16, 4.096, 0.2e-3, 0.0, 0.0, 12);
        Run run = calibrate(rig, STIFFNESS_MAP, new SettableDrive(30, 0.1), sensor, 800, settings(5, 11, 63, 3,
                false), "mechanical-force", "stiffness");
        assertWithin(worstErrors(run.result().file(), rig, STIFFNESS_MAP), 0.01, "mechanical sweep");
    }

    @Test
    void theBaseExcitedRigIsFittedWithTheForceGrowingAsOmegaSquared() {
        Run run = calibrateBaseExcited(2e-5);
        assertWithin(worstErrors(run.result().file(), BASE_EXCITED, STIFFNESS_MAP), 0.01, "base-excited sweep");
    }

    @Test
    void readingsThatClipStopTheCalibration() {
        // The default base-excited drive (0.1 mm) drives the stiff end of the range past the rails.
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class, () -> calibrateBaseExcited(1e-4));
        assertTrue(e.getMessage().matches("at position 10000 steps and [0-9.]+ Hz the load voltage reads -?[0-9.]+ V,"
                + " at the ADC's rail \\(±1\\.600 V\\): the readings clip; lower the drive amplitude.*"), e.getMessage());
    }

    @Test
    void atAFixedDrivePowerAgainstPositionGivesTheTunedValues() {
        SensorModel sensor = new SensorModel(12, 3.3, 0.5e-3, OFFSET_VOLTS, 0.0, 14);
        Run run = calibrate(RLC, RLC_MAP, Drive.constant(1000, 0.5), sensor, 20_000, settings(21, 250, 3150, 3,
                false), "rlc", "capacitance");
        Calibrator.PositionMap map = run.result().positionMap();
        assertEquals(1000, map.driveFrequencyHz(), 0.05, "drive frequency from the zero crossings");
        double resonantPosition = (SteadyState.resonantTunedValue(RLC, 1000, 0.5) - 0.5e-6) / 1.95e-9;
        assertEquals(resonantPosition, map.fit().resonantPositionSteps(), 2, "the peak of power against position");
        assertWithin(worstErrors(run.result().file(), RLC, RLC_MAP), 0.01, "RLC power against position");
        assertEquals(OFFSET_VOLTS, run.result().file().adcChannel(0).offsetVolts(), 1e-3);
        assertTrue(run.result().swept().isEmpty());
    }

    @Test
    void aSweepThatMissesTheResonanceSaysSo() {
        SensorModel sensor = new SensorModel(12, 3.3, 0.5e-3, 0.0, 0.0, 15);
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class, () -> calibrate(RLC, RLC_MAP,
                new SettableDrive(1000, 0.5), sensor, 20_000, settings(2, 2500, 3500, 3, false), "rlc",
                "capacitance"));
        assertTrue(e.getMessage().contains("at position 0 steps the highest power is at the edge of the sweep"),
                e.getMessage());
    }

    @Test
    void refusesARingdownWithAFixedDriveAndASweepTheDriveCannotProduce() {
        SimulatedRig fixed = new SimulatedRig(RLC, RLC_MAP, Drive.constant(1000, 0.5),
                new SensorModel(12, 3.3, 0.0, 0.0, 0.0, 1), 20_000, 0, 10_000, 0, false);
        IllegalArgumentException ringdown = assertThrows(IllegalArgumentException.class, () -> new Calibrator(
                fixed.sampleSource(), fixed.actuator(), fixed.driveControl(), RLC, RLC_MAP,
                settings(3, 250, 3150, 3, true), line -> { }));
        assertTrue(ringdown.getMessage().contains("ringdown needs a drive that can be switched off"), ringdown.getMessage());
        SimulatedRig settable = new SimulatedRig(RLC, RLC_MAP, new SettableDrive(1000, 0.5),
                new SensorModel(12, 3.3, 0.0, 0.0, 0.0, 1), 20_000, 0, 10_000, 0, false);
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> new Calibrator(
                settable.sampleSource(), settable.actuator(), settable.driveControl(), RLC, RLC_MAP,
                settings(3, 250, 5000, 3, false), line -> { }));
        assertTrue(range.getMessage().contains("sweep range [250.0, 5000.0] Hz is outside what the drive produces"),
                range.getMessage());
    }
}
