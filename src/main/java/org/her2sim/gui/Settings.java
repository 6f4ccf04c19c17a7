package org.her2sim.gui;

import java.util.ArrayList;
import java.util.List;
import org.her2sim.config.BiologyConfig;
import org.her2sim.config.BiologyConfig.MarkerSpec;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.SimulationConfig;
import org.her2sim.engine.Scenario;
import sim.util.Propertied;
import sim.util.Properties;

/**
 * The key parameters students change in the Console's model inspector: the initial cells, the
 * maximal division and apoptosis rates (signalling mode), immune killing, and every mutation
 * probability the biology defines, whatever its markers. They are settings of the scenario, so
 * they take effect on the next start (press stop, then play) and the run stays reproducible: the
 * same settings and seed, the same tumour.
 */
public final class Settings implements Propertied {
    /** One mutation of the biology: its marker, its index among the marker's mutations, and a label. */
    private record Mutation(String marker, int index, String label) {
    }

    private long initialCells;
    private double divisionMaxPerDay;
    private double apoptosisMaxPerDay;
    private boolean immuneKilling;
    private final boolean signalling;
    private final List<Mutation> mutations = new ArrayList<>();
    private final double[] probabilities;

    Settings(Scenario s) {
        var c = s.config();
        initialCells = c.tumour().initialCells();
        immuneKilling = c.context().immune();
        var rates = c.biology().rates();
        signalling = rates != null;
        divisionMaxPerDay = signalling ? rates.divisionMaxPerDay() : 0;
        apoptosisMaxPerDay = signalling ? rates.apoptosisMaxPerDay() : 0;
        List<Double> p = new ArrayList<>();
        for (MarkerSpec m : c.biology().markers()) {
            for (int k = 0; k < m.mutations().size(); k++) {
                var mu = m.mutations().get(k);
                mutations.add(new Mutation(m.name(), k, m.name() + " " + mu.from() + " -> " + mu.to() + " (per " + mu.per().text() + ")"));
                p.add(mu.probability());
            }
        }
        probabilities = p.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The settings as a change of the scenario. */
    ConfigChange change() {
        return c -> {
            SimulationConfig out = c.withTumour(c.tumour().withInitialCells(initialCells)).withContext(c.context().withImmune(immuneKilling));
            BiologyConfig b = out.biology();
            if (signalling) {
                b = b.withRates(b.rates().withDivisionMaxPerDay(divisionMaxPerDay).withApoptosisMaxPerDay(apoptosisMaxPerDay));
            }
            for (int i = 0; i < mutations.size(); i++) {
                b = b.withMutationProbability(mutations.get(i).marker(), mutations.get(i).index(), probabilities[i]);
            }
            return out.withBiology(b);
        };
    }

    /** What MASON's inspector shows: the fixed settings, then one row per mutation of the biology. */
    @Override
    public Properties properties() {
        return new Properties() {
            private static final int FIXED = 4;

            @Override
            public boolean isVolatile() {
                return false;
            }

            @Override
            public int numProperties() {
                return FIXED + mutations.size();
            }

            @Override
            public String getName(int i) {
                return switch (i) {
                    case 0 -> "InitialCells";
                    case 1 -> "DivisionMaxPerDay";
                    case 2 -> "ApoptosisMaxPerDay";
                    case 3 -> "ImmuneKilling";
                    default -> "Mutation " + mutations.get(i - FIXED).label();
                };
            }

            @Override
            public String getDescription(int i) {
                return switch (i) {
                    case 0 -> "Cells at the start (next start)";
                    case 1 -> "Largest division rate per day (next start)";
                    case 2 -> "Largest apoptosis rate per day (next start)";
                    case 3 -> "Immune effector cells kill antibody-coated cells (next start)";
                    default -> "Probability, 0 to 1 (next start)";
                };
            }

            @Override
            @SuppressWarnings("rawtypes")
            public Class getType(int i) {
                return switch (i) {
                    case 0 -> Long.TYPE;
                    case 3 -> Boolean.TYPE;
                    default -> Double.TYPE;
                };
            }

            @Override
            public Object getValue(int i) {
                return switch (i) {
                    case 0 -> initialCells;
                    case 1 -> divisionMaxPerDay;
                    case 2 -> apoptosisMaxPerDay;
                    case 3 -> immuneKilling;
                    default -> probabilities[i - FIXED];
                };
            }

            @Override
            public boolean isReadWrite(int i) {
                return true;
            }

            @Override
            public boolean isHidden(int i) {
                return (i == 1 || i == 2) && !signalling; // the textbook mode writes its rates out
            }

            @Override
            protected Object _setValue(int i, Object value) {
                switch (i) {
                    case 0 -> initialCells = Math.max(1, ((Number) value).longValue());
                    case 1 -> divisionMaxPerDay = Math.max(0, ((Number) value).doubleValue());
                    case 2 -> apoptosisMaxPerDay = Math.max(0, ((Number) value).doubleValue());
                    case 3 -> immuneKilling = (Boolean) value;
                    default -> probabilities[i - FIXED] = Math.min(1, Math.max(0, ((Number) value).doubleValue()));
                }
                return getValue(i);
            }
        };
    }
}
