package org.her2sim.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.her2sim.biology.StateSpace;
import org.her2sim.config.SimulationConfig.OutcomeConfig;
import org.her2sim.engine.EventKind;
import org.her2sim.engine.Lineage;
import org.her2sim.engine.TumourModel;
import org.her2sim.pharmacology.ProgressionRule;

/**
 * The clinical reading of a run (brief §6), updated at each observation once treatment has
 * begun: nadir, first progression, time to resistance (resistant cells — positive net growth
 * under the current drugs — above the configured fraction while drugs are given), the escape
 * mechanism dominating at progression, and whether the escaping clone pre-dated treatment.
 *
 * <p>Progression is RECIST-like: the burden reaches 1.728 × the nadir of the current course of
 * treatment. Regrowth during a planned treatment holiday (a phase without drugs inside the
 * regimen: intermittent and adaptive schedules) is not progression, and a course that resumes
 * after a holiday measures from its own nadir. Once the regimen is over, regrowth is progression.
 */
public final class Outcomes implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final OutcomeConfig config;
    private final ProgressionRule rule;
    private double nadir = Double.NaN;
    private double nadirDay = Double.NaN;
    private double courseNadir = Double.NaN;
    private boolean onHoliday;
    private double progressionDay = Double.NaN;
    private double resistanceDay = Double.NaN;
    private String dominantEscape;
    private String escapeOrigin;
    private int escapeClone = -1;

    public Outcomes(OutcomeConfig config, ProgressionRule rule) {
        this.config = config;
        this.rule = rule;
    }

    /** Updates the outcomes; returns what happened now (progression, resistance), in that order. */
    public List<EventKind> observe(TumourModel model, long resistantCells) {
        double start = model.treatmentStart();
        if (Double.isNaN(start) || model.now() < start) {
            return List.of();
        }
        double burden = model.cellCount();
        List<EventKind> happened = new ArrayList<>(2);
        if (Double.isNaN(nadir) || burden < nadir) {
            nadir = burden;
            nadirDay = model.now();
        }
        boolean holiday = !model.treating() && !model.regimenComplete();
        if (holiday) {
            onHoliday = true;
            return happened;
        }
        if (onHoliday || Double.isNaN(courseNadir)) {
            courseNadir = burden; // a new course of treatment measures from where it starts
            onHoliday = false;
        }
        courseNadir = Math.min(courseNadir, burden);
        if (Double.isNaN(progressionDay) && rule.progressed(burden, courseNadir)) {
            progressionDay = model.now();
            findEscape(model);
            happened.add(EventKind.PROGRESSION);
        }
        // not at the very start of treatment: a dose being infused has not reached the cells yet
        if (Double.isNaN(resistanceDay) && model.treating() && model.now() > model.treatmentStart() && burden > 0
                && resistantCells > config.resistantFraction() * burden) {
            resistanceDay = model.now();
            happened.add(EventKind.RESISTANCE);
        }
        return happened;
    }

    private void findEscape(TumourModel model) {
        Lineage lineage = model.lineage();
        StateSpace space = model.scenario().space();
        int founder = model.scenario().founder();
        Map<String, Long> byMechanism = new HashMap<>();
        Map<String, Integer> largestClone = new HashMap<>();
        for (int v = 0; v < lineage.variantCount(); v++) {
            long n = lineage.cellsOfVariant(v);
            if (n == 0) {
                continue;
            }
            String mechanism = space.difference(lineage.stateOfVariant(v), founder);
            byMechanism.merge(mechanism, n, Long::sum);
            int c = lineage.cloneOfVariant(v);
            Integer best = largestClone.get(mechanism);
            if (best == null || lineage.cells(c) > lineage.cells(best)) {
                largestClone.put(mechanism, c);
            }
        }
        String top = null;
        for (Map.Entry<String, Long> e : byMechanism.entrySet()) {
            if (top == null || e.getValue() > byMechanism.get(top)
                    || (e.getValue().equals(byMechanism.get(top)) && e.getKey().compareTo(top) < 0)) {
                top = e.getKey();
            }
        }
        dominantEscape = top;
        if (top != null && !top.equals("none")) {
            escapeClone = largestClone.get(top);
            // initial clones were there before any treatment, even when treatment starts on day 0
            boolean before = lineage.parent(escapeClone) < 0 || lineage.birthDay(escapeClone) < model.treatmentStart();
            escapeOrigin = before ? "pre-existing" : "acquired";
        }
    }

    /** CR / PR / SD / PD from the nadir and progression, or null if no treatment was given. */
    public String bestResponse(double baseline, double treatmentStart) {
        if (Double.isNaN(nadir) || Double.isNaN(baseline)) {
            return null;
        }
        if (nadir < config.detectionLimitCells()) {
            return "CR";
        }
        if (nadir <= config.responseFactor() * baseline) {
            return "PR";
        }
        if (!Double.isNaN(progressionDay) && progressionDay - treatmentStart < config.stableDiseaseMin().days()) {
            return "PD";
        }
        return "SD";
    }

    public double nadir() {
        return nadir;
    }

    public double nadirDay() {
        return nadirDay;
    }

    public double progressionDay() {
        return progressionDay;
    }

    public double resistanceDay() {
        return resistanceDay;
    }

    public String dominantEscape() {
        return dominantEscape;
    }

    public String escapeOrigin() {
        return escapeOrigin;
    }

    public int escapeClone() {
        return escapeClone;
    }
}
