package org.her2sim.observe;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.her2sim.biology.StateSpace;
import org.her2sim.config.SimulationConfig.OutcomeConfig;
import org.her2sim.config.SimulationConfig.Readout;
import org.her2sim.engine.EventKind;
import org.her2sim.engine.LineOfTherapy;
import org.her2sim.engine.Lineage;
import org.her2sim.engine.StopReason;
import org.her2sim.engine.TumourModel;

/**
 * The clinical reading of a run (brief §6; docs/model.md, "Endpoints"), updated at each
 * observation once treatment has begun: per line of therapy the best response (RECIST-like,
 * confirmed) and progression-free survival (the engine calls progression: {@link LineOfTherapy});
 * the nadir and depth of response; the first progression with the escape mechanism dominating
 * then and whether the escaping clone pre-dated treatment; time to resistance (resistant cells —
 * positive net growth under the current drugs — above the configured share while drugs are
 * given); readouts a fixed time after treatment start (pCR); cells per marker state at treatment
 * start, at the nadir, at each progression, at strategy failure and at the end. From these,
 * {@code endpoints} derives time to strategy failure and the overall-survival proxy.
 */
public final class Outcomes implements Serializable {
    private static final long serialVersionUID = 1L;
    private final OutcomeConfig config;
    private final List<Readout> readoutPlan;
    private final Map<Integer, LineResponse> responses = new HashMap<>();
    private final Map<Integer, Boolean> progressionSeen = new HashMap<>();
    private final List<Summary.Readout> readouts = new ArrayList<>();
    private final Map<String, Map<String, Long>> markerCells = new LinkedHashMap<>();
    private double nadir = Double.NaN;
    private double nadirDay = Double.NaN;
    private double progressionDay = Double.NaN;
    private double resistanceDay = Double.NaN;
    private boolean failureSeen;
    private String dominantEscape;
    private String escapeOrigin;
    private int escapeClone = -1;

    public Outcomes(OutcomeConfig config, List<Readout> readouts) {
        this.config = config;
        this.readoutPlan = List.copyOf(readouts);
    }

    /** Updates the outcomes; returns what happened now (progression, resistance), in that order. */
    public List<EventKind> observe(TumourModel model, long growingCells) {
        double start = model.treatmentStart();
        if (Double.isNaN(start) || model.now() < start) {
            return List.of();
        }
        double now = model.now();
        long burden = model.cellCount();
        List<EventKind> happened = new ArrayList<>(2);
        if (Double.isNaN(nadir)) {
            markerCells.put("treatment_start", markers(model));
        }
        if (Double.isNaN(nadir) || burden < nadir) {
            nadir = burden;
            nadirDay = now;
            markerCells.put("nadir", markers(model));
        }
        // a line's progression may have started the next line at this very observation: look at every line
        for (LineOfTherapy line : model.lines()) {
            if (line.event() != null && progressionSeen.putIfAbsent(line.number(), true) == null) {
                markerCells.put("progression_line" + line.number(), markers(model));
                if (Double.isNaN(progressionDay) && line.event() == LineOfTherapy.Event.PROGRESSION) {
                    progressionDay = now;
                    findEscape(model);
                    happened.add(EventKind.PROGRESSION);
                }
            }
        }
        LineOfTherapy line = model.currentLine();
        if (line != null) {
            LineResponse response = responses.computeIfAbsent(line.number(), k -> new LineResponse(line.startDay(), line.baseline()));
            if (burden == 0) {
                response.extinct();
            } else if (model.assessedNow() && line.event() == null) {
                response.assess(now, burden, config);
            }
        }
        if (!failureSeen && !Double.isNaN(model.strategyFailureDay())) {
            failureSeen = true;
            markerCells.put("strategy_failure", markers(model));
        }
        // not at the very start of treatment: a dose being infused has not reached the cells yet
        if (Double.isNaN(resistanceDay) && model.treating() && now > start && burden > 0
                && growingCells > config.resistantFraction() * burden) {
            resistanceDay = now;
            happened.add(EventKind.RESISTANCE);
        }
        for (Readout r : readoutPlan) {
            if (readouts.stream().noneMatch(x -> x.name().equals(r.name())) && now >= start + r.afterTreatment().days() - 1e-9) {
                readouts.add(readout(r, model, burden));
            }
        }
        return happened;
    }

    private Summary.Readout readout(Readout r, TumourModel model, long burden) {
        LineOfTherapy line = model.currentLine();
        String response;
        if (line != null && line.event() != null) {
            response = "PD";
        } else if (burden < config.detectionLimitCells()) {
            response = "CR";
        } else if (burden <= config.responseFactor() * model.baseline()) {
            response = "PR";
        } else {
            response = "SD";
        }
        return new Summary.Readout(r.name(), r.afterTreatment().days(), burden, log10Kill(model.baseline(), burden),
                burden < config.pcrResidualCells(), response);
    }

    /** log10(baseline / cells); a tumour that died out counts as its last cell. */
    static double log10Kill(double baseline, double cells) {
        return Math.log10(baseline / Math.max(cells, 1));
    }

