package org.resonantlearner.app;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.resonantlearner.app.config.Pi4jSettings;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.app.config.Seeds;
import org.resonantlearner.app.config.SensorSettings;
import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.DriveControl;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.SystemClock;
import org.resonantlearner.hal.TuningActuator;
import org.resonantlearner.hal.pi4j.Ads1115SampleSource;
import org.resonantlearner.hal.pi4j.DigitalInputReadySignal;
import org.resonantlearner.hal.pi4j.Mcp3x08SampleSource;
import org.resonantlearner.hal.pi4j.Mcp4725DacActuator;
import org.resonantlearner.hal.pi4j.PiTimer;
import org.resonantlearner.hal.pi4j.PwmDutyCycleActuator;
import org.resonantlearner.hal.pi4j.StepDirStepperActuator;
import org.resonantlearner.hal.pi4j.SwitchedCapacitorBankActuator;
import org.resonantlearner.hal.pi4j.SystemTimer;
import org.resonantlearner.hal.AdcCalibration;
import org.resonantlearner.hal.serial.FrontEndInfo;
import org.resonantlearner.hal.serial.SerialFrontEnd;
import org.resonantlearner.hal.serial.SerialFrontEndSettings;
import org.resonantlearner.hal.pisim.AnalogPath;
import org.resonantlearner.hal.pisim.SimulatedPi;
import org.resonantlearner.hal.pisim.VirtualTimer;
import org.resonantlearner.hal.sim.SimulatedRig;
import org.resonantlearner.loop.LimitedActuator;
import org.resonantlearner.rig.SensorModel;
import org.tinylog.Logger;

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
     * @param release what else to release after the ports are closed (the Pi4J context); a no-op otherwise
     * @param frontEnd the front-end's health and identity as a JSON object, read at each call; null when the
     *     ports have no front-end link (the simulated rig, the Pi adapters)
     */
    public record Opened(SampleSource source, TuningActuator actuator, Clock clock, SimulatedRig simulatedRig,
            Runnable release, Supplier<Map<String, Object>> frontEnd) implements AutoCloseable {

        /** Ports without a front-end link. */
        public Opened(SampleSource source, TuningActuator actuator, Clock clock, SimulatedRig simulatedRig,
                Runnable release) {
            this(source, actuator, clock, simulatedRig, release, null);
        }

        /** Ports that need nothing released beyond themselves. */
        public Opened(SampleSource source, TuningActuator actuator, Clock clock, SimulatedRig simulatedRig) {
            this(source, actuator, clock, simulatedRig, () -> { });
        }

        /**
         * The front-end's counters and INFO now (summary.json's {@code frontEnd}, selftest's output);
         * null without a front-end link.
         */
        public Map<String, Object> frontEndHealth() {
            return frontEnd == null ? null : frontEnd.get();
        }

        /** The limits every move of this actuator passes: its range and the config's step-rate limit. */
        public SafetyLimits safetyLimits(RunConfig config) {
            return new SafetyLimits(actuator.minPositionSteps(), actuator.maxPositionSteps(),
                    config.actuator().maxStepRateStepsPerSecond());
        }

        /**
         * The actuator behind {@link #safetyLimits} on these ports' clock, for callers outside the service
         * loop ({@code calibrate}, {@code selftest}): limited from their first move, as a run is.
         */
        public LimitedActuator limitedActuator(RunConfig config) {
            return new LimitedActuator(actuator, safetyLimits(config), clock);
        }

        /** The drive the service can set (the simulated rig built with a SettableDrive); null for a fixed drive. */
        public DriveControl driveControl() {
            return simulatedRig == null ? null : simulatedRig.driveControl();
        }

        /** True when the ports are the simulated rig. */
        public boolean simulated() {
            return simulatedRig != null;
        }

        /** Puts the actuator in its safe state and releases the hardware. */
        @Override
        public void close() {
            try {
                actuator.close();
                source.close();
                if (driveControl() != null) {
                    driveControl().close();
                }
            } finally {
                release.run();
            }
        }
    }

    /** Opens the adapters of {@code config.mode()}. */
    public static Opened open(RunConfig config, boolean pacedToWallClock) {
        return switch (config.mode()) {
            case SIM -> simulated(config, pacedToWallClock);
            case SERIAL -> serial(config);
            case PI4J -> config.pi4j().simulated() ? simulatedPi(config, pacedToWallClock)
                    : pi4j(config, newPi4jContext(config.pi4j()), new SystemTimer());
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

    /**
     * The Pi adapters on simulated Pi hardware ({@code pi4j.simulated}): the same drivers as on a Pi,
     * on the I/O of a {@link SimulatedPi} whose chips sample and tune the simulated rig in virtual
     * time. The rig's truth (true and oracle energy) reaches the record as in {@code sim} mode; the
     * sensing is the emulated converter's, with the config's sensor noise, offset and gain error
     * (which the driver's calibration, the same numbers, takes out again).
     */
    private static Opened simulatedPi(RunConfig config, boolean pacedToWallClock) {
        Pi4jSettings wiring = config.pi4j();
        SensorSettings sensor = config.sensor();
        var actuator = config.actuator();
        // The physics steps at the converter's rate; the rig's own sensor model is not used.
        SimulatedRig rig = new SimulatedRig(config.rig(), config.tuningMap(), config.drive(),
                SensorModel.ideal(sensor.adcBits(), sensor.fullScaleVolts()), wiring.adc().sampleRateHz(),
                actuator.minPositionSteps(), actuator.maxPositionSteps(), actuator.initialPositionSteps(), false);
        VirtualTimer timer = new VirtualTimer(pacedToWallClock);
        SimulatedPi bench = new SimulatedPi(rig, timer, wiring.faults(), Seeds.derive(config.seed(), "pi-hardware"));
        AnalogPath path = new AnalogPath(wiring.frontEnd(), sensor.noiseVoltsRms(), sensor.offsetVolts(),
                sensor.gainErrorFraction(), Seeds.derive(config.seed(), "sensor"));
        switch (wiring.adc()) {
            case Pi4jSettings.SpiAdc adc -> bench.addMcp3x08(adc.spiBus(), adc.chipSelect(), adc.settings(), path);
            case Pi4jSettings.I2cAdc adc -> bench.addAds1115(adc.i2cBus(), adc.address(), adc.readyPin(), adc.settings(),
                    path);
        }
        switch (wiring.actuator()) {
            // With a home switch the rig is wherever it was left (homing finds it); without one the README
            // asks for it to be parked at its end stop, position 0.
            case Pi4jSettings.StepperWiring stepper -> bench.addStepDirDriver(stepper.stepPin(), stepper.dirPin(),
                    stepper.enablePin(), stepper.homePin(), stepper.modePins(), stepper.settings(),
                    stepper.homePin() == Pi4jSettings.NO_PIN ? 0 : actuator.initialPositionSteps());
            // The DAC powers up at its EEPROM's code: the run's initial position, as if stored there before.
            case Pi4jSettings.Mcp4725Wiring dac -> bench.addMcp4725(dac.i2cBus(), dac.address(),
                    actuator.initialPositionSteps());
            case Pi4jSettings.CapacitorBankWiring bank -> bench.addCapacitorBank(bank.switchPins(), bank.settings());
            case Pi4jSettings.PwmWiring pwm -> bench.addPwmTuning(pwm.pwmChannel(), pwm.settings());
        }
        Opened onBench = pi4j(config, bench.context(), timer);
        return new Opened(onBench.source(), onBench.actuator(), timer, rig, () -> {
            try {
                onBench.release().run();
            } finally {
                bench.shutdown();
            }
        });
    }

    private static Opened serial(RunConfig config) {
        SerialFrontEnd frontEnd = SerialFrontEnd.open(config.serial().port(), SerialFrontEndSettings.defaults(),
                new AdcCalibration(config.sensor().offsetVolts(), config.sensor().gainErrorFraction()));
        return new Opened(frontEnd, frontEnd, new SystemClock(), null, () -> { },
                () -> frontEndHealth(config.serial().port(), frontEnd));
    }

    /** The serial front-end's link counters and the device's INFO, keys in a fixed order. */
    static Map<String, Object> frontEndHealth(String port, SerialFrontEnd frontEnd) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("port", port);
        FrontEndInfo info = frontEnd.deviceInfo();
        if (info != null) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("firmwareVersion", info.firmwareMajor() + "." + info.firmwareMinor() + "." + info.firmwarePatch());
            device.put("bootId", info.bootId());
            device.put("protocolVersion", info.protocolVersion());
            device.put("adcBits", info.adcBits());
            device.put("sampleRateHz", info.sampleRateHz());
            device.put("samplesPerFrame", info.samplesPerFrame());
            health.put("device", device);
        }
        health.put("connected", frontEnd.connected());
        health.put("framesDecoded", frontEnd.framesDecoded());
        health.put("corruptFrames", frontEnd.corruptFrames());
        health.put("droppedFrames", frontEnd.droppedFrames());
        health.put("bytesSkipped", frontEnd.bytesSkipped());
        health.put("samplesLost", frontEnd.samplesLost());
        health.put("ringOverrunSamples", frontEnd.ringOverrunSamples());
        health.put("invalidSampleFrames", frontEnd.invalidSampleFrames());
        health.put("connections", frontEnd.connections());
        health.put("reconnects", frontEnd.reconnects());
        health.put("disconnects", frontEnd.disconnects());
        health.put("failedAttempts", frontEnd.failedAttempts());
        return health;
    }

    /**
     * The Pi4J context of a run on the Pi: gpiod for digital I/O, linuxfs for SPI, I2C and PWM (on
     * the configured pwmchip). Providers are named, never auto-detected, so a mock plugin on the
     * classpath cannot take over the hardware.
     */
    static Context newPi4jContext(Pi4jSettings wiring) {
        int pwmChip = wiring.actuator() instanceof Pi4jSettings.PwmWiring pwm ? pwm.pwmChip() : 0;
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(GpioDDigitalOutputProvider.newInstance(), GpioDDigitalInputProvider.newInstance(),
                        LinuxFsSpiProvider.newInstance(), LinuxFsI2CProvider.newInstance(),
                        LinuxFsPwmProvider.newInstance(pwmChip))
                .build();
    }

    /**
     * Opens the Pi adapters of {@code config.pi4j()} on I/O created from {@code context}, which the
     * returned ports own: closing them shuts it down (and so does a failure to open them). Tests pass
     * a context of Pi4J's mock providers.
     */
    static Opened pi4j(RunConfig config, Context context, PiTimer timer) {
        List<AutoCloseable> listeners = new ArrayList<>();
        Runnable release = () -> {
            for (AutoCloseable listener : listeners) {
                try {
                    listener.close();
                } catch (Exception e) {
                    // The context shutdown below releases the pin anyway.
                }
            }
            context.shutdown();
        };
        try {
            Pi4jSettings wiring = config.pi4j();
            SampleSource source = pi4jSource(wiring, context, timer, listeners);
            TuningActuator actuator;
            try {
                actuator = pi4jActuator(wiring.actuator(), context, timer);
                // Every run starts where the config says, as on the simulated rig (a bank or a PWM opens at 0,
                // a homed stepper at its switch). Outside the actuator's own range the run refuses the range
                // mismatch itself (ServiceRun), with the keys to change.
                int initial = config.actuator().initialPositionSteps();
                if (actuator.positionSteps() != initial && initial >= actuator.minPositionSteps()
                        && initial <= actuator.maxPositionSteps()) {
                    actuator.moveTo(initial);
                }
            } catch (RuntimeException e) {
                source.close();
                throw e;
            }
            return new Opened(source, actuator, timer, null, release);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private static SampleSource pi4jSource(Pi4jSettings wiring, Context context, PiTimer timer,
            List<AutoCloseable> listeners) {
        return switch (wiring.adc()) {
            case Pi4jSettings.SpiAdc adc -> {
                int chipSelect = adc.chipSelect();
                Spi spi = context.create(Spi.newConfigBuilder(context).id("adc-spi")
                        .bus(adc.spiBus()).channel(chipSelect).chipSelect(SpiChipSelect.getByNumber(chipSelect))
                        .mode(SpiMode.MODE_0).baud((int) Math.round(adc.settings().spiClockHz())));
                yield new Mcp3x08SampleSource(spi, adc.settings(), wiring.frontEnd(), timer, timer);
            }
            case Pi4jSettings.I2cAdc adc -> {
                I2C i2c = context.create(I2C.newConfigBuilder(context).id("adc-i2c")
                        .bus(adc.i2cBus()).device(adc.address()));
                if (!adc.continuous()) {
                    yield Ads1115SampleSource.singleShotPolling(i2c, adc.settings(), wiring.frontEnd(), timer,
                            timer, timer);
                }
                // ALERT/RDY is open-drain and pulses for ~8 µs: pull-up, no debounce (DigitalInputReadySignal).
                DigitalInput ready = context.create(DigitalInput.newConfigBuilder(context).id("adc-ready")
                        .address(adc.readyPin()).pull(PullResistance.PULL_UP).debounce(0L));
                DigitalInputReadySignal readySignal = new DigitalInputReadySignal(ready);
                listeners.add(readySignal);
                yield Ads1115SampleSource.continuousWithReadyPin(i2c, adc.settings(), wiring.frontEnd(),
                        readySignal);
            }
        };
    }

    private static TuningActuator pi4jActuator(Pi4jSettings.ActuatorWiring wiring, Context context,
            PiTimer timer) {
        return switch (wiring) {
            case Pi4jSettings.StepperWiring stepper -> {
                DigitalOutput step = output(context, "stepper-step", stepper.stepPin(), DigitalState.LOW);
                DigitalOutput dir = output(context, "stepper-dir", stepper.dirPin(), DigitalState.LOW);
                // ENABLE is active low: the driver stays off from creation until the first move.
                DigitalOutput enable = output(context, "stepper-enable", stepper.enablePin(), DigitalState.HIGH);
                DigitalInput home = stepper.homePin() == Pi4jSettings.NO_PIN ? null
                        : context.create(DigitalInput.newConfigBuilder(context).id("stepper-home")
                                .address(stepper.homePin()).pull(stepper.settings().homeSwitchActiveLow()
                                        ? PullResistance.PULL_UP : PullResistance.PULL_DOWN));
                List<DigitalOutput> modePins = new ArrayList<>();
                for (int i = 0; i < stepper.modePins().size(); i++) {
                    modePins.add(output(context, "stepper-mode" + i, stepper.modePins().get(i), DigitalState.LOW));
                }
                StepDirStepperActuator actuator = new StepDirStepperActuator(step, dir, enable, home, modePins,
                        stepper.settings(), timer);
                if (home != null) {
                    // The position is only known relative to the switch: find it before any tuning move.
                    Logger.info("homing the stepper against its switch on BCM {}", stepper.homePin());
                    actuator.home();
                }
                yield actuator;
            }
            case Pi4jSettings.Mcp4725Wiring dac -> new Mcp4725DacActuator(context.create(I2C.newConfigBuilder(context)
                    .id("actuator-dac").bus(dac.i2cBus()).device(dac.address())), dac.settings(), timer);
            case Pi4jSettings.CapacitorBankWiring bank -> {
                DigitalState open = bank.settings().switchActiveLow() ? DigitalState.HIGH : DigitalState.LOW;
                List<DigitalOutput> switches = new ArrayList<>();
                for (int i = 0; i < bank.switchPins().size(); i++) {
                    switches.add(output(context, "bank-switch" + i, bank.switchPins().get(i), open));
                }
                yield new SwitchedCapacitorBankActuator(switches, bank.settings(), timer);
            }
            case Pi4jSettings.PwmWiring pwm -> new PwmDutyCycleActuator(context.create(Pwm.newConfigBuilder(context)
                    .id("actuator-pwm").address(pwm.pwmChannel()).pwmType(PwmType.HARDWARE)
                    .frequency(pwm.settings().frequencyHz()).initial(0).shutdown(0)), pwm.settings());
        };
    }

    /** A digital output that starts, and is left by a context shutdown, at {@code safeState}. */
    private static DigitalOutput output(Context context, String id, int bcmPin, DigitalState safeState) {
        return context.create(DigitalOutput.newConfigBuilder(context).id(id).address(bcmPin)
                .initial(safeState).shutdown(safeState));
    }
}
