package org.her2sim.bench;

import org.apache.commons.rng.UniformRandomProvider;
import sim.engine.Schedule;
import sim.engine.SimState;
import sim.engine.Steppable;
import sim.engine.Stoppable;

/**
 * Baseline: the textbook MASON design, one {@link Steppable} object per cell scheduled
 * repeating on the {@link Schedule} — what a per-cell agent costs on MASON's heap.
 */
public final class MasonAgentBaseline extends SimState {
    private static final long serialVersionUID = 1L;
    private final transient BirthDeathRule rule;
    private final transient UniformRandomProvider rng;
    private final int initial;
    private long updates;
    private long cells;

    public MasonAgentBaseline(int cells, BirthDeathRule rule, UniformRandomProvider rng) {
        super(1);
        this.initial = cells;
        this.rule = rule;
        this.rng = rng;
    }

    final class Cell implements Steppable {
        private static final long serialVersionUID = 1L;
        int state;
        Stoppable stopper;

        @Override
        public void step(SimState s) {
            updates++;
            double u = rng.nextDouble();
            // death scaled by size/initial keeps the size steady, as in the array baseline
            if (u < rule.death() * cells / initial) {
                stopper.stop();
                cells--;
            } else if (u < rule.death() + rule.division()) {
                Cell d = new Cell();
                d.state = rng.nextDouble() < rule.mutation() ? state + 1 : state;
                d.stopper = schedule.scheduleRepeating(schedule.getTime() + 1, d, 1.0);
                cells++;
            }
        }
    }

    @Override
    public void start() {
        super.start();
        for (int i = 0; i < initial; i++) {
            Cell c = new Cell();
            c.stopper = schedule.scheduleRepeating(Schedule.EPOCH, c, 1.0);
        }
        cells = initial;
    }

    public long updates() {
        return updates;
    }

    public long cells() {
        return cells;
    }
}
