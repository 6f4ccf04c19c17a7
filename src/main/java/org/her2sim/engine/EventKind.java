package org.her2sim.engine;

import org.her2sim.config.Choice;

/** What can happen in a run; the word in events.csv is the constant's name in lower case. */
public enum EventKind implements Choice {
    /** A clone founded by a heritable mutation. */
    MUTATION,
    /** A regimen phase (or the growth to diagnosis) began. */
    PHASE,
    /** A regimen phase ended, and why. */
    PHASE_END,
    /** The tumour reached its diagnosis size. */
    DIAGNOSIS,
    /** The first phase that gives drugs began: the baseline is taken. */
    TREATMENT_START,
    /** RECIST-like progression (observe). */
    PROGRESSION,
    /** Resistant cells exceed the configured share of the tumour (observe). */
    RESISTANCE,
    /** No cells are left. */
    EXTINCTION,
    /** The tumour exceeded stop.max_cells. */
    CEILING,
    /** The tumour reached the lethal burden (the overall-survival proxy). */
    DEATH,
    /** The hybrid engine moved the cells between the agent and clone engines. */
    ENGINE_SWITCH,
    /** A culture was split. */
    PASSAGE,
    /** The run took longer than its wall-clock limit. */
    WALL_TIME_LIMIT;

    @Override
    public String toString() {
        return text();
    }
}
