package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad configs through the real command line: each must exit 2 with exactly one line
 * {@code error: ...} naming the key the generator broke, no stack trace, and no --out directory.
 * The allowed ranges come from README.md ("Configuration", column "allowed"), not from the code.
 */
class ConfigFuzzTest {
    private static final long SEED = 9;
    private static final int MIN_CASES = 500;
    /** Bad values tried per key, drawn from the 13 to 19 kinds {@link #badValues} knows. */
    private static final int VALUES_PER_KEY = 4;

    @TempDir
    Path directory;

    /** One numeric key and its documented range; {@code integer} for whole-number keys. */
    private record Key(String path, double min, double max, boolean integer) {}

    /** A config text, the file it is written to (null: write the text), and the text the error must name. */
    private record Case(String description, String text, Path file, String expected) {}

    /** Base configs: one per rig kind, with the keys (and ranges) that apply to it. */
    private static final Map<String, String> BASES = Map.of(
            "rlc", "{\"rig\": {\"kind\": \"rlc\"}}",
            "mechanical-force", "{\"rig\": {\"kind\": \"mechanical-force\"}}",
            "mechanical-base", "{\"rig\": {\"kind\": \"mechanical-base\"}}");

    private static List<Key> commonKeys() {
        return List.of(
                new Key("seed", -9.2e18, 9.2e18, true),
                new Key("durationSeconds", 1e-3, 1e7, false),
                new Key("actuator.minPositionSteps", 0, 1 << 30, true),
                new Key("actuator.maxStepRateStepsPerSecond", 1e-3, 1e9, false),
                new Key("actuator.tuningEnergyPerStepJoules", 0, 1e3, false),
                new Key("actuator.tuningEnergyPerMoveJoules", 0, 1e3, false),
                new Key("sensor.sampleRateHz", 10, 10e6, false),
                new Key("sensor.adcBits", 4, 24, true),
                new Key("sensor.fullScaleVolts", 1e-3, 100, false),
                new Key("sensor.noiseVoltsRms", 0, 100, false),
                new Key("sensor.offsetVolts", -100, 100, false),
                new Key("sensor.gainErrorFraction", -0.5, 0.5, false),
                new Key("sensor.watchdogTimeoutSeconds", 0.01, 3600, false),
                new Key("meter.windowPeriods", 1, 100_000, true),
                new Key("meter.maxWindowSeconds", 1e-3, 3600, false),
                new Key("drive.frequency.frequencyHz", 1e-3, 1e6, false),
                new Key("drive.noise.sampleRateHz", 1, 10e6, false),
                new Key("tuner.settleTimeSeconds", 0, 1e9, false),
                new Key("tuner.noiseBrake.growFactor", 1, 10, false),
                new Key("tuner.sweep.coarsePoints", 2, 100_000, true),
                new Key("output.progressIntervalSeconds", 0.01, 86_400, false));
    }

    private static List<Key> rigKeys(String kind) {
        List<Key> keys = new ArrayList<>(commonKeys());
        switch (kind) {
            case "rlc" -> keys.addAll(List.of(
                    new Key("rig.inductanceHenries", 1e-6, 100, false),
                    new Key("rig.sourceResistanceOhms", 0, 1e6, false),
                    new Key("rig.coilResistanceOhms", 0, 1e6, false),
                    new Key("rig.loadResistanceOhms", 1e-3, 1e6, false),
                    new Key("rig.cubicStiffness", 0, 1e18, false),
                    new Key("tuningMap.valueAtMinPosition", 1e-12, 1, false),
                    new Key("tuningMap.valueAtMaxPosition", 1e-12, 1, false),
                    new Key("drive.amplitude.amplitude", 0, 1000, false),
                    new Key("drive.noise.rms", 0, 1000, false)));
            case "mechanical-force" -> keys.addAll(List.of(
                    new Key("rig.massKg", 1e-4, 100, false),
                    new Key("rig.mechanicalDampingNsPerM", 0, 1e4, false),
                    new Key("rig.electricalDampingNsPerM", 1e-4, 1e4, false),
                    new Key("rig.transducerLoadResistanceOhms", 1e-3, 1e6, false),
                    new Key("rig.cubicStiffnessNPerM3", 0, 1e12, false),
                    new Key("tuningMap.valueAtMinPosition", 1e-2, 1e8, false),
                    new Key("drive.amplitude.amplitude", 0, 1000, false),
                    new Key("drive.noise.rms", 0, 1000, false)));
            default -> keys.addAll(List.of(
                    new Key("rig.massKg", 1e-4, 100, false),
                    new Key("rig.stiffnessNPerM", 0, 1e8, false),
                    new Key("rig.electricalDampingNsPerM", 1e-4, 1e4, false),
                    new Key("tuningMap.valueAtMaxPosition", 1e-2, 1e8, false),
                    new Key("drive.amplitude.amplitude", 0, 1, false),
                    new Key("drive.noise.rms", 0, 1, false)));
        }
        return keys;
    }

