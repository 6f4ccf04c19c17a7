package org.her2sim.biology;

import java.util.ArrayList;
import java.util.List;
import org.her2sim.config.BiologyConfig;
import org.her2sim.config.BiologyConfig.MutationSpec;

/**
 * Heritable changes at division. Each daughter mutates each marker independently with the
 * configured probability; a daughter whose new state is forbidden (an exclusive combination)
 * is taken as not mutated. Per state this table holds the probability that a daughter carries
 * any mutation, and the conditional distribution of its new state, so the hot loop pays one
 * comparison per daughter and the rare mutant one more draw.
 */
public final class MutationTable {
    private final double[] anyMutation;
    private final int[][] destinations;
    private final double[][] cumulative;

    public MutationTable(StateSpace space, BiologyConfig config) {
        int markers = space.markerCount();
        // per marker and marker-state: destination digits and probabilities
        List<List<double[]>> perMarker = new ArrayList<>();
        for (int m = 0; m < markers; m++) {
            List<double[]> options = new ArrayList<>();
            List<String> states = space.statesOf(m);
            double[] total = new double[states.size()];
            for (int k = 0; k < config.markers().get(m).mutations().size(); k++) {
                MutationSpec mu = config.markers().get(m).mutations().get(k);
                String path = "biology.markers[" + m + "].mutations[" + k + "]";
                int from = space.stateIndex(m, mu.from(), path + ".from");
                int to = space.stateIndex(m, mu.to(), path + ".to");
                if (from == to) {
                    throw new BiologyException(path, "a mutation must change the state ('" + mu.from() + "' to itself)");
                }
                total[from] += mu.perDaughter();
                if (total[from] > 1) {
                    throw new BiologyException(path, "mutation probabilities out of '" + mu.from() + "' add up to more than 1");
                }
                options.add(new double[] {from, to, mu.perDaughter()});
            }
            perMarker.add(options);
        }
        int size = space.size();
        anyMutation = new double[size];
        destinations = new int[size][];
        cumulative = new double[size][];
        for (int s = 0; s < size; s++) {
            List<double[]> outcomes = new ArrayList<>(); // {state, probability}
            outcomes.add(new double[] {s, 1.0});
            for (int m = 0; m < markers; m++) {
                int d = space.digit(s, m);
                double stay = 1.0;
                List<double[]> moves = new ArrayList<>();
                for (double[] o : perMarker.get(m)) {
                    if ((int) o[0] == d && o[2] > 0) {
                        moves.add(new double[] {o[1], o[2]});
                        stay -= o[2];
                    }
                }
                if (moves.isEmpty()) {
                    continue;
                }
                List<double[]> next = new ArrayList<>();
                for (double[] out : outcomes) {
                    next.add(new double[] {out[0], out[1] * stay});
                    for (double[] mv : moves) {
                        next.add(new double[] {space.withDigit((int) out[0], m, (int) mv[0]), out[1] * mv[1]});
                    }
                }
                outcomes = next;
            }
            double any = 0;
            List<double[]> real = new ArrayList<>();
            for (double[] out : outcomes) {
                int dest = (int) out[0];
                if (dest != s && space.allowed(dest) && out[1] > 0) {
                    any += out[1];
                    real.add(out);
                }
            }
            anyMutation[s] = any;
            destinations[s] = new int[real.size()];
            cumulative[s] = new double[real.size()];
            double c = 0;
            for (int i = 0; i < real.size(); i++) {
                c += real.get(i)[1] / any;
                destinations[s][i] = (int) real.get(i)[0];
                cumulative[s][i] = c;
            }
            if (real.size() > 0) {
                cumulative[s][real.size() - 1] = 1.0;
            }
        }
    }

    /** Probability that one daughter of a cell in {@code state} is a mutant. */
    public double anyMutation(int state) {
        return anyMutation[state];
    }

    /** The states a mutant daughter of {@code state} can have. */
    public int[] mutantStates(int state) {
        return destinations[state].clone();
    }

    /** Their probabilities given that the daughter is a mutant (summing to 1). */
    public double[] mutantProbabilities(int state) {
        double[] c = cumulative[state];
        double[] p = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            p[i] = c[i] - (i == 0 ? 0 : c[i - 1]);
        }
        return p;
    }

    /** The mutant's state, given a uniform {@code u} in [0, 1). */
    public int mutantState(int state, double u) {
        double[] c = cumulative[state];
        for (int i = 0; i < c.length; i++) {
            if (u < c[i]) {
                return destinations[state][i];
            }
        }
        return destinations[state][c.length - 1];
    }
}