    /** Cells per marker state ("pten=lost"), every state of every marker. */
    private static Map<String, Long> markers(TumourModel model) {
        StateSpace space = model.scenario().space();
        Lineage lineage = model.lineage();
        Map<String, Long> out = new TreeMap<>();
        for (int m = 0; m < space.markerCount(); m++) {
            for (String st : space.statesOf(m)) {
                out.put(space.markers().get(m) + "=" + st, 0L);
            }
        }
        for (int s = 0; s < lineage.states(); s++) {
            long n = lineage.cellsInState(s);
            if (n > 0) {
                for (int m = 0; m < space.markerCount(); m++) {
                    out.merge(space.markers().get(m) + "=" + space.statesOf(m).get(space.digit(s, m)), n, Long::sum);
                }
            }
        }
        return out;
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

    /** The endpoints of a finished run, for its summary. */
    Endpoints endpoints(TumourModel model) {
        double start = model.treatmentStart();
        if (Double.isNaN(start)) {
            markerCells.put("end", markers(model)); // never treated: its cells at the end are all there is
            return Endpoints.NONE;
        }
        double followUp = model.followUpEnd();
        StopReason stop = model.stopReason();
        double end = model.now();
        // cured tumours are followed to the end of follow-up; a run cut by its wall-clock limit only to where it stopped
        double censor = stop == StopReason.WALL_TIME_LIMIT ? end : Math.max(end, followUp);
        List<Summary.Line> lines = new ArrayList<>();
        for (LineOfTherapy l : model.lines()) {
            LineResponse response = responses.getOrDefault(l.number(), new LineResponse(l.startDay(), l.baseline()));
            if (model.cellCount() == 0 && Double.isNaN(l.leftDay())) {
                response.extinct();
            }
            boolean event = l.event() != null;
            double until = event ? l.eventDay() : !Double.isNaN(l.leftDay()) ? l.leftDay() : censor;
            boolean beforeStable = event && l.eventDay() - l.startDay() < config.stableDiseaseMin().days() - 1e-9;
            String best = response.best(beforeStable);
            boolean objective = best.equals("CR") || best.equals("PR");
            double pfs = until - l.startDay();
            boolean benefit = objective || pfs >= config.clinicalBenefitMin().days() - 1e-9;
            String how = event ? l.event().text() : !Double.isNaN(l.leftDay()) ? "new_line"
                    : model.cellCount() == 0 ? "extinction" : stop == StopReason.WALL_TIME_LIMIT ? "wall_time_limit" : "follow_up_end";
            lines.add(new Summary.Line(l.number(), l.startDay(), drugs(model, l.drugMask()), l.baseline(), l.nadir(), l.nadirDay(),
                    best, objective, benefit, pfs, event, how));
        }
        double failure = model.strategyFailureDay();
        double ttf = Double.isNaN(failure) ? censor - start : failure - start;
        Double os;
        Boolean osEvent;
        double lethal = model.lethalBurden();
        if (stop == StopReason.DEATH || (stop == StopReason.CEILING && model.scenario().config().stop().maxCells() >= lethal)) {
            os = end - start;
            osEvent = true;
        } else if (stop == StopReason.CEILING) {
            os = null; // stopped at a ceiling below the lethal burden: survival after it is not simulated
            osEvent = null;
        } else {
            os = censor - start;
            osEvent = false;
        }
        if (!failureSeen && !Double.isNaN(failure)) {
            markerCells.put("strategy_failure", markers(model));
        }
        markerCells.put("end", markers(model));
        List<Summary.Readout> all = new ArrayList<>(readouts);
        for (Readout r : readoutPlan) {
            if (all.stream().noneMatch(x -> x.name().equals(r.name()))) {
                boolean extinct = model.cellCount() == 0 && start + r.afterTreatment().days() <= censor + 1e-9;
                all.add(extinct ? new Summary.Readout(r.name(), r.afterTreatment().days(), 0L, log10Kill(model.baseline(), 0), true, "CR")
                        : new Summary.Readout(r.name(), r.afterTreatment().days(), null, null, false, "PD".equals(state(model)) ? "PD" : null));
            }
        }
        Summary.Line first = lines.isEmpty() ? null : lines.get(0);
        return new Endpoints(followUp, first, ttf, !Double.isNaN(failure), Double.isNaN(failure) ? null : model.strategyFailureReason(),
                os, osEvent, lines, all);
    }

    private static String state(TumourModel model) {
        LineOfTherapy l = model.currentLine();
        return l != null && l.event() != null ? "PD" : null;
    }

    private static String drugs(TumourModel model, long mask) {
        List<String> names = new ArrayList<>();
        for (var d : model.scenario().drugs().drugs()) {
            if ((mask & (1L << d.bit())) != 0) {
                names.add(d.name());
            }
        }
        return String.join("+", names);
    }

    /** What {@link #endpoints} derives at the end of a run. */
    record Endpoints(double followUpEnd, Summary.Line firstLine, double ttfDays, boolean ttfEvent, String ttfReason, Double osDays,
                     Boolean osEvent, List<Summary.Line> lines, List<Summary.Readout> readouts) {
        static final Endpoints NONE = new Endpoints(Double.NaN, null, Double.NaN, false, null, null, null, List.of(), List.of());
    }

    public Map<String, Map<String, Long>> markerCells() {
        return markerCells;
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
