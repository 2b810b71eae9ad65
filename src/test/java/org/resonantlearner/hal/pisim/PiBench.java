package org.resonantlearner.hal.pisim;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.calibration.JsonDocument;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.rig.SensorModel;

/**
 * A simulated Pi built from a config as {@code Adapters} builds it for {@code pi4j.simulated}, with
 * its Pi4J context, so that a test wires the real driver itself and keeps its concrete type.
 */
final class PiBench implements AutoCloseable {
    final RunConfig config;
    final SimulatedPi pi;
    final Context context;

    private PiBench(RunConfig config, SimulatedPi pi) {
        this.config = config;
        this.pi = pi;
        this.context = pi.context();
    }

    /** The config of {@code json} (relaxed JSON, as in a config file). */
    static RunConfig config(String json) {
        return ConfigLoader.fromTree("test config", JsonDocument.parseObject(json), ConfigLoader.Overrides.none());
    }

    /** The bench of {@code config} without chips: the physics at the converter's rate, faults of the config. */
    static PiBench of(RunConfig config) {
        var actuator = config.actuator();
        SimulatedRig rig = new SimulatedRig(config.rig(), config.tuningMap(), config.drive(),
                SensorModel.ideal(config.sensor().adcBits(), config.sensor().fullScaleVolts()),
                config.pi4j().adc().sampleRateHz(), actuator.minPositionSteps(), actuator.maxPositionSteps(),
                actuator.initialPositionSteps(), false);
        return new PiBench(config, new SimulatedPi(rig, new VirtualTimer(false), config.pi4j().faults(), config.seed()));
    }

    VirtualTimer timer() {
        return pi.timer();
    }

    /** An I2C device on bus 1 at {@code address}, as Adapters opens it. */
    I2C i2c(String id, int address) {
        return context.create(I2C.newConfigBuilder(context).id(id).bus(1).device(address));
    }

    /** A pulled-up input with debounce 0 on {@code bcmPin} (the ADS1115's ALERT/RDY), as Adapters opens it. */
    DigitalInput pulledUpInput(String id, int bcmPin) {
        return context.create(DigitalInput.newConfigBuilder(context).id(id).address(bcmPin)
                .pull(PullResistance.PULL_UP).debounce(0L));
    }

    @Override
    public void close() {
        context.shutdown();
        pi.shutdown();
    }
}
