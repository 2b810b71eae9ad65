package org.resonantlearner.hal.pisim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.pi4j.StepperDriverModel;
import org.resonantlearner.hal.pi4j.StepperSettings;
import org.resonantlearner.hal.sim.SimulatedRig;

/**
 * The emulated A4988 and its carriage, pin level by pin level: STEP edges while enabled, DIR, the mode
 * pins' microstep size, the stops, the home switch, the timing checks and the two stepper faults.
 */
class StepDirDriverChipTest {
    private static final int STEP = 5;
    private static final int DIR = 6;
    private static final int EN = 13;
    private static final int HOME = 26;
    private static final List<Integer> MODE = List.of(16, 20, 21);

    private final SimulatedRig rig = PiBenches.rig(0.5, 5);
    private SimulatedPi bench;
    private long nowNanos;

    private SimulatedPi wire(StepperSettings settings, SimulatedPiFaults faults, List<Integer> modePins, int initial) {
        bench = PiBenches.bench(rig, faults);
        bench.addStepDirDriver(STEP, DIR, EN, HOME, modePins, settings, initial);
        return bench;
    }

    private static StepperSettings a4988(boolean inverted) {
        StepperSettings base = StepperSettings.withDatasheetTiming(StepperDriverModel.A4988, 16, 0, 10, 1000.0, 1000.0, 1.0);
        return new StepperSettings(base.model(), base.microsteps(), base.minPositionSteps(), base.maxPositionSteps(),
                base.startStepRateStepsPerSecond(), base.maxStepRateStepsPerSecond(),
                base.accelerationStepsPerSecondSquared(), base.stepHighNanos(), base.dirSetupNanos(),
                base.enableSettleNanos(), inverted, base.holdWhenIdle(), base.disableOnClose(),
                base.homingStepRateStepsPerSecond(), base.homingMaxSteps(), base.homeSwitchActiveLow());
    }

    /** Drives {@code pin} at {@code nowNanos} after letting {@code afterNanos} pass. */
    private void drive(int pin, boolean high, long afterNanos) {
        nowNanos += afterNanos;
        bench.timer().awaitNanos(nowNanos);
        bench.pinDriven(pin, high);
    }

    private void pulse() {
        drive(STEP, true, 10_000);
        drive(STEP, false, 2_000);
    }

    private void modes(int levels) {
        for (int i = 0; i < 3; i++) {
            drive(MODE.get(i), ((levels >> i) & 1) == 1, 0);
        }
    }

    private Map<String, Object> counters() {
        return bench.counters();
    }

    private boolean homeHigh() {
        return bench.inputLine(HOME, true).high();
    }

    @Test
    void aRisingEdgeWhileEnabledMovesOneConfiguredMicrostepInTheDirectionOfDir() {
        wire(a4988(false), SimulatedPiFaults.NONE, MODE, 5);
        modes(0b111); // 1/16, as configured
        pulse();
        assertEquals(5, rig.actuator().positionSteps(), "/ENABLE idles high: no step");
        assertEquals(0L, counters().get("stepPulses"));
        drive(EN, false, 0);
        drive(DIR, true, 1_000);
        pulse();
        pulse();
        assertEquals(7, rig.actuator().positionSteps());
        drive(DIR, false, 1_000);
        pulse();
        assertEquals(6, rig.actuator().positionSteps());
        assertEquals(3L, counters().get("stepPulses"));
        assertEquals(6L, counters().get("carriagePositionSteps"));
        drive(STEP, false, 50_000); // a falling edge without a rise, and a repeated low: nothing
        assertEquals(6, rig.actuator().positionSteps());
        assertEquals(0L, counters().get("stepTimingViolations"));
    }

