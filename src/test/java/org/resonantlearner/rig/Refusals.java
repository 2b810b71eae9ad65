package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.resonantlearner.check.InvalidValueException;

/** Constructor-validation assertions: the error names the key, the value and the unit. */
final class Refusals {
    private Refusals() {}

    /**
     * Asserts that {@code construction} fails naming {@code key} and {@code valueText}, with
     * {@code unit} in the message when it is not empty.
     */
    static InvalidValueException assertRefused(String key, String valueText, String unit, Executable construction) {
        InvalidValueException error = assertThrows(InvalidValueException.class, construction);
        assertEquals(key, error.key());
        assertEquals(valueText, error.valueText());
        assertEquals(unit, error.unit());
        String named = unit.isEmpty() ? key + " = " + valueText : key + " = " + valueText + " " + unit;
        assertTrue(error.getMessage().startsWith(named), error.getMessage());
        return error;
    }
}
