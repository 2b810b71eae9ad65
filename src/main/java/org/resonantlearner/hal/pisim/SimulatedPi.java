package org.resonantlearner.hal.pisim;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resonantlearner.check.Check;
import org.resonantlearner.hal.pi4j.Ads1115Settings;
import org.resonantlearner.hal.pi4j.CapacitorBankSettings;
import org.resonantlearner.hal.pi4j.Mcp3x08Settings;
import org.resonantlearner.hal.pi4j.PwmActuatorSettings;
import org.resonantlearner.hal.pi4j.StepperSettings;
import org.resonantlearner.hal.sim.SimulatedRig;

/**
 * Simulated Raspberry Pi hardware: the Pi's buses and pins as Pi4J I/O objects whose other side is
 * an emulated chip, and the chips wired to the physics of a {@link SimulatedRig}, all in one virtual
 * time ({@link VirtualTimer}).
 *
 * <p>The real drivers of {@code hal.pi4j} run unchanged on the {@link #context()} this bench builds
 * (its own Pi4J providers for SPI, I2C, digital output and input and PWM); they see only Pi4J I/O
 * objects and the timer. The chips sample the rig at the instants their bus traffic implies
 * ({@link #loadVoltsForConversion}) and move its tuning when their outputs change ({@link #tuneAt});
 * the physics advances in steps of its sample period, and an instant between two steps takes the
 * nearer one. A tuning change takes effect from the next physics step (up to one sample period late).
 *
 * <p>All chip callbacks come from the driver's thread; the ADS1115's ready pulses come from its own
 * thread, so the physics and the registries are guarded by this object's lock.
 */
public final class SimulatedPi {
    private static final long NOT_STARTED = Long.MIN_VALUE;
    private final SimulatedRig rig;
    private final VirtualTimer timer;
    private final SimulatedPiFaults faults;
    private final long seed;
    private final double physicsPeriodSeconds;
    private final Map<Integer, SpiChip> spiChips = new HashMap<>();
    private final Map<Integer, I2cChip> i2cChips = new HashMap<>();
    private final Map<Integer, List<PinWatcher>> pinWatchers = new HashMap<>();
    private final Map<Integer, InputLine> inputLines = new HashMap<>();
    private final Map<Integer, PwmChip> pwmChips = new HashMap<>();
    private final List<Runnable> closers = new ArrayList<>();
    private final Map<String, java.util.function.Supplier<Object>> counters = new LinkedHashMap<>();
    private double currentLoadVolts;
    private long physicsOriginNanos = NOT_STARTED;

    /**
     * A bench on {@code rig}, whose physics steps at the converter's sample rate.
     *
     * @param faults the chip faults to inject
     * @param seed seed of the faults' random draws (lost steps)
     */
    public SimulatedPi(SimulatedRig rig, VirtualTimer timer, SimulatedPiFaults faults, long seed) {
        this.rig = Check.present("rig", rig);
        this.timer = Check.present("timer", timer);
        this.faults = Check.present("faults", faults);
        this.seed = seed;
        this.physicsPeriodSeconds = 1.0 / rig.sampleSource().sampleRateHz();
    }

    /** The rig behind the chips (its truth: true and oracle energy). */
    public SimulatedRig rig() {
        return rig;
    }

    /** The virtual time every driver and chip shares. */
    public VirtualTimer timer() {
        return timer;
    }

    /** A Pi4J context of this bench's providers only (nothing reaches real hardware). */
    public Context context() {
        SimulatedPiProviders providers = new SimulatedPiProviders(this);
        return Pi4J.newContextBuilder().noAutoDetect().add(providers.all()).build();
    }

    // ---------------------------------------------------------------- wiring the chips

    /** Wires an MCP3008/MCP3208 to SPI {@code bus} chip select {@code chipSelect}, reading the load through {@code path}. */
    public synchronized void addMcp3x08(int bus, int chipSelect, Mcp3x08Settings settings, AnalogPath path) {
        Mcp3x08Chip chip = new Mcp3x08Chip(this, settings, path, faults.spiMiso());
        spiChips.put(spiKey(bus, chipSelect), chip);
        counters.put("adcConversions", chip::conversions);
    }

