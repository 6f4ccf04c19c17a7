package org.her2sim.biology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.her2sim.config.BiologyConfig.ExplicitRateSpec;
import org.her2sim.config.BiologyConfig.RatePair;
import org.her2sim.config.Suggest;

/**
 * The textbook mode: each state's division and death rate are written out, with no network;
 * while drugs are given the rates of the entry for exactly that drug set apply (a drug set
 * with no entry leaves the state's rates unchanged). For checking against branching-process
 * theory and for teaching.
 */
public final class ExplicitRates implements RateModel {
    private final double[] division;
    private final double[] death;
    private final List<Map<Long, double[]>> under; // per state: drug mask → {division, death}
    private final AdaptiveTransitions transitions;

    /**
     * @param drugNames the library's drug names in mask-bit order
     */
    public ExplicitRates(StateSpace space, List<ExplicitRateSpec> entries, List<String> drugNames, AdaptiveTransitions transitions) {
        this.transitions = transitions;
        int size = space.size();
        division = new double[size];
        death = new double[size];
        under = new ArrayList<>(size);
        int[][][] patterns = new int[entries.size()][][];
        for (int e = 0; e < entries.size(); e++) {
            patterns[e] = space.pattern(entries.get(e).state(), "biology.explicit[" + e + "].state");
        }
        for (int s = 0; s < size; s++) {
            int match = -1;
            for (int e = 0; e < entries.size() && match < 0; e++) {
                if (space.matches(s, patterns[e])) {
                    match = e;
                }
            }
            if (match < 0 && space.allowed(s)) {
                throw new BiologyException("biology.explicit", "no entry gives the rates of state '" + space.label(s) + "'");
            }
            Map<Long, double[]> byMask = new HashMap<>();
            if (match >= 0) {
                ExplicitRateSpec spec = entries.get(match);
                division[s] = spec.divisionPerDay();
                death[s] = spec.deathPerDay();
                for (Map.Entry<String, RatePair> u : spec.under().entrySet()) {
                    long mask = 0;
                    for (String d : u.getKey().split("\\+")) {
                        int bit = drugNames.indexOf(d.trim());
                        if (bit < 0) {
                            throw new BiologyException("biology.explicit[" + match + "].under." + u.getKey(), "unknown drug '" + d.trim() + "'"
                                    + Suggest.hint(d.trim(), drugNames));
                        }
                        mask |= 1L << bit;
                    }
                    byMask.put(mask, new double[] {u.getValue().divisionPerDay(), u.getValue().deathPerDay()});
                }
            }
            under.add(byMask);
        }
    }

    @Override
    public CellRates rates(int state, Exposure exposure) {
        double b = division[state];
        double d = death[state];
        if (exposure.anyDrugGiven()) {
            double[] r = under.get(state).get(exposure.drugMask());
            if (r != null) {
                b = r[0];
                d = r[1];
            }
        }
        List<Integer> to = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        transitions.outOf(state, null, to, rate);
        return AdaptiveTransitions.withSwitches(b, d, 0, to, rate);
    }
}
