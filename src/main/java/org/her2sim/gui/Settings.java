package org.her2sim.gui;

import org.her2sim.config.BiologyConfig;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.SimulationConfig;
import org.her2sim.engine.Scenario;

/**
 * The key parameters students change in the Console's model inspector (MASON reads these bean
 * properties). They are settings of the scenario, so they take effect on the next start (press
 * stop, then play) and the run stays reproducible: the same settings and seed, the same tumour.
 * Mutation probabilities are offered for markers the biology has (hidden otherwise).
 */
public final class Settings {
    private long initialCells;
    private double divisionMaxPerDay;
    private double apoptosisMaxPerDay;
    private boolean immuneKilling;
    private double p95her2Mutation;
    private double ptenLoss;
    private final int p95Marker;
    private final int ptenMarker;
    private final boolean signalling;

    Settings(Scenario s) {
        var c = s.config();
        initialCells = c.tumour().initialCells();
        immuneKilling = c.context().immune();
        var rates = c.biology().rates();
        signalling = rates != null;
        divisionMaxPerDay = signalling ? rates.divisionMaxPerDay() : 0;
        apoptosisMaxPerDay = signalling ? rates.apoptosisMaxPerDay() : 0;
        p95Marker = markerIndex(s, "p95her2");
        ptenMarker = markerIndex(s, "pten");
        p95her2Mutation = firstMutation(s, p95Marker);
        ptenLoss = firstMutation(s, ptenMarker);
    }

    private static int markerIndex(Scenario s, String name) {
        var markers = s.config().biology().markers();
        for (int i = 0; i < markers.size(); i++) {
            if (markers.get(i).name().equals(name) && !markers.get(i).mutations().isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static double firstMutation(Scenario s, int marker) {
        return marker < 0 ? 0 : s.config().biology().markers().get(marker).mutations().get(0).probability();
    }

    /** The settings as a change of the scenario. */
    ConfigChange change() {
        return c -> {
            SimulationConfig out = c.withTumour(c.tumour().withInitialCells(initialCells)).withContext(c.context().withImmune(immuneKilling));
            BiologyConfig b = out.biology();
            if (signalling) {
                b = b.withRates(b.rates().withDivisionMaxPerDay(divisionMaxPerDay).withApoptosisMaxPerDay(apoptosisMaxPerDay));
            }
            if (p95Marker >= 0) {
                b = b.withMutationProbability("p95her2", 0, p95her2Mutation);
            }
            if (ptenMarker >= 0) {
                b = b.withMutationProbability("pten", 0, ptenLoss);
            }
            return out.withBiology(b);
        };
    }

    public long getInitialCells() {
        return initialCells;
    }

    public void setInitialCells(long v) {
        initialCells = Math.max(1, v);
    }

    public String desInitialCells() {
        return "Cells at the start (next start)";
    }

    public double getDivisionMaxPerDay() {
        return divisionMaxPerDay;
    }

    public void setDivisionMaxPerDay(double v) {
        divisionMaxPerDay = Math.max(0, v);
    }

    public boolean hideDivisionMaxPerDay() {
        return !signalling;
    }

    public double getApoptosisMaxPerDay() {
        return apoptosisMaxPerDay;
    }

    public void setApoptosisMaxPerDay(double v) {
        apoptosisMaxPerDay = Math.max(0, v);
    }

    public boolean hideApoptosisMaxPerDay() {
        return !signalling;
    }

    public boolean getImmuneKilling() {
        return immuneKilling;
    }

    public void setImmuneKilling(boolean v) {
        immuneKilling = v;
    }

    public double getP95her2MutationPerDaughter() {
        return p95her2Mutation;
    }

    public void setP95her2MutationPerDaughter(double v) {
        p95her2Mutation = Math.min(1, Math.max(0, v));
    }

    public boolean hideP95her2MutationPerDaughter() {
        return p95Marker < 0;
    }

    public double getPtenLossPerDaughter() {
        return ptenLoss;
    }

    public void setPtenLossPerDaughter(double v) {
        ptenLoss = Math.min(1, Math.max(0, v));
    }

    public boolean hidePtenLossPerDaughter() {
        return ptenMarker < 0;
    }
}
