package org.resonantlearner.hal.pi4j;

import com.pi4j.io.pwm.Pwm;
import org.resonantlearner.check.Check;
import org.resonantlearner.hal.TuningActuator;

/**
 * A {@link TuningActuator} driving a hardware PWM channel (linuxfs {@code /sys/class/pwm}): position
 * → duty cycle as {@link PwmActuatorSettings} maps it, at a fixed frequency.
 *
 * <p>Each move calls, in this order, {@code setFrequency(frequencyHz)},
 * {@code setDutyCycle(round(100 · dutyCycleFraction))} and {@code on()}; Pi4J 3 stores the first two
 * and applies them in {@code on()}. Note: Pi4J 3.0.4's linuxfs {@code on()} disables the channel and
 * rewrites period and duty before enabling it again, so every move has a short glitch; a load that
 * cannot tolerate that needs a low-pass filter or another actuator. The construction applies
 * position 0; close calls {@code off()} (output low). The {@link Pwm} stays the caller's.
 */
public final class PwmDutyCycleActuator implements TuningActuator {
    private final Pwm pwm;
    private final PwmActuatorSettings settings;
    private int positionSteps;
    private boolean closed;

    /** Creates the actuator and drives the output at position 0. */
    public PwmDutyCycleActuator(Pwm pwm, PwmActuatorSettings settings) {
        this.pwm = Check.present("pwm", pwm);
        this.settings = Check.present("settings", settings);
        apply(0);
    }

    /** The settings the actuator was built with. */
    public PwmActuatorSettings settings() {
        return settings;
    }

    @Override
    public int minPositionSteps() {
        return 0;
    }

    @Override
    public int maxPositionSteps() {
        return settings.maxPositionSteps();
    }

    @Override
    public int positionSteps() {
        return positionSteps;
    }

    /** The duty cycle (fraction, 0..1) now commanded. */
    public double dutyCycleFraction() {
        return settings.dutyCycleFraction(positionSteps);
    }

    @Override
    public void moveTo(int positionSteps) {
        if (closed) {
            throw new IllegalStateException("the PWM actuator is closed");
        }
        requireInRange(positionSteps);
        apply(positionSteps);
    }

    /** Turns the output off; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pwm.off();
        }
    }

    private void apply(int position) {
        int dutyPercent = (int) Math.round(100.0 * settings.dutyCycleFraction(position));
        pwm.setFrequency(settings.frequencyHz());
        pwm.setDutyCycle(dutyPercent);
        pwm.on();
        this.positionSteps = position;
    }
}
