package org.her2sim.classroom;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.her2sim.config.RegimenSpec;
import org.her2sim.engine.EventKind;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.SimulationListener;
import org.her2sim.engine.TumourModel;
import org.her2sim.experiment.Lesson;
import org.her2sim.observe.LiveData;
import org.her2sim.observe.Outcomes;
import org.her2sim.report.Palette;
import sim.field.grid.IntGrid2D;

/**
 * One student's tumour: an unchanged {@link TumourModel} of a lesson, stepped by the classroom at
 * the student's pace (simulated days per wall-clock second), and what the student and the
 * teacher see of it. Every method is synchronized: the classroom's workers step the model while
 * requests change the pace or the drugs between steps.
 */
final class ClassTumour {
    /** What the tumour is doing. */
    enum Status { READY, RUNNING, PAUSED, FINISHED }

    /** A student may choose among these paces, days per second (the web page's speed control). */
    static final double[] PACES = {0.5, 1, 2, 4, 8, 16, 32};
    static final double DEFAULT_PACE = 2;
    /** Behind by more than this many seconds of its pace (an overloaded server), a tumour stops catching up. */
    private static final double MAX_LAG_SECONDS = 1;

    final String id;
    final ClassLesson lesson;
    final long seed;
    private final Scenario scenario;
    private final TumourModel model;
    private final Palette palette;
    private final LiveData live = new LiveData();
    private final Outcomes outcomes;
    private final List<Observation> history = new ArrayList<>();
    private final List<String> eventLog = new ArrayList<>();
    private final Map<String, Integer> legendIndex = new LinkedHashMap<>();
    private final List<String> strategy = new ArrayList<>();
    private double lastPhaseDay = Double.NaN;
    private List<String> givenNow = List.of();
    private int legendVersion;
    private Status status = Status.READY;
    private double pace = DEFAULT_PACE;
    private double targetDay;
    private String prediction = "";
    private double progressionDay = Double.NaN;
    private double extinctionDay = Double.NaN;
    private String escape = "";

    /** One day's observation as the page charts it (concentrations in mg/L of the lesson's shown drugs, in order). */
    record Observation(double day, long cells, Map<String, Long> byMechanism, boolean treating, double[] drugs) {
    }

    ClassTumour(String id, ClassLesson lesson, long seed) {
        this.id = id;
        this.lesson = lesson;
        this.seed = seed;
        this.scenario = lesson.scenario(seed);
        this.palette = Palette.of(scenario.space());
        this.outcomes = new Outcomes(scenario.config().outcomes(), scenario.config().observe().at());
        this.model = new TumourModel(scenario, seed, new Listener());
        model.start();
        // day 0 is drawn before play, from the same placement the run then continues with
        model.placeInitialCells();
        live.observed(model);
        collect();
    }

    /** Records the student's prediction (the first play needs one); false once the tumour has run: a prediction is kept as written before. */
    synchronized boolean predict(String text) {
        if (status != Status.READY) {
            return false;
        }
        prediction = text;
        return true;
    }

    synchronized String prediction() {
        return prediction;
    }

    /** Why a student's command cannot be carried out now (null: it can). */
    synchronized String refusal(boolean needsPrediction) {
        if (status == Status.FINISHED) {
            return "this tumour's run has ended; start a new tumour";
        }
        if (needsPrediction && prediction.isBlank()) {
            return "write your prediction before you run the tumour";
        }
        return null;
    }

    /** Starts or resumes running at the current pace (the caller checked {@link #refusal}). */
    synchronized void play() {
        if (status == Status.READY || status == Status.PAUSED) {
            status = Status.RUNNING;
            targetDay = model.now();
        }
    }

    synchronized void pause() {
        if (status == Status.RUNNING) {
            status = Status.PAUSED;
        }
    }

    /** One simulated day, then paused (a student's "Step"). */
    synchronized void step() {
        if (status != Status.FINISHED) {
            status = Status.PAUSED;
            runUntil(Math.floor(model.now() + 1e-9) + 1);
        }
    }

    synchronized void pace(double daysPerSecond) {
        pace = daysPerSecond;
    }

