package org.her2sim.engine;

import org.her2sim.biology.Exposure;
import org.her2sim.pharmacology.Drug;
import org.her2sim.pharmacology.DrugLevel;
import org.her2sim.pharmacology.EndRule;
import org.her2sim.pharmacology.Regimen;
import sim.engine.Steppable;

/**
 * The regimen as given to one tumour: which phase is in force, its doses on the model's
 * schedule, when it ends, and the bookkeeping of treatment (start, baseline, days on drugs).
 * Timed phase ends are scheduled when a phase starts; the other {@link EndRule}s are checked at
 * each observation. A phase set by hand (a GUI's treatment panel, an assay's protocol) replaces
 * the regimen from then on.
 */
final class Treatment implements java.io.Serializable {
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
        startPhase(index, index < 0 ? null : regimen().phases().get(index));
    }

    /** Replaces the regimen from now on with one phase that never ends. */
    void replace(Regimen.Phase phase) {
        model.listener().event(EventKind.PHASE_END, model.now(), -1, phaseName(true) + ": replaced by hand");
        manual = phase;
        startPhase(0, phase);
    }

    /** At an observation: ends the phase in force if one of its rules says so. */
    void checkPhaseEnd() {
        if (phaseIndex < 0 || manual != null) {
            return;
        }
        Regimen.Phase p = regimen().phases().get(phaseIndex);
        double burden = model.cellCount();
        phaseNadir = Math.min(phaseNadir, burden);
        double reference = Double.isNaN(baseline) ? phaseReference : baseline;
        EndRule.Course course = new EndRule.Course(burden, reference, model.scenario().progression().progressed(burden, phaseNadir));
        for (EndRule rule : p.ends()) {
            String why = rule.reason(course);
            if (why != null) {
                model.listener().event(EventKind.PHASE_END, model.now(), -1, p.name() + ": " + why);
                startPhase(regimen().next(phaseIndex));
                return;
            }
        }
    }

    private void startPhase(int index, Regimen.Phase p) {
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
        final int g = generation;
        for (Regimen.Item item : p.items()) {
            DrugLevel level = levels[item.drug().bit()];
            if (item.constant()) {
                level.setConstant(item.concentrationMgPerL());
            } else {
                level.dose(now, item.loadingDoseMg());
                scheduleDose(item, now + item.everyDays(), g);
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

    private void scheduleDose(Regimen.Item item, double when, int g) {
        if (when > model.maxDays() + model.observeEvery()) {
            return;
        }
        model.schedule.scheduleOnce(when, TumourModel.ORDER_DOSE, (Steppable) state -> {
            if (generation == g) {
                levels[item.drug().bit()].dose(when, item.doseMg());
                scheduleDose(item, when + item.everyDays(), g);
            }
        });
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
