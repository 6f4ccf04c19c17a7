package org.her2sim.engine;

import org.her2sim.config.Choice;

/** Why a run ended; the word in summary.json is the constant's name in lower case. */
public enum StopReason implements Choice {
    /** The end of follow-up: time.max, or time.after_treatment after treatment start. */
    TIME,
    /** The tumour reached the lethal burden (outcomes.lethal_cells) after treatment began. */
    DEATH,
    /** No cells were left (and stop.on_extinction is on). */
    EXTINCTION,
    /** The tumour exceeded stop.max_cells. */
    CEILING,
    /** A sweep task ran longer than its wall-clock limit. */
    WALL_TIME_LIMIT,
    /** Nothing was left to do (no cells step and no observation is due). */
    SCHEDULE_EMPTY;

    @Override
    public String toString() {
        return text();
    }
}