    /**
     * Wires an A4988/DRV8825 and its carriage to STEP, DIR, ENABLE and the mode pins, and the home
     * switch (closed at position 0) to {@code homePin} (or none: {@code -1}).
     *
     * @param initialPositionSteps where the carriage is at power-up (steps)
     */
    public synchronized void addStepDirDriver(int stepPin, int dirPin, int enablePin, int homePin, List<Integer> modePins,
            StepperSettings settings, int initialPositionSteps) {
        InputLine home = homePin < 0 ? null : inputLine(homePin, !settings.homeSwitchActiveLow());
        StepDirDriverChip chip = new StepDirDriverChip(this, stepPin, dirPin, enablePin, modePins, settings,
                initialPositionSteps, home, faults, seed);
        watch(stepPin, chip);
        watch(dirPin, chip);
        watch(enablePin, chip);
        for (int pin : modePins) {
            watch(pin, chip);
        }
        counters.put("stepPulses", chip::pulses);
        counters.put("stepsLost", chip::lostPulses);
        counters.put("stepsAgainstStop", chip::againstStop);
        counters.put("stepTimingViolations", chip::timingViolations);
        counters.put("carriagePositionSteps", chip::carriagePositionSteps);
    }

    /**
     * Wires an ADS1115 to I2C {@code bus} {@code address}, reading the load through {@code path} on the
     * MUX setting {@code settings} names, its ALERT/RDY pin (open drain, pulled up) to {@code readyPin}
     * (or none: {@code -1}). Its pulser thread stops with {@link #shutdown}.
     */
    public void addAds1115(int bus, int address, int readyPin, Ads1115Settings settings, AnalogPath path) {
        Ads1115Chip chip;
        synchronized (this) {
            InputLine ready = readyPin < 0 ? null : inputLine(readyPin, true);
            chip = new Ads1115Chip(this, path, settings.muxField(), ready, faults.adsReadyStopsAfterConversions());
            addI2cChip(bus, address, chip);
            counters.put("adcConversions", chip::conversions);
            counters.put("adsReadyPulses", chip::readyPulses);
            onShutdown(chip::stop);
        }
        chip.start(); // outside this lock: the chip hears the timer, whose lock comes before this one
    }

    /**
     * Wires an MCP4725 to I2C {@code bus} {@code address}, its output tuning the rig (position = DAC
     * code); it powers up from an EEPROM holding {@code powerOnCode}.
     */
    public synchronized void addMcp4725(int bus, int address, int powerOnCode) {
        Mcp4725Chip chip = new Mcp4725Chip(this, powerOnCode);
        addI2cChip(bus, address, chip);
        counters.put("dacWrites", chip::dacWrites);
        counters.put("eepromWrites", chip::eepromWrites);
        counters.put("dacWritesIgnoredWhileEepromBusy", chip::ignoredWrites);
    }

    /** Wires a binary-weighted capacitor bank to its switch pins (least significant first); code = position. */
    public synchronized void addCapacitorBank(List<Integer> switchPins, CapacitorBankSettings settings) {
        CapacitorBankChip chip = new CapacitorBankChip(this, switchPins, settings);
        for (int pin : switchPins) {
            watch(pin, chip);
        }
        counters.put("bankSwitchChanges", chip::switchChanges);
    }

    /** Wires PWM channel {@code channel} to the tuning, duty cycle to position by {@code mapping}'s inverse. */
    public synchronized void addPwmTuning(int channel, PwmActuatorSettings mapping) {
        PwmTuningChip chip = new PwmTuningChip(this, mapping);
        addPwmChip(channel, chip);
        counters.put("pwmOutputChanges", chip::outputChanges);
    }

    /** The figures of the chips (conversions, pulses, lost steps, ...), keys in wiring order. */
    public synchronized Map<String, Object> counters() {
        Map<String, Object> out = new LinkedHashMap<>();
        counters.forEach((key, value) -> out.put(key, value.get()));
        return out;
    }

    // ---------------------------------------------------------------- what the chips use

