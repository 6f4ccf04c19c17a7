package org.her2sim.pharmacology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.her2sim.config.ConfigProblem;
import org.her2sim.config.RegimenSpec.DoseSpec;
import org.her2sim.config.RegimenSpec.PhaseSpec;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.Suggest;

/**
 * A regimen compiled against a drug library and a context: phases with doses in mg (body weight
 * or surface applied) or constant concentrations in mg/L, and their end conditions in days and fractions.
 */
public record Regimen(String name, List<Phase> phases, int repeatFrom) implements Serializable {

    /**
     * One drug of a phase: a dose every {@code everyDays} — only in the first {@code forDays} of each
     * {@code cycleDays} of the phase when those are finite —, or a constant concentration.
     */
    public record Item(Drug drug, double doseMg, double loadingDoseMg, double everyDays, double concentrationMgPerL, double forDays,
                       double cycleDays) implements Serializable {
        /** The first dosing time at or after {@code when}, for a phase that began at {@code start}. */
        public double nextDose(double when, double start) {
            double offset = when - start;
            if (Double.isFinite(cycleDays)) {
                double inCycle = offset - Math.floor(offset / cycleDays + 1e-9) * cycleDays;
                if (inCycle >= forDays - 1e-9) {
                    return start + (Math.floor(offset / cycleDays + 1e-9) + 1) * cycleDays;
                }
                return when;
            }
            return offset >= forDays - 1e-9 ? Double.POSITIVE_INFINITY : when;
        }
        public boolean constant() {
            return !Double.isNaN(concentrationMgPerL);
        }
    }

    /**
     * A phase: the drugs given, the rules that end it (none: it never ends), whether it starts a
     * new line of therapy, and whether it is a planned holiday (no progression is called on it).
     */
    public record Phase(String name, List<Item> items, long drugMask, List<EndRule> ends, RegimenSpec.LineRule line,
                        boolean holiday) implements Serializable {
        public Phase {
            ends = List.copyOf(ends);
        }

        /** Whether one of the phase's rules ends it on progression. */
        public boolean endsOnProgression() {
            return ends.stream().anyMatch(r -> r instanceof EndRule.OnProgression);
        }

        public boolean givesDrugs() {
            return drugMask != 0;
        }

        public boolean neverEnds() {
            return ends.isEmpty();
        }

        /** The phase's fixed duration in days, or NaN when it has none. */
        public double afterDays() {
            for (EndRule r : ends) {
                if (r instanceof EndRule.After a) {
                    return a.days();
                }
            }
            return Double.NaN;
        }
    }

    /**
     * Compiles a regimen; problems are reported as {@link IllegalArgumentException} with the dotted
     * path of the offending value.
     */
    public static Regimen compile(RegimenSpec spec, DrugLibrary library, boolean pkOn, double bodyWeightKg, double bodySurfaceM2) {
        List<Phase> phases = new ArrayList<>();
        for (int p = 0; p < spec.phases().size(); p++) {
            PhaseSpec ps = spec.phases().get(p);
            String path = "regimen.phases[" + p + "]";
            List<Item> items = new ArrayList<>();
            long mask = 0;
            for (int i = 0; i < ps.drugs().size(); i++) {
                DoseSpec ds = ps.drugs().get(i);
                String ipath = path + ".drugs[" + i + "]";
                Drug d = library.get(ds.drug());
                if (d == null) {
                    throw new ConfigProblem(ipath + ".drug", "unknown drug '" + ds.drug() + "'"
                            + Suggest.hint(ds.drug(), library.names()) + " (see her2sim drugs)");
                }
                if ((mask & (1L << d.bit())) != 0) {
                    throw new ConfigProblem(ipath + ".drug", "'" + ds.drug() + "' appears twice in one phase");
                }
                mask |= 1L << d.bit();
                double conc = Double.NaN;
                double dose = 0;
                double loading = 0;
                double every = Double.NaN;
                if (ds.concentration() != null && (!pkOn || ds.dose() == null)) {
                    conc = ds.concentration().mgPerL(d.molarMassGPerMol());
                } else if (ds.dose() == null) {
                    throw new ConfigProblem(ipath, "with PK on, give a 'dose' and 'every' (or set context.pk: false)");
                } else {
                    if (d.pk() == null) {
                        throw new ConfigProblem(ipath, "drug '" + d.name() + "' has no PK model in the library for this context's species, so it cannot be dosed; give a 'concentration' (or its pk_by_species)");
                    }
                    dose = ds.dose().mg(bodyWeightKg, bodySurfaceM2);
                    loading = ds.loadingDose() == null ? dose : ds.loadingDose().mg(bodyWeightKg, bodySurfaceM2);
                    every = ds.every().days();
                }
                if (!pkOn && Double.isNaN(conc)) {
                    throw new ConfigProblem(ipath, "PK is off in this context, give a 'concentration'");
                }
                items.add(new Item(d, dose, loading, every, conc, ds.forDays() == null ? Double.POSITIVE_INFINITY : ds.forDays().days(),
                        ds.cycle() == null ? Double.POSITIVE_INFINITY : ds.cycle().days()));
            }
            Phase phase = new Phase(ps.name(), List.copyOf(items), mask, endRules(ps.end()), ps.line(), ps.holiday());
            boolean mustEnd = p < spec.phases().size() - 1 || spec.repeatFrom() != null;
            if (mustEnd && phase.neverEnds()) {
                throw new ConfigProblem(path + ".end", "phase '" + ps.name() + "' never ends, but "
                        + (p < spec.phases().size() - 1 ? "phase " + (p + 1) + " follows it" : "the regimen repeats")
                        + "; give after, progression, burden_below, burden_above or regrowth_above_nadir");
            }
            if (p == 0 && ps.end().burdenAbove() != null && ps.end().burdenAbove() <= 1) {
                // the reference of the first phase is the burden at its start, so the rule holds at once
                throw new ConfigProblem(path + ".end.burden_above", "phase '" + ps.name() + "' is the first: its baseline is the burden "
                        + "at its start, so burden_above " + ps.end().burdenAbove() + " would end it at once; for \"until the tumour "
                        + "regrows\" use regrowth_above_nadir (e.g. 1.2)");
            }
            phases.add(phase);
        }
        return new Regimen(spec.name(), List.copyOf(phases), spec.repeatFrom() == null ? -1 : spec.repeatFrom());
    }

    /** A phase's end rules, in the order they are checked: progression first, then the burden thresholds. */
    private static List<EndRule> endRules(RegimenSpec.EndSpec end) {
        List<EndRule> rules = new ArrayList<>();
        if (end.after() != null) {
            rules.add(new EndRule.After(end.after().days()));
        }
        if (end.progression()) {
            rules.add(new EndRule.OnProgression());
        }
        if (end.burdenBelow() != null) {
            rules.add(new EndRule.BurdenBelow(end.burdenBelow()));
        }
        if (end.burdenAbove() != null) {
            rules.add(new EndRule.BurdenAbove(end.burdenAbove()));
        }
        if (end.regrowthAboveNadir() != null) {
            rules.add(new EndRule.RegrowthAboveNadir(end.regrowthAboveNadir()));
        }
        return rules;
    }

    /** The phase after {@code index}, or -1 when the regimen is over. */
    public int next(int index) {
        if (index + 1 < phases.size()) {
            return index + 1;
        }
        return repeatFrom;
    }

    /** Every drug mask a phase can have (for stability checks). */
    public long allDrugsMask() {
        long m = 0;
        for (Phase p : phases) {
            m |= p.drugMask();
        }
        return m;
    }
}
