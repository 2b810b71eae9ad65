package org.resonantlearner.app;

import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.Seeds;
import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.control.Tuner;
import org.resonantlearner.control.Tuners;
import org.resonantlearner.harvest.EnergyLedger;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.PowerWindow;
import org.resonantlearner.harvest.TuningCost;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.loop.ServiceLoop;
import org.resonantlearner.loop.WindowListener;
import org.resonantlearner.telemetry.RunMeasures;
import org.resonantlearner.telemetry.RunSummary;
import org.resonantlearner.telemetry.WindowRow;

/**
 * One run of the service loop, wired from a {@link RunConfig} on the ports {@link Adapters} opens
 * (the simulated rig or a real front-end). Each window becomes a {@link WindowRow} handed to a
 * {@link RowSink} — the telemetry ring for {@code run}, the measures directly for {@code bench}. On
 * the simulated rig the row also carries the truth (true load power, oracle power); on hardware
 * those columns are NaN and the harvested energy is the measured one.
 */
public final class ServiceRun implements WindowListener, AutoCloseable {
    /**
     * Samples per read. A move takes effect at the next block, so the block is kept short against
     * the resonator's time constant (64 samples = 3.2 ms at 20 kS/s against τ = 5 ms).
     */
    public static final int BLOCK_SAMPLES = 64;
    /** Fraction of oracle power that counts as locked (DESIGN §3). */
    public static final double LOCK_FRACTION = 0.95;

    /** Where rows go; called on the control thread, must not allocate. */
    public interface RowSink {
        /** Takes one row; the array is reused after the call returns. */
        void accept(double[] row);
    }

    private final RunConfig config;
    private final Adapters.Opened ports;
    private final SimulatedRig rig;
    private final ServiceLoop loop;
    private final RowSink sink;
    private final double sampleRateHz;
    private final LockReference lockReference;
    private final double[] row = new double[WindowRow.COLUMNS];
    private long previousWindowEndSampleIndex;

    /** Opens the adapters of {@code config} and builds the meter, the tuner, the limits and the loop. */
    public ServiceRun(RunConfig config, boolean pacedToWallClock, RowSink sink) {
        this.config = config;
        this.sink = sink;
        this.ports = Adapters.open(config, pacedToWallClock);
        requireSameRange(config, ports);
        this.rig = ports.simulatedRig();
        this.sampleRateHz = ports.source().sampleRateHz();
        this.lockReference = LockReference.of(config, rig != null);
        var actuator = config.actuator();
        PowerMeter meter = new PowerMeter(sampleRateHz, config.rig().loadResistanceOhms(),
                config.meter().windowPeriods(), config.meter().maxWindowSeconds());
        Tuner tuner = Tuners.create(config.tunerName(), config.tunerSettings(), Seeds.derive(config.seed(), "tuner"));
        SafetyLimits limits = ports.safetyLimits(config);
        EnergyLedger ledger = new EnergyLedger(
                new TuningCost(actuator.tuningEnergyPerStepJoules(), actuator.tuningEnergyPerMoveJoules()));
        this.loop = new ServiceLoop(ports.source(), ports.actuator(), meter, tuner, limits, ledger, this,
                BLOCK_SAMPLES, ports.clock(), config.sensor().watchdogTimeoutSeconds());
    }

    /**
     * The tuning map spans the config's actuator range, so a device with another range would be
     * mapped wrongly: refuse it before anything moves.
     */
    private static void requireSameRange(RunConfig config, Adapters.Opened ports) {
        int min = ports.actuator().minPositionSteps();
        int max = ports.actuator().maxPositionSteps();
        var actuator = config.actuator();
        if (min != actuator.minPositionSteps() || max != actuator.maxPositionSteps()) {
            ports.close();
            throw new ConfigException("actuator.minPositionSteps, actuator.maxPositionSteps = ["
                    + actuator.minPositionSteps() + ", " + actuator.maxPositionSteps() + "] steps do not match the "
                    + config.mode().configName() + " actuator's range [" + min + ", " + max
                    + "] steps: set them to the actuator's range (the tuning map spans them)");
        }
    }

    /** The config this run was built from. */
    public RunConfig config() {
        return config;
    }

    /** Samples per second of the source (the device's rate on hardware). */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** True when the ports are the simulated rig (the truth columns are filled). */
    public boolean simulated() {
        return rig != null;
    }

    /** Puts the actuator in its safe state and releases the adapters. */
    @Override
    public void close() {
        ports.close();
    }

    /** Total samples of the configured duration. */
    public long totalSamples() {
        return Math.round(config.durationSeconds() * sampleRateHz);
    }

    /** The loop (to run it in slices, or stop it). */
    public ServiceLoop loop() {
        return loop;
    }

    /** What this run judges lock against ({@link LockReference}). */
    public LockReference lockReference() {
        return lockReference;
    }

