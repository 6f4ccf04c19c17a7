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
 * with no entry leaves the state's rates unchanged). A combination is never derived from its
 * drugs' entries: a state that names a drug of a combination the regimen gives must name the
 * combination too ({@link #requireCombinations}). For checking against branching-process
 * theory and for teaching.
 */
public final class ExplicitRates implements RateModel {
    private final double[] division;
    private final double[] death;
    private final List<Map<Long, double[]>> under; // per state: drug mask → {division, death}
    private final AdaptiveTransitions transitions;
    private final List<ExplicitRateSpec> entries;
    private final List<String> drugNames;

    /**
     * @param drugNames the library's drug names in mask-bit order
     */
    public ExplicitRates(StateSpace space, List<ExplicitRateSpec> entries, List<String> drugNames, AdaptiveTransitions transitions) {
        this.transitions = transitions;
        this.entries = entries;
        this.drugNames = drugNames;
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

    /**
     * Refuses a drug combination given together (a phase's drugs, by quoted phase name → mask) for which an
     * entry names some of its drugs but not the combination: its rates would silently stay those
     * of no drug at all.
     */
    public void requireCombinations(Map<String, Long> phaseDrugs) {
        for (Map.Entry<String, Long> phase : phaseDrugs.entrySet()) {
            long mask = phase.getValue();
            if (Long.bitCount(mask) < 2) {
                continue;
            }
            for (int e = 0; e < entries.size(); e++) {
                boolean namesPart = false;
                boolean namesWhole = false;
                for (String key : entries.get(e).under().keySet()) {
                    long m = maskOf(key);
                    namesPart |= (m & mask) != 0 && (m & ~mask) == 0;
                    namesWhole |= m == mask;
                }
                if (namesPart && !namesWhole) {
                    throw new BiologyException("biology.explicit[" + e + "].under", "phase " + phase.getKey() + " gives "
                            + combination(mask) + " together, and this entry has rates under some of them but none under '"
                            + combination(mask) + "'; add that entry (a combination's rates are not derived from its drugs')");
                }
            }
        }
    }

    private long maskOf(String key) {
        long mask = 0;
        for (String d : key.split("\\+")) {
            mask |= 1L << drugNames.indexOf(d.trim()); // names were checked in the constructor
        }
        return mask;
    }

    private String combination(long mask) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < drugNames.size(); bit++) {
            if ((mask & (1L << bit)) != 0) {
                names.add(drugNames.get(bit));
            }
        }
        names.sort(null);
        return String.join("+", names);
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
