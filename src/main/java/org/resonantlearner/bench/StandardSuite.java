package org.resonantlearner.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in suite, in the spirit of EN 50530 (static, ramps, steps) transplanted to resonance:
 * detunings and slopes are in linewidths Γ and amplitude time constants τ of the rig, so the same
 * numbers mean the same difficulty on both rig kinds.
 *
 * <p>Reference rigs (the config defaults): RLC with L = 10 mH, R = 4 Ω driven at 1 kHz
 * (Γ = R/(2πL) = 63.66 Hz, τ = 2L/R = 5 ms, C on a linear map 0.5–20 µF over 10 000 steps);
 * mechanical with m = 50 g, c = 0.15 N·s/m at 30 Hz (Γ = c/(2πm) = 0.477 Hz, τ = 0.667 s,
 * k on a linear map 500–4000 N/m). Static runs last long against the lock time, so that capture
 * measures holding as well as finding resonance.
 */
public final class StandardSuite {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final double RLC_HZ = 1000.0;
    private static final double RLC_INDUCTANCE_HENRIES = 0.010;
    private static final double RLC_RESISTANCE_OHMS = 4.0;
    private static final double RLC_LINEWIDTH_HZ = RLC_RESISTANCE_OHMS / (2 * Math.PI * RLC_INDUCTANCE_HENRIES);
    private static final double RLC_TAU_SECONDS = 2 * RLC_INDUCTANCE_HENRIES / RLC_RESISTANCE_OHMS;
    private static final double RLC_C_MIN_FARADS = 0.5e-6;
    private static final double RLC_C_MAX_FARADS = 20e-6;
    /** Resonant load voltage of the default RLC rig: V0·RL/R = 0.25 V peak, 0.1768 V rms. */
    private static final double RLC_RESONANT_LOAD_VOLTS_RMS = 0.5 * 2.0 / RLC_RESISTANCE_OHMS / Math.sqrt(2);

    private static final double MECH_HZ = 30.0;
    private static final double MECH_MASS_KG = 0.05;
    private static final double MECH_DAMPING_NS_PER_M = 0.15;
    private static final double MECH_LINEWIDTH_HZ = MECH_DAMPING_NS_PER_M / (2 * Math.PI * MECH_MASS_KG);
    private static final double MECH_TAU_SECONDS = 2 * MECH_MASS_KG / MECH_DAMPING_NS_PER_M;
    private static final double MECH_K_MIN = 500;
    private static final double MECH_K_MAX = 4000;
    private static final int MAX_POSITION_STEPS = 10_000;

    private StandardSuite() {}

    /** The scenarios of {@code bench --suite standard}, in table order. */
    public static List<Scenario> scenarios() {
        List<Scenario> list = new ArrayList<>();
        list.add(rlcStatic("static-rlc-0.5V-on-tune", 0.5, 0, 60));
        list.add(rlcStatic("static-rlc-0.5V-detuned+3lw", 0.5, 3, 60));
        list.add(rlcStatic("static-rlc-0.5V-detuned+10lw", 0.5, 10, 60));
        list.add(rlcStatic("static-rlc-0.5V-detuned-10lw", 0.5, -10, 60));
        list.add(rlcStatic("static-rlc-0.1V-detuned+10lw", 0.1, 10, 60));
        list.add(rlcStatic("static-rlc-2V-detuned-3lw", 2.0, -3, 60));
        list.add(mechStatic("static-mechforce-detuned+10lw", "mechanical-force", 10, 3600));
        list.add(mechStatic("static-mechbase-detuned-5lw", "mechanical-base", -5, 3600));

        for (double slope : new double[] {0.001, 0.01, 0.1}) {
            list.add(rlcTrapezoid("ramp-rlc-" + slope + "lw-per-tau", slope));
        }
        list.add(mechTrapezoid("ramp-mechforce-0.001lw-per-tau", 0.001));

        for (double linewidths : new double[] {0.5, 2, 10}) {
            list.add(rlcStep("step-rlc-" + linewidths + "lw", linewidths));
        }
        list.add(mechStep("step-mechforce-2lw", 2));

        list.add(rlcAmplitudeSteps("amplitude-rlc-0.5V-0.1V-1V"));

        for (int snrDb : new int[] {40, 20, 10}) {
            list.add(rlcNoise("noise-rlc-" + snrDb + "dB", snrDb));
        }
        list.add(rlcWalk("walk-rlc"));
        list.add(mechWalk("walk-mechforce"));
        return list;
    }

