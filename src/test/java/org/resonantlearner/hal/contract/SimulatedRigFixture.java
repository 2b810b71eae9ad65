package org.resonantlearner.hal.contract;

import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.Seeds;
import org.resonantlearner.app.config.SensorSettings;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.rig.SensorModel;

/** The simulated rig of the default config with a fixed seed, unpaced (virtual time only). */
final class SimulatedRigFixture {
    private static final long SEED = 42L;

    private SimulatedRigFixture() {}

    static SimulatedRig defaultRig() {
        RunConfig config = ConfigLoader.load(null, new ConfigLoader.Overrides(SEED, null, null));
        SensorSettings sensor = config.sensor();
        SensorModel sensorModel = new SensorModel(sensor.adcBits(), sensor.fullScaleVolts(), sensor.noiseVoltsRms(),
                sensor.offsetVolts(), sensor.gainErrorFraction(), Seeds.derive(SEED, "sensor"));
        var actuator = config.actuator();
        return new SimulatedRig(config.rig(), config.tuningMap(), config.drive(), sensorModel, sensor.sampleRateHz(),
                actuator.minPositionSteps(), actuator.maxPositionSteps(), actuator.initialPositionSteps(), false);
    }
}
