package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** summary.json: the values of the measures (README "Measures"), keys with units, NaN as null. */
class RunSummaryTest {
    private static final double TOL = 1e-15;

    /** A simulated run: 0.6 J harvested of 0.8 J oracle, 0.05 J spent tuning. */
    private static RunSummary simulatedRun() {
        return new RunSummary("rlc", "noise-brake", 42, 60.0, 0.6, 0.61, 0.8, 3.5,
                new double[] {1.25, Double.NaN}, 0.75, 12, 3400, 0.05, 4.0, 3, 1, 2.5, "completed", "oracle", null);
    }

    @Test
    void captureRatioAndNetEnergyFollowFromTheEnergies() {
        RunSummary summary = simulatedRun();
        assertEquals(0.75, summary.captureRatio(), TOL); // 0.6 / 0.8
        assertEquals(0.55, summary.netEnergyJoules(), TOL); // 0.6 - 0.05
    }

    @Test
    void theJsonCarriesEveryMeasureUnderItsUnitNamedKeyInTheReadmesOrder() throws Exception {
        Map<String, Object> json = roundTrip(simulatedRun());
        assertEquals(List.of("rig", "tuner", "seed", "durationSeconds", "harvestedEnergyJoules",
                "measuredEnergyJoules", "oracleEnergyJoules", "captureRatio", "lockReference", "lockTimeSeconds",
                "relockTimesSeconds",
                "lockedFraction", "actuatorMoves", "actuatorTravelSteps", "tuningEnergyJoules", "netEnergyJoules",
                "breakEvenTimeSeconds", "safetyInterventions", "watchdogStalls", "stalledSeconds", "exitStatus"),
                List.copyOf(json.keySet()));
        assertEquals("rlc", json.get("rig"));
        assertEquals("noise-brake", json.get("tuner"));
        assertEquals(42, json.get("seed"));
        assertEquals(60.0, json.get("durationSeconds"));
        assertEquals(0.6, json.get("harvestedEnergyJoules"));
        assertEquals(0.61, json.get("measuredEnergyJoules"));
        assertEquals(0.8, json.get("oracleEnergyJoules"));
        assertEquals(0.75, (Double) json.get("captureRatio"), TOL);
        assertEquals("oracle", json.get("lockReference"));
        assertEquals(3.5, json.get("lockTimeSeconds"));
        assertEquals(Arrays.asList(1.25, null), json.get("relockTimesSeconds"));
        assertEquals(0.75, json.get("lockedFraction"));
        assertEquals(12, json.get("actuatorMoves"));
        assertEquals(3400, json.get("actuatorTravelSteps"));
        assertEquals(0.05, json.get("tuningEnergyJoules"));
        assertEquals(0.55, (Double) json.get("netEnergyJoules"), TOL);
        assertEquals(4.0, json.get("breakEvenTimeSeconds"));
        assertEquals(3, json.get("safetyInterventions"));
        assertEquals(1, json.get("watchdogStalls"));
        assertEquals(2.5, json.get("stalledSeconds"));
        assertEquals("completed", json.get("exitStatus"));
    }

    @Test
    void whatWasNotMeasuredIsNull() throws Exception {
        // Hardware: no oracle, so no capture ratio; never locked; still in deficit at the end.
        RunSummary hardware = new RunSummary("rlc", "fixed", 1, 10.0, 0.01, 0.01, Double.NaN, Double.NaN,
                new double[0], Double.NaN, 2, 50, 0.02, Double.NaN, 0, 0, 0.0, "stopped", "best-settled-power", null);
        assertTrue(Double.isNaN(hardware.captureRatio()));
        Map<String, Object> json = roundTrip(hardware);
        assertTrue(json.containsKey("oracleEnergyJoules"));
        assertNull(json.get("oracleEnergyJoules"));
        assertNull(json.get("captureRatio"));
        assertNull(json.get("lockTimeSeconds"));
        assertNull(json.get("lockedFraction"));
        assertNull(json.get("breakEvenTimeSeconds"));
        assertEquals(List.of(), json.get("relockTimesSeconds"));
        assertEquals(-0.01, (Double) json.get("netEnergyJoules"), TOL);
        assertEquals(0.0, json.get("stalledSeconds"));
        assertEquals("stopped", json.get("exitStatus"));
    }

    @Test
    void infinitiesAreNullToo() throws Exception {
        // JSON has no infinity: a zero oracle energy makes the capture ratio infinite, written as null.
        RunSummary zeroOracle = new RunSummary("rlc", "fixed", 1, 1.0, 0.5, 0.5, 0.0, 0.2, new double[0], 1.0, 0, 0,
                0.0, 0.0, 0, 0, 0.0, "completed", "oracle", null);
        assertNull(roundTrip(zeroOracle).get("captureRatio"));
    }

    @Test
    void withoutAnOracleTheConsoleSaysSoInsteadOfPrintingNaN() {
        RunSummary hardware = new RunSummary("rlc", "noise-brake", 1, 20.0, 0.0919, 0.0919, Double.NaN, 4.25,
                new double[0], 0.9, 30, 900, 0.01, 0.0, 0, 0, 0.0, "completed", "calibration", null);
        assertFalse(hardware.hasOracle());
        assertEquals("harvested 0.0919000 J (measured); no oracle on hardware, so no capture ratio",
                hardware.energyLine());
        assertEquals("lock time 4.250 s (against calibration)", hardware.lockPhrase());
        assertFalse(hardware.energyLine().contains("NaN"), hardware.energyLine());
        RunSummary simulated = simulatedRun();
        assertTrue(simulated.hasOracle());
        assertEquals("harvested 0.600000 J of 0.800000 J oracle: capture ratio 0.7500", simulated.energyLine());
        assertEquals("lock time 3.500 s (against oracle)", simulated.lockPhrase());
    }

    @Test
    void aSerialRunCarriesItsFrontEndUnderOneKeyAndASimulatedOneLeavesItOut() throws Exception {
        Map<String, Object> frontEnd = new java.util.LinkedHashMap<>();
        frontEnd.put("port", "/dev/ttyACM0");
        frontEnd.put("corruptFrames", 3L);
        RunSummary serial = new RunSummary("rlc", "fixed", 1, 10.0, 0.01, 0.01, Double.NaN, Double.NaN,
                new double[0], Double.NaN, 0, 0, 0.0, 0.0, 0, 0, 0.0, "completed", "best-settled-power", frontEnd);
        Map<String, Object> json = roundTrip(serial);
        assertEquals(Map.of("port", "/dev/ttyACM0", "corruptFrames", 3), json.get("frontEnd"));
        assertEquals("exitStatus", List.copyOf(json.keySet()).get(json.size() - 1));
        assertFalse(roundTrip(simulatedRun()).containsKey("frontEnd"));
    }

    /** Writes the summary as JSON text and reads it back, as a reader of summary.json would. */
    private static Map<String, Object> roundTrip(RunSummary summary) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(summary.toJsonMap());
        return json.readValue(text, new TypeReference<java.util.LinkedHashMap<String, Object>>() { });
    }
}