    private static Scenario rlcStatic(String name, double amplitudeVolts, double detuneLinewidths, double seconds) {
        ObjectNode config = rlcBase(seconds, RLC_HZ + detuneLinewidths * RLC_LINEWIDTH_HZ);
        config.withObjectProperty("drive").set("frequency", constantFrequency(RLC_HZ));
        config.withObjectProperty("drive").set("amplitude", NODES.objectNode().put("kind", "constant").put("amplitude", amplitudeVolts));
        return new Scenario(name, config);
    }

    private static Scenario mechStatic(String name, String kind, double detuneLinewidths, double seconds) {
        ObjectNode config = mechBase(kind, seconds, MECH_HZ + detuneLinewidths * MECH_LINEWIDTH_HZ);
        config.withObjectProperty("drive").set("frequency", constantFrequency(MECH_HZ));
        return new Scenario(name, config);
    }

    /** Trapezoid from f to f + 5Γ at {@code slope} linewidths per time constant, 5 s holds. */
    private static Scenario rlcTrapezoid(String name, double slopeLinewidthsPerTau) {
        double rampSeconds = 5 * RLC_TAU_SECONDS / slopeLinewidthsPerTau;
        double holdSeconds = 5;
        ObjectNode config = rlcBase(4 * holdSeconds + 2 * rampSeconds, RLC_HZ);
        config.withObjectProperty("drive").set("frequency", NODES.objectNode().put("kind", "trapezoid")
                .put("lowHz", RLC_HZ).put("highHz", RLC_HZ + 5 * RLC_LINEWIDTH_HZ)
                .put("lowHoldSeconds", holdSeconds).put("rampSeconds", rampSeconds)
                .put("highHoldSeconds", holdSeconds).put("finalHoldSeconds", 2 * holdSeconds));
        return new Scenario(name, config);
    }

    /** Trapezoid from f to f + 2Γ on the mechanical rig. */
    private static Scenario mechTrapezoid(String name, double slopeLinewidthsPerTau) {
        double rampSeconds = 2 * MECH_TAU_SECONDS / slopeLinewidthsPerTau;
        double holdSeconds = 100;
        ObjectNode config = mechBase("mechanical-force", 4 * holdSeconds + 2 * rampSeconds, MECH_HZ);
        config.withObjectProperty("drive").set("frequency", NODES.objectNode().put("kind", "trapezoid")
                .put("lowHz", MECH_HZ).put("highHz", MECH_HZ + 2 * MECH_LINEWIDTH_HZ)
                .put("lowHoldSeconds", holdSeconds).put("rampSeconds", rampSeconds)
                .put("highHoldSeconds", holdSeconds).put("finalHoldSeconds", 2 * holdSeconds));
        return new Scenario(name, config);
    }

    /** On tune at the start; the drive steps up by n linewidths at 5 s and back at 15 s. */
    private static Scenario rlcStep(String name, double linewidths) {
        ObjectNode config = rlcBase(25, RLC_HZ);
        config.withObjectProperty("drive").set("frequency", steps(RLC_HZ, new double[] {5, 15},
                new double[] {RLC_HZ + linewidths * RLC_LINEWIDTH_HZ, RLC_HZ}));
        return new Scenario(name, config);
    }

    private static Scenario mechStep(String name, double linewidths) {
        ObjectNode config = mechBase("mechanical-force", 900, MECH_HZ);
        config.withObjectProperty("drive").set("frequency", steps(MECH_HZ, new double[] {300, 600},
                new double[] {MECH_HZ + linewidths * MECH_LINEWIDTH_HZ, MECH_HZ}));
        return new Scenario(name, config);
    }

    private static Scenario rlcAmplitudeSteps(String name) {
        ObjectNode config = rlcBase(30, RLC_HZ + 3 * RLC_LINEWIDTH_HZ);
        config.withObjectProperty("drive").set("frequency", constantFrequency(RLC_HZ));
        ObjectNode amplitude = NODES.objectNode().put("kind", "steps").put("initialAmplitude", 0.5);
        amplitude.set("stepTimesSeconds", array(10, 20));
        amplitude.set("amplitudes", array(0.1, 1.0));
        config.withObjectProperty("drive").set("amplitude", amplitude);
        return new Scenario(name, config);
    }

