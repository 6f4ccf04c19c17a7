package org.her2sim.engine;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.her2sim.biology.Exposure;
import org.her2sim.biology.MutationTable;
import org.her2sim.random.BinomialSampler;

/**
 * The clone-level engine: cells of one variant (clone and state) are exchangeable in a
 * well-mixed tumour, so a variant carries a count and each step draws, from the same per-cell
 * probabilities the agent engine uses ({@link StepTables}), how many of its cells die, divide
 * or switch (a multinomial, as conditional binomials), and how many daughters of the divisions
 * are mutants and of which state. Cost per step follows the number of variants, not cells.
 *
 * <p>Lineage: all mutants one clone produces into one state during one treatment era (before
 * treatment, then each regimen phase) found a single child clone, born at the first such
 * mutation. With 10¹¹ cells and mutation rates near 10⁻⁶ a step yields thousands of mutants;
 * one clone per mutation event (as in the agent engine) would not fit in memory. Pooling within
 * an era keeps what the outcomes read exact: a mutant lineage that arose under treatment is a
 * clone born under treatment ("acquired"), never folded into one that arose before it. The
 * cell counts are those of the agent engine's process; only lineage granularity differs
 * (clones_ever counts these pooled clones).
 */
final class CloneSpace implements CellSpace {
    private static final long serialVersionUID = 1L;
    private final TumourModel model;
    private long total;
    /** (parent clone, era, state) → the child clone holding that parent's mutants into that state in that era. */
    private final LongIntMap children = new LongIntMap();
    private transient UniformRandomProvider rng;
    private transient StepTables tables;
    private transient MutationTable mutations;
    private transient int[][] mutantStates;
    private transient double[][] mutantProbabilities;
    private transient long[] deltas;

    CloneSpace(TumourModel model, UniformRandomProvider rng, Scenario scenario) {
        this.model = model;
        reattach(model, rng, scenario);
    }

    @Override
    public void reattach(TumourModel m, UniformRandomProvider r, Scenario scenario) {
        rng = r;
        deltas = new long[16];
        mutations = scenario.mutations();
        int states = scenario.space().size();
        tables = new StepTables(scenario.rates(), mutations, states);
        mutantStates = new int[states][];
        mutantProbabilities = new double[states][];
        for (int s = 0; s < states; s++) {
            mutantStates[s] = mutations.mutantStates(s);
            mutantProbabilities[s] = mutations.mutantProbabilities(s);
        }
    }

    @Override
    public void reseed(UniformRandomProvider next) {
        rng = next;
    }

    @Override
    public void seed(int variant, long count) {
        total += count;
    }

    @Override
    public void thin(double keep, UniformRandomProvider r, Lineage lineage) {
        for (int v = 0; v < lineage.variantCount(); v++) {
            long n = lineage.cellsOfVariant(v);
            if (n > 0) {
                long removed = n - BinomialSampler.sample(r, n, keep);
                lineage.add(v, -removed);
                total -= removed;
            }
        }
    }

    @Override
    public boolean individualCells() {
        return false;
    }

    @Override
    public long size() {
        return total;
    }

    @Override
    public long storeBytes() {
        return 0;
    }

    @Override
    public void step(double t, double dt, Exposure exposure, double crowding) {
        Lineage lineage = model.lineage;
        if (tables.build(lineage, dt, exposure, crowding) <= 0) {
            return;
        }
        int variants = lineage.variantCount();
        // the changes per variant, kept between steps (all zero between them) rather than allocated per step
        long[] delta = grow(deltas, Math.max(16, variants * 2) - 1);
        for (int v = 0; v < variants; v++) {
            long n = lineage.cellsOfVariant(v);
            if (n == 0) {
                continue;
            }
            int s = lineage.stateOfVariant(v);
            // one multinomial over {death, division, switch k, nothing}, as conditional binomials
            double pDeath = tables.death[s];
            long deaths = BinomialSampler.sample(rng, n, pDeath);
            long rest = n - deaths;
            double mass = 1 - pDeath;
            double pDivide = tables.divide[s] - tables.death[s];
            long divisions = rest == 0 ? 0 : BinomialSampler.sample(rng, rest, clamp(pDivide / mass));
            rest -= divisions;
            mass -= pDivide;
            delta = grow(delta, v);
            delta[v] += divisions - deaths;
            double previous = tables.divide[s];
            double[] cum = tables.switchCumulative[s];
            for (int k = 0; k < cum.length && rest > 0; k++) {
                double pk = cum[k] - previous;
                previous = cum[k];
                long moved = BinomialSampler.sample(rng, rest, clamp(pk / mass));
                rest -= moved;
                mass -= pk;
                if (moved > 0) {
                    int w = lineage.variant(lineage.cloneOfVariant(v), tables.switchTo[s][k]);
                    delta = grow(delta, w);
                    delta[v] -= moved;
                    delta[w] += moved;
                }
            }
            // each of the 2 × divisions daughters is a mutant with the state's probability
            long mutants = tables.mutate[s] == 0 || divisions == 0 ? 0 : BinomialSampler.sample(rng, 2 * divisions, tables.mutate[s]);
            if (mutants > 0) {
                delta[v] -= mutants;
                delta = placeMutants(lineage, v, s, mutants, t, delta);
            }
        }
        for (int v = 0; v < delta.length && v < lineage.variantCount(); v++) {
            if (delta[v] != 0) {
                lineage.add(v, delta[v]);
                total += delta[v];
                delta[v] = 0;
            }
        }
        deltas = delta;
    }

    private long[] placeMutants(Lineage lineage, int v, int s, long mutants, double t, long[] delta) {
        int[] dest = mutantStates[s];
        double[] p = mutantProbabilities[s];
        double mass = 1;
        long left = mutants;
        int parent = lineage.cloneOfVariant(v);
        for (int i = 0; i < dest.length && left > 0; i++) {
            long c = i == dest.length - 1 ? left : BinomialSampler.sample(rng, left, clamp(p[i] / mass));
            mass -= p[i];
            left -= c;
            if (c > 0) {
                // states fit in 20 bits (StateSpace's limit); eras after the 4 095th share one key
                long key = ((long) parent << 32) | ((long) Math.min(model.era(), 0xFFF) << 20) | dest[i];
                int child = children.get(key, -1);
                if (child < 0) {
                    child = lineage.newClone(parent, dest[i], t);
                    children.put(key, child);
                    model.listener().event(EventKind.MUTATION, t, child, model.scenario().space().difference(dest[i], s));
                }
                int w = lineage.variant(child, dest[i]);
                delta = grow(delta, w);
                delta[w] += c;
            }
        }
        return delta;
    }

    private static long[] grow(long[] a, int index) {
        return index < a.length ? a : Arrays.copyOf(a, Math.max(index + 1, a.length * 2));
    }

    private static double clamp(double p) {
        return p <= 0 ? 0 : Math.min(1, p);
    }
}
