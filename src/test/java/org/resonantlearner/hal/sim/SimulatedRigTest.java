package org.resonantlearner.hal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.resonantlearner.hal.contract.SeriesRlcFromRest;
import org.resonantlearner.rig.Drive;
import org.resonantlearner.rig.DriveProfile;
import org.resonantlearner.rig.FrequencySteps;
import org.resonantlearner.rig.LinearTuningMap;
import org.resonantlearner.rig.SensorModel;
import org.resonantlearner.rig.SeriesRlcRig;

/**
 * The simulated rig's truth (true and oracle energy, the drive, the tuning, the virtual clock)
 * against closed forms of a series RLC circuit: L = 10 mH, R = 0.5 + 1.5 + 2 Ω, C linear from 1 µF
 * at 100 steps to 5 µF at 900 steps (5 nF per step; C* = 1/(ω²L) = 2.533 µF at 1 kHz lies at 406.6
 * steps), 0.5 V drive, ideal 12-bit ADC over 3.3 V at 20 kS/s.
 */
class SimulatedRigTest {
    private static final double L_HENRIES = 0.010;
    private static final double R_OHMS = 4.0;
    private static final double LOAD_OHMS = 2.0;
    private static final int MIN_STEPS = 100;
    private static final int MAX_STEPS = 900;
    private static final double FARADS_AT_MIN = 1e-6;
    private static final double FARADS_AT_MAX = 5e-6;
    private static final double DRIVE_VOLTS = 0.5;
    private static final double SAMPLE_RATE_HZ = 20_000;
    private static final double SAMPLE_SECONDS = 1 / SAMPLE_RATE_HZ;
    /**
     * CPU a paced one-second read may use (ns): the samples cost about 12 ms (measured, interpreter
     * and all); a thread that spun instead of parking got 290 ms of that second on this 2-core machine
     * at load 11, and a spinning thread's fair share stays above 100 ms up to load 20.
     */
    private static final long PACED_CPU_LIMIT_NANOS = 100_000_000L;
    /** Float rounding of sums over a few thousand samples, relative. */
    private static final double REL_TOL = 1e-9;

    static SimulatedRig rig(DriveProfile drive, int initialSteps, boolean paced) {
        return new SimulatedRig(SeriesRlcRig.linear(L_HENRIES, 0.5, 1.5, LOAD_OHMS),
                new LinearTuningMap(MIN_STEPS, MAX_STEPS, FARADS_AT_MIN, FARADS_AT_MAX), drive,
                SensorModel.ideal(12, 3.3), SAMPLE_RATE_HZ, MIN_STEPS, MAX_STEPS, initialSteps, paced);
    }

    static double faradsAt(int steps) {
        return FARADS_AT_MIN + (FARADS_AT_MAX - FARADS_AT_MIN) * (steps - MIN_STEPS) / (MAX_STEPS - MIN_STEPS);
    }

    /** Steady-state load power (W) at C and f: (V0²/2)·RL / (R² + (ωL − 1/(ωC))²) (DESIGN §2). */
    static double steadyPowerWatts(double farads, double frequencyHz) {
        double omega = 2 * Math.PI * frequencyHz;
        double reactance = omega * L_HENRIES - 1 / (omega * farads);
        return DRIVE_VOLTS * DRIVE_VOLTS / 2 * LOAD_OHMS / (R_OHMS * R_OHMS + reactance * reactance);
    }

    /** The best whole position and its power at {@code frequencyHz}, by trying every position. */
    static int bestSteps(double frequencyHz) {
        int best = MIN_STEPS;
        for (int steps = MIN_STEPS; steps <= MAX_STEPS; steps++) {
            if (steadyPowerWatts(faradsAt(steps), frequencyHz) > steadyPowerWatts(faradsAt(best), frequencyHz)) {
                best = steps;
            }
        }
        return best;
    }

    private static void read(SimulatedRig rig, int samples) {
        double[] block = new double[64];
        for (int done = 0; done < samples; done += 64) {
            assertEquals(Math.min(64, samples - done), rig.sampleSource().read(block, 0, Math.min(64, samples - done)));
        }
    }

