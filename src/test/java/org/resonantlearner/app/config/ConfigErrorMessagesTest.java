package org.resonantlearner.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * For every {@code kind} of drive frequency, amplitude, tuning map and rig, a bad value is refused
 * before anything is built with the exact one-line error the CLI prints: the key as the file spells
 * it (with its section), the value with its unit, and what is allowed with its unit. The units of
 * amplitudes and tuned values depend on the rig (V, N or m; F, N/m or kg), so only the config can
 * add them.
 */
class ConfigErrorMessagesTest {
    private static final String SOURCE = "kinds.json";

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // drive.frequency, each kind
        "{\"drive\": {\"frequency\": {\"kind\": \"sweep\"}}} | drive.frequency.kind = \"sweep\" is invalid: allowed one of"
                + " [constant, ramp, steps, trapezoid, random-walk]",
        "{\"drive\": {\"frequency\": {\"frequencyHz\": 0}}} | drive.frequency.frequencyHz = 0.0 Hz is invalid: allowed"
                + " [0.001, 1000000.0] Hz",
        "{\"drive\": {\"frequency\": {\"kind\": \"ramp\", \"startTimeSeconds\": 5, \"endTimeSeconds\": 5}}}"
                + " | drive.frequency.endTimeSeconds = 5.0 s is invalid: allowed a value > startTimeSeconds (5.0 s)",
        "{\"drive\": {\"frequency\": {\"kind\": \"steps\", \"stepTimesSeconds\": [1, 2], \"frequenciesHz\": [1010]}}}"
                + " | drive.frequency.frequenciesHz.length = 1 is invalid: allowed the number of step times (2)",
        "{\"drive\": {\"frequency\": {\"kind\": \"steps\", \"frequenciesHz\": [1010]}}}"
                + " | drive.frequency.stepTimesSeconds is missing: required an array of numbers s",
        "{\"drive\": {\"frequency\": {\"kind\": \"steps\", \"stepTimesSeconds\": [1], \"frequenciesHz\": [-3]}}}"
                + " | drive.frequency.frequenciesHz[0] = -3.0 Hz is invalid: allowed [0.001, 1000000.0] Hz",
        "{\"drive\": {\"frequency\": {\"kind\": \"trapezoid\", \"rampSeconds\": 0}}}"
                + " | drive.frequency.rampSeconds = 0.0 s is invalid: allowed [0.001, 1.0E7] s",
        "{\"drive\": {\"frequency\": {\"kind\": \"trapezoid\", \"repeat\": 1}}}"
                + " | drive.frequency.repeat = 1 is invalid: allowed true or false",
        "{\"drive\": {\"frequency\": {\"kind\": \"random-walk\", \"startHz\": 1200}}}"
                + " | drive.frequency.startHz = 1200.0 Hz is invalid: allowed [900.0, 1100.0] Hz",
        "{\"drive\": {\"frequency\": {\"kind\": \"random-walk\", \"stepStdHz\": -1}}}"
                + " | drive.frequency.stepStdHz = -1.0 Hz is invalid: allowed [0.0, 1000000.0] Hz",
        // drive.amplitude, each kind, and the noise
        "{\"drive\": {\"amplitude\": {\"kind\": \"pulse\"}}} | drive.amplitude.kind = \"pulse\" is invalid: allowed one of"
                + " [constant, steps, ramp]",
        "{\"drive\": {\"amplitude\": {\"amplitude\": -0.5}}} | drive.amplitude.amplitude = -0.5 V is invalid: allowed [0.0, 1000.0] V",
        "{\"drive\": {\"amplitude\": {\"kind\": \"steps\", \"stepTimesSeconds\": [2, 1], \"amplitudes\": [0.1, 0.2]}}}"
                + " | drive.amplitude.stepTimesSeconds[1] = 1.0 s is invalid: allowed a value > stepTimesSeconds[0] (2.0 s)",
        "{\"drive\": {\"amplitude\": {\"kind\": \"steps\", \"stepTimesSeconds\": [1], \"amplitudes\": [-0.2]}}}"
                + " | drive.amplitude.amplitudes[0] = -0.2 V is invalid: allowed [0.0, 1000.0] V",
        "{\"drive\": {\"amplitude\": {\"kind\": \"ramp\", \"endAmplitude\": -1}}}"
                + " | drive.amplitude.endAmplitude = -1.0 V is invalid: allowed [0.0, 1000.0] V",
        "{\"drive\": {\"noise\": {\"rms\": -0.1}}} | drive.noise.rms = -0.1 V is invalid: allowed [0.0, 1000.0] V",
        // tuningMap, each kind
        "{\"tuningMap\": {\"kind\": \"spline\"}} | tuningMap.kind = \"spline\" is invalid: allowed one of"
                + " [linear, varactor, capacitor-bank, tabulated]",
        "{\"tuningMap\": {\"valueAtMaxPosition\": 0}} | tuningMap.valueAtMaxPosition = 0.0 F is invalid: allowed [1.0E-12, 1.0] F",
        "{\"tuningMap\": {\"kind\": \"varactor\", \"gradingCoefficient\": 6}}"
                + " | tuningMap.gradingCoefficient = 6.0 is invalid: allowed [0.01, 5.0]",
        "{\"tuningMap\": {\"kind\": \"varactor\", \"dacBits\": 25}} | tuningMap.dacBits = 25 bits is invalid: allowed [1, 24] bits",
        "{\"tuningMap\": {\"kind\": \"capacitor-bank\", \"unitCapacitanceFarads\": -1e-9}}"
                + " | tuningMap.unitCapacitanceFarads = -1.0E-9 F is invalid: allowed [1.0E-15, 0.001] F",
        "{\"tuningMap\": {\"kind\": \"capacitor-bank\", \"bits\": 31}} | tuningMap.bits = 31 bits is invalid: allowed [1, 30] bits",
        "{\"tuningMap\": {\"kind\": \"tabulated\", \"positionsSteps\": [0, 10], \"values\": [1e-6, 0]}}"
                + " | tuningMap.values[1] = 0.0 F is invalid: allowed [1.0E-12, 1.0] F",
        "{\"tuningMap\": {\"kind\": \"tabulated\", \"positionsSteps\": [0], \"values\": [1e-6]}}"
                + " | tuningMap.positionsSteps.length = 1 is invalid: allowed at least 2 points",
        "{\"tuningMap\": {\"kind\": \"tabulated\", \"values\": [1e-6, 2e-6]}}"
                + " | tuningMap.positionsSteps is missing: required an array of numbers steps",
        // rig, each kind
        "{\"rig\": {\"kind\": \"rlc\", \"coilResistanceOhms\": -1}}"
                + " | rig.coilResistanceOhms = -1.0 Ω is invalid: allowed [0.0, 1000000.0] Ω",
        "{\"rig\": {\"kind\": \"mechanical-force\", \"massKg\": 0}} | rig.massKg = 0.0 kg is invalid: allowed [1.0E-4, 100.0] kg",
        "{\"rig\": {\"kind\": \"mechanical-force\", \"electricalDampingNsPerM\": 0}}"
                + " | rig.electricalDampingNsPerM = 0.0 N*s/m is invalid: allowed [1.0E-4, 10000.0] N*s/m",
        "{\"rig\": {\"kind\": \"mechanical-base\", \"tunedParameter\": \"mass\", \"stiffnessNPerM\": 0}}"
                + " | rig.stiffnessNPerM = 0.0 N/m is invalid: allowed [0.01, 1.0E8] N/m",
        "{\"rig\": {\"kind\": \"mechanical-base\", \"tunedParameter\": \"length\"}}"
                + " | rig.tunedParameter = \"length\" is invalid: allowed one of [stiffness, mass]",
        "{\"rig\": {\"kind\": \"mechanical-base\", \"transducerLoadResistanceOhms\": 0}}"
                + " | rig.transducerLoadResistanceOhms = 0.0 Ω is invalid: allowed [0.001, 1000000.0] Ω",
    })
    void aBadValueOfEveryKindNamesKeyValueUnitAndRange(String json, String expectedMessage) {
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigLoader.fromTree(SOURCE, tree(json), ConfigLoader.Overrides.none()));
        assertEquals(SOURCE + ": " + expectedMessage, error.getMessage());
    }
}
