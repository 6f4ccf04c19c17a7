package org.her2sim.config;

/**
 * How cells are counted: one by one (agent), per clone with binomial draws (clone), or one by one
 * below {@code engine_switch_cells} and per clone above (hybrid).
 */
public enum EngineKind implements Choice {
    AGENT, CLONE, HYBRID;

    @Override
    public String toString() {
        return text();
    }
}
