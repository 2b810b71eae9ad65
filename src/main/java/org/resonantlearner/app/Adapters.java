package org.resonantlearner.app;

import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.Seeds;
import org.resonantlearner.app.config.SensorSettings;
import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.SystemClock;
import org.resonantlearner.hal.TuningActuator;
import org.resonantlearner.hal.serial.ChannelCalibration;
import org.resonantlearner.hal.serial.SerialFrontEnd;
import org.resonantlearner.hal.serial.SerialFrontEndSettings;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.rig.SensorModel;

/**
 * The one place that decides which adapters run (DESIGN §4): a switch over the config's run mode.
 * Everything downstream sees only the ports.
 */
public final class Adapters {
    private Adapters() {}

    /**
     * The ports of one run and what must be closed after it.
     *
     * @param source the sample source
     * @param actuator the tuning actuator
     * @param clock the clock of the watchdog
     * @param simulatedRig the simulated rig behind the ports, for its truth (oracle, true energy); null on hardware
     */
    public record Opened(SampleSource source, TuningActuator actuator, Clock clock, SimulatedRig simulatedRig)
            implements AutoCloseable {

        /** True when the ports are the simulated rig. */
        public boolean simulated() {
            return simulatedRig != null;
        }

        /** Puts the actuator in its safe state and releases the hardware. */
        @Override
        public void close() {
            actuator.close();
            source.close();
        }
    }

    /** Opens the adapters of {@code config.mode()}. */
    public static Opened open(RunConfig config, boolean pacedToWallClock) {
        return switch (config.mode()) {
            case SIM -> simulated(config, pacedToWallClock);
            case SERIAL -> serial(config);
        };
    }

    private static Opened simulated(RunConfig config, boolean pacedToWallClock) {
        SensorSettings sensor = config.sensor();
        SensorModel sensorModel = new SensorModel(sensor.adcBits(), sensor.fullScaleVolts(), sensor.noiseVoltsRms(),
                sensor.offsetVolts(), sensor.gainErrorFraction(), Seeds.derive(config.seed(), "sensor"));
        var actuator = config.actuator();
        SimulatedRig rig = new SimulatedRig(config.rig(), config.tuningMap(), config.drive(), sensorModel,
                sensor.sampleRateHz(), actuator.minPositionSteps(), actuator.maxPositionSteps(),
                actuator.initialPositionSteps(), pacedToWallClock);
        return new Opened(rig.sampleSource(), rig.actuator(), rig.clock(), rig);
    }

    private static Opened serial(RunConfig config) {
        SerialFrontEnd frontEnd = SerialFrontEnd.open(config.serial().port(), SerialFrontEndSettings.defaults(),
                new ChannelCalibration(config.sensor().offsetVolts(), config.sensor().gainErrorFraction()));
        return new Opened(frontEnd, frontEnd, new SystemClock(), null);
    }
}
