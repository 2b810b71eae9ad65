package org.resonantlearner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One benchmark scenario: a name whose first word is its kind ({@code static-}, {@code ramp-},
 * {@code step-}, {@code amplitude-}, {@code noise-}, {@code walk-}) and a config tree in the format
 * of a run config file (rig, drive, sensor, actuator, ... and durationSeconds). The tuner key, if
 * any, is ignored: the bench runs every tuner on every scenario.
 *
 * @param name scenario name
 * @param config the config tree
 */
public record Scenario(String name, ObjectNode config) {
    /** Fails on a blank name. */
    public Scenario {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scenario needs a non-empty name");
        }
    }

    /**
     * This scenario on top of {@code base} (a run config: the mode, the port, the Pi wiring of a
     * bench): the two trees merged object by object, the scenario's value winning wherever both set
     * a key. {@code base} is not changed.
     */
    public Scenario over(ObjectNode base) {
        ObjectNode merged = base.deepCopy();
        mergeInto(merged, config);
        return new Scenario(name, merged);
    }

    private static void mergeInto(ObjectNode target, ObjectNode top) {
        for (Map.Entry<String, JsonNode> field : top.properties()) {
            JsonNode below = target.get(field.getKey());
            if (below instanceof ObjectNode belowObject && field.getValue() instanceof ObjectNode topObject) {
                mergeInto(belowObject, topObject);
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
