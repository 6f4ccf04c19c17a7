package org.her2sim.engine;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.GeometricSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.her2sim.biology.Exposure;
import org.her2sim.biology.MutationTable;
import org.her2sim.biology.RateModel;

/**
 * One time step of every cell in a well-mixed tumour: each cell dies, divides, switches its
 * adaptive state, or nothing, with the probabilities of {@link StepProbabilities}. Daughters are appended and act from the next step.
 *
 * <p>Why it looks the way it does: per-state thresholds are built once per step (a handful of
 * states, rates from the cache), then the loop does a table look-up and one draw per cell that
 * has an event. Cells with no event are skipped by geometric jumps at the largest event
 * probability p_max, and a selected cell's draw is uniform on [0, p_max) — exact thinning, so
 * the cost is proportional to the events, not the cells. When p_max is large the loop draws for
 * every cell instead (cheaper than logarithms).
 */
final class CellStep {
    private static final double DENSE_ABOVE = 0.25;

    private final TumourModel model;
    private final CellStore store;
    private UniformRandomProvider rng;
    private final RateModel rates;
    private final MutationTable mutations;
    private final int states;

    private final StepTables tables;
    private int[] holes = new int[256];

    CellStep(TumourModel model, CellStore store, UniformRandomProvider rng, Scenario scenario) {
        this.model = model;
        this.store = store;
        this.rng = rng;
        this.rates = scenario.rates();
        this.mutations = scenario.mutations();
        this.states = scenario.space().size();
        tables = new StepTables(rates, mutations, states);
    }

    /** Events acted on (divisions, deaths, switches), for the cost per event. */
    long events;

    void reseed(UniformRandomProvider next) {
        rng = next;
    }

    void step(double t, double dt, Exposure exposure, double crowding) {
        double pMax = tables.build(model.lineage, dt, exposure, crowding);
        if (pMax <= 0) {
            return;
        }
        final int n0 = store.size;
        int holeCount = 0;
        if (pMax > DENSE_ABOVE) {
            for (int i = 0; i < n0; i++) {
                double u = rng.nextDouble();
                if (u < pMax) {
                    holeCount = act(store, i, u, t, holeCount);
                }
            }
        } else {
            // the number of cells without a candidate event before the next one is geometric
            SharedStateDiscreteSampler gap = GeometricSampler.of(rng, pMax);
            long i = gap.sample();
            while (i < n0) {
                holeCount = act(store, (int) i, rng.nextDouble() * pMax, t, holeCount);
                i += 1L + gap.sample();
            }
        }
        store.removeHoles(holes, holeCount);
    }

    /** The cell at {@code i} has a candidate event with uniform {@code u} in [0, p_max). */
    private int act(CellStore store, int i, double u, double t, int holeCount) {
        int v = store.code[i];
        Lineage lineage = model.lineage;
        int s = lineage.variantStates()[v];
        if (u >= tables.event[s]) {
            return holeCount;
        }
        events++;
        if (u < tables.death[s]) {
            store.code[i] = CellStore.DEAD;
            lineage.add(v, -1);
            if (holeCount == holes.length) {
                holes = Arrays.copyOf(holes, holes.length * 2);
            }
            holes[holeCount++] = i;
        } else if (u < tables.divide[s]) {
            int clone = lineage.variantClones()[v];
            int first = CellFates.daughter(model, tables, rng, v, s, clone, t);
            if (first != v) {
                store.code[i] = first;
                lineage.add(v, -1);
                lineage.add(first, 1);
            }
            int second = CellFates.daughter(model, tables, rng, v, s, clone, t);
            store.append(second);
            lineage.add(second, 1);
        } else {
            int w = CellFates.switched(lineage, tables, v, s, u);
            store.code[i] = w;
            lineage.add(v, -1);
            lineage.add(w, 1);
        }
        return holeCount;
    }
}