    @Test
    void theModePinsSetTheSizeOfEachMicrostep() {
        wire(a4988(false), SimulatedPiFaults.NONE, MODE, 2);
        drive(EN, false, 0);
        drive(DIR, true, 1_000);
        modes(0b011); // 1/8 with the driver configured for 1/16: two positions per pulse
        pulse();
        assertEquals(4, rig.actuator().positionSteps());
        modes(0b000); // full steps: 16 positions per pulse, beyond the stop at 10
        pulse();
        assertEquals(4, rig.actuator().positionSteps(), "against the stop: no move");
        assertEquals(1L, counters().get("stepsAgainstStop"));
        modes(0b100); // not in the A4988's table
        pulse();
        assertEquals(4, rig.actuator().positionSteps());
        assertEquals(1L, counters().get("stepTimingViolations"));
    }

    @Test
    void jumperedModePinsAreTheConfiguredSettingAndDirectionInversionSwapsTheSense() {
        wire(a4988(true), SimulatedPiFaults.NONE, List.of(), 5);
        drive(EN, false, 0);
        drive(DIR, true, 1_000);
        pulse();
        assertEquals(4, rig.actuator().positionSteps(), "inverted: DIR high is down");
    }

    @Test
    void theHomeSwitchIsClosedAtZeroAndBelowAndAPulseCannotPassTheLowerStop() {
        wire(a4988(false), SimulatedPiFaults.NONE, MODE, 2);
        modes(0b111);
        assertTrue(homeHigh(), "open at 2: the pull-up");
        drive(EN, false, 0);
        drive(DIR, false, 1_000);
        pulse();
        assertTrue(homeHigh(), "open at 1");
        pulse();
        assertFalse(homeHigh(), "closed at 0 (active low)");
        pulse();
        assertEquals(0, rig.actuator().positionSteps());
        assertEquals(1L, counters().get("stepsAgainstStop"));
        assertFalse(homeHigh());
        drive(DIR, true, 1_000);
        pulse();
        assertTrue(homeHigh(), "open again at 1");
    }

    @Test
    void aSwitchThatNeverClosesAndPulsesThatAreAllLost() {
        wire(a4988(false), new SimulatedPiFaults("ok", -1, true, 1.0, List.of()), MODE, 1);
        modes(0b111);
        drive(EN, false, 0);
        drive(DIR, false, 1_000);
        pulse();
        pulse();
        assertEquals(1, rig.actuator().positionSteps(), "every pulse lost");
        assertEquals(2L, counters().get("stepPulses"));
        assertEquals(2L, counters().get("stepsLost"));
        assertTrue(homeHigh());
    }

    @Test
    void aNeverClosingSwitchStaysOpenAtZero() {
        wire(a4988(false), new SimulatedPiFaults("ok", -1, true, 0.0, List.of()), MODE, 1);
        modes(0b111);
        drive(EN, false, 0);
        pulse();
        assertEquals(0, rig.actuator().positionSteps());
        assertTrue(homeHigh(), "the broken switch reads open at 0");
    }

    @Test
    void aShortStepPulseAndADirChangeTooCloseToTheEdgeAreTimingViolations() {
        wire(a4988(false), SimulatedPiFaults.NONE, MODE, 5);
        modes(0b111);
        drive(EN, false, 0);
        drive(DIR, true, 1_000);
        drive(STEP, true, 10_000);
        drive(STEP, false, 999); // A4988: STEP high at least 1 µs
        assertEquals(1L, counters().get("stepTimingViolations"));
        drive(STEP, true, 10_000);
        drive(STEP, false, 1_000);
        assertEquals(1L, counters().get("stepTimingViolations"), "exactly 1 µs is enough");
        drive(DIR, false, 10_000);
        drive(STEP, true, 199); // DIR setup at least 200 ns
        drive(STEP, false, 2_000);
        assertEquals(2L, counters().get("stepTimingViolations"));
        drive(DIR, true, 10_000);
        drive(STEP, true, 200);
        drive(STEP, false, 2_000);
        assertEquals(2L, counters().get("stepTimingViolations"));
        assertEquals(7, rig.actuator().positionSteps(), "violating edges still step: 5, up, up, down, up");
    }
}
