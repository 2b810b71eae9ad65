package org.resonantlearner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.ConfigSection;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.calibration.JsonDocument;
import org.resonantlearner.check.Check;
import org.resonantlearner.telemetry.RunSummary;

/**
 * A hil suite: scenarios (a bench scenario file, {@link ScenarioFile}) each with a {@code "criteria"}
 * object of {@link HilCriterion} limits, and an optional base config merged under every scenario (the
 * scenario's keys win), so that one suite runs in any mode: the base says {@code "mode"} and the port.
 * Format in README.md ("Pass/fail runs for hardware in the loop"). Every mistake is a
 * {@link ConfigException} of one line naming the file, the scenario and the key.
 */
public final class HilSuite {
    /** The suites built into the jar ({@code hil --suite NAME}), packaged from hardware/hil/. */
    public static final List<String> BUILT_IN = List.of("reference");
    /** Where the built-in suites are on the class path. */
    private static final String RESOURCE_DIRECTORY = "/suites/";
    private static final String CRITERIA = "criteria";

    /**
     * One limit of a scenario.
     *
     * @param criterion what is judged
     * @param value the limit, in the criterion's unit
     */
    public record Limit(HilCriterion criterion, double value) {}

    /**
     * One scenario of the suite and its limits, in the order the file gives them.
     *
     * @param scenario the run config (base merged under it) and its name
     * @param limits at least one
     */
    public record Case(Scenario scenario, List<Limit> limits) {}

    private final String name;
    private final String source;
    private final String mergedSource;
    private final List<Case> cases;

    private HilSuite(String name, String source, String mergedSource, List<Case> cases) {
        this.name = name;
        this.source = source;
        this.mergedSource = mergedSource;
        this.cases = List.copyOf(cases);
    }

    /**
     * Reads the suite file {@code file}.
     *
     * @param baseFile a run config merged under every scenario (scenario keys win); null for none
     */
    public static HilSuite read(Path file, Path baseFile) {
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String suiteName = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return parse(suiteName, file.toString(), ConfigLoader.readObject(file), file, baseFile);
    }

