package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        LatticeConfig lattice,
        Integer randomisationLine) {

    public SimulationConfig {
        name = Check.fileName("name", name);
        seed = seed == null ? 1L : seed;
        arm = arm == null ? "" : arm;
        // hybrid: agent engine below this many cells (exact small-number behaviour), clone engine above
        engineSwitchCells = Check.positive("engine_switch_cells", engineSwitchCells, 1e5);
        engine = engine == null ? EngineKind.HYBRID : engine;
        // where cells live: one well-mixed pool, or sites of a 2D lattice (agent level only)
        space = space == null ? SpaceKind.WELL_MIXED : space;
        lattice = lattice == null ? new LatticeConfig(null, null, null) : lattice;
        if (space == SpaceKind.LATTICE2D && engine == EngineKind.CLONE) {
            throw new ConfigProblem("engine", "clone counts cells per clone and has no positions, so it cannot run "
                    + "space: lattice2d; use engine: agent (or hybrid, which stays at cell level on a lattice)");
        }
        time = time == null ? new TimeConfig(null, null) : time;
        // the line of therapy at which the arms of a paired trial part: before it every arm shares
        // the tumour's history and random stream (1: at diagnosis)
        randomisationLine = randomisationLine == null ? 1 : randomisationLine;
        if (randomisationLine < 1 || randomisationLine > 20) {
            throw new ConfigProblem("randomisation_line", "expected a line of therapy from 1 to 20, got " + randomisationLine);
        }
        tumour = tumour == null ? new TumourConfig(null, null, null) : tumour;
        context = context == null ? new ContextConfig(null, null, null, null, null, null) : context;
        if (biology == null) {
            throw new ConfigProblem("biology", "required (a mapping, or the path of a biology YAML file)");
        }
        drugs = drugs == null ? Map.of() : Check.ordered(drugs);
        // no regimen: the tumour grows untreated (no dummy regimen needed)
        regimen = regimen == null ? RegimenSpec.untreated() : regimen;
        observe = observe == null ? new ObserveConfig(null, null) : observe;
        outcomes = outcomes == null ? OutcomeConfig.defaults() : outcomes;
        stop = stop == null ? new StopConfig(null, null) : stop;
    }

    /** This configuration with one drug of the library changed. */
    public SimulationConfig withDrug(String drug, UnaryOperator<DrugSpec> change) {
        Map<String, DrugSpec> out = new LinkedHashMap<>(drugs);
        DrugSpec d = out.get(drug);
        if (d == null) {
            throw new ConfigProblem("drugs", "no drug '" + drug + "' in the library" + Suggest.hint(drug, drugs.keySet()));
        }
        out.put(drug, change.apply(d));
        return withDrugs(out);
    }

    /** This configuration for another arm (the name that also names its random stream after randomisation). */
    public SimulationConfig withArm(String arm) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe,
                outcomes, stop, space, lattice, randomisationLine);
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
                throw new ConfigProblem("lattice.width", "expected 3 to 20000 sites, got " + width);
            }
            if (height < 3 || height > 20_000) {
                throw new ConfigProblem("lattice.height", "expected 3 to 20000 sites, got " + height);
            }
            if ((long) width * height > 200_000_000L) {
                throw new ConfigProblem("lattice", "width × height at most 2e8 sites, got " + ((long) width * height));
            }
            if (pushDistance < 1 || pushDistance > 50) {
                throw new ConfigProblem("lattice.push_distance", "expected 1 to 50 sites, got " + pushDistance);
            }
        }

        public long sites() {
            return (long) width * height;
        }

        /** A copy with {@code width} replaced. */
        public LatticeConfig withWidth(Integer width) {
            return new LatticeConfig(width, height, pushDistance);
        }

        /** A copy with {@code height} replaced. */
        public LatticeConfig withHeight(Integer height) {
            return new LatticeConfig(width, height, pushDistance);
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
    public record TimeConfig(Days dt, Days max, Double dtHours, String substeps, Days afterTreatment) {
        public TimeConfig(Days dt, Days max) {
            this(dt, max, null, null, null);
        }

        public TimeConfig {
            if (dtHours != null) {
                if (dt != null) {
                    throw new ConfigProblem("time.dt_hours", "give either dt or dt_hours, not both");
                }
                Check.positive("time.dt_hours", dtHours, 1);
                dt = Days.parse(Units.fmt(dtHours) + "h");
                dtHours = null;
            }
            dt = Check.duration("time.dt", dt, "1h", false);
            max = Check.duration("time.max", max, "730d", false);
            if (dt.days() > max.days()) {
                throw new ConfigProblem("time.dt", "a step of " + dt.text() + " is longer than time.max (" + max.text() + ")");
            }
            // a run must end in a time a person waits for: at most 1e8 steps (e.g. 10 000 years in hourly steps)
            if (max.days() / dt.days() > 1e8) {
                throw new ConfigProblem("time.max", "" + max.text() + " in steps of " + dt.text() + " is "
                        + Units.fmt(max.days() / dt.days()) + " steps; at most 1e8 (lengthen time.dt or shorten time.max)");
            }
            // each patient's follow-up ends this long after their own treatment start (time.max still bounds it)
            afterTreatment = Check.duration("time.after_treatment", afterTreatment, null, false);
            substeps = substeps == null ? "auto" : substeps.trim();
            if (!substeps.equals("auto")) {
                int k;
                try {
                    k = Integer.parseInt(substeps);
                } catch (NumberFormatException e) {
                    throw new ConfigProblem("time.substeps", "expected auto or a whole number from 1 to 10000, got " + substeps);
                }
                if (k < 1 || k > 10_000) {
                    throw new ConfigProblem("time.substeps", "expected auto or a whole number from 1 to 10000, got " + substeps);
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

        /** A copy with {@code dt} replaced. */
        public TimeConfig withDt(Days dt) {
            return new TimeConfig(dt, max, dtHours, substeps, afterTreatment);
        }

        /** A copy with {@code max} replaced. */
        public TimeConfig withMax(Days max) {
            return new TimeConfig(dt, max, dtHours, substeps, afterTreatment);
        }

        /** A copy with {@code substeps} replaced. */
        public TimeConfig withSubsteps(String substeps) {
            return new TimeConfig(dt, max, dtHours, substeps, afterTreatment);
        }

        /** A copy with {@code afterTreatment} replaced. */
        public TimeConfig withAfterTreatment(Days afterTreatment) {
            return new TimeConfig(dt, max, dtHours, substeps, afterTreatment);
        }
    }

    /**
     * The tumour at time zero: its founder state and initial clones; with {@code diagnosis_cells}
     * it first grows untreated until it reaches that size, and the regimen starts then.
     */
    public record TumourConfig(Long initialCells, Map<String, String> founder,
                               List<InitialClone> clones, Double diagnosisCells) {
        public TumourConfig(Long initialCells, Map<String, String> founder, List<InitialClone> clones) {
            this(initialCells, founder, clones, null);
        }

        public TumourConfig {
            if (diagnosisCells != null) {
                Check.positive("tumour.diagnosis_cells", diagnosisCells, 1);
            }
            initialCells = initialCells == null ? 1000L : initialCells;
            if (initialCells > 1_000_000_000_000_000L) {
                throw new ConfigProblem("tumour.initial_cells", "at most 1e15, got " + initialCells);
            }
            if (initialCells < 1) {
                throw new ConfigProblem("tumour.initial_cells", "expected at least 1, got " + initialCells);
            }
            founder = founder == null ? Map.of() : Check.ordered(founder);
            clones = clones == null ? List.of() : List.copyOf(clones);
        }

        /** A copy with {@code initialCells} replaced. */
        public TumourConfig withInitialCells(Long initialCells) {
            return new TumourConfig(initialCells, founder, clones, diagnosisCells);
        }

        /** A copy with {@code founder} replaced. */
        public TumourConfig withFounder(Map<String, String> founder) {
            return new TumourConfig(initialCells, founder, clones, diagnosisCells);
        }

        /** A copy with {@code clones} replaced. */
        public TumourConfig withClones(List<InitialClone> clones) {
            return new TumourConfig(initialCells, founder, clones, diagnosisCells);
        }

        /** A copy with {@code diagnosisCells} replaced. */
        public TumourConfig withDiagnosisCells(Double diagnosisCells) {
            return new TumourConfig(initialCells, founder, clones, diagnosisCells);
        }
    }

    /**
     * An extra clone present at time zero (e.g. a pre-existing resistant subclone): its markers on
     * top of the founder's, and either {@code cells} or {@code fraction}, a share of the initial
     * cells (rounded to whole cells; none if that rounds to zero). A fraction is how a subclone
     * is measured in a tumour, and it stays a fraction of the tumour on the way to diagnosis as
     * long as the subclone grows as fast untreated.
     */
    public record InitialClone(Map<String, String> markers, Long cells, Double fraction) {
        public InitialClone(Map<String, String> markers, Long cells) {
            this(markers, cells, null);
        }

        public InitialClone {
            markers = markers == null ? Map.of() : Check.ordered(markers);
            if ((cells == null) == (fraction == null)) {
                throw new ConfigProblem("cells", "give exactly one of 'cells' (at least 1) or 'fraction' (of the initial cells, 0 to 1)");
            }
            if (cells != null && cells < 1) {
                throw new ConfigProblem("cells", "expected at least 1, got " + cells);
            }
            if (fraction != null && !(fraction >= 0 && fraction < 1)) {
                throw new ConfigProblem("fraction", "expected a share of the initial cells from 0 to below 1, got " + fraction);
            }
        }

        /** The clone's cells in a tumour that starts with {@code initialCells} founder cells. */
        public long cellsOf(long initialCells) {
            return cells != null ? cells : Math.round(fraction * initialCells);
        }
    }

    /**
     * Where the tumour grows: a patient or mouse (PK, immune killing) or a dish. Written
     * {@code context: patient} (or {@code context: {from: patient, ...}}), the named context file
     * (configs/contexts) fills in what the scenario does not say; {@code name} records which.
     */
    public record ContextConfig(String setting, Boolean immune, Boolean pk, Double carryingCapacity, Double bodyWeightKg,
                                @JsonProperty("body_surface_m2") Double bodySurfaceM2, String species,
                                TumourKinetics tumourKinetics, String name) {
        public ContextConfig(String setting, Boolean immune, Boolean pk, Double carryingCapacity, Double bodyWeightKg, Double bodySurfaceM2) {
            this(setting, immune, pk, carryingCapacity, bodyWeightKg, bodySurfaceM2, null, null, null);
        }

        public ContextConfig {
            // whose pharmacokinetics the drugs follow: human (pk) or mouse (pk_by_species.mouse)
            species = Check.oneOf("context.species", species, "human", "human", "mouse");
            setting = Check.oneOf("context.setting", setting, "in_vivo", "in_vivo", "in_vitro");
            immune = immune == null ? setting.equals("in_vivo") : immune;
            pk = pk == null ? setting.equals("in_vivo") : pk;
            // no crowding unless a context or scenario sets a capacity (a branching process by default)
            carryingCapacity = carryingCapacity == null ? null : Check.positive("context.carrying_capacity", carryingCapacity, Double.NaN);
            // 70 kg: the conventional reference adult (assumption)
            bodyWeightKg = Check.positive("context.body_weight_kg", bodyWeightKg, 70.0);
            // 1.8 m²: a typical adult body surface (assumption), for doses in mg/m²
            bodySurfaceM2 = Check.positive("context.body_surface_m2", bodySurfaceM2, 1.8);
        }

        /** A copy with {@code setting} replaced. */
        public ContextConfig withSetting(String setting) {
            return new ContextConfig(setting, immune, pk, carryingCapacity, bodyWeightKg, bodySurfaceM2, species, tumourKinetics, name);
        }

        /** A copy with {@code immune} replaced. */
        public ContextConfig withImmune(Boolean immune) {
            return new ContextConfig(setting, immune, pk, carryingCapacity, bodyWeightKg, bodySurfaceM2, species, tumourKinetics, name);
        }

        /** A copy with {@code pk} replaced. */
        public ContextConfig withPk(Boolean pk) {
            return new ContextConfig(setting, immune, pk, carryingCapacity, bodyWeightKg, bodySurfaceM2, species, tumourKinetics, name);
        }

        /** A copy with {@code carryingCapacity} replaced. */
        public ContextConfig withCarryingCapacity(Double carryingCapacity) {
            return new ContextConfig(setting, immune, pk, carryingCapacity, bodyWeightKg, bodySurfaceM2, species, tumourKinetics, name);
        }

        /** A copy with {@code tumourKinetics} replaced. */
        public ContextConfig withTumourKinetics(TumourKinetics tumourKinetics) {
            return new ContextConfig(setting, immune, pk, carryingCapacity, bodyWeightKg, bodySurfaceM2, species, tumourKinetics, name);
        }
    }

    /**
     * The kinetics of a tumour in a body (docs/model.md, "In-patient kinetics"). Tumours grow slowly
     * because most new cells are lost, not because cells divide slowly (clinical-data §1): cycling
     * cells divide at up to {@code division_per_day}, and the tumour loses cells (necrosis, hypoxia,
     * shedding, immune attrition) at the rate that leaves the untreated reference tumour — the HER2
     * driver alone — growing with {@code doubling_time}. Where supply limits the tumour, signalling
     * above the untreated reference level does not speed division; signalling blocked below it slows
     * division in proportion, and survival signalling lost below it adds
     * {@code apoptosis_per_day} × the loss to death; both in proportion to the tumour's
     * {@code dependence} on its signalling (oncogene addiction, 0 to 1; between patients it differs).
     * {@code her2_driven: false} is a tumour that does not depend on HER2 (IHC 2+ without
     * amplification in the early trastuzumab trials; IHC 0/1+ with amplification in ToGA): its
     * dependence is 0.
     * Absent: the biology's rates as written (a dish).
     */
    public record TumourKinetics(Double divisionPerDay, Days doublingTime, Double apoptosisPerDay, Double dependence,
                                 Boolean her2Driven)
            implements java.io.Serializable {
        public TumourKinetics {
            divisionPerDay = Check.positive("division_per_day", divisionPerDay, Double.NaN);
            doublingTime = Check.duration("doubling_time", doublingTime, null, false);
            if (doublingTime == null) {
                throw new ConfigProblem("doubling_time", "required (the untreated tumour's volume doubling time, e.g. 162d)");
            }
            apoptosisPerDay = Check.nonNegative("apoptosis_per_day", apoptosisPerDay, Double.NaN);
            dependence = Check.probability("dependence", dependence, 1.0);
            her2Driven = her2Driven == null || her2Driven;
            if (Math.log(2) / doublingTime.days() > divisionPerDay) {
                throw new ConfigProblem("doubling_time", "a tumour dividing at most " + divisionPerDay + " per day cannot double faster than "
                        + Units.fmt(Math.log(2) / divisionPerDay) + " days, got " + doublingTime);
            }
        }

        /** The dependence h the rates use: 0 for a tumour not driven by HER2. */
        public double signallingDependence() {
            return her2Driven ? dependence : 0;
        }

        /** Cells lost per day: what makes the reference tumour grow at ln2 / doubling time. */
        public double lossPerDay() {
            return divisionPerDay - Math.log(2) / doublingTime.days();
        }

        /** A copy with {@code divisionPerDay} replaced. */
        public TumourKinetics withDivisionPerDay(Double divisionPerDay) {
            return new TumourKinetics(divisionPerDay, doublingTime, apoptosisPerDay, dependence, her2Driven);
        }

        /** A copy with {@code doublingTime} replaced. */
        public TumourKinetics withDoublingTime(Days doublingTime) {
            return new TumourKinetics(divisionPerDay, doublingTime, apoptosisPerDay, dependence, her2Driven);
        }

        /** A copy with {@code apoptosisPerDay} replaced. */
        public TumourKinetics withApoptosisPerDay(Double apoptosisPerDay) {
            return new TumourKinetics(divisionPerDay, doublingTime, apoptosisPerDay, dependence, her2Driven);
        }

        /** A copy with {@code dependence} replaced. */
        public TumourKinetics withDependence(Double dependence) {
            return new TumourKinetics(divisionPerDay, doublingTime, apoptosisPerDay, dependence, her2Driven);
        }
    }

    /**
     * How often the state is recorded, and readouts at fixed times after each patient's own
     * treatment start ({@code at: ["treatment + 18w"]} or {@code at: [{name: surgery, after_treatment: 18w}]}).
     */
    public record ObserveConfig(Days every, List<Readout> at) {
        public ObserveConfig {
            every = Check.duration("observe.every", every, "1d", false);
            at = at == null ? List.of() : List.copyOf(at);
            Set<String> names = new HashSet<>();
            for (Readout r : at) {
                if (!names.add(r.name())) {
                    throw new ConfigProblem("observe.at", "two readouts named '" + r.name() + "'");
                }
            }
        }

        public double everyDays() {
            return every.days();
        }

        /** A copy with {@code every} replaced. */
        public ObserveConfig withEvery(Days every) {
            return new ObserveConfig(every, at);
        }
    }

    /** A readout a fixed time after treatment start (e.g. surgery after neoadjuvant treatment). */
    public record Readout(String name, Days afterTreatment) {
        public Readout {
            afterTreatment = Check.duration("after_treatment", afterTreatment, null, true);
            if (afterTreatment == null) {
                throw new ConfigProblem("after_treatment", "a readout needs after_treatment (e.g. 18w)");
            }
            name = name == null ? "treatment+" + afterTreatment.text().replace(" ", "") : name;
            if (!name.matches("[A-Za-z0-9._+-]{1,40}")) {
                throw new ConfigProblem("name", "a readout name is 1-40 letters, digits, '.', '_', '+' or '-', got '" + name + "'");
            }
        }

        /** The short form {@code treatment + 18w}. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Readout of(String text) {
            Matcher m = Pattern.compile("\\s*treatment\\s*\\+\\s*(.+)").matcher(text);
            if (!m.matches()) {
                throw new ConfigProblem("", "expected 'treatment + DURATION' (e.g. treatment + 18w) or "
                        + "{name: NAME, after_treatment: DURATION}, got '" + text + "'");
            }
            return new Readout(null, Days.parse(m.group(1).trim()));
        }
    }

    /**
     * How outcomes are read from the tumour burden (brief §6, docs/model.md "Endpoints"): RECIST-like
     * response and progression on the diameter of a sphere of the tumour's volume, the confirmation
     * and assessment schedule, clinical benefit, the lethal burden (overall-survival proxy),
     * failure during a planned holiday, and pathological complete response.
     */
    public record OutcomeConfig(Double detectionLimitCells, Double progressionFactor, Double responseFactor,
                                Days stableDiseaseMin, Double resistantFraction, Double cellsPerCm3, Double pdMinIncreaseMm,
                                Days confirmResponse, Days assessEvery, Days clinicalBenefitMin, Double lethalCells,
                                Double holidayFailureFactor, Double pcrResidualCells, Double lethalFold) implements Serializable {
        public OutcomeConfig {
            // ~1e8 cells ≈ 0.1 cm³, about the smallest lesion imaging resolves (assumption)
            detectionLimitCells = Check.nonNegative("outcomes.detection_limit_cells", detectionLimitCells, 1e8);
            // +20 % in diameter = 1.2³ = 1.728 in cells; −30 % = 0.7³ = 0.343 (RECIST 1.1)
            progressionFactor = Check.positive("outcomes.progression_factor", progressionFactor, 1.728);
            if (progressionFactor <= 1) {
                throw new ConfigProblem("outcomes.progression_factor", "expected > 1, got " + progressionFactor);
            }
            responseFactor = Check.probability("outcomes.response_factor", responseFactor, 0.343);
            stableDiseaseMin = Check.duration("outcomes.stable_disease_min", stableDiseaseMin, "42d", true);
            resistantFraction = Check.probability("outcomes.resistant_fraction", resistantFraction, 0.5);
            // brief §6: 1e9 cells ≈ 1 cm³
            cellsPerCm3 = Check.positive("outcomes.cells_per_cm3", cellsPerCm3, 1e9);
            // RECIST 1.1 also asks for +5 mm in absolute terms; 0 keeps the relative rule alone, as
            // small (culture, classroom) tumours need
            pdMinIncreaseMm = Check.nonNegative("outcomes.pd_min_increase_mm", pdMinIncreaseMm, 0);
            // RECIST 1.1: a response counts when seen again at least 4 weeks later (0: no confirmation)
            confirmResponse = Check.duration("outcomes.confirm_response", confirmResponse, "28d", true);
            // null: every observation is an assessment; trials scan every 6-12 weeks
            assessEvery = Check.duration("outcomes.assess_every", assessEvery, null, false);
            // clinical benefit: a response, or stable disease for at least 24 weeks
            clinicalBenefitMin = Check.duration("outcomes.clinical_benefit_min", clinicalBenefitMin, "24w", true);
            // overall-survival proxy: ~1e12 cells ≈ 1 kg of tumour (assumption, docs/model.md)
            lethalCells = Check.positive("outcomes.lethal_cells", lethalCells, 1e12);
            // optional: the lethal burden as a multiple of the burden when treatment began (the
            // lower of the two counts), for diseases that kill long before 1 kg of tumour
            if (lethalFold != null && !(lethalFold > 1)) {
                throw new ConfigProblem("outcomes.lethal_fold", "expected a number above 1 (a multiple of the burden at treatment start), got "
                        + lethalFold);
            }
            // regrowth on a planned holiday past this multiple of the line's baseline is failure
            holidayFailureFactor = Check.positive("outcomes.holiday_failure_factor", holidayFailureFactor, progressionFactor);
            if (holidayFailureFactor <= 1) {
                throw new ConfigProblem("outcomes.holiday_failure_factor", "expected > 1, got " + holidayFailureFactor);
            }
            // pCR: fewer residual cells than a ~1 mm³ focus (1e6 cells) at the surgery readout (assumption)
            pcrResidualCells = Check.positive("outcomes.pcr_residual_cells", pcrResidualCells, 1e6);
        }

        public static OutcomeConfig defaults() {
            return new OutcomeConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        /**
         * The lethal burden of a tumour whose treatment began at {@code baseline} cells (NaN: not
         * yet treated). A baseline below the detection limit counts as the limit: a fold of a
         * handful of cells (or of none, a tumour extinct before treatment) is no lethal burden.
         */
        public double lethalBurden(double baseline) {
            if (lethalFold == null || Double.isNaN(baseline)) {
                return lethalCells;
            }
            return Math.min(lethalCells, lethalFold * Math.max(baseline, Math.max(1, detectionLimitCells)));
        }

        /** A copy with {@code lethalCells} replaced. */
        public OutcomeConfig withLethalCells(Double lethalCells) {
            return new OutcomeConfig(detectionLimitCells, progressionFactor, responseFactor, stableDiseaseMin, resistantFraction, cellsPerCm3, pdMinIncreaseMm, confirmResponse, assessEvery, clinicalBenefitMin, lethalCells, holidayFailureFactor, pcrResidualCells, lethalFold);
        }

        /** A copy with {@code detectionLimitCells} replaced. */
        public OutcomeConfig withDetectionLimitCells(Double detectionLimitCells) {
            return new OutcomeConfig(detectionLimitCells, progressionFactor, responseFactor, stableDiseaseMin, resistantFraction, cellsPerCm3, pdMinIncreaseMm, confirmResponse, assessEvery, clinicalBenefitMin, lethalCells, holidayFailureFactor, pcrResidualCells, lethalFold);
        }
    }

    /** When a run stops before its horizon. */
    public record StopConfig(Double maxCells, Boolean onExtinction) {
        public StopConfig {
            maxCells = Check.positive("stop.max_cells", maxCells, 5e7);
            // counts stay far from 2^63 (a division step doubles them; binomial draws take longs)
            if (maxCells > 1e15) {
                throw new ConfigProblem("stop.max_cells", "at most 1e15 cells (about a tonne of tumour, at 1e9 cells per cm3); "
                        + "counts beyond would risk overflowing, got " + maxCells);
            }
            onExtinction = onExtinction == null || onExtinction;
        }

        /** A copy with {@code maxCells} replaced. */
        public StopConfig withMaxCells(Double maxCells) {
            return new StopConfig(maxCells, onExtinction);
        }
    }

    /** A copy with {@code seed} replaced. */
    public SimulationConfig withSeed(Long seed) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code engine} replaced. */
    public SimulationConfig withEngine(EngineKind engine) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code time} replaced. */
    public SimulationConfig withTime(TimeConfig time) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code tumour} replaced. */
    public SimulationConfig withTumour(TumourConfig tumour) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code context} replaced. */
    public SimulationConfig withContext(ContextConfig context) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code biology} replaced. */
    public SimulationConfig withBiology(BiologyConfig biology) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code drugs} replaced. */
    public SimulationConfig withDrugs(Map<String, DrugSpec> drugs) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code regimen} replaced. */
    public SimulationConfig withRegimen(RegimenSpec regimen) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code observe} replaced. */
    public SimulationConfig withObserve(ObserveConfig observe) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code outcomes} replaced. */
    public SimulationConfig withOutcomes(OutcomeConfig outcomes) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code stop} replaced. */
    public SimulationConfig withStop(StopConfig stop) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code space} replaced. */
    public SimulationConfig withSpace(SpaceKind space) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }

    /** A copy with {@code lattice} replaced. */
    public SimulationConfig withLattice(LatticeConfig lattice) {
        return new SimulationConfig(name, seed, arm, engine, engineSwitchCells, time, tumour, context, biology, drugs, regimen, observe, outcomes, stop, space, lattice, randomisationLine);
    }
}
