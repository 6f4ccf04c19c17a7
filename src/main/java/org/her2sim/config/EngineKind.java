package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How cells are counted: one by one (agent), per clone with binomial draws (clone), or one by one
 * below {@code engine_switch_cells} and per clone above (hybrid).
 */
public enum EngineKind implements Choice {
    AGENT, CLONE, HYBRID;

    @JsonValue
    @Override
    public String text() {
        return Choice.super.text();
    }

    @Override
    public String toString() {
        return text();
    }

    @JsonCreator
    public static EngineKind of(String text) {
        return Choice.parse(EngineKind.class, text);
    }
}