    /** The built-in suite {@code name} (one of {@link #BUILT_IN}); {@code baseFile} as for {@link #read}. */
    public static HilSuite builtIn(String name, Path baseFile) {
        if (!BUILT_IN.contains(name)) {
            throw new ConfigException("--suite " + name + ": not a built-in suite " + BUILT_IN);
        }
        String resource = RESOURCE_DIRECTORY + name + ".json";
        String text;
        try (InputStream in = HilSuite.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build (see pom.xml resources)");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in suite " + resource + " cannot be read", e);
        }
        ObjectNode root;
        try {
            root = JsonDocument.parseObject(text);
        } catch (JsonDocument.MalformedException e) {
            throw new IllegalStateException("the built-in suite " + resource + " is malformed: " + e.getMessage(), e);
        }
        return parse(name, "suite " + name + " (built in)", root, null, baseFile);
    }

    private static HilSuite parse(String name, String source, ObjectNode root, Path file, Path baseFile) {
        ObjectNode base = JsonNodeFactory.instance.objectNode();
        if (baseFile != null) {
            base = ScenarioFile.readBase(baseFile);
        }
        List<Case> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Scenario scenario : ScenarioFile.parse(source, root, file)) {
            String where = source + ": scenario " + scenario.name() + ": ";
            if (!names.add(scenario.name())) {
                throw new ConfigException(where + "name appears twice: each scenario needs its own name");
            }
            ObjectNode config = scenario.config().deepCopy();
            List<Limit> limits;
            try {
                limits = limits(config.remove(CRITERIA));
            } catch (ConfigException e) {
                throw new ConfigException(where + e.getMessage(), e);
            }
            cases.add(new Case(new Scenario(scenario.name(), config).over(base), limits));
        }
        return new HilSuite(name, source, baseFile == null ? source : source + " over --config " + baseFile, cases);
    }

    /** The limits of a {@code "criteria"} object: known keys only, each a number in its range, at least one. */
    private static List<Limit> limits(JsonNode criteria) {
        if (criteria == null || criteria.isNull()) {
            throw new ConfigException(CRITERIA + " is missing: required an object with at least one of "
                    + HilCriterion.keys());
        }
        if (!criteria.isObject()) {
            throw new ConfigException(CRITERIA + " = " + criteria + " is invalid: allowed an object { ... }");
        }
        if (criteria.isEmpty()) {
            throw new ConfigException(CRITERIA + " is empty: required at least one of " + HilCriterion.keys());
        }
        ConfigSection section = new ConfigSection(CRITERIA, (ObjectNode) criteria);
        List<Limit> limits = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = criteria.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            HilCriterion criterion = HilCriterion.ofKey(key);
            if (criterion == null) {
                throw new ConfigException(section.keyPath(key) + " is not a known key: known keys here are "
                        + HilCriterion.keys());
            }
            if (!field.getValue().isNumber()) {
                throw new ConfigException(section.keyPath(key) + " = " + field.getValue()
                        + " is invalid: allowed " + (criterion.count() ? "a whole number" : "a number"));
            }
            double value;
            if (criterion.count()) {
                long count = section.integer(key, 0, criterion.unit());
                section.build(() -> Check.inRange(key, count, criterion.unit(), (long) criterion.lowestLimit(),
                        (long) criterion.highestLimit()));
                value = count;
            } else {
                value = section.number(key, 0, criterion.unit(), criterion.lowestLimit(), criterion.highestLimit());
            }
            limits.add(new Limit(criterion, value));
        }
        return limits;
    }

    /** The suite's name: the file's name without ".json", or the built-in suite's name (JUnit's suite name). */
    public String name() {
        return name;
    }

    /** The file, or "suite NAME (built in)": how errors name the suite. */
    public String source() {
        return source;
    }

    /** The scenarios and their limits, in file order. */
    public List<Case> cases() {
        return cases;
    }

    /** The suite with only the scenarios whose name starts with {@code prefix}; none is an error. */
    public HilSuite only(String prefix) {
        List<Case> kept = cases.stream().filter(c -> c.scenario().name().startsWith(prefix)).toList();
        if (kept.isEmpty()) {
            throw new ConfigException("--only " + prefix + ": no scenario name of " + source + " starts with it");
        }
        return new HilSuite(name, source, mergedSource, kept);
    }

    /**
     * One run per scenario, each with its own tuner, validated before anything runs: every config
     * (the base merged under the scenario; an error names both files) builds, and a scenario with {@code relockMaxSeconds} has a drive event inside its duration.
     *
     * @param seed run seed for every scenario, or null for each scenario's own
     */
    public BenchRunner.Plan plan(Long seed) {
        List<Scenario> scenarios = cases.stream().map(Case::scenario).toList();
        BenchRunner.Plan plan;
        try {
            plan = BenchRunner.plan(scenarios, seed);
        } catch (ConfigException e) {
            throw new ConfigException(mergedSource + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            RunConfig config = plan.configs().get(i);
            boolean relock = c.limits().stream().anyMatch(l -> l.criterion() == HilCriterion.RELOCK_MAX_SECONDS);
            double[] events = config.drive().eventTimesSeconds();
            if (relock && (events.length == 0 || events[events.length - 1] >= config.durationSeconds())) {
                throw new ConfigException(mergedSource + ": scenario " + c.scenario().name() + ": " + CRITERIA + "."
                        + HilCriterion.RELOCK_MAX_SECONDS.key() + " needs drive events (drive.frequency or"
                        + " drive.amplitude steps) within durationSeconds = " + config.durationSeconds() + " s; "
                        + (events.length == 0 ? "this scenario has none"
                                : "its last is at " + events[events.length - 1] + " s"));
            }
        }
        return plan;
    }

    /** The rows of case {@code index}, whose run completed with {@code summary}, in {@code modeName} mode. */
    public List<HilVerdict> judge(int index, RunSummary summary, String modeName) {
        Case c = cases.get(index);
        return c.limits().stream()
                .map(limit -> limit.criterion().judge(c.scenario().name(), limit.value(), summary, modeName))
                .toList();
    }
}
