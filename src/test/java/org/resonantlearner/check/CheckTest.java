package org.resonantlearner.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The one place that says how a bad value is reported: each check at both edges of what it allows,
 * and the exact one-line message (key, value, unit, allowed range) the config errors are built from.
 */
class CheckTest {
    private static String refused(Executable check) {
        return assertThrows(InvalidValueException.class, check).getMessage();
    }

    @Test
    void doubleRangeIncludesBothEndsAndRefusesNaN() {
        assertEquals(1.0, Check.inRange("gain", 1.0, "", 1.0, 2.0));
        assertEquals(2.0, Check.inRange("gain", 2.0, "", 1.0, 2.0));
        assertEquals("rateHz = 0.5 Hz is invalid: allowed [1.0, 2.0] Hz",
                refused(() -> Check.inRange("rateHz", 0.5, "Hz", 1.0, 2.0)));
        assertEquals("gain = 2.0000000000000004 is invalid: allowed [1.0, 2.0]",
                refused(() -> Check.inRange("gain", Math.nextUp(2.0), "", 1.0, 2.0)));
        refused(() -> Check.inRange("gain", Double.NaN, "", 1.0, 2.0));
        assertEquals("x = Infinity V is invalid: allowed [-inf, inf] V",
                refused(() -> Check.inRange("x", Double.POSITIVE_INFINITY, "V", Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY)));
    }

    @Test
    void intAndLongRangesIncludeBothEnds() {
        assertEquals(3, Check.inRange("bits", 3, "bits", 3, 16));
        assertEquals(16, Check.inRange("bits", 16, "bits", 3, 16));
        assertEquals("bits = 17 bits is invalid: allowed [3, 16] bits", refused(() -> Check.inRange("bits", 17, "bits", 3, 16)));
        assertEquals("bits = 2 bits is invalid: allowed [3, 16] bits", refused(() -> Check.inRange("bits", 2, "bits", 3, 16)));
        assertEquals(5_000_000_000L, Check.inRange("delayNanos", 5_000_000_000L, "ns", 5_000_000_000L, 6_000_000_000L));
        assertEquals(6_000_000_000L, Check.inRange("delayNanos", 6_000_000_000L, "ns", 5_000_000_000L, 6_000_000_000L));
        assertEquals("delayNanos = 4999999999 ns is invalid: allowed [5000000000, 6000000000] ns",
                refused(() -> Check.inRange("delayNanos", 4_999_999_999L, "ns", 5_000_000_000L, 6_000_000_000L)));
        refused(() -> Check.inRange("delayNanos", 6_000_000_001L, "ns", 5_000_000_000L, 6_000_000_000L));
    }

    @Test
    void positiveRefusesZeroAndNonNegativeAcceptsIt() {
        assertEquals(Double.MIN_VALUE, Check.positive("r", Double.MIN_VALUE, "Ω"));
        assertEquals("r = 0.0 Ω is invalid: allowed a finite value > 0 Ω", refused(() -> Check.positive("r", 0.0, "Ω")));
        refused(() -> Check.positive("r", Double.POSITIVE_INFINITY, "Ω"));
        assertEquals(0.0, Check.nonNegative("rms", 0.0, "V"));
        assertEquals("rms = -1.0E-300 V is invalid: allowed a finite value >= 0 V",
                refused(() -> Check.nonNegative("rms", -1e-300, "V")));
        refused(() -> Check.nonNegative("rms", Double.NaN, "V"));
        assertEquals(-3.5, Check.finite("offset", -3.5, "V"));
        assertEquals("offset = -Infinity V is invalid: allowed a finite number V",
                refused(() -> Check.finite("offset", Double.NEGATIVE_INFINITY, "V")));
    }

    @Test
    void orderedNamesTheUpperKeyAndTheLowerValue() {
        Check.ordered("minHz", 1.0, "maxHz", 1.5, "Hz");
        assertEquals("maxHz = 1.0 Hz is invalid: allowed a value > minHz (1.0 Hz)",
                refused(() -> Check.ordered("minHz", 1.0, "maxHz", 1.0, "Hz")));
        refused(() -> Check.ordered("minHz", 1.0, "maxHz", Double.NaN, "Hz"));
    }

    @Test
    void presentReturnsTheValueAndRefusesNull() {
        String value = "x";
        assertSame(value, Check.present("name", value));
        assertEquals("name = null is invalid: allowed a value", refused(() -> Check.present("name", null)));
    }

    @Test
    void theExceptionKeepsItsPartsAndMovesUnderASection() {
        InvalidValueException e = new InvalidValueException("loadResistanceOhms", "-2.0", "Ω", "a finite value > 0 Ω");
        assertEquals("loadResistanceOhms", e.key());
        assertEquals("-2.0", e.valueText());
        assertEquals("Ω", e.unit());
        assertEquals("a finite value > 0 Ω", e.allowed());
        InvalidValueException moved = e.underKey("rig");
        assertEquals("rig.loadResistanceOhms = -2.0 Ω is invalid: allowed a finite value > 0 Ω", moved.getMessage());
        assertEquals("rig.loadResistanceOhms", moved.key());
        assertEquals("-2.0", moved.valueText());
        assertEquals("Ω", moved.unit());
        assertEquals("a finite value > 0 Ω", moved.allowed());
        assertEquals("n = 3 is invalid: allowed even", new InvalidValueException("n", "3", "", "even").getMessage());
    }
}
