package org.resonantlearner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.resonantlearner.app.config.ConfigException;
import org.resonantlearner.app.config.ConfigLoader;

/**
 * A user's scenario file: either one scenario (a run config object with a {@code "name"}) or
 * {@code {"scenarios": [ {...}, {...} ]}}. Format in README.md ("Scenario files").
 */
public final class ScenarioFile {
    private ScenarioFile() {}

    /** Reads the scenarios of {@code file}; errors name the file and the scenario. */
    public static List<Scenario> read(Path file) {
        return parse(file.toString(), ConfigLoader.readObject(file), file);
    }

    /**
     * A run config to put under scenarios ({@code --config BASE} of bench and hil, see
     * {@link Scenario#over}): read, its relative paths resolved against its own directory.
     */
    public static ObjectNode readBase(Path file) {
        ObjectNode base = ConfigLoader.readObject(file);
        ConfigLoader.resolveRelativePaths(base, file);
        return base;
    }

    /**
     * The scenarios of {@code root}, the parsed object of a scenario file (or of a file built into the
     * jar); errors start with {@code source}. A scenario's config is a copy, with the keys the run
     * config does not know ({@code "criteria"} of a hil suite) still in it.
     *
     * @param file the file {@code root} was read from, whose directory relative paths are resolved
     *     against; null for a file built into the jar (its paths are left as they are)
     */
    public static List<Scenario> parse(String source, ObjectNode root, Path file) {
        List<Scenario> scenarios = new ArrayList<>();
        if (root.has("scenarios")) {
            JsonNode list = root.get("scenarios");
            if (!list.isArray() || list.isEmpty()) {
                throw new ConfigException(source + ": scenarios must be a non-empty array of scenario objects");
            }
            if (root.size() != 1) {
                throw new ConfigException(source + ": a file with \"scenarios\" must have no other top-level key");
            }
            for (int i = 0; i < list.size(); i++) {
                scenarios.add(scenario(source, file, "scenarios[" + i + "]", list.get(i)));
            }
        } else {
            scenarios.add(scenario(source, file, "", root));
        }
        return scenarios;
    }

    private static Scenario scenario(String source, Path file, String where, JsonNode node) {
        String at = where.isEmpty() ? "" : where + ".";
        if (!node.isObject()) {
            throw new ConfigException(source + ": " + where + " must be an object { ... }");
        }
        ObjectNode config = ((ObjectNode) node).deepCopy();
        if (file != null) {
            ConfigLoader.resolveRelativePaths(config, file);
        }
        JsonNode name = config.remove("name");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            throw new ConfigException(source + ": " + at + "name is missing: required a non-empty string");
        }
        return new Scenario(name.textValue(), config);
    }
}
