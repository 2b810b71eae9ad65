package org.resonantlearner.hal.sim;

import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.DriveControl;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.TuningActuator;
import org.resonantlearner.rig.DriveProfile;
import org.resonantlearner.rig.Oracle;
import org.resonantlearner.rig.ResonatorSimulator;
import org.resonantlearner.rig.RigModel;
import org.resonantlearner.rig.SensorModel;
import org.resonantlearner.rig.SettableDrive;
import org.resonantlearner.rig.TuningMap;

/**
 * The simulated rig: the physics model behind the same ports the hardware adapters implement.
 *
 * <p>{@link #sampleSource()}, {@link #actuator()} and {@link #clock()} are all a tuner or the loop
 * ever see. The "truth" accessors (true harvested energy, oracle energy, true drive) exist only
 * here, for the run record and the benchmarks: they never reach a tuner.
 *
 * <p>Time is virtual: the clock advances by one sample period per sample produced, as fast as the CPU
 * allows, or — with {@code pacedToWallClock} — the source blocks until the wall clock has caught up
 * with the samples it returns, like a real ADC. The paced stream starts at the first read, not at
 * construction: a rig that waits for its consumer (the front-end emulator waits for the host's HELLO)
 * would otherwise deliver the idle time's samples in one burst, computed with a tuning that the
 * consumer's moves reach only as they catch up.
 */
public final class SimulatedRig {
    /** Samples between oracle evaluations; the oracle power is held in between. */
    private static final int ORACLE_STRIDE_SAMPLES = 16;

    private final ResonatorSimulator simulator;
    private final SensorModel sensor;
    private final TuningMap tuningMap;
    private final Oracle oracle;
    private final DriveProfile drive;
    private final double samplePeriodSeconds;
    private final int minPositionSteps;
    private final int maxPositionSteps;
    private final boolean pacedToWallClock;
    private final DriveControl driveControl;
    private final WallClock wallClock;
    private long wallStartNanos;
    private boolean wallStarted;

    private int positionSteps;
    private double trueEnergyJoules;
    private double oracleEnergyJoules;
    private double oraclePowerWatts;
    private boolean closed;

    // Cumulative truth before each of the last TRUTH_HISTORY_SAMPLES physics samples (slot i & mask
    // holds the value before sample i), so a window's true power can be taken over exactly the samples
    // the meter used.
    private static final int TRUTH_HISTORY_SAMPLES = 1 << 16;
    private static final int TRUTH_HISTORY_MASK = TRUTH_HISTORY_SAMPLES - 1;
    private final double[] historyTrueEnergyJoules = new double[TRUTH_HISTORY_SAMPLES];
    private final double[] historyOracleEnergyJoules = new double[TRUTH_HISTORY_SAMPLES];

    private final Source source = new Source();
    private final Actuator actuator = new Actuator();
    private final VirtualClock clock = new VirtualClock();

    /** The wall clock a paced rig keeps to: the system's, or a test's. */
    interface WallClock {
        /** Monotonic wall time (ns). */
        long nanoTime();

        /** Waits about {@code nanos} ns, or less when interrupted (the flag stays set). */
        void parkNanos(long nanos);
    }

