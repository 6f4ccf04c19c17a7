package org.her2sim.biology;

import java.util.ArrayList;
import java.util.List;
import org.her2sim.config.BiologyConfig.TransitionSpec;
import org.her2sim.config.BiologyConfig;
import org.her2sim.config.Suggest;

/**
 * Reversible, non-genetic state changes in time (e.g. HER3 basal ⇄ adaptive-up), with rates
 * driven by a signalling node: induced when the node is low, reverting when it is high.
 * Daughters inherit the state of their mother (phenotypic memory; an assumption, docs/model.md).
 */
public final class AdaptiveTransitions {
    private record Rule(int marker, int from, int to, double ratePerDay, int node, boolean whenLow) {
    }

    private final StateSpace space;
    private final List<Rule> rules = new ArrayList<>();

    /** {@code network} may be null (textbook mode): then no rule may name a driving node. */
    public AdaptiveTransitions(StateSpace space, BiologyConfig config, SignallingNetwork network) {
        this.space = space;
        for (int m = 0; m < config.markers().size(); m++) {
            List<TransitionSpec> specs = config.markers().get(m).transitions();
            for (int k = 0; k < specs.size(); k++) {
                TransitionSpec t = specs.get(k);
                String path = "biology.markers[" + m + "].transitions[" + k + "]";
                int from = space.stateIndex(m, t.from(), path + ".from");
                int to = space.stateIndex(m, t.to(), path + ".to");
                int node = -1;
                if (t.drivenBy() != null) {
                    if (network == null) {
                        throw new BiologyException(path + ".driven_by", "textbook (explicit) mode has no signalling nodes; remove driven_by");
                    }
                    node = network.indexOf(t.drivenBy());
                    if (node < 0) {
                        throw new BiologyException(path + ".driven_by", "unknown node '" + t.drivenBy() + "'"
                                + Suggest.hint(t.drivenBy(), network.nodeNames()));
                    }
                }
                rules.add(new Rule(m, from, to, t.ratePerDay(), node, t.direction().equals("low")));
            }
        }
    }

    /** Destination states and per-day rates out of {@code state}, given node values (or null). */
    public void outOf(int state, double[] nodes, List<Integer> to, List<Double> rate) {
        for (Rule r : rules) {
            if (space.digit(state, r.marker) != r.from) {
                continue;
            }
            int dest = space.withDigit(state, r.marker, r.to);
            if (!space.allowed(dest)) {
                continue;
            }
            double factor = 1;
            if (r.node >= 0) {
                double s = nodes[r.node];
                factor = r.whenLow ? 1 - s : s;
            }
            double k = r.ratePerDay * factor;
            if (k > 0) {
                to.add(dest);
                rate.add(k);
            }
        }
    }

    static CellRates withSwitches(double division, double death, double perDivision, List<Integer> to, List<Double> rate) {
        int[] dest = new int[to.size()];
        double[] r = new double[to.size()];
        for (int i = 0; i < dest.length; i++) {
            dest[i] = to.get(i);
            r[i] = rate.get(i);
        }
        return new CellRates(division, death, perDivision, dest, r);
    }
}
