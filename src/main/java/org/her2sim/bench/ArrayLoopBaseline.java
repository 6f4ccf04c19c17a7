package org.her2sim.bench;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Baseline: a bare struct-of-arrays loop over the birth–death–mutation rule, one draw per
 * cell per step, no lineage or rates — the floor of what a per-cell loop costs.
 */
public final class ArrayLoopBaseline {
    private int[] state;
    private int size;
    private final BirthDeathRule rule;
    private final UniformRandomProvider rng;
    private final int target;
    private long updates;

    public ArrayLoopBaseline(int cells, BirthDeathRule rule, UniformRandomProvider rng) {
        state = new int[cells + cells / 2];
        size = cells;
        target = cells;
        this.rule = rule;
        this.rng = rng;
    }

    public void step() {
        int n0 = size;
        // death scaled by size/target once per step keeps the size steady over long measurements
        double pd = Math.min(rule.death() * size / (double) target, 1 - rule.division());
        double pb = pd + rule.division();
        int i = 0;
        int end = n0;
        while (i < end) {
            double u = rng.nextDouble();
            if (u < pd) {
                // swap-remove: the last unprocessed cell takes this slot; newborns stay behind
                state[i] = state[end - 1];
                if (end < size) {
                    state[end - 1] = state[size - 1];
                }
                end--;
                size--;
                continue;
            } else if (u < pb) {
                if (size == state.length) {
                    state = Arrays.copyOf(state, size + size / 2);
                }
                int s = state[i];
                state[size++] = rng.nextDouble() < rule.mutation() ? s + 1 : s;
            }
            i++;
        }
        updates += n0;
    }

    public long updates() {
        return updates;
    }

    public int size() {
        return size;
    }
}
