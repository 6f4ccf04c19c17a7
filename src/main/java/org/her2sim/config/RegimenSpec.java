package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A treatment plan: phases of zero or more drugs, each ending on a duration, on progression,
 * on a burden threshold (relative to the burden when treatment began), or never. After the
 * last phase the regimen loops back to {@code repeat_from} when given (intermittent and
 * adaptive schedules), otherwise the last phase continues.
 */
public record RegimenSpec(String name, String description, List<PhaseSpec> phases, Integer repeatFrom) {
    public RegimenSpec {
        name = name == null ? "regimen" : name;
        description = description == null ? "" : description;
        if (phases == null || phases.isEmpty()) {
            throw new ConfigProblem("regimen.phases", "expected at least one phase");
        }
        phases = expandCycles(phases);
        if (repeatFrom != null && (repeatFrom < 0 || repeatFrom >= phases.size())) {
            throw new ConfigProblem("regimen.repeat_from", "expected a phase index 0.." + (phases.size() - 1) + ", got " + repeatFrom);
        }
    }

    /** No treatment: one drug-free phase that never ends (benchmarks, theory checks, untreated growth). */
    public static RegimenSpec untreated() {
        return new RegimenSpec("untreated", null, List.of(new PhaseSpec("untreated", List.of(), EndSpec.NEVER)), null);
    }

    /** A phase with {@code cycles: N} becomes N phases, "NAME (cycle k)"; loading doses are given in the first only. */
    private static List<PhaseSpec> expandCycles(List<PhaseSpec> phases) {
        List<PhaseSpec> out = new ArrayList<>();
        for (PhaseSpec p : phases) {
            if (p.cycles() == null) {
                out.add(p);
                continue;
            }
            for (int k = 1; k <= p.cycles(); k++) {
                List<DoseSpec> drugs = new ArrayList<>();
                for (DoseSpec d : p.drugs()) {
                    drugs.add(k == 1 ? d : new DoseSpec(d.drug(), d.dose(), null, d.every(), d.concentration(), d.forDays(), d.cycle()));
                }
                out.add(new PhaseSpec(p.name() + " (cycle " + k + ")", drugs, p.end(), k == 1 ? p.line() : LineRule.SAME, p.holiday(), null));
            }
        }
        return List.copyOf(out);
    }

    /**
     * One phase: the drugs given, when it ends, whether it starts a new line of therapy
     * ({@code line: auto} — when it follows a phase that ended on progression —, {@code new} or
     * {@code same}), and whether it is a planned treatment holiday on which regrowth is expected
     * ({@code holiday}; by default a phase without drugs that ends on regrowth, as in adaptive therapy).
     */
    public record PhaseSpec(String name, List<DoseSpec> drugs, EndSpec end, LineRule line, Boolean holiday, Integer cycles) {
        public PhaseSpec(String name, List<DoseSpec> drugs, EndSpec end) {
            this(name, drugs, end, null, null, null);
        }

        public PhaseSpec {
            drugs = drugs == null ? List.of() : List.copyOf(drugs);
            if ("true".equals(name) || "false".equals(name)) {
                throw new ConfigProblem("name", "YAML reads on/off/yes/no as true/false; quote the phase name (name: \"on\")");
            }
            name = name == null ? (drugs.isEmpty() ? "off" : String.join("+", drugs.stream().map(DoseSpec::drug).toList())) : name;
            end = end == null ? EndSpec.NEVER : end;
            line = line == null ? LineRule.AUTO : line;
            holiday = holiday == null ? drugs.isEmpty() && end.burdenAbove() != null : holiday;
            if (holiday && !drugs.isEmpty()) {
                throw new ConfigProblem("holiday", "phase '" + name + "' gives drugs, so it is not a treatment holiday");
            }
            if (cycles != null) {
                if (cycles < 1 || cycles > 100) {
                    throw new ConfigProblem("cycles", "expected 1 to 100 cycles, got " + cycles);
                }
                if (end.after() == null || end.progression() || end.burdenBelow() != null || end.burdenAbove() != null) {
                    throw new ConfigProblem("cycles", "phase '" + name + "' repeats in cycles, so it must end after a "
                            + "fixed time only (end: 21d, the cycle's length)");
                }
            }
        }
    }

