package org.resonantlearner.hal.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.TuningActuator;

/**
 * The contract of the {@link TuningActuator} port, run against every adapter by one subclass per
 * adapter (a few lines: the factory and the device observation).
 *
 * <p>The contract, from the port's Javadoc:
 * <ul>
 *   <li>{@code minPositionSteps() < maxPositionSteps()}, both constant;
 *   <li>{@code positionSteps()} is inside [min, max] from construction on, and it is where the
 *       device really is;
 *   <li>{@code moveTo(p)} for any p in [min, max] returns with the device at p and
 *       {@code positionSteps() == p} (the ends, a middle value, back again, and p equal to where it
 *       already is);
 *   <li>{@code moveTo(p)} for p outside [min, max] throws {@link IllegalArgumentException} and leaves
 *       the device and the position where they were;
 *   <li>{@code close()} twice is harmless.
 * </ul>
 * An adapter's {@code positionSteps()} is its own bookkeeping, so the contract does not trust it
 * alone: each fixture also says where the device is from what the device saw (STEP pulses and DIR
 * levels for a stepper, the code on the I2C bus for a DAC, the switch states of a capacitor bank,
 * the duty cycle applied to a PWM channel, the tuning of a simulated rig, the emulated front-end's own
 * position), and every move is checked against that. An adapter that counts right but drives DIR
 * the wrong way fails here.
 *
 * <p>Each test gets a fresh, ready-to-move actuator from {@link #createActuator} (homed, where the
 * adapter has homing); the contract closes it afterwards.
 */
public abstract class TuningActuatorContract {
    private final List<TuningActuator> opened = new ArrayList<>();

    /**
     * An actuator under test and an independent observation of its device.
     *
     * @param actuator the adapter, open and ready to move
     * @param devicePositionSteps where the device is (steps), from what the device itself received,
     *     never from the adapter's {@code positionSteps()}
     */
    public record ActuatorFixture(TuningActuator actuator, IntSupplier devicePositionSteps) {}

    /** A fresh fixture whose device answers at once (mocks, fake delays). */
    protected abstract ActuatorFixture createActuator();

    private ActuatorFixture newActuator() {
        ActuatorFixture fixture = createActuator();
        opened.add(fixture.actuator());
        return fixture;
    }

    @AfterEach
    void closeActuators() {
        for (TuningActuator actuator : opened) {
            actuator.close();
        }
    }

    private static int middle(TuningActuator actuator) {
        return (int) (((long) actuator.minPositionSteps() + actuator.maxPositionSteps()) / 2);
    }

    /** Asserts that both the adapter and the device are at {@code expectedSteps}. */
    private static void assertAt(int expectedSteps, ActuatorFixture fixture, String when) {
        assertEquals(expectedSteps, fixture.devicePositionSteps().getAsInt(), "device position " + when);
        assertEquals(expectedSteps, fixture.actuator().positionSteps(), "positionSteps() " + when);
    }

    @Test
    void minIsBelowMax() {
        TuningActuator actuator = newActuator().actuator();
        assertTrue(actuator.minPositionSteps() < actuator.maxPositionSteps(),
                "[" + actuator.minPositionSteps() + ", " + actuator.maxPositionSteps() + "] steps");
    }

    @Test
    void positionIsInsideTheRangeAndAtTheDeviceAfterConstruction() {
        ActuatorFixture fixture = newActuator();
        TuningActuator actuator = fixture.actuator();
        int position = actuator.positionSteps();
        assertTrue(position >= actuator.minPositionSteps() && position <= actuator.maxPositionSteps(),
                "positionSteps = " + position + " outside [" + actuator.minPositionSteps() + ", "
                        + actuator.maxPositionSteps() + "]");
        assertEquals(fixture.devicePositionSteps().getAsInt(), position, "the adapter starts where the device is");
    }

    @Test
    void moveToReachesTheEndsTheMiddleAndBack() {
        ActuatorFixture fixture = newActuator();
        TuningActuator actuator = fixture.actuator();
        int min = actuator.minPositionSteps();
        int max = actuator.maxPositionSteps();
        int start = actuator.positionSteps();
        for (int target : new int[] {min, max, middle(actuator), min, middle(actuator), max, start}) {
            actuator.moveTo(target);
            assertAt(target, fixture, "after moveTo(" + target + ")");
            assertEquals(min, actuator.minPositionSteps(), "minPositionSteps after moveTo(" + target + ")");
            assertEquals(max, actuator.maxPositionSteps(), "maxPositionSteps after moveTo(" + target + ")");
        }
    }

    @Test
    void smallMovesBothWaysLandOnTheStep() {
        // Single steps expose an off-by-one or a reversed direction that long moves to the ends could hide
        // (a move to an end may look right on a device that saturates there).
        ActuatorFixture fixture = newActuator();
        TuningActuator actuator = fixture.actuator();
        int middle = middle(actuator);
        actuator.moveTo(middle);
        assertAt(middle, fixture, "after moveTo(" + middle + ")");
        for (int delta : new int[] {1, -1, -1, 2, -3, 1}) {
            int target = actuator.positionSteps() + delta;
            actuator.moveTo(target);
            assertAt(target, fixture, "after moveTo(" + target + ")");
        }
    }

    @Test
    void moveToWhereItAlreadyIsKeepsThePosition() {
        ActuatorFixture fixture = newActuator();
        TuningActuator actuator = fixture.actuator();
        int start = actuator.positionSteps();
        actuator.moveTo(start);
        assertAt(start, fixture, "after moveTo(" + start + ") from there");
        int middle = middle(actuator);
        actuator.moveTo(middle);
        actuator.moveTo(middle);
        assertAt(middle, fixture, "after moveTo(" + middle + ") twice");
    }

    @Test
    void moveToOutsideTheRangeThrowsAndLeavesThePosition() {
        ActuatorFixture fixture = newActuator();
        TuningActuator actuator = fixture.actuator();
        int min = actuator.minPositionSteps();
        int max = actuator.maxPositionSteps();
        int middle = middle(actuator);
        actuator.moveTo(middle);
        List<Integer> outside = new ArrayList<>(List.of(Integer.MIN_VALUE, Integer.MAX_VALUE));
        if (min > Integer.MIN_VALUE) {
            outside.add(min - 1);
        }
        if (max < Integer.MAX_VALUE) {
            outside.add(max + 1);
        }
        for (int target : outside) {
            assertThrows(IllegalArgumentException.class, () -> actuator.moveTo(target), "moveTo(" + target + ")");
            assertAt(middle, fixture, "after the refused moveTo(" + target + ")");
        }
        actuator.moveTo(max);
        assertAt(max, fixture, "a refused move leaves the actuator usable");
    }

    @Test
    void closingTwiceIsHarmless() {
        TuningActuator actuator = newActuator().actuator();
        actuator.moveTo(middle(actuator));
        actuator.close();
        assertDoesNotThrow(actuator::close);
    }
}
