package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.DriveControl;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.RecordingActuator;
import org.resonantlearner.hal.TuningActuator;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.loop.LimitedActuator;
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

    /** {@code actuator} behind limits over its whole range at {@code maxStepRateStepsPerSecond}, on {@code clock}. */
    private static LimitedActuator limited(TuningActuator actuator, Clock clock, double maxStepRateStepsPerSecond) {
        return new LimitedActuator(actuator, new SafetyLimits(actuator.minPositionSteps(), actuator.maxPositionSteps(),
                maxStepRateStepsPerSecond), clock);
    }

    /**
     * A simulated rig wired to a calibrator, recording every drive frequency the calibrator sets
     * with the actuator position it was set at; the sample source and the wall clock can be
     * replaced (a front end that stalls, a clock that needs no waiting).
     */
    private static final class Bench {
        final SimulatedRig simulated;
        final RigModel rig;
        final TuningMap map;
        /** {positionSteps, frequencyHz} of each setFrequencyHz, in order. */
        final List<double[]> driveLog = new ArrayList<>();
        final List<String> progress = new ArrayList<>();
        SampleSource source;
        LongSupplier wallNanos = System::nanoTime;
        /** The config's default step-rate limit. */
        double maxStepRateStepsPerSecond = 100_000;
        /** The simulated rig's actuator, every move logged on the rig's clock. */
        final RecordingActuator actuator;

        Bench(RigModel rig, TuningMap map, DriveProfile drive, SensorModel sensor, double sampleRateHz) {
            this(rig, map, drive, sensor, sampleRateHz, 0);
        }

        /** An actuator from {@code minPositionSteps} to 10 000 steps, starting at 2000. */
        Bench(RigModel rig, TuningMap map, DriveProfile drive, SensorModel sensor, double sampleRateHz,
                int minPositionSteps) {
            this(rig, map, drive, sensor, sampleRateHz, minPositionSteps, 10_000, 2_000);
        }

        /** An actuator from {@code minPositionSteps} to {@code maxPositionSteps}, starting at {@code startSteps}. */
        Bench(RigModel rig, TuningMap map, DriveProfile drive, SensorModel sensor, double sampleRateHz,
                int minPositionSteps, int maxPositionSteps, int startSteps) {
            this.simulated = new SimulatedRig(rig, map, drive, sensor, sampleRateHz, minPositionSteps, maxPositionSteps,
                    startSteps, false);
            this.rig = rig;
            this.map = map;
            this.source = simulated.sampleSource();
            this.actuator = new RecordingActuator(simulated.actuator(), simulated.clock());
        }

        Calibrator calibrator(Calibrator.Settings settings) {
            DriveControl inner = simulated.driveControl();
            DriveControl drive = inner == null ? null : new DriveControl() {
                @Override
                public double minFrequencyHz() {
                    return inner.minFrequencyHz();
                }

                @Override
                public double maxFrequencyHz() {
                    return inner.maxFrequencyHz();
                }

                @Override
                public double frequencyHz() {
                    return inner.frequencyHz();
                }

                @Override
                public void setFrequencyHz(double frequencyHz) {
                    driveLog.add(new double[] {simulated.actuator().positionSteps(), frequencyHz});
                    inner.setFrequencyHz(frequencyHz);
                }

                @Override
                public void setOn(boolean on) {
                    inner.setOn(on);
                }

                @Override
                public boolean on() {
                    return inner.on();
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
            return new Calibrator(source, limited(actuator, simulated.clock(), maxStepRateStepsPerSecond), drive, rig,
                    map, settings, progress::add, wallNanos);
        }

        Calibrator.Result run(Calibrator.Settings settings, String rigKind, String tunedParameter) {
            int startSteps = simulated.actuator().positionSteps();
            Calibrator.Result result = calibrator(settings).run(new Calibrator.Identity("test.json", "sim-" + rigKind,
                    rigKind, tunedParameter, LocalDate.of(2026, 11, 23), AdcCalibration.NONE, "CalibratorTest"));
            assertEquals(startSteps, simulated.actuator().positionSteps(), "the actuator is put back where it was");
            assertEquals(List.of(), actuator.movesFasterThan(maxStepRateStepsPerSecond), "the step-rate limit is kept");
            return result;
        }

        /** The drive frequencies set at {@code positionSteps}, in order (Hz). */
        double[] frequenciesAt(int positionSteps) {
            return driveLog.stream().filter(entry -> entry[0] == positionSteps).mapToDouble(entry -> entry[1]).toArray();
        }
    }

    private static Run calibrate(RigModel rig, TuningMap map, DriveProfile drive, SensorModel sensor,
            double sampleRateHz, Calibrator.Settings settings, String rigKind, String tunedParameter) {
        Bench bench = new Bench(rig, map, drive, sensor, sampleRateHz);
        return new Run(bench.run(settings, rigKind, tunedParameter), bench.progress);
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

    /** The fixed drive: off the sample rate's grid (19.73 samples a period), so crossings fall anywhere between samples. */
    private static final double FIXED_DRIVE_HZ = 1013.7;

    /**
     * The zero crossings time the fixed drive: noise σ on a load amplitude A = 35.3 mV (at the start
     * position, 2000 steps, C = 4.4 µF: |Z| = 28.3 Ω) moves a crossing by σ/(A·ω) = 2.45 µs, and the
     * frequency from the first and last crossings 0.199 s apart by f·√2·2.45 µs/0.199 s = 0.018 Hz;
     * four of those.
     */
    private static final double DRIVE_ESTIMATE_TOL_HZ = 0.07;

    /**
     * At 1013.7 Hz the RLC rig resonates at C* = 1/(Lω²) = 2.465 µF, 1008 steps, with half power where
     * X = ±R, C = 1/(ω(Lω ∓ R)) = 2.319 and 2.630 µF: 933 and 1092 steps. The coarse pass (every 500
     * steps) has one position in there; a zoom between the neighbours of its highest (15 positions, 71
     * steps apart) two; a second zoom (10 steps apart) fourteen, past the seven (half the zoom points)
     * that end the zooms. So 21 + 15 + 15 positions at most, less those measured already.
     */
    @Test
    void atAFixedDrivePowerAgainstPositionGivesTheTunedValues() {
        SensorModel sensor = new SensorModel(12, 3.3, 0.5e-3, OFFSET_VOLTS, 0.0, 14);
        Bench bench = new Bench(RLC, RLC_MAP, Drive.constant(FIXED_DRIVE_HZ, 0.5), sensor, 20_000);
        Run run = new Run(bench.run(settings(21, 250, 3150, 3, false), "rlc", "capacitance"), bench.progress);
        Calibrator.PositionMap map = run.result().positionMap();
        int[] positions = map.positionsSteps();
        double[] powers = map.powersWatts();
        assertTrue(positions.length <= 21 + 2 * 15, positions.length + " positions");
        int peak = PeakData.indexOfMax(powers);
        double[] halfPower = PeakData.halfMaximumPoints(Arrays.stream(positions).asDoubleStream().toArray(), powers, peak);
        assertTrue(Arrays.stream(positions).filter(p -> p >= halfPower[0] && p <= halfPower[1]).count() >= 7,
                "seven positions or more between the half-power points " + Arrays.toString(halfPower));
        // The fit takes the run of positions around the highest whose power is 30 % of it or more.
        int first = peak;
        while (first > 0 && powers[first - 1] >= 0.3 * powers[peak]) {
            first--;
        }
        int last = peak;
        while (last < powers.length - 1 && powers[last + 1] >= 0.3 * powers[peak]) {
            last++;
        }
        assertEquals(last - first + 1, map.fit().points(), "points fitted");
        assertTrue(first > 0 && last < powers.length - 1, "a position below 30 % on either side");
        assertEquals(String.format("fixed drive at %.4f Hz (from zero crossings), offset %.6f V", map.driveFrequencyHz(),
                run.result().measuredOffsetVolts()), run.progress().get(0));
        assertEquals(String.format("power against position: %d positions, peak %.6g W at %.1f steps, fit residual %.2e",
                positions.length, map.fit().peakPowerWatts(), map.fit().resonantPositionSteps(),
                map.fit().residualRmsFraction()), run.progress().get(run.progress().size() - 1));
        assertEquals(String.format("CalibratorTest: fixed drive at %.6g Hz, power against position at %d positions,"
                + " peak from the rig model fitted in position (residual %.3g of the peak); tunedValue from P/P* ="
                + " 1/(1 + (X/b)^2), X = a·ω − K/ω, with the config's a = 0.0100000 and b = 4.00000; f0 and Q from the"
                + " same model; ADC offset = mean over whole periods, gain error as the config applied it",
                map.driveFrequencyHz(), positions.length, map.fit().residualRmsFraction()), run.result().file().comment());
        assertEquals(bench.simulated.clock().nanoTime() / 1e9, run.result().streamSeconds(), 1e-6);
        assertEquals(FIXED_DRIVE_HZ, map.driveFrequencyHz(), DRIVE_ESTIMATE_TOL_HZ, "drive frequency from the zero crossings");
        double resonantPosition = (SteadyState.resonantTunedValue(RLC, FIXED_DRIVE_HZ, 0.5) - 0.5e-6) / 1.95e-9;
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
                fixed.sampleSource(), limited(fixed.actuator(), fixed.clock(), 100_000), fixed.driveControl(), RLC, RLC_MAP,
                settings(3, 250, 3150, 3, true), line -> { }));
        assertTrue(ringdown.getMessage().contains("ringdown needs a drive that can be switched off"), ringdown.getMessage());
        SimulatedRig settable = new SimulatedRig(RLC, RLC_MAP, new SettableDrive(1000, 0.5),
                new SensorModel(12, 3.3, 0.0, 0.0, 0.0, 1), 20_000, 0, 10_000, 0, false);
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> new Calibrator(
                settable.sampleSource(), limited(settable.actuator(), settable.clock(), 100_000), settable.driveControl(), RLC, RLC_MAP,
                settings(3, 250, 5000, 3, false), line -> { }));
        assertTrue(range.getMessage().contains("sweep range [250.0, 5000.0] Hz is outside what the drive produces"),
                range.getMessage());
    }

    /**
     * Issue 9, finding 3b: the calibration moved the actuator straight to each position and back. At
     * 1 step/s on a 40-step actuator starting at 10, the positions 0, 20 and 40 and the way back are
     * 10 + 20 + 20 + 30 = 80 steps, 80 s at the limit: the walk keeps it (the actuator's own log), every
     * drive frequency is set with the actuator at one of the three positions, never on the way, and
     * each position measures its own capacitance within 1 %.
     */
    @Test
    void atOneStepPerSecondTheSweepWalksAtTheLimitAndMeasuresOnlyWhereItArrived() {
        TuningMap map = new LinearTuningMap(0, 40, 0.5e-6, 20e-6);
        Bench bench = new Bench(RLC, map, new SettableDrive(1000, 0.5), rlcSensor(), 20_000, 0, 40, 10);
        bench.maxStepRateStepsPerSecond = 1;
        Calibrator.Result result = bench.run(settings(3, 250, 3150, 3, false), "rlc", "capacitance");
        assertEquals(List.of(0, 20, 40), result.file().table().stream().map(CalibrationRow::positionSteps).toList());
        for (double[] entry : bench.driveLog) {
            assertTrue(entry[0] == 0 || entry[0] == 20 || entry[0] == 40, "a frequency set at " + entry[0] + " steps");
        }
        assertWithin(worstErrors(result.file(), RLC, map), 0.01, "calibrated at 1 step/s");
        assertTrue(bench.progress.contains("80 steps of actuator travel at the step-rate limit of 1 steps/s take 80 s"),
                bench.progress.toString());
        long lastMoveNanos = bench.actuator.log().getLast().nanos();
        assertTrue(lastMoveNanos >= 80_000_000_000L, "back at the start after " + lastMoveNanos / 1e9 + " s");
    }

    /**
     * The announcement comes only when the travel takes over 10 s: from 2000 over 0 and 10 000 and
     * back to 2000 are 20 000 steps, exactly 10 s at 2000 steps/s (not announced) and a little over
     * at 1999 steps/s (announced, 10.005 s, printed as 10 s).
     */
    @Test
    void onlyTravelOverTenSecondsIsAnnounced() {
        Bench exact = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        exact.maxStepRateStepsPerSecond = 2000;
        exact.run(settings(2, 250, 3150, 3, false), "rlc", "capacitance");
        assertTrue(exact.progress.stream().noneMatch(line -> line.contains("actuator travel")), exact.progress.toString());
        Bench over = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        over.maxStepRateStepsPerSecond = 1999.5;
        over.run(settings(2, 250, 3150, 3, false), "rlc", "capacitance");
        assertEquals("20000 steps of actuator travel at the step-rate limit of 1999.5 steps/s take 10 s",
                over.progress.get(0));
    }

    /**
     * With a fixed drive the positions are not all known before: the coarse pass and the way back,
     * 2000 + 10 000 + 8000 steps, take 20 s at 1000 steps/s, and the zooms more.
     */
    @Test
    void aFixedDriveCalibrationAnnouncesItsKnownTravelAndKeepsTheLimit() {
        Bench bench = new Bench(RLC, RLC_MAP, Drive.constant(FIXED_DRIVE_HZ, 0.5), rlcSensor(), 20_000);
        bench.maxStepRateStepsPerSecond = 1000;
        bench.run(settings(5, 250, 3150, 3, false), "rlc", "capacitance");
        assertEquals("20000 steps of actuator travel at the step-rate limit of 1000 steps/s take 20 s, and the zooms"
                + " more", bench.progress.get(0));
    }

    /**
     * A calibration that fails still walks the actuator back at the limit (the missed sweep fails at
     * the first position, 0 steps, 2000 steps from the start).
     */
    @Test
    void aFailedCalibrationStillWalksBackAtTheLimit() {
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        bench.maxStepRateStepsPerSecond = 1000;
        assertThrows(CalibrationFailedException.class,
                () -> bench.run(settings(2, 2500, 3500, 3, false), "rlc", "capacitance"));
        assertEquals(2_000, bench.simulated.actuator().positionSteps());
        assertEquals(List.of(), bench.actuator.movesFasterThan(1000));
        assertEquals(0, bench.actuator.log().stream().mapToInt(RecordingActuator.Move::positionSteps).min().orElseThrow(),
                "it got to the first position before it failed");
    }

    /**
     * When the way back fails too (the source closes about 1 s after the actuator reached the first
     * position, 0 steps, at the end of the read under way; at 100 steps/s that allows about 100 of the
     * 2000 steps back at once), the actuator stays on its way and the second failure is attached to
     * the first.
     */
    @Test
    void whenTheWayBackFailsTooTheFirstFailureCarriesIt() {
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        bench.maxStepRateStepsPerSecond = 100;
        SampleSource inner = bench.simulated.sampleSource();
        long[] samplesAtZero = {0};
        bench.source = new SampleSource() {
            @Override
            public double sampleRateHz() {
                return inner.sampleRateHz();
            }

            @Override
            public int read(double[] loadVolts, int offset, int count) {
                if (bench.simulated.actuator().positionSteps() == 0) {
                    if (samplesAtZero[0] > 20_000) {
                        inner.close();
                    }
                    samplesAtZero[0] += count;
                }
                return inner.read(loadVolts, offset, count);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class, () -> bench.calibrator(
                settings(2, 250, 3150, 3, false)).run(new Calibrator.Identity("test.json", "sim-rlc", "rlc",
                "capacitance", LocalDate.of(2026, 11, 23), AdcCalibration.NONE, "CalibratorTest")));
        assertEquals("the sample source closed during the calibration", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("the sample source closed during the calibration", e.getSuppressed()[0].getMessage());
        assertEquals(List.of(), bench.actuator.movesFasterThan(100));
        int left = bench.simulated.actuator().positionSteps();
        assertTrue(left > 0 && left < 200, "left on its way, not jumped back: " + left);
    }

    /** The RLC rig's steady-state load power at {@code positionSteps} under the tests' 0.5 V drive (W). */
    private static double rlcPowerWatts(int positionSteps, double frequencyHz) {
        return SteadyState.loadPowerWatts(RLC, RLC_MAP.valueAt(positionSteps), frequencyHz, 0.5);
    }

    /**
     * How far a lock-in power over 40 periods of {@code frequencyHz} may lie from the steady state
     * {@code trueWatts} (W), on the RLC tests' ADC (20 kS/s, noise {@link #DRIVE_OFF_NOISE_VOLTS},
     * offset {@link #OFFSET_VOLTS}). With N = round(40·fs/f) samples and amplitude a = √(2·R_L·P),
     * a power error δP = a·δa/R_L comes from an amplitude error δa of at most: the transient left
     * after the 8 time-constant settle, e^−8 of the largest amplitude a* (the rig's at resonance);
     * the offset, which a window half a sample off whole periods leaks as |offset|/N; and four
     * standard deviations of the noise, σ·√(2/N) each. The window's own leakage of the signal adds
     * up to P/N.
     */
    private static double lockInToleranceWatts(double trueWatts, double frequencyHz, double peakWatts) {
        double samples = Math.round(40 * 20_000 / frequencyHz);
        double amplitude = Math.sqrt(2 * 2.0 * trueWatts);
        double peakAmplitude = Math.sqrt(2 * 2.0 * peakWatts);
        double amplitudeError = Math.exp(-8) * peakAmplitude + OFFSET_VOLTS / samples
                + 4 * DRIVE_OFF_NOISE_VOLTS * Math.sqrt(2 / samples);
        return trueWatts / samples + amplitude * amplitudeError / 2.0;
    }

    private static void assertEvenlySpaced(double[] frequenciesHz, String what) {
        double step = (frequenciesHz[frequenciesHz.length - 1] - frequenciesHz[0]) / (frequenciesHz.length - 1);
        for (int i = 1; i < frequenciesHz.length; i++) {
            assertEquals(step, frequenciesHz[i] - frequenciesHz[i - 1], 1e-9 * frequenciesHz[i], what + " step " + i);
        }
    }

    /** Where Q·(f/f0 − f0/f) = ∓1: the half-power frequencies of a driven series resonance (Hz). */
    private static double[] halfPowerFrequenciesHz(double f0Hz, double q) {
        double root = Math.sqrt(1 / (q * q) + 4);
        return new double[] {f0Hz * (root - 1 / q) / 2, f0Hz * (root + 1 / q) / 2};
    }

    /**
     * Each zoom window follows from the one before as {@code Calibrator.zoomUntilResolved} documents,
     * judged on the steady-state powers at its frequencies: the highest at an edge recentres the
     * window on it; a side that never falls to half power widens it threefold about the highest; half-power
     * points closer than four steps narrow it to them plus a step either side; four or more steps
     * end the zooms, and the final sweep spans the midpoint of those points ± 3 times their distance.
     * Every window lies inside the sweep range. Zooms settle for 3 time constants only (the tests'
     * coarseSettleTimeConstants), so the transient left, e^−3 of the largest amplitude, moves a power
     * by up to 2·e^−3 of the peak power and so a half-power point by up to 2·e^−3 of a linewidth (the
     * curve falls by P* / Γ per hertz there): ends that come from interpolated half-power points are
     * allowed that much; the others are exact.
     *
     * @param set the frequencies set after the coarse sweep: the zooms, then the final sweep
     */
    private static void assertZoomsFollowTheRules(int position, double[] set, double linewidthHz, String at) {
        double interpolatedTolHz = 2 * Math.exp(-3) * linewidthHz;
        double lowHz = set[0];
        double highHz = set[14];
        double tolHz = 0;
        for (int start = 0; start < set.length - 21; start += 15) {
            double[] window = Arrays.copyOfRange(set, start, start + 15);
            String zoom = "zoom " + (start / 15 + 1) + at;
            assertEquals(lowHz, window[0], tolHz + 1e-9 * lowHz, zoom + " starts where the last one said");
            assertEquals(highHz, window[14], tolHz + 1e-9 * highHz, zoom + " ends where the last one said");
            assertEvenlySpaced(window, zoom);
            double[] powers = new double[15];
            for (int i = 0; i < 15; i++) {
                powers[i] = rlcPowerWatts(position, window[i]);
            }
            int peak = PeakData.indexOfMax(powers);
            double widthHz = window[14] - window[0];
            double stepHz = window[1] - window[0];
            double[] halfPowerHz = PeakData.halfMaximumPoints(window, powers, peak);
            boolean last = start + 15 == set.length - 21;
            tolHz = 0;
            if (peak == 0 || peak == 14) {
                lowHz = window[peak] - widthHz / 2;
                highHz = window[peak] + widthHz / 2;
            } else if (Double.isNaN(halfPowerHz[0]) || Double.isNaN(halfPowerHz[1])) {
                lowHz = window[peak] - 1.5 * widthHz;
                highHz = window[peak] + 1.5 * widthHz;
            } else if (halfPowerHz[1] - halfPowerHz[0] < 4 * stepHz) {
                lowHz = halfPowerHz[0] - stepHz;
                highHz = halfPowerHz[1] + stepHz;
                tolHz = interpolatedTolHz;
            } else {
                assertTrue(last, zoom + " resolves the resonance: the zooms end there");
                double centreHz = (halfPowerHz[0] + halfPowerHz[1]) / 2;
                double halfSpanHz = 3 * (halfPowerHz[1] - halfPowerHz[0]);
                double[] fine = Arrays.copyOfRange(set, set.length - 21, set.length);
                // The span is six times the distance of two such points: 12 times their error at most.
                assertEquals(Math.max(250, centreHz - halfSpanHz), fine[0], 13 * interpolatedTolHz, "final sweep" + at);
                assertEquals(Math.min(3150, centreHz + halfSpanHz), fine[20], 13 * interpolatedTolHz, "final sweep" + at);
                return;
            }
            assertFalse(last, zoom + " does not resolve the resonance, yet the zooms end");
            lowHz = Math.max(lowHz, 250);
            highHz = Math.min(highHz, 3150);
        }
    }

    /**
     * The drive sweep as calibration/FORMAT.md describes it, at three positions of the RLC rig
     * (f0 = 2251, 497 and 356 Hz, linewidth 63.7 Hz: narrower than the coarse grid's spacing at 0
     * steps, wider at 10 000): the coarse sweep is the log grid; zooms of evenly spaced frequencies
     * start between the coarse neighbours of the highest point and end once both half-power points
     * are inside; the final sweep covers f0 ± 3 linewidths, and each power it measures is the
     * steady state's.
     */
    @Test
    void aDriveSweepFollowsTheDocumentedProcedure() {
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5),
                new SensorModel(12, 3.3, 0.5e-3, OFFSET_VOLTS, 0.0, 21), 20_000);
        Calibrator.Result result = bench.run(settings(3, 250, 3150, 3, false), "rlc", "capacitance");
        assertEquals(3, result.swept().size());
        double ratio = Math.pow(3150 / 250.0, 1 / 39.0);
        for (Calibrator.SweptPosition swept : result.swept()) {
            int position = swept.positionSteps();
            double f0Hz = SteadyState.naturalFrequencyHz(RLC, RLC_MAP.valueAt(position));
            double linewidthHz = SteadyState.linewidthHz(RLC, RLC_MAP.valueAt(position));
            double[] set = bench.frequenciesAt(position);
            String at = " at " + position + " steps";

            int highest = 0;
            for (int i = 0; i < 40; i++) {
                assertEquals(250 * Math.pow(ratio, i), set[i], 1e-9 * set[i], "coarse frequency " + i + at);
                highest = rlcPowerWatts(position, set[i]) > rlcPowerWatts(position, set[highest]) ? i : highest;
            }
            int zoomFrequencies = set.length - 40 - 21;
            assertTrue(zoomFrequencies > 0 && zoomFrequencies % 15 == 0, zoomFrequencies + " zoom frequencies" + at);
            assertEquals(set[highest - 1], set[40], 1e-9 * f0Hz, "the first zoom starts at the coarse neighbour" + at);
            assertEquals(set[highest + 1], set[54], 1e-9 * f0Hz, "and ends at the other" + at);
            assertZoomsFollowTheRules(position, Arrays.copyOfRange(set, 40, set.length), linewidthHz, at);
            double[] lastZoom = Arrays.copyOfRange(set, set.length - 36, set.length - 21);
            double[] halfPowerHz = halfPowerFrequenciesHz(f0Hz, f0Hz / linewidthHz);
            assertTrue(lastZoom[0] < halfPowerHz[0] && halfPowerHz[1] < lastZoom[14], "the last zoom "
                    + Arrays.toString(lastZoom) + " holds both half-power points" + at);

            double[] fine = swept.frequenciesHz();
            assertArrayEquals(Arrays.copyOfRange(set, set.length - 21, set.length), fine, "the final sweep" + at);
            assertEvenlySpaced(fine, "final sweep" + at);
            // Half-power points interpolated over four or more steps of a zoom are a few per cent of the
            // linewidth off (the curve bends between grid points): the centre by up to 5 % of it, the
            // width by 10 %, so each end by 0.05 + 3 × 0.1 linewidths. An end beyond the sweep range is
            // the range's end.
            double endTolHz = (0.05 + 0.3) * linewidthHz;
            assertEquals(Math.max(250, f0Hz - 3 * linewidthHz), fine[0], f0Hz - 3 * linewidthHz < 250 ? 0 : endTolHz,
                    "final sweep from f0 − 3 linewidths" + at);
            assertEquals(f0Hz + 3 * linewidthHz, fine[20], endTolHz, "to f0 + 3 linewidths" + at);
            double peakWatts = rlcPowerWatts(position, f0Hz);
            for (int i = 0; i < fine.length; i++) {
                double trueWatts = rlcPowerWatts(position, fine[i]);
                assertEquals(trueWatts, swept.powersWatts()[i], lockInToleranceWatts(trueWatts, fine[i], peakWatts),
                        "power at " + fine[i] + " Hz" + at);
            }
            assertEquals(RLC_MAP.valueAt(position), swept.tunedValue(), 2e-3 * RLC_MAP.valueAt(position), "C" + at);
        }
        assertEquals(bench.simulated.clock().nanoTime() / 1e9, result.streamSeconds(), 1e-6,
                "stream time: every sample the rig produced");
        assertEquals(String.format("offset %.6f V, noise %.6f V rms (drive off)", result.measuredOffsetVolts(),
                result.noiseVoltsRms()), bench.progress.get(0));
        assertEquals(String.format("CalibratorTest: drive swept at 3 positions (21-point final sweeps over f0 ± 3"
                + " linewidths, resonance fit P0·(f/f0)^0/(1 + Q²(f/f0 − f0/f)²)); ADC offset measured with the drive"
                + " off (noise %.3g V rms), gain error as the config applied it; tunedValue from f0: C = 1/((2π·f0)²·L)"
                + " with the config's L = 0.0100000 H", result.noiseVoltsRms()), result.file().comment());
    }

    /** The RLC tests' ADC, a new one each time: its noise generator has state. */
    private static SensorModel rlcSensor() {
        return new SensorModel(12, 3.3, 0.5e-3, OFFSET_VOLTS, 0.0, 11);
    }

    /**
     * At 0 steps f0 = 2250.8 Hz and the linewidth 63.7 Hz: within 2230–2270 Hz the power stays above
     * 1/(1 + (2·20.8/63.7)²) = 70 % of the peak, so no zoom can find a half-power point, and after
     * six (forty coarse frequencies and six windows of fifteen) the calibration gives up, naming the
     * window it ended on, the whole range.
     */
    @Test
    void aResonanceWhoseHalfPowerPointsLieOutsideTheSweepIsNotResolved() {
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class,
                () -> bench.run(settings(2, 2230, 2270, 3, false), "rlc", "capacitance"));
        assertEquals("at position 0 steps the resonance could not be resolved after 6 zooms around 2250.00 Hz",
                e.getMessage());
        assertEquals(40 + 6 * 15, bench.frequenciesAt(0).length);
    }

    @Test
    void aResonanceAboveTheSweepIsAtItsLastFrequency() {
        // f0 = 2250.8 Hz at 0 steps, above 2100 Hz: the power rises 35-fold from 1500 Hz to the last
        // coarse frequency, 9 % a step, far more than the lock-in's error.
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class,
                () -> bench.run(settings(2, 1500, 2100, 3, false), "rlc", "capacitance"));
        assertEquals("at position 0 steps the highest power is at the edge of the sweep (2100 Hz of [1500, 2100] Hz):"
                + " widen the sweep range", e.getMessage());
    }

    /**
     * A reading at the ADC's rail is clipped: with the threshold at the rail itself, half the 3.3 V
     * span, a drive of 4 V (a load amplitude of 2 V at resonance, past the rail) stops the calibration.
     */
    @Test
    void aReadingExactlyAtTheRailCountsAsClipped() {
        double railVolts = 3.3 / 2;
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 4.0), rlcSensor(), 20_000);
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class,
                () -> bench.run(new Calibrator.Settings(2, 40, 15, 21, 250, 3150, 3, 8, 40, 0.2, false, railVolts),
                        "rlc", "capacitance"));
        assertTrue(e.getMessage().matches("at position 0 steps and [0-9.]+ Hz the load voltage reads -?1\\.650 V,"
                + " at the ADC's rail \\(±1\\.650 V\\).*"), e.getMessage());
    }

    @Test
    void aRigThatWasRunningRingsDownBeforeTheOffsetIsRead() {
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        // 0.1 s, 20 time constants, of the drive on: the load rings at 37 mV when the calibration
        // starts, and after 8 time constants off e^−8 of that, 12 µV, is left (2.9 mV rms over the
        // 0.2 s reading without the wait).
        bench.simulated.sampleSource().read(new double[2000], 0, 2000);
        Calibrator.Result result = bench.run(settings(2, 250, 3150, 3, false), "rlc", "capacitance");
        assertEquals(DRIVE_OFF_NOISE_VOLTS, result.noiseVoltsRms(), NOISE_TOL_FRACTION * DRIVE_OFF_NOISE_VOLTS);
        assertEquals(OFFSET_VOLTS, result.measuredOffsetVolts(), 2e-4);
    }

    @Test
    void theOffsetInTheFileAddsTheMeasuredRemainderToTheCorrectionAlreadyApplied() {
        // An actuator whose range starts at 1000 steps: the positions run from there to its end.
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000, 1000);
        AdcCalibration applied = new AdcCalibration(0.005, 0.02);
        Calibrator.Result result = bench.calibrator(settings(2, 250, 3150, 3, false)).run(new Calibrator.Identity(
                "test.json", "sim-rlc", "rlc", "capacitance", LocalDate.of(2026, 11, 23), applied, "CalibratorTest"));
        // Readings corrected as (nominal − o)/(1 + g): an offset r left on them is r·(1 + g) of the nominal reading.
        AdcChannel channel = result.file().adcChannel(0);
        assertEquals(0.005 + result.measuredOffsetVolts() * 1.02, channel.offsetVolts(), 1e-12);
        assertEquals(0.02, channel.gainErrorFraction(), 0.0);
        assertEquals(List.of(1000, 10_000), result.file().table().stream().map(CalibrationRow::positionSteps).toList());
    }

    /**
     * A mass-tuned base-excited rig (k = 1776.5 N/m, m from 20 to 60 g: f0 from 47.4 to 27.4 Hz):
     * the tuned value is m = k/(2πf0)², within 1 % like the other rigs.
     */
    @Test
    void aMassTunedRigGivesTheMassFromF0AndTheFixedStiffness() {
        BaseExcitedMechanicalRig rig = new BaseExcitedMechanicalRig(BaseExcitedMechanicalRig.TunedParameter.MASS, 0,
                1776.5, 0.05, 0.10, 10.0, 0.0);
        TuningMap massMap = new LinearTuningMap(0, 10_000, 0.02, 0.06);
        Run run = calibrate(rig, massMap, new SettableDrive(30, 2e-5), new SensorModel(16, 4.096, 0.2e-3, 0.0, 0.0, 16),
                800, settings(3, 11, 63, 3, false), "mechanical-base", "mass");
        assertWithin(worstErrors(run.result().file(), rig, massMap), 0.01, "mass-tuned sweep");
        assertEquals("kg", run.result().file().tunedUnit());
        assertTrue(run.result().file().comment().endsWith("resonance fit P0·(f/f0)^4/(1 + Q²(f/f0 − f0/f)²)); ADC"
                + " offset measured with the drive off (noise " + String.format("%.3g", run.result().noiseVoltsRms())
                + " V rms), gain error as the config applied it; tunedValue from f0: m = k/(2π·f0)² with the"
                + " config's k = 1776.50 N/m"), run.result().file().comment());
    }

    @Test
    void aSweepRangeAtTheDrivesLimitsIsAccepted() {
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        DriveControl drive = bench.simulated.driveControl();
        Calibrator calibrator = bench.calibrator(new Calibrator.Settings(2, 40, 15, 21, drive.minFrequencyHz(),
                drive.maxFrequencyHz(), 3, 8, 40, 0.2, false, CLIP_VOLTS));
        assertTrue(calibrator.tunedValueAtNaturalFrequency(1000) > 0);
    }

    /**
     * The simulated rig's source behind a slower front end: every other read returns nothing, the
     * rest at most {@code chunk} samples, each read taking a second of the wall clock {@code now}
     * (well inside the calibrator's 10 s patience when data follow).
     */
    private static SampleSource slowFrontEnd(SampleSource inner, int chunk, long[] now) {
        return new SampleSource() {
            private long reads;

            @Override
            public double sampleRateHz() {
                return inner.sampleRateHz();
            }

            @Override
            public int read(double[] loadVolts, int offset, int count) {
                now[0] += 1_000_000_000L;
                return reads++ % 2 == 0 ? 0 : inner.read(loadVolts, offset, Math.min(chunk, count));
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @Test
    void aFrontEndThatDeliversInSmallAndEmptyReadsGivesTheSameCalibration() {
        Calibrator.Settings settings = settings(2, 250, 3150, 3, false);
        Bench direct = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        CalibrationFile expected = direct.run(settings, "rlc", "capacitance").file();
        Bench slow = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        long[] now = {0};
        slow.source = slowFrontEnd(slow.simulated.sampleSource(), 1000, now);
        slow.wallNanos = () -> now[0];
        assertEquals(expected, slow.run(settings, "rlc", "capacitance").file(), "the same samples in the same order");
    }

    @Test
    void aFrontEndThatStopsSendingIsNamedAfterTenSeconds() {
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        long[] now = {0};
        bench.source = new SampleSource() {
            @Override
            public double sampleRateHz() {
                return 20_000;
            }

            @Override
            public int read(double[] loadVolts, int offset, int count) {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        bench.wallNanos = () -> now[0] += 1_000_000_000L; // a second passes at every look at the clock
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class,
                () -> bench.run(settings(2, 250, 3150, 3, false), "rlc", "capacitance"));
        assertEquals("no samples for 10 s: the front end stopped sending during the calibration", e.getMessage());
        assertTrue(now[0] >= 10_000_000_000L && now[0] <= 13_000_000_000L, "gave up after 10 s: " + now[0] / 1e9 + " s");
    }

    @Test
    void aSourceThatClosesStopsTheCalibration() {
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        bench.simulated.sampleSource().close();
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class,
                () -> bench.run(settings(2, 250, 3150, 3, false), "rlc", "capacitance"));
        assertEquals("the sample source closed during the calibration", e.getMessage());
    }

    @Test
    void aFixedDriveWithoutASignalIsRefused() {
        // No noise and no drive: the readings are constant, and never cross their mean.
        Bench bench = new Bench(RLC, RLC_MAP, Drive.constant(1000, 0.0), SensorModel.ideal(12, 3.3), 20_000);
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class,
                () -> bench.run(settings(21, 250, 3150, 3, false), "rlc", "capacitance"));
        assertEquals("the fixed drive shows 0 upward zero crossings in 0.2 s: no drive signal to calibrate against"
                + " (is the drive on?)", e.getMessage());
    }

    /**
     * The fewest zoom points the settings accept must be able to resolve a resonance narrower than
     * the coarse grid. A zoom that finds the half-power points r steps apart (r below the four it
     * needs) narrows to them plus a step either side, n − 1 steps: r' = (n − 1)·r/(r + 2), which
     * passes 4 only when it tends to more than 4, n − 3 > 4, so n ≥ 8 (n = 5 cannot hold four steps
     * between two points inside it at all). At 0 steps the RLC rig's 63.7 Hz linewidth is 1.5 of
     * the 43 Hz steps of an 8-point bracket: 1.5, then 3, then 4.2 steps.
     */
    @Test
    void theFewestZoomPointsAcceptedResolveANarrowResonance() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Calibrator.Settings(2, 40, 7,
                21, 250, 3150, 3, 8, 40, 0.2, false, CLIP_VOLTS));
        assertEquals("zoomPoints = 7 is invalid: allowed [8, 10000]", e.getMessage());
        Calibrator.Settings fewest = new Calibrator.Settings(2, 40, 8, 21, 250, 3150, 3, 8, 40, 0.2, false, CLIP_VOLTS);
        Bench bench = new Bench(RLC, RLC_MAP, new SettableDrive(1000, 0.5), rlcSensor(), 20_000);
        assertWithin(worstErrors(bench.run(fewest, "rlc", "capacitance").file(), RLC, RLC_MAP), 0.01, "8 zoom points");
    }

    /**
     * A noise-free front end that answers each drive frequency at once with the steady state of a
     * resonance at {@value #FAKE_F0_HZ} Hz: the load at the drive frequency with an amplitude of
     * 0.5 V/√(1 + (2(f − f0)/Γ)²), 0 V with the drive off. Its linewidth Γ becomes
     * {@code laterLinewidthHz} once {@code switchAfter} frequencies have been set: a rig whose
     * damping changes in the middle of the calibration (a load switched in).
     */
    private static final class SteadyFrontEnd implements SampleSource, DriveControl, TuningActuator {
        private final double linewidthHz;
        private final double laterLinewidthHz;
        private final int switchAfter;
        private double frequencyHz = 1000;
        private boolean on = true;
        private long sample;
        private int frequenciesSet;
        private int positionSteps;
        /** A gap of {@code gapSamples} every {@code gapEverySamples} stream samples (0: none), as a lossy link. */
        long gapEverySamples;
        long gapSamples;
        long samplesSkipped;
        long gaps;

        SteadyFrontEnd(double linewidthHz, double laterLinewidthHz, int switchAfter) {
            this.linewidthHz = linewidthHz;
            this.laterLinewidthHz = laterLinewidthHz;
            this.switchAfter = switchAfter;
        }

        @Override
        public double sampleRateHz() {
            return 20_000;
        }

        @Override
        public int read(double[] loadVolts, int offset, int count) {
            double width = frequenciesSet > switchAfter ? laterLinewidthHz : linewidthHz;
            double detuning = 2 * (frequencyHz - FAKE_F0_HZ) / width;
            double amplitudeVolts = on ? 0.5 / Math.sqrt(1 + detuning * detuning) : 0;
            if (gapEverySamples > 0) {
                if (sample > 0 && sample % gapEverySamples == 0) {
                    sample += gapSamples; // a read never returns both sides of a gap
                    samplesSkipped += gapSamples;
                    gaps++;
                }
                count = (int) Math.min(count, gapEverySamples - sample % gapEverySamples);
            }
            for (int i = 0; i < count; i++) {
                loadVolts[offset + i] = amplitudeVolts * Math.sin(2 * Math.PI * frequencyHz * sample++ / 20_000);
            }
            return count;
        }

        @Override
        public long samplesSkipped() {
            return samplesSkipped;
        }

        @Override
        public double minFrequencyHz() {
            return 1;
        }

        @Override
        public double maxFrequencyHz() {
            return 4000;
        }

        @Override
        public double frequencyHz() {
            return frequencyHz;
        }

        @Override
        public void setFrequencyHz(double frequencyHz) {
            frequenciesSet++;
            this.frequencyHz = frequencyHz;
        }

        @Override
        public void setOn(boolean on) {
            this.on = on;
        }

        @Override
        public boolean on() {
            return on;
        }

        @Override
        public int minPositionSteps() {
            return 0;
        }

        @Override
        public int maxPositionSteps() {
            return 10_000;
        }

        @Override
        public int positionSteps() {
            return positionSteps;
        }

        @Override
        public void moveTo(int positionSteps) {
            this.positionSteps = requireInRange(positionSteps);
        }

        @Override
        public void close() {
        }

        Calibrator.Result calibrate() {
            return new Calibrator(this, limited(this, () -> sample * 50_000, 100_000), this, RLC, RLC_MAP,
                    settings(2, 250, 3150, 3, false), line -> { })
                    .run(new Calibrator.Identity("test.json", "fake", "rlc", "capacitance", LocalDate.of(2026, 11, 23),
                            AdcCalibration.NONE, "CalibratorTest"));
        }
    }

    private static final double FAKE_F0_HZ = 1500;

    /**
     * A link that loses 37 samples every 20 000: each measurement that a gap interrupts starts over
     * after it (the samples before it are dropped), so the calibration takes the longer by at least
     * every gap and the samples dropped, and still finds the 60 Hz linewidth. A link that loses more
     * often than a measurement lasts makes the calibration fail, saying so.
     */
    @Test
    void noMeasurementJoinsTheTwoSidesOfAGap() {
        SteadyFrontEnd clean = new SteadyFrontEnd(60, 60, Integer.MAX_VALUE);
        double cleanSeconds = clean.calibrate().streamSeconds();
        SteadyFrontEnd lossy = new SteadyFrontEnd(60, 60, Integer.MAX_VALUE);
        lossy.gapEverySamples = 20_000;
        lossy.gapSamples = 37;
        Calibrator.Result result = lossy.calibrate();
        assertTrue(lossy.gaps >= 10, "gaps: " + lossy.gaps);
        assertEquals(60, result.swept().get(0).fit().linewidthHz(), 0.6);
        assertTrue(result.streamSeconds() > cleanSeconds + lossy.samplesSkipped / 20_000.0 + 0.1,
                result.streamSeconds() + " s with gaps against " + cleanSeconds + " s without");

        SteadyFrontEnd hopeless = new SteadyFrontEnd(60, 60, Integer.MAX_VALUE);
        hopeless.gapEverySamples = 50;
        hopeless.gapSamples = 1;
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class, hopeless::calibrate);
        assertTrue(e.getMessage().startsWith("the front end lost samples 21 times during one measurement of "),
                e.getMessage());
    }

    /**
     * Zooms that resolve a 60 Hz linewidth put the final sweep at 1500 ± 180 Hz; if the linewidth
     * is 3000 Hz by then, the power changes by 1.4 % across it and the fit's linewidth is wider than
     * the sweep: no resonance was resolved there, and the calibration says so.
     */
    @Test
    void aFinalSweepFittedWiderThanItselfIsRefused() {
        SteadyFrontEnd steady = new SteadyFrontEnd(60, 60, Integer.MAX_VALUE);
        Calibrator.SweptPosition first = steady.calibrate().swept().get(0);
        assertEquals(60, first.fit().linewidthHz(), 0.6, "a stationary rig: the 60 Hz linewidth within 1 %");
        int beforeFinalSweep = steady.frequenciesSet / 2 - 21; // both positions see the same, noise-free
        CalibrationFailedException e = assertThrows(CalibrationFailedException.class,
                () -> new SteadyFrontEnd(60, 3000, beforeFinalSweep).calibrate());
        assertTrue(e.getMessage().matches("at position 0 steps the fitted linewidth [0-9.]+ Hz is wider than the final"
                + " sweep \\(13[0-9.]+–16[0-9.]+ Hz\\): no resonance resolved"), e.getMessage());
    }
}
