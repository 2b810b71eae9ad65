package org.resonantlearner.app.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.resonantlearner.rig.AmplitudeRamp;
import org.resonantlearner.rig.AmplitudeSteps;
import org.resonantlearner.rig.BaseExcitedMechanicalRig;
import org.resonantlearner.rig.CapacitorBankTuningMap;
import org.resonantlearner.rig.ConstantAmplitude;
import org.resonantlearner.rig.ConstantFrequency;
import org.resonantlearner.rig.Drive;
import org.resonantlearner.rig.ForceDrivenMechanicalRig;
import org.resonantlearner.rig.FrequencyRamp;
import org.resonantlearner.rig.FrequencyRandomWalk;
import org.resonantlearner.rig.FrequencySteps;
import org.resonantlearner.rig.FrequencyTrapezoid;
import org.resonantlearner.rig.GaussianNoise;
import org.resonantlearner.rig.LinearTuningMap;
import org.resonantlearner.rig.SeriesRlcRig;
import org.resonantlearner.rig.TabulatedTuningMap;
import org.resonantlearner.rig.VaractorTuningMap;

/**
 * Every {@code kind} the config accepts — drive frequency profiles, amplitude profiles, tuning maps,
 * rigs — parsed from JSON into the record values the file says, defaults where it is silent (README,
 * "Configuration"). {@link ConfigErrorMessagesTest} has a bad value of each.
 */
class ConfigKindsTest {
    private static final String SOURCE = "kinds.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunConfig load(String json) {
        return ConfigLoader.fromTree(SOURCE, tree(json), new ConfigLoader.Overrides(7L, null, null));
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Drive drive(String driveJson) {
        return assertInstanceOf(Drive.class, load("{\"drive\": " + driveJson + "}").drive());
    }

    @Test
    void constantFrequencyAndAmplitudeAreTheDefaults() {
        Drive drive = drive("{}");
        assertEquals(new ConstantFrequency(1000.0), drive.frequency(), "the RLC rig's 1 kHz");
        assertEquals(new ConstantAmplitude(0.5), drive.amplitude(), "0.5 V");
        assertEquals(0.0, assertInstanceOf(GaussianNoise.class, drive.noise()).rms());
        assertEquals(new ConstantFrequency(1234.5),
                drive("{\"frequency\": {\"kind\": \"constant\", \"frequencyHz\": 1234.5}}").frequency());
        assertEquals(new ConstantAmplitude(0.25), drive("{\"amplitude\": {\"kind\": \"constant\", \"amplitude\": 0.25}}")
                .amplitude());
    }

    @Test
    void aFrequencyRampTakesItsFourValuesAndDefaultsToTenPercentUpOverTenSeconds() {
        assertEquals(new FrequencyRamp(900, 1100, 2, 12), drive("{\"frequency\": {\"kind\": \"ramp\", \"startHz\": 900,"
                + " \"endHz\": 1100, \"startTimeSeconds\": 2, \"endTimeSeconds\": 12}}").frequency());
        assertEquals(new FrequencyRamp(1000, 1100, 0, 10), drive("{\"frequency\": {\"kind\": \"ramp\"}}").frequency());
    }

    @Test
    void frequencyStepsTakeTheirTimesAndFrequencies() {
        FrequencySteps steps = assertInstanceOf(FrequencySteps.class, drive("{\"frequency\": {\"kind\": \"steps\","
                + " \"initialHz\": 990, \"stepTimesSeconds\": [1, 2.5], \"frequenciesHz\": [1010, 1050]}}").frequency());
        assertEquals(new FrequencySteps(990, new double[] {1, 2.5}, new double[] {1010, 1050}), steps);
        assertArrayEquals(new double[] {1, 2.5}, steps.eventTimesSeconds());
    }

    @Test
    void aTrapezoidTakesItsLevelsHoldsRampAndRepeat() {
        assertEquals(new FrequencyTrapezoid(950, 1050, 1, 2, 3, 4, true), drive("{\"frequency\": {\"kind\": \"trapezoid\","
                + " \"lowHz\": 950, \"highHz\": 1050, \"lowHoldSeconds\": 1, \"rampSeconds\": 2, \"highHoldSeconds\": 3,"
                + " \"finalHoldSeconds\": 4, \"repeat\": true}}").frequency());
        assertEquals(new FrequencyTrapezoid(1000, 1100, 5, 10, 5, 5, false),
                drive("{\"frequency\": {\"kind\": \"trapezoid\"}}").frequency());
    }

