package org.her2sim.biology;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rates keyed by (exposure, state): the network runs once per distinct pair, never per cell.
 * Bounded (least recently used exposures are dropped) so long runs with changing PK do not grow.
 */
public final class RateCache implements RateModel {
    private static final int MAX_EXPOSURES = 2048;
    private final RateModel model;
    private final int states;
    private final Map<Exposure, CellRates[]> byExposure = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Exposure, CellRates[]> eldest) {
            return size() > MAX_EXPOSURES;
        }
    };
    private long evaluations;

    public RateCache(RateModel model, int states) {
        this.model = model;
        this.states = states;
    }

    @Override
    public CellRates rates(int state, Exposure exposure) {
        CellRates[] row = byExposure.computeIfAbsent(exposure, e -> new CellRates[states]);
        CellRates r = row[state];
        if (r == null) {
            r = model.rates(state, exposure);
            row[state] = r;
            evaluations++;
        }
        return r;
    }

    /** How many times the underlying model was evaluated (for tests and benchmarks). */
    public long evaluations() {
        return evaluations;
    }
}
