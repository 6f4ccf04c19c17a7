package org.her2sim.engine;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * What becomes of one cell that divides or switches, shared by the per-cell engines (well-mixed
 * and lattice) so both read the same rule: a daughter keeps its parent's variant unless it
 * mutates, in which case it founds a new clone; a switching cell moves to the adaptive state its
 * draw falls on, within its clone.
 */
final class CellFates {
    private CellFates() {
    }

    /** A daughter of a cell of variant v (state s, clone): the same variant, or the founder of a new clone. */
    static int daughter(TumourModel model, StepTables tables, UniformRandomProvider rng, int v, int s, int clone, double t) {
        double p = tables.mutate[s];
        if (p == 0 || rng.nextDouble() >= p) {
            return v;
        }
        int mutant = model.scenario().mutations().mutantState(s, rng.nextDouble());
        Lineage lineage = model.lineage;
        int c = lineage.newClone(clone, mutant, t);
        model.listener().event(EventKind.MUTATION, t, c, model.scenario().space().difference(mutant, s));
        return lineage.variant(c, mutant);
    }

    /** The variant a cell of variant v (state s) switches to, for its uniform draw u in the switch band. */
    static int switched(Lineage lineage, StepTables tables, int v, int s, double u) {
        double[] cum = tables.switchCumulative[s];
        int k = 0;
        while (k < cum.length - 1 && u >= cum[k]) {
            k++;
        }
        return lineage.variant(lineage.variantClones()[v], tables.switchTo[s][k]);
    }
}