    /** Whether a phase starts a new line of therapy. */
    public enum LineRule implements Choice {
        /** A new line when the phase follows one that ended on progression. */
        AUTO,
        /** Always a new line. */
        NEW,
        /** Never a new line. */
        SAME;

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * A drug in a phase: a {@code dose} every {@code every} (with an optional first
     * {@code loading_dose}) when PK is on, or a constant {@code concentration} (a dish, or PK off).
     */
    public record DoseSpec(String drug, Dose dose, Dose loadingDose, Days every, Concentration concentration,
                           @JsonProperty("for") Days forDays, Days cycle) {
        public DoseSpec(String drug, Dose dose, Dose loadingDose, Days every, Concentration concentration) {
            this(drug, dose, loadingDose, every, concentration, null, null);
        }

        public DoseSpec {
            drug = Check.required("drug", drug);
            if (dose == null && concentration == null) {
                throw new IllegalArgumentException("drug '" + drug + "': give a 'dose' (with 'every') or a 'concentration'");
            }
            try {
                if (dose != null) {
                    if (dose.amount() < 0) {
                        throw new ConfigProblem("dose", "expected >= 0");
                    }
                    every = Check.duration("every", every, null, false);
                    if (every == null) {
                        throw new ConfigProblem("every", "required with 'dose' (e.g. every: 21d)");
                    }
                }
                if (loadingDose != null && loadingDose.amount() < 0) {
                    throw new ConfigProblem("loading_dose", "expected >= 0");
                }
                if (concentration != null && concentration.value() < 0) {
                    throw new ConfigProblem("concentration", "expected >= 0");
                }
                // doses only during the first part of the phase, or of each cycle of the phase
                // (capecitabine on days 1-14 of every 21-day cycle: for: 14d, cycle: 21d)
                forDays = Check.duration("for", forDays, null, false);
                cycle = Check.duration("cycle", cycle, null, false);
                if ((forDays != null || cycle != null) && dose == null) {
                    throw new ConfigProblem("for", "only a dosed drug (dose and every) stops being given within a phase");
                }
                if (cycle != null && (forDays == null || forDays.days() >= cycle.days())) {
                    throw new ConfigProblem("cycle", "give the days on drug in each cycle with 'for', shorter than the cycle");
                }
            } catch (ConfigProblem e) {
                throw new ConfigProblem(e.path(), e.problem() + " (drug '" + drug + "')");
            }
        }

        /** The dosing as a reader wants it: "6 mg/kg every 21d (first dose 8 mg/kg)", or the fixed concentration. */
        public String dosing() {
            return dose != null ? dose + " every " + every + (loadingDose != null ? " (first dose " + loadingDose + ")" : "")
                    : String.valueOf(concentration);
        }
    }

    /** When a phase ends: the first of its conditions met; none given means never. */
    public record EndSpec(Days after, Boolean progression, Double burdenBelow, Double burdenAbove, Double regrowthAboveNadir) {
        public static final EndSpec NEVER = new EndSpec(null, null, null, null, null);

        public EndSpec(Days after, Boolean progression, Double burdenBelow, Double burdenAbove) {
            this(after, progression, burdenBelow, burdenAbove, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public EndSpec {
            after = Check.duration("end.after", after, null, false);
            progression = progression != null && progression;
            if (burdenBelow != null) {
                Check.positive("end.burden_below", burdenBelow, 1);
            }
            if (burdenAbove != null) {
                Check.positive("end.burden_above", burdenAbove, 1);
            }
            if (regrowthAboveNadir != null && !(regrowthAboveNadir > 1 && Double.isFinite(regrowthAboveNadir))) {
                throw new ConfigProblem("end.regrowth_above_nadir", "expected a factor above 1 (e.g. 1.2: 20 % above the nadir), got "
                        + regrowthAboveNadir);
            }
        }

        /** Shorthands: {@code end: never}, {@code end: progression}, {@code end: 21d}. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static EndSpec of(String text) {
            return switch (text) {
                case "never" -> NEVER;
                case "progression" -> new EndSpec(null, true, null, null);
                default -> {
                    Days after;
                    try {
                        after = Days.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigProblem("end", "expected never, progression, a duration such as 21d, "
                                + "or a mapping with after/progression/burden_below/burden_above/regrowth_above_nadir; got '" + text + "'");
                    }
                    yield new EndSpec(after, null, null, null);
                }
            };
        }

        public boolean never() {
            return after == null && !progression && burdenBelow == null && burdenAbove == null && regrowthAboveNadir == null;
        }
    }
}