    /** Raw JSON values that are wrong for {@code key}: types, non-numbers, extremes, just outside the range. */
    private static List<String> badValues(Key key) {
        List<String> values = new ArrayList<>(List.of("\"1\"", "[1]", "{}", "true", "NaN", "Infinity", "-Infinity",
                "1e400", "-1e308", "123456789012345678901234567890", "1" + "0".repeat(1100)));
        if (key.max() < 1e308) {
            values.add("1e308");
        }
        if (key.integer()) {
            values.add("1.5");
            if (key.max() < 9e18) {
                values.add(Long.toString((long) key.max() + 1));
                values.add(Long.toString((long) key.min() - 1));
            }
        } else {
            values.add(Double.toString(key.max() * (1 + 1e-6) + 1e-300));
            values.add(key.min() > 0 ? Double.toString(key.min() * (1 - 1e-6)) : Double.toString(key.min() - 1e-6 - Math.abs(key.min()) * 1e-6));
            if (key.min() > 0) {
                values.addAll(List.of("4.9e-324", "-0", "-0.0", "0"));
            }
        }
        return values;
    }

    /** {@code {"a": {"b": 1}}} for "a.b" = 1 on top of the base (a raw token, written as is). */
    private static String withValue(String base, String path, String rawValue) {
        ObjectMapper json = new ObjectMapper();
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(base);
            String[] parts = path.split("\\.");
            com.fasterxml.jackson.databind.node.ObjectNode node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                node = node.has(parts[i]) ? (com.fasterxml.jackson.databind.node.ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
            }
            node.put(parts[parts.length - 1], "@BAD@");
            return json.writeValueAsString(tree).replace("\"@BAD@\"", rawValue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Case> generate() throws IOException, InterruptedException {
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        for (String kind : List.of("rlc", "mechanical-force", "mechanical-base")) {
            String base = BASES.get(kind);
            for (Key key : rigKeys(kind)) {
                for (String value : pick(badValues(key), VALUES_PER_KEY, random)) {
                    cases.add(new Case(kind + " " + key.path() + " = " + abbreviate(value), withValue(base, key.path(), value),
                            null, key.path()));
                }
                // A key one level too deep or in the wrong section is unknown where it stands.
                String[] parts = key.path().split("\\.");
                String leaf = parts[parts.length - 1];
                String wrongSection = List.of("rig", "drive", "meter", "output").get(random.nextInt(4));
                if (!key.path().startsWith(wrongSection + ".") && !leaf.equals("sampleRateHz")) {
                    cases.add(new Case(kind + " " + leaf + " under " + wrongSection,
                            withValue(base, wrongSection + "." + leaf, "1"), null, wrongSection + "." + leaf));
                }
            }
            // Sections of the wrong type.
            for (String section : List.of("rig", "drive", "drive.frequency", "drive.amplitude", "drive.noise", "sensor",
                    "actuator", "meter", "tuner", "tuner.sweep", "output", "tuningMap")) {
                for (String value : pick(List.of("[]", "\"x\"", "1", "[{}]", "true"), 2, random)) {
                    cases.add(new Case(kind + " section " + section + " = " + value, withValue(base, section, value), null, section));
                }
            }
            // Unknown keys, at random places and with random names.
            for (int i = 0; i < 10; i++) {
                String section = List.of("", "rig.", "drive.frequency.", "sensor.", "meter.", "tuner.noiseBrake.",
                        "output.").get(random.nextInt(7));
                String name = section + "unknownKey" + random.nextInt(1000);
                cases.add(new Case(kind + " unknown " + name, withValue(base, name, "1"), null, name));
            }
            // Choices outside their lists.
            for (String path : List.of("rig.kind", "mode", "tuningMap.kind", "drive.frequency.kind", "drive.amplitude.kind",
                    "tuner.name")) {
                cases.add(new Case(kind + " " + path + " unknown", withValue(base, path, "\"bogus\""), null, path));
            }
        }
        // Every frequency a profile can reach, above what the meter measures at 20 kS/s (3333 Hz) ...
        for (String profile : List.of(
                "{\"kind\": \"constant\", \"frequencyHz\": %s}",
                "{\"kind\": \"ramp\", \"startHz\": %s}",
                "{\"kind\": \"ramp\", \"endHz\": %s}",
                "{\"kind\": \"steps\", \"initialHz\": %s, \"stepTimesSeconds\": [1], \"frequenciesHz\": [1000]}",
                "{\"kind\": \"steps\", \"stepTimesSeconds\": [1, 2], \"frequenciesHz\": [1000, %s]}",
                "{\"kind\": \"trapezoid\", \"highHz\": %s}",
                "{\"kind\": \"random-walk\", \"maxHz\": %s}")) {
            String key = keyOf(profile);
            for (String hz : List.of("3334", "10000", "15000", "1e6", "20000")) {
                cases.add(new Case("rlc drive " + key + " = " + hz + " Hz", "{\"drive\": {\"frequency\": "
                        + String.format(profile, hz) + "}}", null, "drive.frequency." + key));
            }
            // ... and below what 10 periods in the 0.5 s window allow (20 Hz).
            if (!profile.contains("maxHz") && !profile.contains("highHz") && !profile.contains("[1000, %s]")) {
                cases.add(new Case("rlc drive " + key + " = 19 Hz", "{\"drive\": {\"frequency\": "
                        + String.format(profile, "19") + "}}", null, "drive.frequency." + key));
            }
        }
        cases.add(new Case("random-walk minHz below the meter", "{\"drive\": {\"frequency\": {\"kind\": \"random-walk\","
                + " \"minHz\": 5, \"startHz\": 1000}}}", null, "drive.frequency.minHz"));
        cases.add(new Case("trapezoid lowHz below the meter", "{\"drive\": {\"frequency\": {\"kind\": \"trapezoid\","
                + " \"lowHz\": 5}}}", null, "drive.frequency.lowHz"));
        // A default drive the sensor or meter settings no longer fit: the error names the key the file set.
        cases.add(new Case("sample rate too slow for the default drive", "{\"sensor\": {\"sampleRateHz\": 2000}}", null,
                "sensor.sampleRateHz"));
        cases.add(new Case("window too short for the default drive", "{\"meter\": {\"maxWindowSeconds\": 0.005}}", null,
                "meter.maxWindowSeconds"));
        cases.add(new Case("too many periods for the default drive", "{\"meter\": {\"windowPeriods\": 1000}}", null,
                "meter.windowPeriods"));
        // Paths the OS refuses.
        for (String path : List.of("output.directory", "calibrationFile")) {
            String extra = path.equals("calibrationFile") ? ", \"rig\": {\"id\": \"x\"}" : "";
            cases.add(new Case(path + " with a NUL", "{\"" + path.replace("output.", "output\": {\"") + "\": \"a\\u0000b\""
                    + (path.startsWith("output.") ? "}" : "") + extra + "}", null, path));
        }
        cases.add(new Case("empty output.directory", "{\"output\": {\"directory\": \"\"}}", null, "output.directory"));
        // Trailing content after the one document.
        for (String tail : List.of("{}", "{\"seed\": 2}", " garbage", "1", "[", "]", "}", "\"x\"", "// c\n{}", "null")) {
            cases.add(new Case("trailing " + abbreviate(tail), "{\"seed\": 1}" + tail, null, "content after the end"));
        }
        cases.add(new Case("duplicate key", "{\"seed\": 1, \"seed\": 2}", null, "seed"));
        cases.add(new Case("deep nesting", "{\"rig\": " + "[".repeat(2000) + "]".repeat(2000) + "}", null, "rig"));
        cases.add(new Case("empty file", "", null, "empty"));
        cases.add(new Case("top-level array", "[{\"seed\": 1}]", null, "JSON object"));
        // Files too large, and files that are not regular files.
        String padding = " ".repeat((1 << 20) + 1);
        cases.add(new Case("config over 1 MiB of spaces", "{\"seed\": 1}" + padding, null, "larger than the allowed 1 MiB"));
        cases.add(new Case("config over 1 MiB in a comment", "{\"seed\": 1 /*" + padding + "*/}", null,
                "larger than the allowed 1 MiB"));
        Path fifo = directory.resolve("config.fifo");
        boolean haveFifo = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        List<Path> special = new ArrayList<>(List.of(Path.of("/dev/zero"), Path.of("/dev/urandom"), directory));
        if (haveFifo) {
            special.add(fifo);
        }
        for (Path file : special) {
            String expected = file.equals(directory) ? "is a directory" : "is not a regular file";
            cases.add(new Case("config " + file, null, file, "config file " + file + ": " + expected));
            cases.add(new Case("calibrationFile " + file, "{\"calibrationFile\": \"" + file + "\", \"rig\": {\"id\": \"x\"}}",
                    null, "calibrationFile: calibration file " + file + ": " + expected));
        }
        Path bigCalibration = directory.resolve("big-calibration.json");
        Files.writeString(bigCalibration, "{" + " ".repeat((4 << 20) + 1) + "}");
        cases.add(new Case("calibrationFile over 4 MiB", "{\"calibrationFile\": \"" + bigCalibration + "\", \"rig\": {\"id\": \"x\"}}",
                null, "larger than the allowed 4 MiB"));
        cases.add(new Case("missing calibrationFile", "{\"calibrationFile\": \"" + directory.resolve("none.json")
                + "\", \"rig\": {\"id\": \"x\"}}", null, "no such file"));
        cases.add(new Case("missing config", null, directory.resolve("absent.json"), "no such file"));
        Collections.shuffle(cases, random);
        return cases;
    }

    /** {@code count} of {@code values}, chosen by {@code random}. */
    private static List<String> pick(List<String> values, int count, Random random) {
        List<String> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    private static String keyOf(String profile) {
        java.util.regex.Matcher m = Pattern.compile("\"(\\w+)\": (\\[1000, )?%s").matcher(profile);
        assertTrue(m.find(), profile);
        return m.group(1) + (m.group(2) != null ? "[1]" : "");
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "…(" + value.length() + " chars)" : value;
    }

    /** Runs the CLI with stdout and stderr captured; returns {exit code, err}. */
    private static Object[] execute(String... args) {
        Object[] result = CommandLineTest.execute(args);
        return new Object[] {result[0], result[2]};
    }

    /** Names the key as a whole word: "rig.massKg" in "rig.massKg = ", "(near rig.massKg)", "rig.massKg[0]". */
    private static boolean names(String err, String expected) {
        if (!Character.isLetterOrDigit(expected.charAt(expected.length() - 1))) {
            return err.contains(expected);
        }
        return Pattern.compile("(^|[ (\"])" + Pattern.quote(expected) + "($|[ )=:\\[.,])").matcher(err).find()
                || (!expected.contains(".") && err.contains(expected));
    }

    @Test
    void everyGeneratedBadConfigExitsTwoWithOneLineNamingItsKeyAndWritesNothing() throws Exception {
        List<Case> cases = generate();
        List<String> failures = new ArrayList<>();
        int i = 0;
        for (Case c : cases) {
            Path file = c.file();
            if (file == null) {
                file = directory.resolve("case-" + i + ".json");
                Files.writeString(file, c.text());
            }
            // Every tenth case goes through the other commands that load a config.
            String command = List.of("run", "run", "run", "run", "run", "run", "run", "selftest", "calibrate", "run").get(i % 10);
            Path out = directory.resolve("out-" + i);
            String[] args = switch (command) {
                case "selftest" -> new String[] {"selftest", "--config", file.toString()};
                case "calibrate" -> new String[] {"calibrate", "--config", file.toString(), "--rig-id", "x", "--out",
                        out.resolve("cal.json").toString()};
                default -> new String[] {"run", "--config", file.toString(), "--out", out.toString(), "--duration", "0.01"};
            };
            Object[] result = execute(args);
            String err = (String) result[1];
            List<String> lines = err.lines().toList();
            String problem = null;
            if (!result[0].equals(Main.EXIT_CONFIG_ERROR)) {
                problem = "exit " + result[0];
            } else if (lines.size() != 1) {
                problem = lines.size() + " lines";
            } else if (!lines.get(0).startsWith("error: ")) {
                problem = "not an error line";
            } else if (!names(lines.get(0), c.expected())) {
                problem = "does not name " + c.expected();
            } else if (err.contains("\tat ") || err.contains("Exception") || err.contains("jackson")
                    || err.contains("StreamReadConstraints") || err.contains("`")) {
                problem = "internals";
            } else if (Files.exists(out)) {
                problem = "created " + out;
            }
            if (problem != null) {
                failures.add(c.description() + " [" + command + "]: " + problem + ": " + abbreviate(err.strip()).replace("\n", " | "));
            }
            i++;
        }
        System.out.println("ConfigFuzzTest: " + cases.size() + " bad configs, " + failures.size() + " failures");
        assertTrue(cases.size() >= MIN_CASES, cases.size() + " cases");
        assertEquals(List.of(), failures.subList(0, Math.min(40, failures.size())), failures.size() + " of " + cases.size() + " failed");
    }

    /** Configs with values just inside the ranges: they run and every figure of the summary is finite. */
    @Test
    void configsJustInsideTheRangesCompleteWithFiniteResults() throws IOException {
        List<String> edges = List.of(
                // RLC at the top of drive, noise and Duffing term, the smallest load, no source or coil resistance.
                "{\"rig\": {\"loadResistanceOhms\": 1e-3, \"sourceResistanceOhms\": 0, \"coilResistanceOhms\": 0,"
                        + " \"cubicStiffness\": 1e18}, \"drive\": {\"amplitude\": {\"amplitude\": 1000},"
                        + " \"noise\": {\"rms\": 1000}}, \"sensor\": {\"noiseVoltsRms\": 100, \"fullScaleVolts\": 100}}",
                // RLC at the smallest L and C, the largest resistances, the fastest ADC and a 1 MHz drive.
                "{\"rig\": {\"inductanceHenries\": 1e-6, \"loadResistanceOhms\": 1e6, \"sourceResistanceOhms\": 1e6,"
                        + " \"coilResistanceOhms\": 1e6}, \"tuningMap\": {\"valueAtMinPosition\": 1e-12, \"valueAtMaxPosition\": 1},"
                        + " \"sensor\": {\"sampleRateHz\": 1e7}, \"drive\": {\"frequency\": {\"frequencyHz\": 1e6}}}",
                // RLC at the largest L and C, at 1 mHz with the longest window, and no drive at all.
                "{\"rig\": {\"inductanceHenries\": 100}, \"tuningMap\": {\"valueAtMinPosition\": 0.5, \"valueAtMaxPosition\": 1},"
                        + " \"meter\": {\"windowPeriods\": 1, \"maxWindowSeconds\": 3600},"
                        + " \"drive\": {\"frequency\": {\"frequencyHz\": 1e-3}, \"amplitude\": {\"amplitude\": 0}}}",
                // Force-driven: heaviest mass, weakest harvest, hardest Duffing term, the largest force and noise.
                "{\"rig\": {\"kind\": \"mechanical-force\", \"massKg\": 100, \"electricalDampingNsPerM\": 1e-4,"
                        + " \"mechanicalDampingNsPerM\": 0, \"cubicStiffnessNPerM3\": 1e12, \"transducerLoadResistanceOhms\": 1e6},"
                        + " \"tuningMap\": {\"valueAtMinPosition\": 1e-2, \"valueAtMaxPosition\": 1e8},"
                        + " \"drive\": {\"amplitude\": {\"amplitude\": 1000}, \"noise\": {\"rms\": 1000}}}",
                // Base-excited: lightest mass, largest damping and base motion, at 1 MHz.
                "{\"rig\": {\"kind\": \"mechanical-base\", \"massKg\": 1e-4, \"mechanicalDampingNsPerM\": 1e4,"
                        + " \"electricalDampingNsPerM\": 1e4, \"transducerLoadResistanceOhms\": 1e-3},"
                        + " \"sensor\": {\"sampleRateHz\": 1e7}, \"drive\": {\"frequency\": {\"kind\": \"random-walk\","
                        + " \"startHz\": 1e6, \"minHz\": 9e5, \"maxHz\": 1e6, \"stepStdHz\": 1e6, \"stepIntervalSeconds\": 1e-3},"
                        + " \"amplitude\": {\"amplitude\": 1}}}");
        ObjectMapper json = new ObjectMapper();
        int i = 0;
        for (String edge : edges) {
            Path file = directory.resolve("edge-" + i + ".json");
            Files.writeString(file, edge);
            Path out = directory.resolve("edge-out-" + i);
            Object[] result = execute("run", "--config", file.toString(), "--out", out.toString(), "--duration", "0.05");
            assertEquals(0, result[0], edge + ": " + result[1]);
            JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
            assertEquals("completed", summary.get("exitStatus").asText(), edge);
            for (Iterator<Map.Entry<String, JsonNode>> fields = summary.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNumber()) {
                    assertTrue(Double.isFinite(field.getValue().doubleValue()), edge + ": " + field);
                }
                assertTrue(!field.getValue().isTextual() || !field.getValue().asText().matches("(?i).*(nan|infinity).*"),
                        edge + ": " + field);
            }
            i++;
        }
    }
}
