package org.resonantlearner.app;

import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.Seeds;
import org.resonantlearner.app.config.SensorSettings;
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
import org.resonantlearner.rig.SensorModel;
import org.resonantlearner.telemetry.RunMeasures;
import org.resonantlearner.telemetry.RunSummary;
import org.resonantlearner.telemetry.WindowRow;

/**
 * One run of the service loop on the simulated rig, wired from a {@link RunConfig}: the place that
 * decides which adapters run in simulation. Each window becomes a {@link WindowRow} handed to a
 * {@link RowSink} — the telemetry ring for {@code run}, the measures directly for {@code bench}.
 */
public final class SimulatedRun implements WindowListener {
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
    private final SimulatedRig rig;
    private final ServiceLoop loop;
    private final RowSink sink;
    private final double sampleRateHz;
    private final double[] row = new double[WindowRow.COLUMNS];
    private long previousWindowEndSampleIndex;

    /** Builds the rig, the meter, the tuner, the limits and the loop for {@code config}. */
    public SimulatedRun(RunConfig config, boolean pacedToWallClock, RowSink sink) {
        this.config = config;
        this.sink = sink;
        SensorSettings sensor = config.sensor();
        this.sampleRateHz = sensor.sampleRateHz();
        SensorModel sensorModel = new SensorModel(sensor.adcBits(), sensor.fullScaleVolts(), sensor.noiseVoltsRms(),
                sensor.offsetVolts(), sensor.gainErrorFraction(), Seeds.derive(config.seed(), "sensor"));
        var actuator = config.actuator();
        this.rig = new SimulatedRig(config.rig(), config.tuningMap(), config.drive(), sensorModel, sampleRateHz,
                actuator.minPositionSteps(), actuator.maxPositionSteps(), actuator.initialPositionSteps(),
                pacedToWallClock);
        PowerMeter meter = new PowerMeter(sampleRateHz, config.rig().loadResistanceOhms(),
                config.meter().windowPeriods(), config.meter().maxWindowSeconds());
        Tuner tuner = Tuners.create(config.tunerName(), config.tunerSettings(), Seeds.derive(config.seed(), "tuner"));
        SafetyLimits limits = new SafetyLimits(actuator.minPositionSteps(), actuator.maxPositionSteps(),
                actuator.maxStepRateStepsPerSecond());
        EnergyLedger ledger = new EnergyLedger(
                new TuningCost(actuator.tuningEnergyPerStepJoules(), actuator.tuningEnergyPerMoveJoules()));
        this.loop = new ServiceLoop(rig.sampleSource(), rig.actuator(), meter, tuner, limits, ledger, this,
                BLOCK_SAMPLES, rig.clock(), sensor.watchdogTimeoutSeconds());
    }

    /** Total samples of the configured duration. */
    public long totalSamples() {
        return Math.round(config.durationSeconds() * sampleRateHz);
    }

    /** The loop (to run it in slices, or stop it). */
    public ServiceLoop loop() {
        return loop;
    }

    /** The simulated rig (truth for records and tests). */
    public SimulatedRig rig() {
        return rig;
    }

    /** Runs the whole configured duration on the calling thread. */
    public void runToEnd() {
        loop.run(totalSamples() - loop.samplesRead());
    }

    /** A fresh measures tracker for the drive events of {@code config}. */
    public static RunMeasures measuresFor(RunConfig config) {
        return new RunMeasures(LOCK_FRACTION, config.drive().eventTimesSeconds());
    }

    @Override
    public void onWindow(PowerWindow window, long windowEndSampleIndex, ServiceLoop serviceLoop) {
        EnergyLedger ledger = serviceLoop.ledger();
        double spanSeconds = (windowEndSampleIndex - previousWindowEndSampleIndex) / sampleRateHz;
        double trueJoules = rig.trueEnergyJoulesAt(windowEndSampleIndex);
        double oracleJoules = rig.oracleEnergyJoulesAt(windowEndSampleIndex);
        row[WindowRow.TIME_SECONDS] = window.endTimeSeconds;
        row[WindowRow.DRIVE_FREQUENCY_HZ] = window.driveFrequencyHz;
        row[WindowRow.POSITION_STEPS] = window.positionSteps;
        row[WindowRow.TUNED_VALUE] = config.tuningMap().valueAt(window.positionSteps);
        row[WindowRow.LOAD_POWER_WATTS] = window.loadPowerWatts;
        row[WindowRow.TRUE_LOAD_POWER_WATTS] = (trueJoules - row[WindowRow.HARVESTED_ENERGY_JOULES]) / spanSeconds;
        row[WindowRow.ORACLE_POWER_WATTS] = (oracleJoules - row[WindowRow.ORACLE_ENERGY_JOULES]) / spanSeconds;
        row[WindowRow.HARVESTED_ENERGY_JOULES] = trueJoules;
        row[WindowRow.ORACLE_ENERGY_JOULES] = oracleJoules;
        row[WindowRow.TUNING_ENERGY_JOULES] = ledger.tuningEnergyJoules();
        row[WindowRow.ACTUATOR_MOVES] = ledger.moves();
        row[WindowRow.TRUE_DRIVE_FREQUENCY_HZ] = rig.trueDriveFrequencyHz();
        row[WindowRow.MEASURED_ENERGY_JOULES] = ledger.harvestedEnergyJoules();
        row[WindowRow.TRAVEL_STEPS] = ledger.travelSteps();
        row[WindowRow.SAFETY_INTERVENTIONS] = interventions(serviceLoop.limits());
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
        return new RunSummary(config.rig().kind(), config.tunerName(), config.seed(), loop.elapsedSeconds(),
                rig.trueEnergyJoules(), ledger.harvestedEnergyJoules(), rig.oracleEnergyJoules(),
                measures.lockTimeSeconds(), measures.relockTimesSeconds(), measures.lockedFraction(), ledger.moves(),
                ledger.travelSteps(), ledger.tuningEnergyJoules(), measures.breakEvenTimeSeconds(),
                interventions(loop.limits()), loop.watchdogStalls(), loop.stalledSeconds(), exitStatus);
    }
}
