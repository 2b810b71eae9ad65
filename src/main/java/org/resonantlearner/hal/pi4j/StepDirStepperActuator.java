package org.resonantlearner.hal.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import org.resonantlearner.check.Check;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.hal.TuningActuator;

/**
 * A {@link TuningActuator} driving an A4988/DRV8825-style stepper driver through STEP, DIR and an
 * active-low ENABLE, with an optional home switch and optional microstep selection pins.
 *
 * <p>Pin sequence of a move (every wait through the injected {@link Delay}, so each is a lower
 * bound the kernel may stretch but never shorten):
 * <pre>
 *   [ENABLE LOW, wait enableSettleNanos]         only if the driver is disabled
 *   DIR level, wait dirSetupNanos                 setup before the first STEP rising edge
 *   per step: STEP HIGH, wait stepHighNanos, STEP LOW, wait period(k) − stepHighNanos
 *   [ENABLE HIGH]                                 only if holdWhenIdle is false
 * </pre>
 * The low wait after every pulse is at least the model's STEP low minimum, which also exceeds its
 * DIR hold time, so the next move may write DIR at once. The ramp is the law of
 * {@link StepperSettings}. The position counts each pulse as it is sent: a move that fails half-way
 * leaves the true count.
 *
 * <p>The construction drives STEP LOW, ENABLE HIGH (disabled) and the mode pins to the microstep
 * setting; the position starts at 0 (the caller's promise of where the rig is) until {@link #home}
 * finds the switch. After a failed homing the position is unknown and moves are refused until a
 * homing succeeds. The Pi4J I/O objects stay the caller's. Not thread-safe; one control thread.
 */
public final class StepDirStepperActuator implements TuningActuator {
    private final DigitalOutput step;
    private final DigitalOutput dir;
    private final DigitalOutput enableActiveLow;
    private final DigitalInput homeSwitch;
    private final StepperSettings settings;
    private final Delay delay;
    private final DigitalState homeTrippedState;
    private final long homingPeriodNanos;
    private int positionSteps;
    private boolean positionKnown = true;
    private boolean enabled;
    private boolean closed;

    /**
     * Creates the actuator and puts the pins in their idle state.
     *
     * @param step STEP output
     * @param dir DIR output
     * @param enableActiveLow ENABLE output (LOW = driver on)
     * @param homeSwitch end switch at position 0, or null when the rig has none
     * @param modePins the three microstep pins (MS1..MS3 / MODE0..MODE2), or empty when jumpered
     * @param settings timing, ramp, range and homing
     * @param delay the waits between pin writes
     */
    public StepDirStepperActuator(DigitalOutput step, DigitalOutput dir, DigitalOutput enableActiveLow,
            DigitalInput homeSwitch, List<DigitalOutput> modePins, StepperSettings settings, Delay delay) {
        this.step = Check.present("stepPin", step);
        this.dir = Check.present("dirPin", dir);
        this.enableActiveLow = Check.present("enablePin", enableActiveLow);
        this.homeSwitch = homeSwitch;
        Check.present("modePins", modePins);
        if (!modePins.isEmpty() && modePins.size() != StepperDriverModel.MODE_PIN_COUNT) {
            throw new InvalidValueException("modePins", Integer.toString(modePins.size()), "pins",
                    "0 (jumpered) or " + StepperDriverModel.MODE_PIN_COUNT);
        }
        this.settings = Check.present("settings", settings);
        this.delay = Check.present("delay", delay);
        this.homeTrippedState = settings.homeSwitchActiveLow() ? DigitalState.LOW : DigitalState.HIGH;
        this.homingPeriodNanos = (long) Math.ceil(1e9 / settings.homingStepRateStepsPerSecond());
        step.state(DigitalState.LOW);
        enableActiveLow.state(DigitalState.HIGH);
        int levels = settings.model().modePinLevels(settings.microsteps());
        for (int i = 0; i < modePins.size(); i++) {
            modePins.get(i).state(((levels >> i) & 1) == 1 ? DigitalState.HIGH : DigitalState.LOW);
        }
    }