    /**
     * Gives exactly these drugs from now on (none: stop all), at the lesson's dosing; the names
     * were checked against the lesson's controls by the caller. False once the run has ended.
     */
    synchronized boolean give(List<RegimenSpec.DoseSpec> drugs) {
        if (status == Status.FINISHED) {
            return false;
        }
        List<String> names = drugs.stream().map(RegimenSpec.DoseSpec::drug).toList();
        if (new java.util.HashSet<>(names).equals(new java.util.HashSet<>(givenNow))) {
            return true; // already given: the dosing goes on as it was
        }
        // a drug given before and given on carries on at its maintenance dose (no second loading dose)
        List<RegimenSpec.DoseSpec> doses = drugs.stream().map(d -> givenNow.contains(d.drug()) && d.loadingDose() != null
                ? new RegimenSpec.DoseSpec(d.drug(), d.dose(), null, d.every(), d.concentration(), d.forDays(), d.cycle()) : d).toList();
        model.replaceRegimen(Lesson.phaseOf(scenario, doses));
        givenNow = names;
        return true;
    }

    /** The drugs being given now (the regimen's phase, or the student's last choice). */
    synchronized List<String> drugsNow() {
        return givenNow;
    }

    /**
     * Advances by {@code wallSeconds} of the student's pace when running, spending at most about
     * {@code budgetNanos} of computing time (at least one step); true if anything changed.
     */
    synchronized boolean advance(double wallSeconds, long budgetNanos) {
        if (status != Status.RUNNING) {
            return false;
        }
        // an overloaded server slows the tumour down rather than making it jump
        targetDay = Math.max(targetDay + pace * wallSeconds, model.now() - pace * MAX_LAG_SECONDS);
        targetDay = Math.min(targetDay, model.now() + pace * MAX_LAG_SECONDS);
        return runUntil(targetDay, budgetNanos);
    }

    private boolean runUntil(double day) {
        return runUntil(day, Long.MAX_VALUE);
    }

    private boolean runUntil(double day, long budgetNanos) {
        boolean stepped = false;
        long start = System.nanoTime(); // elapsed time as a difference: nanoTime's origin is arbitrary, maybe negative
        while (model.now() < day - 1e-9 && status != Status.FINISHED && !(stepped && System.nanoTime() - start >= budgetNanos)) {
            if (!model.schedule.step(model) || model.stopReason() != null) {
                status = Status.FINISHED;
            }
            stepped = true;
        }
        if (stepped) {
            collect();
        }
        return stepped;
    }

    /** Moves the model's new observations and events into this tumour's history. */
    private void collect() {
        for (LiveData.Point p : LiveData.drain(live.points)) {
            if (!history.isEmpty() && history.get(history.size() - 1).day() == p.day()) {
                history.remove(history.size() - 1); // the final observation repeats the last day's
            }
            double[] shown = new double[lesson.drugs().size()];
            for (int k = 0; k < shown.length; k++) {
                shown[k] = p.concentrations()[lesson.drugs().get(k).bit()];
            }
            history.add(new Observation(p.day(), p.cells(), p.byMechanism(), p.treating(), shown));
            for (String m : p.byMechanism().keySet()) {
                if (!legendIndex.containsKey(m)) {
                    legendIndex.put(m, legendIndex.size() + 1);
                    legendVersion++;
                }
            }
        }
        String e;
        while ((e = live.events.poll()) != null) {
            eventLog.add(e);
        }
    }

    synchronized Status status() {
        return status;
    }

    synchronized double day() {
        return model.now();
    }

    /** How far one page has been sent this tumour's history (each page its own: a slow page skips frames, never data). */
    static final class Cursor {
        private int points;
        private int events;
        private int legend = -1;
    }

    /**
     * What a page needs to draw now: the observations and events it has not had (all of them on
     * a fresh cursor, e.g. a page reloaded), the legend when it changed since (else null), the
     * lattice and the outcome.
     */
    synchronized Frame frame(Cursor c) {
        List<Observation> points = List.copyOf(history.subList(c.points, history.size()));
        List<String> events = List.copyOf(eventLog.subList(c.events, eventLog.size()));
        c.points = history.size();
        c.events = eventLog.size();
        String lattice = lattice(); // may find a new marker combination: the legend follows
        List<Frame.LegendEntry> legend = null;
        if (c.legend != legendVersion) {
            legend = new ArrayList<>();
            for (var entry : palette.legend(legendIndex.keySet(), m -> m).entrySet()) {
                String m = entry.getKey();
                legend.add(new Frame.LegendEntry(legendIndex.get(m), m, Palette.label(m), Palette.hex(entry.getValue())));
            }
            c.legend = legendVersion;
        }
        return new Frame(id, model.now(), model.cellCount(), model.phaseName(), status.name().toLowerCase(Locale.ROOT), pace, givenNow,
                points, events, legend, lattice, outcome());
    }