    private static final WallClock SYSTEM_WALL_CLOCK = new WallClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkNanos(long nanos) {
            java.util.concurrent.locks.LockSupport.parkNanos(nanos);
        }
    };

    /**
     * Builds a simulated rig.
     *
     * @param initialPositionSteps actuator position at the start, inside [min, max]
     * @param pacedToWallClock true to deliver samples no faster than real time (demos, the service)
     */
    public SimulatedRig(RigModel rig, TuningMap tuningMap, DriveProfile drive, SensorModel sensor,
            double sampleRateHz, int minPositionSteps, int maxPositionSteps, int initialPositionSteps,
            boolean pacedToWallClock) {
        this(rig, tuningMap, drive, sensor, sampleRateHz, minPositionSteps, maxPositionSteps, initialPositionSteps,
                pacedToWallClock, SYSTEM_WALL_CLOCK);
    }

    /** The same, paced (when {@code pacedToWallClock}) to {@code wallClock}. */
    SimulatedRig(RigModel rig, TuningMap tuningMap, DriveProfile drive, SensorModel sensor,
            double sampleRateHz, int minPositionSteps, int maxPositionSteps, int initialPositionSteps,
            boolean pacedToWallClock, WallClock wallClock) {
        if (initialPositionSteps < minPositionSteps || initialPositionSteps > maxPositionSteps) {
            throw new IllegalArgumentException("initialPositionSteps = " + initialPositionSteps
                    + " steps is outside [" + minPositionSteps + ", " + maxPositionSteps + "] steps");
        }
        this.tuningMap = tuningMap;
        this.drive = drive;
        this.sensor = sensor;
        this.samplePeriodSeconds = 1.0 / sampleRateHz;
        this.minPositionSteps = minPositionSteps;
        this.maxPositionSteps = maxPositionSteps;
        this.positionSteps = initialPositionSteps;
        this.pacedToWallClock = pacedToWallClock;
        this.simulator = new ResonatorSimulator(rig, drive, sampleRateHz, tuningMap.valueAt(initialPositionSteps));
        this.oracle = new Oracle(rig, tuningMap, minPositionSteps, maxPositionSteps);
        this.driveControl = drive instanceof SettableDrive settable
                ? new SimulatedDriveControl(settable, maxDriveFrequencyHz(sampleRateHz)) : null;
        this.wallClock = wallClock;
    }

    /** The sample-source port of this rig. */
    public SampleSource sampleSource() {
        return source;
    }

    /** The actuator port of this rig. */
    public TuningActuator actuator() {
        return actuator;
    }

    /** The virtual clock: one sample period per sample produced. */
    public Clock clock() {
        return clock;
    }

    /**
     * The drive-control port when the rig was built with a {@link SettableDrive} (calibration);
     * null otherwise: a drive profile is the experiment's, not the service's, to change.
     */
    public DriveControl driveControl() {
        return driveControl;
    }

    /**
     * Highest drive frequency the simulated drive control produces at {@code sampleRateHz}: a fifth
     * of the sample rate (the power meter and the fits want at least five samples per period).
     */
    public static double maxDriveFrequencyHz(double sampleRateHz) {
        return sampleRateHz / 5.0;
    }

    /** True load energy delivered since the start (J), from the physics. */
    public double trueEnergyJoules() {
        return trueEnergyJoules;
    }

    /** Oracle energy since the start (J): always-best reachable tuning at every instant. */
    public double oracleEnergyJoules() {
        return oracleEnergyJoules;
    }

    /**
     * Cumulative true load energy (J) before stream sample {@code sampleIndex}; valid for the last
     * 65 536 samples and the next one.
     */
    public double trueEnergyJoulesAt(long sampleIndex) {
        return historyTrueEnergyJoules[historySlot(sampleIndex)];
    }

    /** Cumulative oracle energy (J) before stream sample {@code sampleIndex}; same validity as {@link #trueEnergyJoulesAt}. */
    public double oracleEnergyJoulesAt(long sampleIndex) {
        return historyOracleEnergyJoules[historySlot(sampleIndex)];
    }

    private int historySlot(long sampleIndex) {
        long next = simulator.sampleIndex();
        if (sampleIndex > next || sampleIndex <= next - TRUTH_HISTORY_SAMPLES) {
            throw new IllegalArgumentException("stream sample " + sampleIndex + " is outside the truth history ("
                    + TRUTH_HISTORY_SAMPLES + " samples up to stream sample " + next + ")");
        }
        return (int) (sampleIndex & TRUTH_HISTORY_MASK);
    }

    /**
     * Advances the physics by one sample period with the tuning in force and books the truth, without
     * a sensor reading: how emulated converters sample this rig ({@code hal.pisim}; the k-th step
     * stands for stream sample k − 1, as the k-th sample read does). Returns the true load voltage (V)
     * at the new instant. Not for use together with {@link #sampleSource()}.
     */
    public double stepPhysics() {
        stepOnce();
        return simulator.loadVolts();
    }

    /** Physics samples taken so far ({@link #stepPhysics} or the source's reads). */
    public long physicsSampleIndex() {
        return simulator.sampleIndex();
    }

    /** Physics time now (s): {@link #physicsSampleIndex()} sample periods. */
    public double physicsTimeSeconds() {
        return simulator.timeSeconds();
    }

    /** Sets the tuning to position {@code positionSteps} (inside the range) from the next physics sample on. */
    public void setPositionSteps(int positionSteps) {
        actuator.moveTo(positionSteps);
    }

    /** One physics step; the truth before the next sample goes to its slot (slot 0 is the start, all zero). */
    private void stepOnce() {
        long index = simulator.sampleIndex();
        simulator.step();
        if (index % ORACLE_STRIDE_SAMPLES == 0) {
            oraclePowerWatts = oracle.powerWatts(simulator.driveFrequencyHz(), simulator.driveAmplitude());
        }
        trueEnergyJoules += simulator.loadPowerWatts() * samplePeriodSeconds;
        oracleEnergyJoules += oraclePowerWatts * samplePeriodSeconds;
        historyTrueEnergyJoules[(int) ((index + 1) & TRUTH_HISTORY_MASK)] = trueEnergyJoules;
        historyOracleEnergyJoules[(int) ((index + 1) & TRUTH_HISTORY_MASK)] = oracleEnergyJoules;
    }

    /** The drive frequency in force now (Hz). */
    public double trueDriveFrequencyHz() {
        return simulator.driveFrequencyHz();
    }

    /** The drive profile. */
    public DriveProfile drive() {
        return drive;
    }

    /** The tuned parameter's value now (F, N/m or kg). */
    public double tunedValue() {
        return simulator.tunedValue();
    }

    /** The best reachable position for the drive in force now (steps); for tests and reports. */
    public int oracleBestPositionSteps() {
        oracle.powerWatts(simulator.driveFrequencyHz(), simulator.driveAmplitude());
        return oracle.bestPositionSteps();
    }

    private final class Source implements SampleSource {
        @Override
        public double sampleRateHz() {
            return 1.0 / samplePeriodSeconds;
        }

        @Override
        public int read(double[] loadVolts, int offset, int count) {
            if (closed) {
                return -1;
            }
            if (!wallStarted) {
                // The stream starts now: sample n is due n sample periods after this read began
                // (noted unpaced too, where nothing waits for it).
                wallStartNanos = wallClock.nanoTime();
                wallStarted = true;
            }
            for (int i = 0; i < count; i++) {
                stepOnce();
                loadVolts[offset + i] = sensor.sampleVolts(simulator.loadVolts());
            }
            if (pacedToWallClock) {
                waitForWallClock();
            }
            return count;
        }

        private void waitForWallClock() {
            long dueNanos = wallStartNanos + (long) (simulator.timeSeconds() * 1e9);
            long remaining;
            while ((remaining = dueNanos - wallClock.nanoTime()) > 0) {
                wallClock.parkNanos(remaining);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final class Actuator implements TuningActuator {
        @Override
        public int minPositionSteps() {
            return minPositionSteps;
        }

        @Override
        public int maxPositionSteps() {
            return maxPositionSteps;
        }

        @Override
        public int positionSteps() {
            return positionSteps;
        }

        @Override
        public void moveTo(int targetSteps) {
            positionSteps = requireInRange(targetSteps);
            simulator.setTunedValue(tuningMap.valueAt(targetSteps));
        }

        @Override
        public void close() {
            // A simulated actuator simply holds its position.
        }
    }

    private final class VirtualClock implements Clock {
        @Override
        public long nanoTime() {
            return Math.round(simulator.timeSeconds() * 1e9);
        }
    }
}