    /** The settings the actuator was built with. */
    public StepperSettings settings() {
        return settings;
    }

    @Override
    public int minPositionSteps() {
        return settings.minPositionSteps();
    }

    @Override
    public int maxPositionSteps() {
        return settings.maxPositionSteps();
    }

    @Override
    public int positionSteps() {
        return positionSteps;
    }

    /** True when the stepper was built with a home switch ({@link #home} works). */
    public boolean hasHomeSwitch() {
        return homeSwitch != null;
    }

    /** False after a failed homing, until a homing succeeds. */
    public boolean positionKnown() {
        return positionKnown;
    }

    @Override
    public void moveTo(int targetSteps) {
        requireOpen();
        requireInRange(targetSteps);
        if (!positionKnown) {
            throw new IllegalStateException("the stepper's position is unknown after a failed homing: run home()");
        }
        long count = Math.abs((long) targetSteps - positionSteps);
        if (count == 0) {
            return;
        }
        int direction = Long.signum((long) targetSteps - positionSteps);
        enable();
        writeDirection(direction);
        for (long i = 0; i < count; i++) {
            long fromNearerEnd = Math.min(i, count - 1 - i);
            pulse(settings.stepPeriodNanos(fromNearerEnd));
            positionSteps += direction;
        }
        idle();
    }

    /**
     * Steps towards lower positions at the homing rate until the home switch trips, at most
     * {@code homingMaxSteps} steps, and calls that position 0. The switch is read before every step.
     * Returns the steps it took: from a known position p a working drive takes exactly p; any other
     * count means the carriage and the count disagree (pulses were lost, on the way or earlier).
     *
     * @throws IllegalStateException when the actuator has no home switch
     * @throws HomingFailedException when the switch does not trip within {@code homingMaxSteps}
     */
    public int home() {
        requireOpen();
        if (homeSwitch == null) {
            throw new IllegalStateException("this stepper was built without a home switch (homeSwitch = null)");
        }
        enable();
        writeDirection(-1);
        for (int taken = 0; ; taken++) {
            if (homeSwitch.state() == homeTrippedState) {
                positionSteps = 0;
                positionKnown = true;
                idle();
                return taken;
            }
            if (taken == settings.homingMaxSteps()) {
                positionKnown = false;
                idle();
                throw new HomingFailedException("the home switch did not trip within homingMaxSteps = "
                        + settings.homingMaxSteps() + " steps at homingStepRateStepsPerSecond = "
                        + settings.homingStepRateStepsPerSecond() + " steps/s; the position is unknown");
            }
            pulse(homingPeriodNanos);
        }
    }

    /** Sets STEP LOW and, with {@code disableOnClose}, de-energises the driver; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        step.state(DigitalState.LOW);
        if (settings.disableOnClose()) {
            enableActiveLow.state(DigitalState.HIGH);
            enabled = false;
        }
    }

    private void pulse(long periodNanos) {
        step.state(DigitalState.HIGH);
        delay.delayNanos(settings.stepHighNanos());
        step.state(DigitalState.LOW);
        delay.delayNanos(Math.max(settings.model().stepLowMinNanos(), periodNanos - settings.stepHighNanos()));
    }

    private void enable() {
        if (!enabled) {
            enableActiveLow.state(DigitalState.LOW);
            enabled = true;
            delay.delayNanos(settings.enableSettleNanos());
        }
    }

    private void idle() {
        if (!settings.holdWhenIdle()) {
            enableActiveLow.state(DigitalState.HIGH);
            enabled = false;
        }
    }

    /** Writes DIR for {@code direction} +1 (towards higher positions) or −1, then waits the setup time. */
    private void writeDirection(int direction) {
        boolean high = (direction == 1) != settings.directionInverted();
        dir.state(high ? DigitalState.HIGH : DigitalState.LOW);
        delay.delayNanos(settings.dirSetupNanos());
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the stepper actuator is closed");
        }
    }
}
