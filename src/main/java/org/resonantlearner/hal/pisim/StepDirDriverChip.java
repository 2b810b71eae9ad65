package org.resonantlearner.hal.pisim;

import java.util.List;
import java.util.SplittableRandom;
import org.resonantlearner.hal.pi4j.StepperDriverModel;
import org.resonantlearner.hal.pi4j.StepperSettings;

/**
 * An A4988 or DRV8825 stepper driver with its motor, carriage and home switch, as their datasheets'
 * logic interface describes them (Allegro A4988, TI DRV8825 SLVSA73):
 *
 * <ul>
 * <li>a STEP rising edge while /ENABLE is low moves the motor one microstep of the size the three
 * mode pins select now (MS1..MS3 or MODE0..MODE2; jumpered pins stand for the configured setting),
 * in the direction DIR gives (the wiring's {@code directionInverted} says which level is up);
 * the carriage position counts in the configured microsteps, so a pulse at 1/8 with the driver
 * configured for 1/16 moves it 2;</li>
 * <li>a STEP high shorter than the model's minimum, or DIR changed less than the setup time before
 * the edge, is counted as a timing violation (the step is still taken: the datasheets do not say what
 * a violating edge does);</li>
 * <li>the carriage stops at the ends of the actuator's range (a pulse against a stop is counted and
 * moves nothing), and the home switch is closed while the carriage is at or below position 0;</li>
 * <li>faults: each pulse is missed with probability {@code lostStepFraction} (seeded), the home
 * switch never closes.</li>
 * </ul>
 *
 * Not modelled: the motor's own dynamics (every taken step is reached at once), stall under load,
 * the sleep and reset pins, the decay mode, microstep positions between full steps after a change
 * of mode (the carriage may then sit at a fraction of a configured microstep; the tuning takes the
 * nearest).
 */
final class StepDirDriverChip implements PinWatcher {
    private final SimulatedPi bench;
    private final int stepPin;
    private final int dirPin;
    private final int enablePin;
    private final List<Integer> modePins;
    private final StepperSettings settings;
    private final StepperDriverModel model;
    private final InputLine homeSwitch;
    private final boolean homeSwitchNeverCloses;
    private final double lostStepFraction;
    private final SplittableRandom random;
    private boolean stepHigh;
    private boolean dirHigh;
    private boolean enabled;
    private int modeLevels;
    private long stepRiseNanos;
    private long dirChangeNanos = Long.MIN_VALUE / 2;
    private double carriageSteps;
    private long pulses;
    private long lostPulses;
    private long againstStop;
    private long timingViolations;

    StepDirDriverChip(SimulatedPi bench, int stepPin, int dirPin, int enablePin, List<Integer> modePins,
            StepperSettings settings, int initialPositionSteps, InputLine homeSwitch, SimulatedPiFaults faults,
            long seed) {
        this.bench = bench;
        this.stepPin = stepPin;
        this.dirPin = dirPin;
        this.enablePin = enablePin;
        this.modePins = List.copyOf(modePins);
        this.settings = settings;
        this.model = settings.model();
        this.homeSwitch = homeSwitch;
        this.homeSwitchNeverCloses = faults.homeSwitchNeverCloses();
        this.lostStepFraction = faults.lostStepFraction();
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.carriageSteps = initialPositionSteps;
        this.enabled = false; // /ENABLE idles high through its pull-up
        bench.tuneAt(0L, initialPositionSteps);
        updateHomeSwitch();
    }

    @Override
    public void pinDriven(long nanos, int bcmPin, boolean high) {
        if (bcmPin == stepPin) {
            if (high && !stepHigh) {
                stepHigh = true;
                stepRiseNanos = nanos;
                if (nanos - dirChangeNanos < model.dirSetupMinNanos()) {
                    timingViolations++;
                }
                rising(nanos);
            } else if (!high && stepHigh) {
                stepHigh = false;
                if (nanos - stepRiseNanos < model.stepHighMinNanos()) {
                    timingViolations++;
                }
            }
        } else if (bcmPin == dirPin) {
            if (high != dirHigh) {
                dirHigh = high;
                dirChangeNanos = nanos;
            }
        } else if (bcmPin == enablePin) {
            enabled = !high;
        } else {
            int index = modePins.indexOf(bcmPin);
            modeLevels = high ? modeLevels | (1 << index) : modeLevels & ~(1 << index);
        }
    }

    private void rising(long nanos) {
        if (!enabled) {
            return;
        }
        pulses++;
        if (lostStepFraction > 0 && random.nextDouble() < lostStepFraction) {
            lostPulses++;
            return;
        }
        int microsteps = modePins.isEmpty() ? settings.microsteps() : model.microstepsForPinLevels(modeLevels);
        if (microsteps == 0) {
            timingViolations++; // a mode combination the datasheet does not list: no step
            return;
        }
        boolean up = dirHigh != settings.directionInverted();
        double next = carriageSteps + (up ? 1 : -1) * (double) settings.microsteps() / microsteps;
        if (next < settings.minPositionSteps() || next > settings.maxPositionSteps()) {
            againstStop++;
            return;
        }
        carriageSteps = next;
        bench.tuneAt(nanos, (int) Math.round(carriageSteps));
        updateHomeSwitch();
    }

    private void updateHomeSwitch() {
        if (homeSwitch == null) {
            return;
        }
        boolean closed = carriageSteps <= 0 && !homeSwitchNeverCloses;
        // Closed pulls the input to its active level.
        homeSwitch.drive(closed != settings.homeSwitchActiveLow());
    }

    long pulses() {
        return pulses;
    }

    long lostPulses() {
        return lostPulses;
    }

    long againstStop() {
        return againstStop;
    }

    long timingViolations() {
        return timingViolations;
    }

    /** Where the carriage is (steps, nearest). */
    long carriagePositionSteps() {
        return Math.round(carriageSteps);
    }
}
