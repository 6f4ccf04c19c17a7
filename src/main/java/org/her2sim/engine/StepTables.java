package org.her2sim.engine;

import org.her2sim.biology.CellRates;
import org.her2sim.biology.Exposure;
import org.her2sim.biology.MutationTable;
import org.her2sim.biology.RateModel;

/**
 * Per-state probabilities for one step, built once per step for the occupied states from the
 * cached rates (StepProbabilities): cumulative thresholds death ≤ divide ≤ event, the adaptive
 * switches' cumulative thresholds, and the chance a daughter mutates. Both engines step from
 * these same numbers — per cell in the agent engine, as binomial counts in the clone engine.
 */
final class StepTables {
    final double[] death;
    final double[] divide;
    final double[] event;
    final double[] mutate;
    final int[][] switchTo;
    final double[][] switchCumulative;
    private final RateModel rates;
    private final int states;

    StepTables(RateModel rates, MutationTable mutations, int states) {
        this.rates = rates;
        this.states = states;
        death = new double[states];
        divide = new double[states];
        event = new double[states];
        mutate = new double[states];
        switchTo = new int[states][];
        switchCumulative = new double[states][];
        for (int s = 0; s < states; s++) {
            mutate[s] = mutations.anyMutation(s);
        }
    }

    /** Builds the thresholds; returns p_max over occupied states. */
    double build(Lineage lineage, double dt, Exposure exposure, double crowding) {
        double pMax = 0;
        for (int s = 0; s < states; s++) {
            if (lineage.cellsInState(s) == 0) {
                continue;
            }
            CellRates r = rates.rates(s, exposure);
            double b = r.division(crowding);
            double d = r.death(crowding);
            double sw = r.switchTotal();
            double scale = StepProbabilities.scale(b, d, dt);
            double pAny = (b + d + sw) * scale;
            if (pAny > StepProbabilities.MAX_EVENT_PROBABILITY * 1.5) {
                // the up-front check bounds this; reaching it means a rate the check did not foresee
                throw new IllegalStateException("event probability " + pAny + " per step exceeds the stability bound at dt " + dt);
            }
            death[s] = d * scale;
            divide[s] = death[s] + b * scale;
            event[s] = pAny;
            switchTo[s] = r.switchTo();
            double[] cum = switchCumulative[s];
            if (cum == null || cum.length != r.switchPerDay().length) {
                cum = new double[r.switchPerDay().length];
            }
            double c = divide[s];
            for (int k = 0; k < cum.length; k++) {
                c += r.switchPerDay()[k] * scale;
                cum[k] = c;
            }
            if (cum.length > 0) {
                cum[cum.length - 1] = pAny;
            }
            switchCumulative[s] = cum;
            pMax = Math.max(pMax, pAny);
        }
        return pMax;
    }

}
