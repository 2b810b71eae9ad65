package org.resonantlearner.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resonantlearner.telemetry.RecordSettings;

/** The output keys that bound a service run's record: defaults, what they become, one-line errors. */
class OutputRecordKeysTest {
    private static final String SOURCE = "service.json";

    private static RunConfig load(String json) {
        try {
            return ConfigLoader.fromTree(SOURCE, (ObjectNode) new ObjectMapper().readTree(json),
                    ConfigLoader.Overrides.none());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        RunConfig config = load("{}");
        RecordSettings service = config.output().record(true);
        assertEquals(new RecordSettings(true, 64L << 20, 86_400, 1L << 30, 1, 64L << 20), service);
        assertEquals(false, config.output().record(false).segmented());
        assertTrue(config.effectiveSettings().contains("output.segmentMaxBytes = 67108864 B"),
                "the header lists the default: " + config.effectiveSettings());
        assertTrue(config.effectiveSettings().contains("output.recordEveryNthWindow = 1"));
    }

    @Test
    void eachKeyIsRead() {
        RunConfig config = load("{\"output\": {\"segmentMaxBytes\": 1048576, \"segmentMaxSeconds\": 3600,"
                + " \"keepTotalBytes\": 10485760, \"recordEveryNthWindow\": 10, \"diskReserveBytes\": 0}}");
        assertEquals(new RecordSettings(true, 1 << 20, 3600, 10L << 20, 10, 0), config.output().record(true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"output\": {\"segmentMaxBytes\": 1000}} | output.segmentMaxBytes = 1000 B is invalid: allowed"
                + " [16384, 1125899906842624] B",
        "{\"output\": {\"segmentMaxBytes\": 16384.5}} | output.segmentMaxBytes = 16384.5 B is invalid: allowed a whole number",
        "{\"output\": {\"segmentMaxSeconds\": 0.5}} | output.segmentMaxSeconds = 0.5 s is invalid: allowed [1.0, 3.16224E7] s",
        "{\"output\": {\"keepTotalBytes\": 1048576}} | output.keepTotalBytes = 1048576 B is invalid: allowed at least"
                + " segmentMaxBytes (67108864 B), at most 1125899906842624 B",
        "{\"output\": {\"recordEveryNthWindow\": 0}} | output.recordEveryNthWindow = 0 is invalid: allowed [1, 1000000]",
        "{\"output\": {\"diskReserveBytes\": -1}} | output.diskReserveBytes = -1 B is invalid: allowed"
                + " [0, 1125899906842624] B",
    })
    void aBadValueNamesItsKey(String json, String expectedMessage) {
        ConfigException error = assertThrows(ConfigException.class, () -> load(json));
        assertEquals(SOURCE + ": " + expectedMessage, error.getMessage());
    }
}