    @Test
    void aRandomWalkTakesItsWallsStepAndIntervalAndItsOwnSeed() {
        FrequencyRandomWalk walk = assertInstanceOf(FrequencyRandomWalk.class, drive("{\"frequency\": {\"kind\":"
                + " \"random-walk\", \"startHz\": 1000, \"minHz\": 950, \"maxHz\": 1060, \"stepStdHz\": 2,"
                + " \"stepIntervalSeconds\": 0.5}}").frequency());
        assertEquals(1000, walk.startHz());
        assertEquals(950, walk.minHz());
        assertEquals(1060, walk.maxHz());
        assertEquals(2, walk.stepStdHz());
        assertEquals(0.5, walk.stepIntervalSeconds());
        FrequencyRandomWalk defaults = assertInstanceOf(FrequencyRandomWalk.class,
                drive("{\"frequency\": {\"kind\": \"random-walk\"}}").frequency());
        assertEquals(900, defaults.minHz(), 1e-9, "10 % below the rig's 1 kHz");
        assertEquals(1100, defaults.maxHz(), 1e-9);
        assertEquals(1, defaults.stepStdHz(), 1e-12, "0.1 % of it per step");
        assertEquals(0.1, defaults.stepIntervalSeconds());
        // The walk's seed follows the run seed and is its own (the noise's differs).
        assertEquals(walk.seed(), defaults.seed());
        ObjectNode other = tree("{\"drive\": {\"frequency\": {\"kind\": \"random-walk\"}, \"noise\": {\"rms\": 0.01}}}");
        Drive otherSeed = (Drive) ConfigLoader.fromTree(SOURCE, other, new ConfigLoader.Overrides(8L, null, null)).drive();
        assertNotEquals(walk.seed(), ((FrequencyRandomWalk) otherSeed.frequency()).seed());
        assertNotEquals(((FrequencyRandomWalk) otherSeed.frequency()).seed(), ((GaussianNoise) otherSeed.noise()).seed());
    }

    @Test
    void amplitudeStepsAndRampsTakeTheirValues() {
        assertEquals(new AmplitudeSteps(0.5, new double[] {3}, new double[] {0.2}), drive("{\"amplitude\": {\"kind\":"
                + " \"steps\", \"initialAmplitude\": 0.5, \"stepTimesSeconds\": [3], \"amplitudes\": [0.2]}}").amplitude());
        assertEquals(new AmplitudeRamp(0.1, 0.4, 1, 6), drive("{\"amplitude\": {\"kind\": \"ramp\", \"startAmplitude\":"
                + " 0.1, \"endAmplitude\": 0.4, \"startTimeSeconds\": 1, \"endTimeSeconds\": 6}}").amplitude());
        assertEquals(new AmplitudeRamp(0.5, 1.0, 0, 10), drive("{\"amplitude\": {\"kind\": \"ramp\"}}").amplitude(),
                "from the rig's amplitude to twice it over 10 s");
    }

    @Test
    void noiseTakesItsRmsAndRate() {
        GaussianNoise noise = assertInstanceOf(GaussianNoise.class,
                drive("{\"noise\": {\"rms\": 0.02, \"sampleRateHz\": 5000}}").noise());
        assertEquals(0.02, noise.rms());
        assertEquals(5000, noise.sampleRateHz());
    }

