package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.resonantlearner.check.InvalidValueException;

class StepDirStepperActuatorTest {
    private final PinLog log = new PinLog();
    private final DigitalOutput step = log.output("STEP");
    private final DigitalOutput dir = log.output("DIR");
    private final DigitalOutput enable = log.output("EN");

    private StepDirStepperActuator stepper(StepperSettings settings, DigitalInput home, List<DigitalOutput> modes) {
        StepDirStepperActuator actuator = new StepDirStepperActuator(step, dir, enable, home, modes, settings, log.timer);
        log.drain();
        return actuator;
    }

    /** A4988, full steps, no ramp: 1000 steps/s, so every step lasts exactly 1 ms. */
    private static StepperSettings a4988Constant1kHz() {
        return StepperSettings.withDatasheetTiming(StepperDriverModel.A4988, 1, -100, 100, 1000.0, 1000.0, 1.0);
    }

    private static List<String> pulses(int count, long highNanos, long lowNanos) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.addAll(List.of("STEP=H", "wait " + highNanos, "STEP=L", "wait " + lowNanos));
        }
        return events;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void constructionIdlesThePinsAndSelectsTheMicrostepMode() {
        List<DigitalOutput> a4988Modes = List.of(log.output("MS1"), log.output("MS2"), log.output("MS3"));
        new StepDirStepperActuator(step, dir, enable, null, a4988Modes,
                StepperSettings.withDatasheetTiming(StepperDriverModel.A4988, 16, 0, 100, 100.0, 1000.0, 1e4),
                log.timer);
        assertEquals(List.of("STEP=L", "EN=H", "MS1=H", "MS2=H", "MS3=H"), log.drain());

        List<DigitalOutput> drvModes = List.of(log.output("MODE0"), log.output("MODE1"), log.output("MODE2"));
        new StepDirStepperActuator(step, dir, enable, null, drvModes,
                StepperSettings.withDatasheetTiming(StepperDriverModel.DRV8825, 32, 0, 100, 100.0, 1000.0, 1e4),
                log.timer);
        assertEquals(List.of("STEP=L", "EN=H", "MODE0=H", "MODE1=L", "MODE2=H"), log.drain());
        new StepDirStepperActuator(step, dir, enable, null, drvModes,
                StepperSettings.withDatasheetTiming(StepperDriverModel.DRV8825, 8, 0, 100, 100.0, 1000.0, 1e4),
                log.timer);
        assertEquals(List.of("STEP=L", "EN=H", "MODE0=H", "MODE1=H", "MODE2=L"), log.drain());
    }

    @Test
    void a4988MoveEnablesSetsDirWithSetupTimeThenPulsesWithDatasheetWidths() {
        StepDirStepperActuator actuator = stepper(a4988Constant1kHz(), null, List.of());

        actuator.moveTo(3);
        assertEquals(concat(List.of("EN=L", "wait 1000", "DIR=H", "wait 200"), pulses(3, 1_000, 999_000)),
                log.drain());
        assertEquals(3, actuator.positionSteps());

        actuator.moveTo(1);
        assertEquals(concat(List.of("DIR=L", "wait 200"), pulses(2, 1_000, 999_000)), log.drain());
        assertEquals(1, actuator.positionSteps());

        actuator.moveTo(1);
        assertEquals(List.of(), log.drain(), "no move, no pin traffic");

        actuator.close();
        assertEquals(List.of("STEP=L", "EN=H"), log.drain());
    }

    @Test
    void drv8825PinOrderVerifiedWithInOrder() {
        DigitalOutput stepPin = mock(DigitalOutput.class);
        DigitalOutput dirPin = mock(DigitalOutput.class);
        DigitalOutput enablePin = mock(DigitalOutput.class);
        FakeTimer timer = new FakeTimer(0L);
        StepperSettings settings = StepperSettings.withDatasheetTiming(StepperDriverModel.DRV8825, 4, -10, 10,
                250.0, 250.0, 1.0);
        StepDirStepperActuator actuator = new StepDirStepperActuator(stepPin, dirPin, enablePin, null, List.of(),
                settings, timer);

        actuator.moveTo(-1);
        actuator.close();

        InOrder order = inOrder(stepPin, dirPin, enablePin);
        order.verify(stepPin).state(DigitalState.LOW);
        order.verify(enablePin).state(DigitalState.HIGH);
        order.verify(enablePin).state(DigitalState.LOW);
        order.verify(dirPin).state(DigitalState.LOW);
        order.verify(stepPin).state(DigitalState.HIGH);
        // The pulse's falling edge, then close() parking STEP LOW again (Mockito counts both at once).
        order.verify(stepPin, times(2)).state(DigitalState.LOW);
        order.verify(enablePin).state(DigitalState.HIGH);
        order.verifyNoMoreInteractions();
        // ENABLE settle, DIR setup ≥ 650 ns, STEP high ≥ 1.9 µs, rest of the 4 ms period low.
        assertEquals(List.of(1_000L, 650L, 1_900L, 4_000_000L - 1_900L), timer.delaysNanos);
    }

    @Test
    void rampFollowsTheDocumentedLawAndNeverUndercutsTheDatasheet() {
        double startRate = 500.0;
        double maxRate = 5000.0;
        double acceleration = 1e6;
        StepperSettings settings = StepperSettings.withDatasheetTiming(StepperDriverModel.DRV8825, 32, 0, 1000,
                startRate, maxRate, acceleration);
        StepDirStepperActuator actuator = stepper(settings, null, List.of());
        int steps = 40;

        actuator.moveTo(steps);

        List<String> events = log.drain();
        assertEquals(List.of("EN=L", "wait 1000", "DIR=H", "wait 650"), events.subList(0, 4));
        List<String> train = events.subList(4, events.size());
        assertEquals(4 * steps, train.size());
        List<Long> periods = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            assertEquals("STEP=H", train.get(4 * i));
            long high = Long.parseLong(train.get(4 * i + 1).substring(5));
            assertEquals("STEP=L", train.get(4 * i + 2));
            long low = Long.parseLong(train.get(4 * i + 3).substring(5));
            assertTrue(high >= StepperDriverModel.DRV8825.stepHighMinNanos(), "STEP high " + high + " ns");
            assertTrue(low >= StepperDriverModel.DRV8825.stepLowMinNanos(), "STEP low " + low + " ns");
            periods.add(high + low);
            long k = Math.min(i, steps - 1 - i);
            double rate = Math.min(maxRate, Math.sqrt(startRate * startRate + 2 * acceleration * k));
            assertEquals((long) Math.ceil(1e9 / rate), high + low, "period of step " + i);
        }
        assertEquals(2_000_000L, periods.get(0));
        assertEquals(2_000_000L, periods.get(steps - 1));
        assertEquals(200_000L, periods.get(steps / 2), "cruise at the maximum rate");
        for (int i = 0; i < steps; i++) {
            assertEquals(periods.get(i), periods.get(steps - 1 - i), "deceleration mirrors acceleration");
        }
        for (int i = 1; i < steps / 2; i++) {
            assertTrue(periods.get(i) <= periods.get(i - 1), "accelerating at step " + i);
        }
        assertEquals(steps, actuator.positionSteps());
    }

    @Test
    void withoutHoldingTheDriverIsEnabledOnlyDuringMoves() {
        StepperSettings base = a4988Constant1kHz();
        StepperSettings released = new StepperSettings(base.model(), 1, -100, 100, 1000.0, 1000.0, 1.0, 2_000L,
                500L, 0L, true, false, false, 1000.0, 10, true);
        StepDirStepperActuator actuator = stepper(released, null, List.of());

        actuator.moveTo(1);
        // directionInverted: a move up drives DIR LOW; setup and pulse width from the settings.
        assertEquals(concat(concat(List.of("EN=L", "wait 0", "DIR=L", "wait 500"), pulses(1, 2_000, 998_000)),
                List.of("EN=H")), log.drain());
        actuator.close();
        assertEquals(List.of("STEP=L"), log.drain(), "disableOnClose = false leaves ENABLE alone");
    }

    @Test
    void homingStepsDownUntilTheSwitchTripsAndCallsThatZero() {
        DigitalInput home = mock(DigitalInput.class);
        when(home.state()).thenReturn(DigitalState.HIGH, DigitalState.HIGH, DigitalState.HIGH, DigitalState.LOW);
        StepDirStepperActuator actuator = stepper(a4988Constant1kHz(), home, List.of());
        actuator.moveTo(5);
        log.drain();

        actuator.home();

        assertEquals(concat(List.of("DIR=L", "wait 200"), pulses(3, 1_000, 999_000)), log.drain());
        assertEquals(0, actuator.positionSteps());
        assertTrue(actuator.positionKnown());
        verify(home, times(4)).state();
    }

    @Test
    void homingGivesUpAfterItsStepBudgetAndRefusesMovesUntilHomed() {
        DigitalInput home = mock(DigitalInput.class);
        when(home.state()).thenReturn(DigitalState.HIGH);
        StepperSettings base = a4988Constant1kHz();
        StepperSettings settings = new StepperSettings(base.model(), 1, -100, 100, 1000.0, 1000.0, 1.0, 1_000L,
                200L, 1_000L, false, true, true, 500.0, 4, true);
        StepDirStepperActuator actuator = stepper(settings, home, List.of());

        HomingFailedException e = assertThrows(HomingFailedException.class, actuator::home);

        assertTrue(e.getMessage().contains("homingMaxSteps = 4"), e.getMessage());
        assertEquals(concat(List.of("EN=L", "wait 1000", "DIR=L", "wait 200"), pulses(4, 1_000, 1_999_000)),
                log.drain());
        verify(home, times(5)).state();
        assertFalse(actuator.positionKnown());
        assertThrows(IllegalStateException.class, () -> actuator.moveTo(1));
        assertEquals(List.of(), log.drain());

        when(home.state()).thenReturn(DigitalState.LOW);
        actuator.home();
        assertTrue(actuator.positionKnown());
    }

    @Test
    void refusesPositionsOutsideTheRangeAndHomingWithoutASwitch() {
        StepDirStepperActuator actuator = stepper(a4988Constant1kHz(), null, List.of());
        assertThrows(IllegalArgumentException.class, () -> actuator.moveTo(101));
        assertThrows(IllegalStateException.class, actuator::home);
        assertEquals(List.of(), log.drain());
    }

    @Test
    void settingsRefuseTimingFasterThanTheDatasheet() {
        assertEquals("microsteps", assertThrows(InvalidValueException.class, () -> StepperSettings
                .withDatasheetTiming(StepperDriverModel.A4988, 32, 0, 10, 100.0, 1000.0, 1.0)).key());
        // DRV8825: 1.9 µs + 1.9 µs per step caps the rate at 263 157 steps/s.
        assertEquals("maxStepRateStepsPerSecond", assertThrows(InvalidValueException.class, () -> StepperSettings
                .withDatasheetTiming(StepperDriverModel.DRV8825, 1, 0, 10, 100.0, 300_000.0, 1.0)).key());
        assertEquals("stepHighNanos", assertThrows(InvalidValueException.class, () -> new StepperSettings(
                StepperDriverModel.DRV8825, 1, 0, 10, 100.0, 1000.0, 1.0, 1_000L, 650L, 0L, false, true, true,
                100.0, 10, true)).key());
        assertEquals("dirSetupNanos", assertThrows(InvalidValueException.class, () -> new StepperSettings(
                StepperDriverModel.DRV8825, 1, 0, 10, 100.0, 1000.0, 1.0, 1_900L, 200L, 0L, false, true, true,
                100.0, 10, true)).key());
        assertEquals("startStepRateStepsPerSecond", assertThrows(InvalidValueException.class, () -> StepperSettings
                .withDatasheetTiming(StepperDriverModel.A4988, 1, 0, 10, 2000.0, 1000.0, 1.0)).key());
        assertEquals("maxPositionSteps", assertThrows(InvalidValueException.class, () -> StepperSettings
                .withDatasheetTiming(StepperDriverModel.A4988, 1, 0, 0, 100.0, 1000.0, 1.0)).key());
    }
}