    @Test
    void trueEnergyIsTheClosedFormLoadPowerSummedOverTheSamples() {
        SimulatedRig rig = rig(Drive.constant(1000, DRIVE_VOLTS), 300, false);
        SeriesRlcFromRest ringUp = new SeriesRlcFromRest(L_HENRIES, R_OHMS, LOAD_OHMS, faradsAt(300), DRIVE_VOLTS, 1000);
        assertEquals(0.0, rig.trueEnergyJoules(), "nothing delivered before the first sample");
        int samples = 2000;
        read(rig, samples);
        // Sample n is the state at (n + 1)/f_s; its instantaneous load power v²/RL counts for one sample period.
        double expectedJoules = 0;
        for (int n = 0; n < samples; n++) {
            double volts = ringUp.loadVolts((n + 1) * SAMPLE_SECONDS);
            expectedJoules += volts * volts / LOAD_OHMS * SAMPLE_SECONDS;
        }
        assertEquals(expectedJoules, rig.trueEnergyJoules(), REL_TOL * expectedJoules);
        // The last block was samples 1984..2000 (16 samples): its ends are the cumulative values.
        assertEquals(rig.trueEnergyJoules(), rig.trueEnergyJoulesAt(samples), 0.0);
        double joulesBefore1984 = 0;
        for (int n = 0; n < 1984; n++) {
            double volts = ringUp.loadVolts((n + 1) * SAMPLE_SECONDS);
            joulesBefore1984 += volts * volts / LOAD_OHMS * SAMPLE_SECONDS;
        }
        assertEquals(joulesBefore1984, rig.trueEnergyJoulesAt(1984), REL_TOL * joulesBefore1984);
    }

    @Test
    void oracleEnergyIsTheBestReachablePowerAtTheDriveOfEachSample() {
        // A step from 1000 Hz to 1100 Hz at sample 1024 (51.2 ms).
        double stepSeconds = 1024 * SAMPLE_SECONDS;
        SimulatedRig rig = rig(Drive.of(new FrequencySteps(1000, new double[] {stepSeconds}, new double[] {1100}),
                DRIVE_VOLTS), 300, false);
        double before = steadyPowerWatts(faradsAt(bestSteps(1000)), 1000);
        double after = steadyPowerWatts(faradsAt(bestSteps(1100)), 1100);
        // Near the peak V0²·RL/(2R²) = 0.25·2/32 = 15.625 mW: the nearest step is at most 2.5 nF off C*,
        // ΔX = ΔC/(ωC²) ≤ 0.062 Ω, which costs X²/R² ≤ 2.4e-4 of the power, ≤ 3.8 µW.
        assertEquals(0.015625, before, 3.8e-6);
        read(rig, 1000);
        assertEquals(1000 * SAMPLE_SECONDS * before, rig.oracleEnergyJoules(), REL_TOL * rig.oracleEnergyJoules());
        assertEquals(1000.0, rig.trueDriveFrequencyHz());
        read(rig, 1048);
        double expectedJoules = (1024 * before + 1024 * after) * SAMPLE_SECONDS;
        assertEquals(expectedJoules, rig.oracleEnergyJoules(), REL_TOL * expectedJoules);
        assertEquals(rig.oracleEnergyJoules(), rig.oracleEnergyJoulesAt(2048), 0.0);
        // The last block read was samples 2024..2048 (blocks of 64 from sample 1000 on).
        double at2024 = (1024 * before + (2024 - 1024) * after) * SAMPLE_SECONDS;
        assertEquals(at2024, rig.oracleEnergyJoulesAt(2024), REL_TOL * at2024);
        assertEquals(1100.0, rig.trueDriveFrequencyHz());
        assertEquals(bestSteps(1100), rig.oracleBestPositionSteps());
    }

    @Test
    void theBestPositionIsWhereOneOverOmegaSquaredLLies() {
        SimulatedRig rig = rig(Drive.constant(1000, DRIVE_VOLTS), 300, false);
        // C* = 1/((2π·1000)²·0.01) = 2.5330 µF = 100 + (2.5330 − 1)/0.005 = 406.6 steps; power is
        // nearly symmetric in C there, so the nearer whole step wins.
        assertEquals(407, rig.oracleBestPositionSteps());
        assertEquals(407, bestSteps(1000));
    }