    @Test
    void everyTuningMapKindTakesItsValues() {
        assertEquals(new LinearTuningMap(0, 10_000, 0.5e-6, 20e-6), load("{}").tuningMap(),
                "the default map spans the actuator's default range");
        assertEquals(new LinearTuningMap(100, 900, 1e-6, 5e-6), load("{\"actuator\": {\"minPositionSteps\": 100,"
                + " \"maxPositionSteps\": 900, \"initialPositionSteps\": 400}, \"tuningMap\": {\"kind\": \"linear\","
                + " \"valueAtMinPosition\": 1e-6, \"valueAtMaxPosition\": 5e-6}}").tuningMap());
        assertEquals(new VaractorTuningMap(8e-6, 0.6, 0.45, 0.4e-6, 24, 10), load("{\"actuator\": {\"maxPositionSteps\":"
                + " 1023, \"initialPositionSteps\": 500}, \"tuningMap\": {\"kind\": \"varactor\","
                + " \"junctionCapacitanceFarads\": 8e-6, \"builtInPotentialVolts\": 0.6, \"gradingCoefficient\": 0.45,"
                + " \"fixedCapacitanceFarads\": 0.4e-6, \"dacFullScaleVolts\": 24, \"dacBits\": 10}}").tuningMap());
        assertEquals(new CapacitorBankTuningMap(0.6e-6, 0.02e-6, 9), load("{\"actuator\": {\"maxPositionSteps\": 511,"
                + " \"initialPositionSteps\": 100}, \"tuningMap\": {\"kind\": \"capacitor-bank\","
                + " \"baseCapacitanceFarads\": 0.6e-6, \"unitCapacitanceFarads\": 0.02e-6, \"bits\": 9}}").tuningMap());
        assertEquals(new TabulatedTuningMap(new double[] {0, 5000, 10_000}, new double[] {1e-6, 3e-6, 9e-6}),
                load("{\"tuningMap\": {\"kind\": \"tabulated\", \"positionsSteps\": [0, 5000, 10000],"
                        + " \"values\": [1e-6, 3e-6, 9e-6]}}").tuningMap());
    }

    @Test
    void everyRigKindTakesItsValues() {
        assertEquals(new SeriesRlcRig(0.02, 0.4, 1.2, 3.0, 0.0), load("{\"rig\": {\"kind\": \"rlc\", \"inductanceHenries\":"
                + " 0.02, \"sourceResistanceOhms\": 0.4, \"coilResistanceOhms\": 1.2, \"loadResistanceOhms\": 3}}").rig());
        assertEquals(new SeriesRlcRig(0.010, 0.5, 1.5, 2.0, 0.0), load("{}").rig(), "the reference rig by default");
        RunConfig force = load("{\"rig\": {\"kind\": \"mechanical-force\", \"massKg\": 0.08, \"mechanicalDampingNsPerM\":"
                + " 0.04, \"electricalDampingNsPerM\": 0.2, \"transducerLoadResistanceOhms\": 12,"
                + " \"cubicStiffnessNPerM3\": 1e5}}");
        assertEquals(new ForceDrivenMechanicalRig(0.08, 0.04, 0.2, 12, 1e5), force.rig());
        // The mechanical defaults: 30 Hz, a stiffness map of 500..4000 N/m, 16-bit ADC at 800 S/s.
        assertEquals(new ConstantFrequency(30), ((Drive) force.drive()).frequency());
        assertEquals(new LinearTuningMap(0, 10_000, 500, 4000), force.tuningMap());
        assertEquals(800, force.sensor().sampleRateHz());
        assertEquals(16, force.sensor().adcBits());
        assertEquals(new BaseExcitedMechanicalRig(BaseExcitedMechanicalRig.TunedParameter.STIFFNESS, 0.05, 1776.5, 0.05,
                0.10, 10, 0), load("{\"rig\": {\"kind\": \"mechanical-base\"}}").rig());
        RunConfig mass = load("{\"rig\": {\"kind\": \"mechanical-base\", \"tunedParameter\": \"mass\", \"massKg\": 0.06,"
                + " \"stiffnessNPerM\": 2000, \"mechanicalDampingNsPerM\": 0.03, \"electricalDampingNsPerM\": 0.09,"
                + " \"transducerLoadResistanceOhms\": 8, \"cubicStiffnessNPerM3\": 0}}");
        assertEquals(new BaseExcitedMechanicalRig(BaseExcitedMechanicalRig.TunedParameter.MASS, 0.06, 2000, 0.03, 0.09, 8,
                0), mass.rig());
        assertEquals(new LinearTuningMap(0, 10_000, 0.02, 0.12), mass.tuningMap(), "a mass map in kg");
        assertEquals(new ConstantAmplitude(1e-4), ((Drive) mass.drive()).amplitude(), "0.1 mm of base motion");
    }
}