    /**
     * The lattice as one byte per site (row by row): 0 empty, else the legend index of the cell's
     * marker combination; sent run-length coded ({@link #runLengths}).
     */
    private String lattice() {
        IntGrid2D g = model.latticeGrid();
        if (g == null) {
            return null;
        }
        int w = g.getWidth();
        int h = g.getHeight();
        byte[] out = new byte[w * h];
        int[] byState = new int[model.lineage().states()];
        var space = scenario.space();
        int founder = scenario.founder();
        for (int x = 0; x < w; x++) {
            int[] column = g.field[x];
            for (int y = 0; y < h; y++) {
                int v = column[y] - 1;
                if (v < 0) {
                    continue;
                }
                int s = model.lineage().stateOfVariant(v);
                if (byState[s] == 0) {
                    String m = space.difference(s, founder);
                    Integer k = legendIndex.get(m);
                    if (k == null) { // a clone born since the last observation
                        k = legendIndex.size() + 1;
                        legendIndex.put(m, k);
                        legendVersion++;
                    }
                    byState[s] = Math.min(k, 255);
                }
                out[y * w + x] = (byte) byState[s];
            }
        }
        return Base64.getEncoder().encodeToString(runLengths(out));
    }

    /**
     * Sites as runs (a tumour is patches on an empty lattice: about a tenth of the bytes): for
     * each run of equal bytes, the byte, then the run's length as an unsigned LEB128 varint.
     */
    static byte[] runLengths(byte[] sites) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(sites.length / 8 + 16);
        int i = 0;
        while (i < sites.length) {
            int j = i + 1;
            while (j < sites.length && sites[j] == sites[i]) {
                j++;
            }
            out.write(sites[i]);
            int n = j - i;
            while (n >= 0x80) {
                out.write((n & 0x7F) | 0x80);
                n >>>= 7;
            }
            out.write(n);
            i = j;
        }
        return out.toByteArray();
    }

    /** The outcome so far, as the teacher's table shows it. */
    synchronized Outcome outcome() {
        String result;
        if (!Double.isNaN(extinctionDay)) {
            result = "cured";
        } else if (!Double.isNaN(progressionDay)) {
            result = "progressed";
        } else if (status == Status.FINISHED) {
            result = "ended without progression";
        } else {
            result = status == Status.READY ? "not started" : "no progression yet";
        }
        double start = model.treatmentStart();
        return new Outcome(result, Double.isFinite(start), model.now(), model.cellCount(), Outcome.day(progressionDay), Outcome.day(progressionDay - start),
                Outcome.day(extinctionDay),
                escape.isEmpty() ? "" : Palette.label(escape), String.join(" → ", strategy));
    }

    /** The model's feed: the live view's points and events, and the outcomes read as a run's report reads them. */
    private final class Listener implements SimulationListener {
        @Override
        public void observed(TumourModel m) {
            live.observed(m);
            for (EventKind h : outcomes.observe(m, m.growingCells())) {
                if (h == EventKind.PROGRESSION) {
                    progressionDay = m.now();
                    escape = outcomes.dominantEscape();
                    live.event(h, m.now(), -1, "escape: " + Palette.label(escape));
                } else {
                    live.event(h, m.now(), -1, "resistant cells now grow under the drugs given");
                }
            }
        }

        @Override
        public void event(EventKind kind, double day, int clone, String detail) {
            live.event(kind, day, clone, detail);
            if (kind == EventKind.PHASE) {
                // a phase of the lesson's regimen: its drugs are given now (a phase given by hand: set by give)
                scenario.config().regimen().phases().stream().filter(ph -> ph.name().equals(detail)).findFirst()
                        .ifPresent(ph -> givenNow = ph.drugs().stream().map(RegimenSpec.DoseSpec::drug).toList());
            }
            if (kind == EventKind.PHASE && !detail.equals(TumourModel.GROWTH)) {
                // a phase replaced on the day it began (drugs changed several times before play, say) was never given
                if (!strategy.isEmpty() && day == lastPhaseDay) {
                    strategy.remove(strategy.size() - 1);
                }
                strategy.add(detail);
                lastPhaseDay = day;
            } else if (kind == EventKind.EXTINCTION) {
                extinctionDay = day;
            }
        }
    }
}
