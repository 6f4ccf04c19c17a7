package org.her2sim.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.her2sim.biology.Exposure;
import org.her2sim.config.RegimenSpec;
import org.her2sim.pharmacology.Drug;
import org.her2sim.pharmacology.DrugLevel;
import org.her2sim.pharmacology.EndRule;
import org.her2sim.pharmacology.Regimen;
import sim.engine.Steppable;

/**
 * The regimen as given to one tumour: which phase is in force, its doses on the model's
 * schedule, when it ends, the lines of therapy, and the bookkeeping of treatment (start,
 * baseline, days on drugs, strategy failure). Timed phase ends are scheduled when a phase
 * starts; the other {@link EndRule}s are checked at each observation. A phase that gives drugs
 * starts a new line of therapy when it follows a phase that ended on progression (or when it
 * says so, {@code line: new}); the strategy fails at progression on the last line, at regrowth
 * past the failure threshold on a planned holiday, at the lethal burden or at the cell ceiling.
 * A phase set by hand (a GUI's treatment panel, an assay's protocol) replaces the regimen from
 * then on.
 */
final class Treatment implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TumourModel model;
    private final DrugLevel[] levels;
    private int phaseIndex = -1;
    /** A phase set while the model runs, replacing the regimen; or null. */
    private Regimen.Phase manual;
    /** Counts phase starts, so a dose or timer of a phase that has ended does nothing. */
    private int generation;
    private double phaseStart;
    private double phaseReference;
    private double phaseNadir;
    private double treatmentStart = Double.NaN;
    private double baseline = Double.NaN;
    private double daysOnTreatment;
    private final List<LineOfTherapy> lines = new ArrayList<>();
    private double failureDay = Double.NaN;
    private String failureReason;
    private boolean assessedNow;

    Treatment(TumourModel model, Scenario scenario) {
        this.model = model;
        levels = new DrugLevel[scenario.drugs().drugs().size()];
        for (Drug d : scenario.drugs().drugs()) {
            levels[d.bit()] = new DrugLevel(d.pk(), d.infusionDays());
        }
    }

    private Regimen regimen() {
        return model.scenario().regimen();
    }

    /** Starts the regimen's phase {@code index} (-1: the regimen is over). */
    void startPhase(int index) {
        startPhase(index, index < 0 ? null : regimen().phases().get(index), false);
    }

    /**
     * At an observation, before it is recorded: the current line's assessment (progression is
     * called at assessments, never on a planned holiday) and the strategy's failure.
     */
    void assess() {
        LineOfTherapy line = currentLine();
        assessedNow = false;
        if (line == null) {
            return;
        }
        var outcomes = model.scenario().config().outcomes();
        Regimen.Phase p = current();
        boolean holiday = p != null && p.holiday();
        boolean due = line.assessmentDue(model.now());
        assessedNow = due && !holiday;
        LineOfTherapy.Event before = line.event();
        boolean progressed = line.observe(model.now(), model.cellCount(), holiday, assessedNow, model.scenario().progression(),
                outcomes.holidayFailureFactor());
        if (before == null && line.event() == LineOfTherapy.Event.HOLIDAY_FAILURE) {
            fail("regrowth past " + outcomes.holidayFailureFactor() + " x the line's baseline on a planned holiday");
        } else if (progressed && (p == null || !p.endsOnProgression())) {
            fail("progression on line " + line.number() + " with no further line");
        }
    }

    /** The tumour reached the lethal burden or the cell ceiling: the strategy has failed. */
    void terminal(LineOfTherapy.Event e) {
        LineOfTherapy line = currentLine();
        if (line != null) {
            line.terminal(e, model.now());
        }
        if (!Double.isNaN(treatmentStart)) {
            fail(e == LineOfTherapy.Event.DEATH ? "lethal burden" : "cell ceiling");
        }
    }

    private void fail(String reason) {
        if (Double.isNaN(failureDay)) {
            failureDay = model.now();
            failureReason = reason;
        }
    }

    /** How many phases have begun (0 before the first): the treatment era a cell's mutation falls in. */
    int generation() {
        return generation;
    }

    /** Replaces the regimen from now on with one phase that never ends. */
    void replace(Regimen.Phase phase) {
        model.listener().event(EventKind.PHASE_END, model.now(), -1, phaseName(true) + ": replaced by hand");
        manual = phase;
        startPhase(0, phase, false);
    }

    /** At an observation: ends the phase in force if one of its rules says so. */
    void checkPhaseEnd() {
        if (phaseIndex < 0 || manual != null) {
            return;
        }
        Regimen.Phase p = regimen().phases().get(phaseIndex);
        double burden = model.cellCount();
        double reference = Double.isNaN(baseline) ? phaseReference : baseline;
        LineOfTherapy line = currentLine();
        phaseNadir = Math.min(phaseNadir, burden);
        EndRule.Course course = new EndRule.Course(burden, reference, line != null && line.courseProgressed(), phaseNadir);
        for (EndRule rule : p.ends()) {
            String why = rule.reason(course);
            if (why != null) {
                model.listener().event(EventKind.PHASE_END, model.now(), -1, p.name() + ": " + why);
                int next = regimen().next(phaseIndex);
                startPhase(next, next < 0 ? null : regimen().phases().get(next), rule instanceof EndRule.OnProgression);
                return;
            }
        }
    }

    private void startPhase(int index, Regimen.Phase p, boolean afterProgression) {
        closeAccounting();
        for (DrugLevel level : levels) {
            if (level.isConstant()) {
                level.setConstant(Double.NaN); // a dish is washed out when its phase ends
            }
        }
        double now = model.now();
        long cells = model.cellCount();
        phaseIndex = index;
        generation++;
        phaseStart = now;
        phaseReference = cells;
        phaseNadir = cells;
        if (afterProgression && (p == null || !p.givesDrugs())) {
            fail("progression on line " + currentLine().number() + " with no further line");
        }
        if (p == null) {
            model.listener().event(EventKind.PHASE, now, -1, "regimen complete; no further treatment");
            return;
        }
        if (p.givesDrugs() && Double.isNaN(treatmentStart)) {
            treatmentStart = now;
            baseline = cells;
            model.listener().event(EventKind.TREATMENT_START, now, -1, "baseline " + cells + " cells");
        }
        model.listener().event(EventKind.PHASE, now, -1, p.name());
        if (p.givesDrugs()) {
            LineOfTherapy line = currentLine();
            RegimenSpec.LineRule rule = p.line();
            if (line == null) {
                startLine(now, cells);
            } else if (rule == RegimenSpec.LineRule.NEW || (rule == RegimenSpec.LineRule.AUTO && afterProgression)) {
                line.leave(now);
                startLine(now, cells);
            } else if (afterProgression) {
                line.newCourse(cells);
            }
            currentLine().addDrugs(p.drugMask());
        }
        final int g = generation;
        for (Regimen.Item item : p.items()) {
            DrugLevel level = levels[item.drug().bit()];
            if (item.constant()) {
                level.setConstant(item.concentrationMgPerL());
            } else {
                level.dose(now, item.loadingDoseMg());
                scheduleDose(item, item.nextDose(now + item.everyDays(), now), now, g);
            }
        }
        double after = p.afterDays();
        if (!Double.isNaN(after)) {
            double end = now + after;
            model.schedule.scheduleOnce(end, TumourModel.ORDER_PHASE, (Steppable) state -> {
                if (generation == g) {
                    model.advanceTo(end);
                    model.listener().event(EventKind.PHASE_END, end, -1, p.name() + ": duration");
                    startPhase(regimen().next(phaseIndex));
                }
            });
        }
    }

    /** Schedules the next dose of an item at {@code when} (its phase began at {@code start}); the dose schedules the one after. */
    private void scheduleDose(Regimen.Item item, double when, double start, int g) {
        if (when > model.maxDays() + model.observeEvery()) {
            return;
        }
        model.schedule.scheduleOnce(when, TumourModel.ORDER_DOSE, (Steppable) state -> {
            if (generation == g) {
                levels[item.drug().bit()].dose(when, item.doseMg());
                scheduleDose(item, item.nextDose(when + item.everyDays(), start), start, g);
            }
        });
    }

    private void startLine(double now, long cells) {
        var outcomes = model.scenario().config().outcomes();
        double every = outcomes.assessEvery() == null ? Double.NaN : outcomes.assessEvery().days();
        LineOfTherapy line = new LineOfTherapy(lines.size() + 1, now, cells, every);
        lines.add(line);
        if (line.number() > 1 && line.number() == model.scenario().config().randomisationLine()) {
            model.randomise();
        }
    }

    /** The line in force (the last one begun), or null before treatment. */
    LineOfTherapy currentLine() {
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }

    List<LineOfTherapy> lines() {
        return Collections.unmodifiableList(lines);
    }

    /** Whether the last observation was an assessment of the current line. */
    boolean assessedNow() {
        return assessedNow;
    }

    double failureDay() {
        return failureDay;
    }

    String failureReason() {
        return failureReason;
    }

    /** Adds the time since the last accounting to the days on drugs, if drugs are being given. */
    void closeAccounting() {
        Regimen.Phase p = current();
        if (p != null && p.givesDrugs()) {
            daysOnTreatment += model.now() - phaseStart;
            phaseStart = model.now();
        }
    }

    /** The phase in force, or null (before the first phase, or after the regimen). */
    Regimen.Phase current() {
        if (manual != null) {
            return manual;
        }
        return phaseIndex < 0 ? null : regimen().phases().get(phaseIndex);
    }

    /** The name of the phase in force ("none" after the regimen, or the growth to diagnosis when not yet diagnosed). */
    String phaseName(boolean diagnosed) {
        Regimen.Phase p = current();
        return p == null ? (diagnosed ? "none" : TumourModel.GROWTH) : p.name();
    }

    /** Drug exposure at time {@code day} from the current concentrations and the phase's drugs. */
    Exposure exposureAt(double day) {
        double[] c = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            c[i] = levels[i].concentration(day);
        }
        long mask = current() == null ? 0 : current().drugMask();
        Scenario s = model.scenario();
        return s.drugs().exposure(c, mask, s.config().context().pk());
    }

    boolean treating() {
        return current() != null && current().givesDrugs();
    }

    /** Whether the regimen is over (its last phase ended and it does not repeat). */
    boolean complete() {
        return current() == null && !Double.isNaN(treatmentStart);
    }

    double concentration(int drugBit, double day) {
        return levels[drugBit].concentration(day);
    }

    double cumulativeDoseMg(int drugBit) {
        return levels[drugBit].cumulativeMg();
    }

    double treatmentStart() {
        return treatmentStart;
    }

    double baseline() {
        return baseline;
    }

    double daysOnTreatment() {
        return daysOnTreatment;
    }
}
