package org.resonantlearner.hal.pi4j;

import java.util.List;

/**
 * Where a STEP/DIR driver's carriage is, from the pin writes alone (a {@link PinLog}'s events): as
 * the driver IC sees them, every rising edge of STEP moves one step, towards higher positions while
 * DIR is HIGH and lower while it is LOW (the rig's wiring with {@code directionInverted = false}).
 * Independent of the adapter's own position count, so the contract tests can check one against the
 * other.
 */
final class StepDirCarriage {
    private final List<String> events;
    private final int startSteps;

    /** A carriage at {@code startSteps} before the first event of {@code events}. */
    StepDirCarriage(List<String> events, int startSteps) {
        this.events = events;
        this.startSteps = startSteps;
    }

    /** The carriage position now (steps): the start plus one signed step per STEP rising edge. */
    int positionSteps() {
        int position = startSteps;
        boolean stepHigh = false;
        int direction = 0; // DIR not yet written: a pulse then is a wiring error, not a step either way
        for (String event : events) {
            switch (event) {
                case "DIR=H" -> direction = 1;
                case "DIR=L" -> direction = -1;
                case "STEP=H" -> {
                    if (!stepHigh) {
                        if (direction == 0) {
                            throw new AssertionError("a STEP pulse before DIR was ever written: " + events);
                        }
                        position += direction;
                    }
                    stepHigh = true;
                }
                case "STEP=L" -> stepHigh = false;
                default -> { } // waits, ENABLE and mode pins do not move the carriage
            }
        }
        return position;
    }
}