    /**
     * The true load voltage (V) at virtual time {@code nanos}, for a conversion sampled then. The
     * first conversion starts the physics: the rig rests until then (homing and the move to the start
     * position take virtual time, but no physics), and the stream's sample k is the physics after
     * step k + 1, as in {@code sim} mode, so a drive profile's times are stream times in both modes.
     */
    synchronized double loadVoltsForConversion(long nanos) {
        if (physicsOriginNanos == NOT_STARTED) {
            physicsOriginNanos = nanos - Math.round(physicsPeriodSeconds * 1e9);
        }
        return loadVoltsAt(nanos);
    }

    /**
     * Moves the rig's tuning to {@code positionSteps} (clamped to its range) at virtual time
     * {@code nanos}: from the next physics step on, or at once before the physics has started.
     */
    synchronized void tuneAt(long nanos, int positionSteps) {
        if (physicsOriginNanos != NOT_STARTED) {
            loadVoltsAt(nanos);
        }
        int min = rig.actuator().minPositionSteps();
        int max = rig.actuator().maxPositionSteps();
        rig.setPositionSteps(Math.max(min, Math.min(max, positionSteps)));
    }

    /**
     * The physics value at the step nearest {@code nanos}: the sample instant quantised to the
     * physics step (at most half a sample period off). While the stream has no gap its samples keep
     * one offset from the step grid, so this is a constant time shift, not an error of amplitude;
     * linear interpolation between steps would lose 1.5 % of the power of a 1 kHz drive at 20 kS/s.
     */
    private double loadVoltsAt(long nanos) {
        double t = (nanos - physicsOriginNanos) * 1e-9;
        while (rig.physicsTimeSeconds() < t - 0.5 * physicsPeriodSeconds) {
            currentLoadVolts = rig.stepPhysics();
        }
        return currentLoadVolts;
    }

    /** The Pi input {@code bcmPin} as a chip drives it, created at {@code restingHigh} on first use. */
    synchronized InputLine inputLine(int bcmPin, boolean restingHigh) {
        return inputLines.computeIfAbsent(bcmPin, pin -> new InputLine(restingHigh));
    }

    /** Wires {@code watcher} to the Pi output {@code bcmPin}. */
    synchronized void watch(int bcmPin, PinWatcher watcher) {
        pinWatchers.computeIfAbsent(bcmPin, pin -> new ArrayList<>()).add(watcher);
    }

    /** Registers a chip at I2C {@code bus} {@code address}. */
    synchronized void addI2cChip(int bus, int address, I2cChip chip) {
        i2cChips.put(i2cKey(bus, address), chip);
    }

    /** Registers what PWM channel {@code channel} drives (of the one pwmchip the wiring names). */
    synchronized void addPwmChip(int channel, PwmChip driven) {
        pwmChips.put(channel, driven);
    }

    /** Something to stop when the context shuts down (a chip's own thread). */
    synchronized void onShutdown(Runnable closer) {
        closers.add(closer);
    }

    // ---------------------------------------------------------------- what the Pi4J I/O objects use

    synchronized SpiChip spiChip(int bus, int chipSelect) {
        return spiChips.get(spiKey(bus, chipSelect));
    }

    synchronized I2cChip i2cChip(int bus, int address) {
        return faults.i2cNakAddresses().contains(address) ? null : i2cChips.get(i2cKey(bus, address));
    }

    synchronized PwmChip pwmChip(int channel) {
        return pwmChips.get(channel);
    }

    void pinDriven(int bcmPin, boolean high) {
        List<PinWatcher> watchers;
        synchronized (this) {
            watchers = pinWatchers.get(bcmPin);
        }
        if (watchers != null) {
            long now = timer.nanoTime();
            for (PinWatcher watcher : watchers) {
                watcher.pinDriven(now, bcmPin, high);
            }
        }
    }

    /** Stops the chips' own threads (after the drivers and the Pi4J context are done). */
    public void shutdown() {
        List<Runnable> toClose;
        synchronized (this) {
            toClose = List.copyOf(closers);
            closers.clear();
        }
        toClose.forEach(Runnable::run);
    }

    private static int spiKey(int bus, int chipSelect) {
        return bus * 16 + chipSelect;
    }

    private static int i2cKey(int bus, int address) {
        return bus * 256 + address;
    }
}
