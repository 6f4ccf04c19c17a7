package org.her2sim.config;

import java.util.Map;

/**
 * One simulation scenario, as read from YAML with every default filled in. Sections that are
 * data of their own ({@code biology}, {@code drugs}, {@code regimen}) are usually included
 * from separate files.
 */
public record SimulationConfig(
        String name,
        Long seed,
        String arm,
        EngineKind engine,
        Double engineSwitchCells,
        TimeConfig time,
        TumourConfig tumour,
        ContextConfig context,
        BiologyConfig biology,
        Map<String, DrugSpec> drugs,
        RegimenSpec regimen,
        ObserveConfig observe,
        OutcomeConfig outcomes,
        StopConfig stop,
        SpaceKind space,
        LatticeConfig lattice) {

    public SimulationConfig {
        name = Check.required("name", name);
        if (!name.matches("[A-Za-z0-9._-]{1,80}")) {
            throw new IllegalArgumentException("name: expected 1-80 letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        seed = seed == null ? 1L : seed;
        arm = arm == null ? "" : arm;
        // hybrid: agent engine below this many cells (exact small-number behaviour), clone engine above
        engineSwitchCells = Check.positive("engine_switch_cells", engineSwitchCells, 1e5);
        engine = engine == null ? EngineKind.HYBRID : engine;
        // where cells live: one well-mixed pool, or sites of a 2D lattice (agent level only)
        space = space == null ? SpaceKind.WELL_MIXED : space;
        lattice = lattice == null ? new LatticeConfig(null, null, null) : lattice;
        if (space == SpaceKind.LATTICE2D && engine == EngineKind.CLONE) {
            throw new IllegalArgumentException("engine: clone counts cells per clone and has no positions, so it cannot run "
                    + "space: lattice2d; use engine: agent (or hybrid, which stays at cell level on a lattice)");
        }
        time = time == null ? new TimeConfig(null, null) : time;
        tumour = tumour == null ? new TumourConfig(null, null, null) : tumour;
        context = context == null ? new ContextConfig(null, null, null, null, null, null) : context;
        if (biology == null) {
            throw new IllegalArgumentException("biology: required (a mapping, or the path of a biology YAML file)");
        }
        drugs = drugs == null ? Map.of() : Check.ordered(drugs);
        if (regimen == null) {
            throw new IllegalArgumentException("regimen: required (a mapping, or the path of a regimen YAML file)");
        }
        observe = observe == null ? new ObserveConfig(null) : observe;
        outcomes = outcomes == null ? new OutcomeConfig(null, null, null, null, null) : outcomes;
        stop = stop == null ? new StopConfig(null, null) : stop;
    }

    /**
     * The lattice of {@code space: lattice2d}: width × height sites (bounded, not wrapped), and how
     * far a dividing cell may push its neighbours outward to make room for its daughter (1 = only
     * a free Moore neighbour; larger lets cells inside a dense patch still divide).
     */
    public record LatticeConfig(Integer width, Integer height, Integer pushDistance) {
        public LatticeConfig {
            width = width == null ? 200 : width;
            height = height == null ? 200 : height;
            pushDistance = pushDistance == null ? 3 : pushDistance;
            if (width < 3 || width > 20_000) {
                throw new IllegalArgumentException("lattice.width: expected 3 to 20000 sites, got " + width);
            }
            if (height < 3 || height > 20_000) {
                throw new IllegalArgumentException("lattice.height: expected 3 to 20000 sites, got " + height);
            }
            if ((long) width * height > 200_000_000L) {
                throw new IllegalArgumentException("lattice: width × height at most 2e8 sites, got " + ((long) width * height));
            }
            if (pushDistance < 1 || pushDistance > 50) {
                throw new IllegalArgumentException("lattice.push_distance: expected 1 to 50 sites, got " + pushDistance);
            }
        }

        public long sites() {
            return (long) width * height;
        }
    }

    /**
     * Simulated time: the step and the horizon. The step may be given as {@code dt: 30min} or
     * as a number of hours, {@code dt_hours: 0.5}; the resolved configuration writes {@code dt}.
     * {@code substeps} splits every step into equal sub-steps for the cells (drugs and
     * observations keep the step): {@code auto} (the default) takes the fewest that keep the
     * chance of an event per sub-step within the stability bound; a number fixes it, and a
     * number too small for the rates is refused.
     */
    public record TimeConfig(Days dt, Days max, Double dtHours, String substeps) {
        public TimeConfig(Days dt, Days max) {
            this(dt, max, null, null);
        }

        public TimeConfig {
            if (dtHours != null) {
                if (dt != null) {
                    throw new IllegalArgumentException("time.dt_hours: give either dt or dt_hours, not both");
                }
                Check.positive("time.dt_hours", dtHours, 1);
                dt = Days.parse(Units.fmt(dtHours) + "h");
                dtHours = null;
            }
            dt = Check.duration("time.dt", dt, "1h", false);
            max = Check.duration("time.max", max, "730d", false);
            substeps = substeps == null ? "auto" : substeps.trim();
            if (!substeps.equals("auto")) {
                int k;
                try {
                    k = Integer.parseInt(substeps);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("time.substeps: expected auto or a whole number from 1 to 10000, got " + substeps);
                }
                if (k < 1 || k > 10_000) {
                    throw new IllegalArgumentException("time.substeps: expected auto or a whole number from 1 to 10000, got " + substeps);
                }
            }
        }

        /** The fixed number of sub-steps, or 0 for auto. */
        public int fixedSubsteps() {
            return substeps.equals("auto") ? 0 : Integer.parseInt(substeps);
        }

        public double dtDays() {
            return dt.days();
        }

        public double maxDays() {
            return max.days();
        }
    }

    /**
     * The tumour at time zero: its founder state and initial clones; with {@code diagnosis_cells}
     * it first grows untreated until it reaches that size, and the regimen starts then.
     */
    public record TumourConfig(Long initialCells, Map<String, String> founder,
                               java.util.List<InitialClone> clones, Double diagnosisCells) {
        public TumourConfig(Long initialCells, Map<String, String> founder, java.util.List<InitialClone> clones) {
            this(initialCells, founder, clones, null);
        }

        public TumourConfig {
            if (diagnosisCells != null) {
                Check.positive("tumour.diagnosis_cells", diagnosisCells, 1);
            }
            initialCells = initialCells == null ? 1000L : initialCells;
            if (initialCells > 1_000_000_000_000_000L) {
                throw new IllegalArgumentException("tumour.initial_cells: at most 1e15, got " + initialCells);
            }
            if (initialCells < 1) {
                throw new IllegalArgumentException("tumour.initial_cells: expected at least 1, got " + initialCells);
            }
            founder = founder == null ? Map.of() : Check.ordered(founder);
            clones = clones == null ? java.util.List.of() : java.util.List.copyOf(clones);
        }
    }

    /** An extra clone present at time zero (e.g. a pre-existing resistant subclone). */
    public record InitialClone(Map<String, String> markers, Long cells) {
        public InitialClone {
            markers = markers == null ? Map.of() : Check.ordered(markers);
            if (cells == null || cells < 1) {
                throw new IllegalArgumentException("cells: expected at least 1");
            }
        }
    }

    /** Where the tumour grows: a patient or mouse (PK, immune killing) or a dish. */
    public record ContextConfig(String setting, Boolean immune, Boolean pk, Double carryingCapacity, Double bodyWeightKg,
                                @com.fasterxml.jackson.annotation.JsonProperty("body_surface_m2") Double bodySurfaceM2, String species,
                                Double kineticsScale) {
        public ContextConfig(String setting, Boolean immune, Boolean pk, Double carryingCapacity, Double bodyWeightKg, Double bodySurfaceM2) {
            this(setting, immune, pk, carryingCapacity, bodyWeightKg, bodySurfaceM2, null, null);
        }

        public ContextConfig {
            // whose pharmacokinetics the drugs follow: human (pk) or mouse (pk_by_species.mouse)
            species = Check.oneOf("context.species", species, "human", "human", "mouse");
            // multiplies every division, death and switching rate (1: the rates as written, measured in culture)
            kineticsScale = Check.positive("context.kinetics_scale", kineticsScale, 1.0);
            if (kineticsScale > 10) {
                throw new IllegalArgumentException("context.kinetics_scale: expected at most 10, got " + kineticsScale);
            }
            setting = Check.oneOf("context.setting", setting, "in_vivo", "in_vivo", "in_vitro");
            immune = immune == null ? setting.equals("in_vivo") : immune;
            pk = pk == null ? setting.equals("in_vivo") : pk;
            carryingCapacity = Check.positive("context.carrying_capacity", carryingCapacity, 1e12);
            // 70 kg: the conventional reference adult (assumption)
            bodyWeightKg = Check.positive("context.body_weight_kg", bodyWeightKg, 70.0);
            // 1.8 m²: a typical adult body surface (assumption), for doses in mg/m²
            bodySurfaceM2 = Check.positive("context.body_surface_m2", bodySurfaceM2, 1.8);
        }
    }

    /** How often the state is recorded. */
    public record ObserveConfig(Days every) {
        public ObserveConfig {
            every = Check.duration("observe.every", every, "1d", false);
        }

        public double everyDays() {
            return every.days();
        }
    }

    /** RECIST-like outcome definitions (brief §6). */
    public record OutcomeConfig(Double detectionLimitCells, Double progressionFactor, Double responseFactor,
                                Days stableDiseaseMin, Double resistantFraction) implements java.io.Serializable {
        public OutcomeConfig {
            // ~1e8 cells ≈ 0.1 cm³, about the smallest lesion imaging resolves (assumption)
            detectionLimitCells = Check.nonNegative("outcomes.detection_limit_cells", detectionLimitCells, 1e8);
            // +20 % in diameter = 1.2³ = 1.728 in cells; −30 % = 0.7³ = 0.343 (RECIST 1.1)
            progressionFactor = Check.positive("outcomes.progression_factor", progressionFactor, 1.728);
            if (progressionFactor <= 1) {
                throw new IllegalArgumentException("outcomes.progression_factor: expected > 1, got " + progressionFactor);
            }
            responseFactor = Check.probability("outcomes.response_factor", responseFactor, 0.343);
            stableDiseaseMin = Check.duration("outcomes.stable_disease_min", stableDiseaseMin, "42d", true);
            resistantFraction = Check.probability("outcomes.resistant_fraction", resistantFraction, 0.5);
        }
    }

    /** When a run stops before its horizon. */
    public record StopConfig(Double maxCells, Boolean onExtinction) {
        public StopConfig {
            maxCells = Check.positive("stop.max_cells", maxCells, 5e7);
            // counts stay far from 2^63 (a division step doubles them; binomial draws take longs)
            if (maxCells > 1e15) {
                throw new IllegalArgumentException("stop.max_cells: at most 1e15 cells (about a tonne of tumour, at 1e9 cells per cm3); "
                        + "counts beyond would risk overflowing, got " + maxCells);
            }
            onExtinction = onExtinction == null || onExtinction;
        }
    }
}
