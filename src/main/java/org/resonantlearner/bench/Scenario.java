package org.resonantlearner.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
}