    @Test
    void energiesStartAtZeroAndAreNotCountedBeyondTheSamples() {
        SimulatedRig rig = rig(Drive.constant(1000, DRIVE_VOLTS), 407, false);
        assertEquals(0.0, rig.oracleEnergyJoules());
        read(rig, 64);
        double oracle = rig.oracleEnergyJoules();
        assertEquals(64 * SAMPLE_SECONDS * steadyPowerWatts(faradsAt(407), 1000), oracle, REL_TOL * oracle);
        assertTrue(rig.trueEnergyJoules() < oracle, "ringing up from rest, the load gets less than the oracle");
    }

    @Test
    void cumulativeEnergyIsKnownForTheLast65536SamplesAndTheNext() {
        SimulatedRig rig = rig(Drive.constant(1000, DRIVE_VOLTS), 300, false);
        double[] block = new double[64];
        rig.sampleSource().read(block, 0, 64);
        rig.sampleSource().read(block, 0, 64);
        assertEquals(rig.trueEnergyJoules(), rig.trueEnergyJoulesAt(128), 0.0);
        assertEquals(0.0, rig.trueEnergyJoulesAt(0), 0.0);
        assertTrue(rig.trueEnergyJoulesAt(64) > 0 && rig.trueEnergyJoulesAt(64) < rig.trueEnergyJoulesAt(128));
        var ahead = assertThrows(IllegalArgumentException.class, () -> rig.oracleEnergyJoulesAt(129));
        assertEquals("stream sample 129 is outside the truth history (65536 samples up to stream sample 128)",
                ahead.getMessage());
        double[] big = new double[65536];
        rig.sampleSource().read(big, 0, big.length);
        double before = rig.trueEnergyJoulesAt(129);
        assertTrue(before > 0 && before < rig.trueEnergyJoules(), "the oldest sample still held");
        var old = assertThrows(IllegalArgumentException.class, () -> rig.trueEnergyJoulesAt(128));
        assertEquals("stream sample 128 is outside the truth history (65536 samples up to stream sample 65664)",
                old.getMessage());
    }

    @Test
    void steppingThePhysicsBooksTheSameTruthAsReadingTheSource() {
        SimulatedRig reference = rig(Drive.constant(1000, DRIVE_VOLTS), 300, false);
        double[] block = new double[100];
        reference.sampleSource().read(block, 0, 100);
        SimulatedRig stepped = rig(Drive.constant(1000, DRIVE_VOLTS), 300, false);
        for (int i = 0; i < 100; i++) {
            stepped.stepPhysics();
        }
        assertEquals(100, stepped.physicsSampleIndex());
        assertEquals(reference.trueEnergyJoules(), stepped.trueEnergyJoules(), 0.0);
        assertEquals(reference.trueEnergyJoulesAt(60), stepped.trueEnergyJoulesAt(60), 0.0);
        assertEquals(reference.oracleEnergyJoulesAt(30), stepped.oracleEnergyJoulesAt(30), 0.0);
        stepped.setPositionSteps(301);
        assertEquals(301, stepped.actuator().positionSteps());
    }

    @Test
    void theVirtualClockAdvancesOneSamplePeriodPerSample() {
        SimulatedRig rig = rig(Drive.constant(1000, DRIVE_VOLTS), 300, false);
        assertEquals(0L, rig.clock().nanoTime());
        read(rig, 1000);
        // 1000 samples at 20 kS/s: 50 ms.
        assertEquals(50_000_000L, rig.clock().nanoTime());
        read(rig, 7);
        assertEquals(50_350_000L, rig.clock().nanoTime());
    }

    @Test
    void theActuatorSetsTheTunedValueOfTheMap() {
        DriveProfile drive = Drive.constant(1000, DRIVE_VOLTS);
        SimulatedRig rig = rig(drive, 300, false);
        assertSame(drive, rig.drive());
        assertEquals(2.0e-6, rig.tunedValue(), 1e-18);
        assertEquals(MIN_STEPS, rig.actuator().minPositionSteps());
        assertEquals(MAX_STEPS, rig.actuator().maxPositionSteps());
        rig.actuator().moveTo(500);
        assertEquals(3.0e-6, rig.tunedValue(), 1e-18);
        assertEquals(500, rig.actuator().positionSteps());
        rig.actuator().close();
        assertEquals(500, rig.actuator().positionSteps(), "closing holds the position");
    }

