package org.resonantlearner.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Equality assertions for the profile and map classes that carry arrays (config compares them by value). */
final class ValueSemantics {
    private ValueSemantics() {}

    /**
     * {@code same} equals {@code value} with the same hash code; each of {@code different} differs
     * from it, and those of the same class (one field changed each) hash differently, for a useful hash.
     */
    static void assertValueSemantics(Object value, Object same, Object... different) {
        assertEquals(value, same);
        assertEquals(same, value);
        assertEquals(value.hashCode(), same.hashCode());
        assertNotEquals(value, null);
        for (Object other : different) {
            assertNotEquals(value, other, other.toString());
            if (other.getClass() == value.getClass()) {
                assertNotEquals(value.hashCode(), other.hashCode(), other.toString());
            }
        }
    }
}
