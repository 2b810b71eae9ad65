package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

/** The record settings' own checks and defaults, and the file names of a record. */
class RecordSettingsTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        RecordSettings service = RecordSettings.defaults(true);
        assertTrue(service.segmented());
        assertFalse(RecordSettings.defaults(false).segmented());
        assertEquals(67_108_864L, service.segmentMaxBytes(), "64 MiB");
        assertEquals(86_400.0, service.segmentMaxSeconds(), 0.0, "a day");
        assertEquals(1_073_741_824L, service.keepTotalBytes(), "1 GiB");
        assertEquals(1, service.recordEveryNthWindow());
        assertEquals(67_108_864L, service.diskReserveBytes(), "64 MiB");
    }

    @Test
    void eachFieldOutsideItsRangeIsRefusedByName() {
        assertEquals("segmentMaxBytes", assertThrows(InvalidValueException.class,
                () -> new RecordSettings(true, 0, 1, 0, 1, 0)).key());
        assertEquals("segmentMaxSeconds", assertThrows(InvalidValueException.class,
                () -> new RecordSettings(true, 1, 0, 0, 1, 0)).key());
        assertEquals("keepTotalBytes", assertThrows(InvalidValueException.class,
                () -> new RecordSettings(true, 1, 1, -1, 1, 0)).key());
        assertEquals("recordEveryNthWindow", assertThrows(InvalidValueException.class,
                () -> new RecordSettings(true, 1, 1, 0, 0, 0)).key());
        assertEquals("diskReserveBytes", assertThrows(InvalidValueException.class,
                () -> new RecordSettings(true, 1, 1, 0, 1, -1)).key());
        new RecordSettings(true, 1, Double.MIN_VALUE, 0, 1, 0); // the smallest of each is allowed
    }

    @Test
    void segmentsAreNumberedFromOneInSixDigitsThatWiden() {
        assertEquals("power-000001.csv", RecordFiles.segment(1));
        assertEquals("power-999999.csv", RecordFiles.segment(999_999));
        assertEquals("power-1000000.csv", RecordFiles.segment(1_000_000));
        assertThrows(IllegalArgumentException.class, () -> RecordFiles.segment(0));
        assertEquals("power.csv", RecordFiles.SINGLE_CSV);
        assertEquals("segments.json", RecordFiles.MANIFEST);
    }
}
