package org.resonantlearner.hal.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.resonantlearner.hal.TuningActuator;

/**
 * The contract of the {@link TuningActuator} port, run against every adapter by one subclass per
 * adapter (a few lines: the factory).
 *
 * <p>The contract, from the port's Javadoc:
 * <ul>
 *   <li>{@code minPositionSteps() < maxPositionSteps()}, both constant;
 *   <li>{@code positionSteps()} is inside [min, max] from construction on;
 *   <li>{@code moveTo(p)} for any p in [min, max] returns with {@code positionSteps() == p} (the ends,
 *       a middle value, back again, and p equal to where it already is);
 *   <li>{@code moveTo(p)} for p outside [min, max] throws {@link IllegalArgumentException} and leaves
 *       the position where it was;
 *   <li>{@code close()} twice is harmless.
 * </ul>
 * Each test gets a fresh, ready-to-move actuator from {@link #createActuator} (homed, where the
 * adapter has homing); the contract closes it afterwards.
 */
public abstract class TuningActuatorContract {
    private final List<TuningActuator> opened = new ArrayList<>();

    /** A fresh, open actuator ready to move, whose device answers at once (mocks, fake delays). */
    protected abstract TuningActuator createActuator();

    private TuningActuator newActuator() {
        TuningActuator actuator = createActuator();
        opened.add(actuator);
        return actuator;
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

    @Test
    void minIsBelowMax() {
        TuningActuator actuator = newActuator();
        assertTrue(actuator.minPositionSteps() < actuator.maxPositionSteps(),
                "[" + actuator.minPositionSteps() + ", " + actuator.maxPositionSteps() + "] steps");
    }

    @Test
    void positionIsInsideTheRangeAfterConstruction() {
        TuningActuator actuator = newActuator();
        int position = actuator.positionSteps();
        assertTrue(position >= actuator.minPositionSteps() && position <= actuator.maxPositionSteps(),
                "positionSteps = " + position + " outside [" + actuator.minPositionSteps() + ", "
                        + actuator.maxPositionSteps() + "]");
    }

    @Test
    void moveToReachesTheEndsTheMiddleAndBack() {
        TuningActuator actuator = newActuator();
        int min = actuator.minPositionSteps();
        int max = actuator.maxPositionSteps();
        int start = actuator.positionSteps();
        for (int target : new int[] {min, max, middle(actuator), min, middle(actuator), max, start}) {
            actuator.moveTo(target);
            assertEquals(target, actuator.positionSteps(), "after moveTo(" + target + ")");
            assertEquals(min, actuator.minPositionSteps(), "minPositionSteps after moveTo(" + target + ")");
            assertEquals(max, actuator.maxPositionSteps(), "maxPositionSteps after moveTo(" + target + ")");
        }
    }

    @Test
    void moveToWhereItAlreadyIsKeepsThePosition() {
        TuningActuator actuator = newActuator();
        int start = actuator.positionSteps();
        actuator.moveTo(start);
        assertEquals(start, actuator.positionSteps());
        int middle = middle(actuator);
        actuator.moveTo(middle);
        actuator.moveTo(middle);
        assertEquals(middle, actuator.positionSteps());
    }

    @Test
    void moveToOutsideTheRangeThrowsAndLeavesThePosition() {
        TuningActuator actuator = newActuator();
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
            assertEquals(middle, actuator.positionSteps(), "position after the refused moveTo(" + target + ")");
        }
        actuator.moveTo(max);
        assertEquals(max, actuator.positionSteps(), "a refused move leaves the actuator usable");
    }

    @Test
    void closingTwiceIsHarmless() {
        TuningActuator actuator = newActuator();
        actuator.moveTo(middle(actuator));
        actuator.close();
        assertDoesNotThrow(actuator::close);
    }
}
