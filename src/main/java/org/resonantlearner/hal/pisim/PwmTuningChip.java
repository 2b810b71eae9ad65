package org.resonantlearner.hal.pisim;

import org.resonantlearner.hal.pi4j.PwmActuatorSettings;

/**
 * What a hardware PWM channel tunes: the filtered duty cycle sets the rig's tuning position, the
 * inverse of the wiring's duty-cycle mapping ({@link PwmActuatorSettings#dutyCycleFraction}),
 *
 * <pre>
 *   positionSteps = round((duty − minDutyCycleFraction) / (maxDutyCycleFraction − minDutyCycleFraction) · maxPositionSteps)
 * </pre>
 *
 * from the instant the Pi changes the output. Off, the output is low: duty 0, whose position is 0
 * when {@code minDutyCycleFraction} is 0 and below the range otherwise (the rig then clamps it to its
 * lowest position). At power-up the output is off.
 *
 * <p>Not modelled: the carrier frequency and the ripple left after the filter (the physics sees the
 * mean), the filter's own time constant (the tuning follows a new duty at once), the linuxfs
 * provider's short glitch on each {@code on()} (it disables the channel while rewriting period and
 * duty), and any non-linearity of what the voltage drives.
 */
final class PwmTuningChip implements PwmChip {
    private final SimulatedPi bench;
    private final PwmActuatorSettings mapping;
    private int positionSteps;
    // Read by the bench's counters without a lock.
    private volatile long outputChanges;

    PwmTuningChip(SimulatedPi bench, PwmActuatorSettings mapping) {
        this.bench = bench;
        this.mapping = mapping;
        this.positionSteps = positionOf(0.0);
        bench.tuneAt(0L, positionSteps);
    }

    /** Times the output's duty cycle (or on/off state) changed the tuning. */
    long outputChanges() {
        return outputChanges;
    }

    @Override
    public synchronized void output(long nanos, boolean on, int frequencyHz, double dutyCyclePercent) {
        int next = positionOf(on ? dutyCyclePercent / 100.0 : 0.0);
        if (next != positionSteps) {
            positionSteps = next;
            outputChanges++;
            bench.tuneAt(nanos, positionSteps);
        }
    }

    private int positionOf(double dutyCycleFraction) {
        double span = mapping.maxDutyCycleFraction() - mapping.minDutyCycleFraction();
        return (int) Math.round((dutyCycleFraction - mapping.minDutyCycleFraction()) / span * mapping.maxPositionSteps());
    }
}
