package org.her2sim.observe;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.her2sim.engine.EventKind;
import org.her2sim.engine.Lineage;
import org.her2sim.engine.SimulationListener;
import org.her2sim.engine.TumourModel;
import org.her2sim.pharmacology.Drug;

/**
 * Listens to a run and keeps what is measured, as tidy rows: clone sizes, totals, drug
 * concentrations and events; and feeds {@link Outcomes}. Rows are kept in memory (a two-year
 * daily run with hundreds of clones is a few MB) and written once the run ends.
 */
public final class RunRecorder implements SimulationListener, Serializable {
    private static final long serialVersionUID = 1L;
    /** One clone's size at one time. */
    @JsonPropertyOrder({"time_days", "clone_id", "cells"})
    public record CloneRow(double timeDays, int cloneId, long cells) implements Serializable {
    }

    /** Tumour totals at one time. */
    @JsonPropertyOrder({"time_days", "cells", "growing_cells", "phase", "treating", "line"})
    public record TotalRow(double timeDays, long cells, long growingCells, String phase, boolean treating, int line)
            implements Serializable {
    }

    /** One drug's concentration at one time (ug/mL = mg/L). */
    @JsonPropertyOrder({"time_days", "drug", "concentration_ug_per_ml"})
    public record DrugRow(double timeDays, String drug, double concentrationUgPerMl) implements Serializable {
    }

    /** Cells of one escape mechanism (marker combination differing from the founder) at one time. */
    @JsonPropertyOrder({"time_days", "mechanism", "cells", "growing_cells"})
    public record MechanismRow(double timeDays, String mechanism, long cells, long growingCells) implements Serializable {
    }

    /** Something that happened. */
    @JsonPropertyOrder({"time_days", "event", "clone_id", "detail"})
    public record EventRow(double timeDays, EventKind event, Integer cloneId, String detail) implements Serializable {
    }

    private final List<CloneRow> clones = new ArrayList<>();
    private final List<TotalRow> totals = new ArrayList<>();
    private final List<DrugRow> drugs = new ArrayList<>();
    private final List<EventRow> events = new ArrayList<>();
    private final List<MechanismRow> mechanisms = new ArrayList<>();
    private final Outcomes outcomes;
    private final long minCloneCells;
    private double lastObserved = Double.NaN;

    public RunRecorder(Outcomes outcomes, long minCloneCells) {
        this.outcomes = outcomes;
        this.minCloneCells = Math.max(1, minCloneCells);
    }

    @Override
    public void observed(TumourModel model) {
        double t = model.now();
        if (t == lastObserved) {
            return; // a stop right on an observation time
        }
        lastObserved = t;
        Lineage lineage = model.lineage();
        for (int c = 0; c < lineage.cloneCount(); c++) {
            long n = lineage.cells(c);
            if (n >= minCloneCells) {
                clones.add(new CloneRow(t, c, n));
            }
        }
        long resistant = model.growingCells();
        recordMechanisms(model, t);
        totals.add(new TotalRow(t, model.cellCount(), resistant, model.phaseName(), model.treating(),
                model.currentLine() == null ? 0 : model.currentLine().number()));
        for (Drug d : model.scenario().drugs().drugs()) {
            double c = model.concentration(d.bit());
            if (c > 0 || model.cumulativeDoseMg(d.bit()) > 0) {
                drugs.add(new DrugRow(t, d.name(), c));
            }
        }
        for (EventKind h : outcomes.observe(model, resistant)) {
            boolean progression = h == EventKind.PROGRESSION;
            String detail = progression ? "dominant escape: " + outcomes.dominantEscape() : resistant + " of " + model.cellCount() + " cells resistant";
            events.add(new EventRow(t, h, progression && outcomes.escapeClone() >= 0 ? outcomes.escapeClone() : null, detail));
        }
    }

    private void recordMechanisms(TumourModel model, double t) {
        Lineage lineage = model.lineage();
        var space = model.scenario().space();
        int founder = model.scenario().founder();
        TreeMap<String, long[]> byMechanism = new TreeMap<>();
        for (int s = 0; s < lineage.states(); s++) {
            long n = lineage.cellsInState(s);
            if (n > 0) {
                long[] acc = byMechanism.computeIfAbsent(space.difference(s, founder), k -> new long[2]);
                acc[0] += n;
                if (model.resistant(s)) {
                    acc[1] += n;
                }
            }
        }
        byMechanism.forEach((m, acc) -> mechanisms.add(new MechanismRow(t, m, acc[0], acc[1])));
    }

    @Override
    public void event(EventKind kind, double day, int clone, String detail) {
        events.add(new EventRow(day, kind, clone < 0 ? null : clone, detail));
    }

    /** The summary of a finished run. */
    public Summary summary(TumourModel model, String engine, double wallSeconds, String version, String configSha256) {
        Map<String, Double> dose = new LinkedHashMap<>();
        for (Drug d : model.scenario().drugs().drugs()) {
            if (model.cumulativeDoseMg(d.bit()) > 0) {
                dose.put(d.name(), model.cumulativeDoseMg(d.bit()));
            }
        }
        double start = model.treatmentStart();
        double ttp = outcomes.progressionDay() - start;
        double ttr = outcomes.resistanceDay() - start;
        Outcomes.Endpoints e = outcomes.endpoints(model);
        Summary.Line first = e.firstLine();
        boolean treated = !Double.isNaN(start);
        return new Summary(model.scenario().config().name(), model.seedValue(), engine, model.stopReason(),
                model.now(), model.cellCount(), model.cellCount() == 0, Summary.orNull(model.extinctionDay()),
                Summary.orNull(start), Summary.orNull(e.followUpEnd()), Summary.orNull(model.baseline()),
                Summary.orNull(outcomes.nadir()), Summary.orNull(outcomes.nadirDay()),
                treated && !Double.isNaN(outcomes.nadir()) ? Outcomes.log10Kill(model.baseline(), outcomes.nadir()) : null,
                first == null ? null : first.bestResponse(), first == null ? null : first.objectiveResponse(),
                first == null ? null : first.clinicalBenefit(),
                Summary.orNull(outcomes.progressionDay()), Summary.orNull(ttp),
                first == null ? null : first.pfsDays(), first == null ? null : first.pfsEvent(),
                treated ? e.ttfDays() : null, treated ? e.ttfEvent() : null, e.ttfReason(),
                e.osDays(), e.osEvent(),
                Summary.orNull(outcomes.resistanceDay()), Summary.orNull(ttr),
                outcomes.dominantEscape(), outcomes.escapeOrigin(), e.lines(), e.readouts(),
                // an untreated run has only its end (a fluctuation test counts its mutants there)
                treated ? outcomes.markerCells() : endOnly(outcomes.markerCells()), dose, model.daysOnTreatment(),
                model.lineage().cloneCount(), model.cellUpdates(), model.variantSteps(), wallSeconds, version, configSha256);
    }

    private static Map<String, Map<String, Long>> endOnly(Map<String, Map<String, Long>> cells) {
        return cells.containsKey("end") ? Map.of("end", cells.get("end")) : Map.of();
    }

    public List<CloneRow> cloneRows() {
        return clones;
    }

    public List<TotalRow> totalRows() {
        return totals;
    }

    public List<DrugRow> drugRows() {
        return drugs;
    }

    public List<MechanismRow> mechanismRows() {
        return mechanisms;
    }

    public List<EventRow> eventRows() {
        return events;
    }

    public Outcomes outcomes() {
        return outcomes;
    }
}