    @Test
    void theInitialPositionMustLieInTheRange() {
        assertEquals(MIN_STEPS, rig(Drive.constant(1000, DRIVE_VOLTS), MIN_STEPS, false).actuator().positionSteps());
        assertEquals(MAX_STEPS, rig(Drive.constant(1000, DRIVE_VOLTS), MAX_STEPS, false).actuator().positionSteps());
        var below = assertThrows(IllegalArgumentException.class,
                () -> rig(Drive.constant(1000, DRIVE_VOLTS), MIN_STEPS - 1, false));
        assertEquals("initialPositionSteps = 99 steps is outside [100, 900] steps", below.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rig(Drive.constant(1000, DRIVE_VOLTS), MAX_STEPS + 1, false));
    }

    @Test
    void onlyASettableDriveGetsADriveControl() {
        assertNull(rig(Drive.constant(1000, DRIVE_VOLTS), 300, false).driveControl(),
                "a drive profile is the experiment's, not the service's, to change");
        assertEquals(4000.0, SimulatedRig.maxDriveFrequencyHz(SAMPLE_RATE_HZ), "a fifth of the sample rate");
    }

    @Test
    void aPacedRigDeliversNoFasterThanTheWallClock() {
        long before = System.nanoTime();
        SimulatedRig rig = rig(Drive.constant(1000, DRIVE_VOLTS), 300, true);
        read(rig, 2000);
        // 2000 samples are 0.1 s of stream: they cannot all have arrived sooner (a slow machine only adds).
        assertTrue(System.nanoTime() - before >= 100_000_000L, "paced read returned early");
    }

    /** A wall clock that moves only when told to or when the rig waits on it; it records the waits. */
    private static final class FakeWallClock implements SimulatedRig.WallClock {
        long nowNanos = 1_000_000_000L;
        long waitedNanos;

        @Override
        public long nanoTime() {
            return nowNanos;
        }

        @Override
        public void parkNanos(long nanos) {
            waitedNanos += nanos;
            nowNanos += nanos;
        }
    }

    @Test
    void aPacedStreamStartsAtTheFirstReadNotAtConstruction() {
        FakeWallClock wall = new FakeWallClock();
        SimulatedRig rig = new SimulatedRig(SeriesRlcRig.linear(L_HENRIES, 0.5, 1.5, LOAD_OHMS),
                new LinearTuningMap(MIN_STEPS, MAX_STEPS, FARADS_AT_MIN, FARADS_AT_MAX), Drive.constant(1000, DRIVE_VOLTS),
                SensorModel.ideal(12, 3.3), SAMPLE_RATE_HZ, MIN_STEPS, MAX_STEPS, 300, true, wall);
        // Idle for 5 s (the emulator waiting for the host's HELLO): none of it may come out as a burst.
        wall.nowNanos += 5_000_000_000L;
        read(rig, 2000);
        // 2000 samples are 0.1 s of stream, due over 0.1 s from the first read: the rig waited all of it.
        assertEquals(100_000_000L, wall.waitedNanos, 50_000L);
        wall.nowNanos += 20_000_000L; // the consumer takes 20 ms elsewhere
        read(rig, 1000);
        // The next 50 ms of stream are due from the same start: 50 ms less the 20 ms already gone.
        assertEquals(130_000_000L, wall.waitedNanos, 50_000L);
    }

    @Test
    void aPacedRigParksWhileItWaitsInsteadOfSpinning() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SimulatedRig rig = rig(Drive.constant(1000, DRIVE_VOLTS), 300, true);
        long cpuBefore = threads.getCurrentThreadCpuTime();
        read(rig, 20_000);
        // One second of stream: computing 20 000 samples takes milliseconds of CPU, and a parked thread
        // takes none while it waits (however loaded the machine); a busy wait burns its share of the second.
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
        assertTrue(cpuNanos < PACED_CPU_LIMIT_NANOS, "CPU time while paced: " + cpuNanos + " ns");
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.SECONDS) // fails only if the interrupt were ignored: the wait would be 10 s
    void anInterruptEndsThePacingWaitAndStaysSet() {
        SimulatedRig rig = rig(Drive.constant(1000, DRIVE_VOLTS), 300, true);
        Thread.currentThread().interrupt();
        try {
            // 10 s of stream in one read: milliseconds of work, then a wait the interrupt must cut short.
            double[] block = new double[200_000];
            assertEquals(block.length, rig.sampleSource().read(block, 0, block.length));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is the caller's to see");
        } finally {
            Thread.interrupted();
        }
    }
}