    /** The simulated rig (truth for records and tests); null on hardware. */
    public SimulatedRig rig() {
        return rig;
    }

    /** Runs the whole configured duration on the calling thread. */
    public void runToEnd() {
        loop.run(totalSamples() - loop.streamSamples());
    }

    /** A fresh measures tracker for the drive events of {@code config}. */
    public static RunMeasures measuresFor(RunConfig config) {
        return new RunMeasures(LOCK_FRACTION, config.drive().eventTimesSeconds());
    }

    @Override
    public void onWindow(PowerWindow window, long windowEndSampleIndex, ServiceLoop serviceLoop) {
        EnergyLedger ledger = serviceLoop.ledger();
        row[WindowRow.TIME_SECONDS] = window.endTimeSeconds;
        row[WindowRow.DRIVE_FREQUENCY_HZ] = window.driveFrequencyHz;
        row[WindowRow.POSITION_STEPS] = window.positionSteps;
        row[WindowRow.TUNED_VALUE] = config.tuningMap().valueAt(window.positionSteps);
        row[WindowRow.LOAD_POWER_WATTS] = window.loadPowerWatts;
        if (rig != null) {
            double spanSeconds = (windowEndSampleIndex - previousWindowEndSampleIndex) / sampleRateHz;
            double trueJoules = rig.trueEnergyJoulesAt(windowEndSampleIndex);
            double oracleJoules = rig.oracleEnergyJoulesAt(windowEndSampleIndex);
            row[WindowRow.TRUE_LOAD_POWER_WATTS] = (trueJoules - row[WindowRow.HARVESTED_ENERGY_JOULES]) / spanSeconds;
            row[WindowRow.ORACLE_POWER_WATTS] = (oracleJoules - row[WindowRow.ORACLE_ENERGY_JOULES]) / spanSeconds;
            row[WindowRow.HARVESTED_ENERGY_JOULES] = trueJoules;
            row[WindowRow.ORACLE_ENERGY_JOULES] = oracleJoules;
            row[WindowRow.TRUE_DRIVE_FREQUENCY_HZ] = rig.trueDriveFrequencyHz();
        } else {
            row[WindowRow.TRUE_LOAD_POWER_WATTS] = Double.NaN;
            row[WindowRow.ORACLE_POWER_WATTS] = Double.NaN;
            row[WindowRow.HARVESTED_ENERGY_JOULES] = ledger.harvestedEnergyJoules();
            row[WindowRow.ORACLE_ENERGY_JOULES] = Double.NaN;
            row[WindowRow.TRUE_DRIVE_FREQUENCY_HZ] = Double.NaN;
        }
        row[WindowRow.TUNING_ENERGY_JOULES] = ledger.tuningEnergyJoules();
        row[WindowRow.ACTUATOR_MOVES] = ledger.moves();
        row[WindowRow.MEASURED_ENERGY_JOULES] = ledger.harvestedEnergyJoules();
        row[WindowRow.TRAVEL_STEPS] = ledger.travelSteps();
        row[WindowRow.SAFETY_INTERVENTIONS] = interventions(serviceLoop.limits());
        row[WindowRow.LOCK_REFERENCE_WATTS] = lockReference.referenceWatts(window, row[WindowRow.ORACLE_POWER_WATTS]);
        row[WindowRow.SAMPLES_LOST_BEFORE] = window.samplesLostBefore;
        // Once per window, on the control thread, as the window leaves for the recorder (no allocation).
        row[WindowRow.WALL_CLOCK_MILLIS] = System.currentTimeMillis();
        previousWindowEndSampleIndex = windowEndSampleIndex;
        sink.accept(row);
    }

    /** Commands the safety limits had to reject, clamp or slow down. */
    private static long interventions(SafetyLimits limits) {
        return limits.rejectedCommands() + limits.clampedCommands() + limits.rateLimitedCommands();
    }

    /** The summary of the run so far, with the lock and break-even figures of {@code measures}. */
    public RunSummary summary(RunMeasures measures, String exitStatus) {
        EnergyLedger ledger = loop.ledger();
        double harvestedJoules = rig != null ? rig.trueEnergyJoules() : ledger.harvestedEnergyJoules();
        double oracleJoules = rig != null ? rig.oracleEnergyJoules() : Double.NaN;
        return new RunSummary(config.rig().kind(), config.tunerName(), config.seed(), loop.elapsedSeconds(),
                harvestedJoules, ledger.harvestedEnergyJoules(), oracleJoules,
                measures.lockTimeSeconds(), measures.relockTimesSeconds(), measures.lockedFraction(), ledger.moves(),
                ledger.travelSteps(), ledger.tuningEnergyJoules(), measures.breakEvenTimeSeconds(),
                interventions(loop.limits()), loop.watchdogStalls(), loop.stalledSeconds(), exitStatus,
                lockReference.name(), ports.frontEndHealth());
    }
}