    /** Sensor noise at {@code snrDb} below the resonant load voltage; start 3 linewidths off. */
    private static Scenario rlcNoise(String name, int snrDb) {
        ObjectNode config = rlcBase(60, RLC_HZ + 3 * RLC_LINEWIDTH_HZ);
        config.withObjectProperty("drive").set("frequency", constantFrequency(RLC_HZ));
        config.withObjectProperty("sensor").put("noiseVoltsRms", RLC_RESONANT_LOAD_VOLTS_RMS * Math.pow(10, -snrDb / 20.0));
        return new Scenario(name, config);
    }

    /** Random walk of the drive, 0.05 Γ rms per 0.1 s, kept within ±5 Γ. */
    private static Scenario rlcWalk(String name) {
        ObjectNode config = rlcBase(60, RLC_HZ);
        config.withObjectProperty("drive").set("frequency", NODES.objectNode().put("kind", "random-walk")
                .put("startHz", RLC_HZ).put("minHz", RLC_HZ - 5 * RLC_LINEWIDTH_HZ)
                .put("maxHz", RLC_HZ + 5 * RLC_LINEWIDTH_HZ).put("stepStdHz", 0.05 * RLC_LINEWIDTH_HZ)
                .put("stepIntervalSeconds", 0.1));
        return new Scenario(name, config);
    }

    private static Scenario mechWalk(String name) {
        ObjectNode config = mechBase("mechanical-force", 1800, MECH_HZ);
        config.withObjectProperty("drive").set("frequency", NODES.objectNode().put("kind", "random-walk")
                .put("startHz", MECH_HZ).put("minHz", MECH_HZ - 5 * MECH_LINEWIDTH_HZ)
                .put("maxHz", MECH_HZ + 5 * MECH_LINEWIDTH_HZ).put("stepStdHz", 0.05 * MECH_LINEWIDTH_HZ)
                .put("stepIntervalSeconds", 10.0));
        return new Scenario(name, config);
    }

    private static ObjectNode rlcBase(double seconds, double initialResonanceHz) {
        ObjectNode config = NODES.objectNode();
        config.put("seed", 1).put("durationSeconds", seconds);
        config.withObjectProperty("rig").put("kind", "rlc");
        double omega = 2 * Math.PI * initialResonanceHz;
        double capacitanceFarads = 1 / (omega * omega * RLC_INDUCTANCE_HENRIES);
        config.withObjectProperty("actuator").put("initialPositionSteps",
                position(capacitanceFarads, RLC_C_MIN_FARADS, RLC_C_MAX_FARADS));
        return config;
    }

    private static ObjectNode mechBase(String kind, double seconds, double initialResonanceHz) {
        ObjectNode config = NODES.objectNode();
        config.put("seed", 1).put("durationSeconds", seconds);
        config.withObjectProperty("rig").put("kind", kind);
        double omega = 2 * Math.PI * initialResonanceHz;
        double stiffnessNPerM = MECH_MASS_KG * omega * omega;
        config.withObjectProperty("actuator").put("initialPositionSteps", position(stiffnessNPerM, MECH_K_MIN, MECH_K_MAX));
        return config;
    }

    /** Position of {@code value} on the default linear map over [0, 10 000] steps. */
    private static int position(double value, double valueAtMin, double valueAtMax) {
        long steps = Math.round((value - valueAtMin) / (valueAtMax - valueAtMin) * MAX_POSITION_STEPS);
        if (steps < 0 || steps > MAX_POSITION_STEPS) {
            throw new IllegalStateException("suite scenario outside the actuator range: " + value);
        }
        return (int) steps;
    }

    private static ObjectNode constantFrequency(double hz) {
        return NODES.objectNode().put("kind", "constant").put("frequencyHz", hz);
    }

    private static ObjectNode steps(double initialHz, double[] times, double[] frequencies) {
        ObjectNode node = NODES.objectNode().put("kind", "steps").put("initialHz", initialHz);
        node.set("stepTimesSeconds", array(times));
        node.set("frequenciesHz", array(frequencies));
        return node;
    }

    private static ArrayNode array(double... values) {
        ArrayNode array = NODES.arrayNode();
        for (double v : values) {
            array.add(v);
        }
        return array;
    }
}
