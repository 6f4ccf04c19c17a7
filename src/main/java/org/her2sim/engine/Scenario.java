package org.her2sim.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.her2sim.biology.AdaptiveTransitions;
import org.her2sim.biology.BiologyException;
import org.her2sim.biology.CellRates;
import org.her2sim.biology.ExplicitRates;
import org.her2sim.biology.Exposure;
import org.her2sim.biology.MutationTable;
import org.her2sim.biology.RateCache;
import org.her2sim.biology.RateModel;
import org.her2sim.biology.SignallingNetwork;
import org.her2sim.biology.SignallingRates;
import org.her2sim.biology.StateSpace;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.ConfigProblem;
import org.her2sim.config.Origins;
import org.her2sim.config.RateMode;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.SimulationConfig.InitialClone;
import org.her2sim.config.SimulationConfig;
import org.her2sim.config.SpaceKind;
import org.her2sim.config.Units;
import org.her2sim.pharmacology.DrugLibrary;
import org.her2sim.pharmacology.ProgressionRule;
import org.her2sim.pharmacology.Regimen;

/**
 * A configuration compiled into what the engine runs: state space, mutation table, rate model,
 * drug library and regimen. Compiling is where cross-references (markers, drugs, nodes) and the
 * time step are checked, so a bad file fails here, before any output exists.
 */
public final class Scenario {
    /** An initial clone: a state and a number of cells. */
    public record Seeding(int state, long cells) {
    }

    private final SimulationConfig config;
    private final StateSpace space;
    private final MutationTable mutations;
    private final RateModel rateModel;
    private final SignallingRates signalling;
    private final DrugLibrary drugs;
    private final Regimen regimen;
    private final int founder;
    private final List<Seeding> seedings;
    private final ProgressionRule progression;
    private final int substeps;
    private final int untreatedSubsteps;

    private Scenario(SimulationConfig c) {
        config = c;
        space = new StateSpace(c.biology());
        mutations = new MutationTable(space, c.biology());
        drugs = new DrugLibrary(c.drugs(), c.context().species());
        RateModel model;
        if (c.biology().mode() == RateMode.SIGNALLING) {
            c.drugs().forEach((name, d) -> {
                if (d.targets().isEmpty()) {
                    throw new ConfigProblem("drugs." + name + ".targets", "a drug needs at least one target (with its IC50) for the "
                            + "signalling network to feel it; only the textbook mode (biology.mode: explicit) takes rates under a drug by name");
                }
            });
            SignallingNetwork network = new SignallingNetwork(c.biology().signalling(), space, drugs.targets());
            AdaptiveTransitions transitions = new AdaptiveTransitions(space, c.biology(), network);
            signalling = new SignallingRates(space, network, transitions, c.biology().rates(), drugs.targets(), c.context().immune(),
                    c.context().tumourKinetics());
            model = signalling;
        } else {
            signalling = null;
            if (c.context().tumourKinetics() != null) {
                throw new ConfigProblem("context.tumour_kinetics", "the biology writes its rates out (mode: explicit), so they are "
                        + "used as written; in-body kinetics apply to the signalling network's rates: remove tumour_kinetics");
            }
            AdaptiveTransitions transitions = new AdaptiveTransitions(space, c.biology(), null);
            model = new ExplicitRates(space, c.biology().explicit(), drugs.names(), transitions);
        }
        rateModel = new RateCache(model, space.size());
        founder = space.encode(c.tumour().founder(), "tumour.founder");
        if (!space.allowed(founder)) {
            throw new BiologyException("tumour.founder", "the founder state " + space.label(founder) + " is an excluded combination");
        }
        seedings = new ArrayList<>();
        seedings.add(new Seeding(founder, c.tumour().initialCells()));
        for (int i = 0; i < c.tumour().clones().size(); i++) {
            InitialClone ic = c.tumour().clones().get(i);
            long n = ic.cellsOf(c.tumour().initialCells());
            if (n == 0) {
                continue; // a share too small for a whole cell: no such subclone in this tumour
            }
            int s = space.encode(merge(c.tumour().founder(), ic.markers()), "tumour.clones[" + i + "].markers");
            if (!space.allowed(s)) {
                throw new BiologyException("tumour.clones[" + i + "].markers", "state " + space.label(s) + " is an excluded combination");
            }
            seedings.add(new Seeding(s, n));
        }
        regimen = Regimen.compile(c.regimen(), drugs, c.context().pk(), c.context().bodyWeightKg(), c.context().bodySurfaceM2());
        if (model instanceof ExplicitRates explicit) {
            Map<String, Long> phaseDrugs = new LinkedHashMap<>();
            for (int i = 0; i < regimen.phases().size(); i++) {
                Regimen.Phase p = regimen.phases().get(i);
                String label = "'" + p.name() + "'";
                phaseDrugs.put(phaseDrugs.containsKey(label) ? label + " (phase " + (i + 1) + ")" : label, p.drugMask());
            }
            explicit.requireCombinations(phaseDrugs);
        }
        long initial = seedings.stream().mapToLong(Seeding::cells).sum();
        Double diagnosis = c.tumour().diagnosisCells();
        if (diagnosis != null && diagnosis > c.stop().maxCells()) {
            throw new ConfigProblem("tumour.diagnosis_cells", "" + Units.fmt(diagnosis) + " is more than stop.max_cells ("
                    + Units.fmt(c.stop().maxCells()) + "); the tumour could never be diagnosed");
        }
        if (initial > c.stop().maxCells()) {
            throw new ConfigProblem("tumour.initial_cells", "the tumour starts with " + initial
                    + " cells, more than stop.max_cells (" + Units.fmt(c.stop().maxCells()) + "); raise stop.max_cells or start smaller");
        }
        if (c.space() == SpaceKind.LATTICE2D && initial > c.lattice().sites()) {
            throw new ConfigProblem("lattice", "" + c.lattice().width() + " × " + c.lattice().height() + " = "
                    + c.lattice().sites() + " sites cannot hold the " + initial + " initial cells; enlarge lattice.width and "
                    + "lattice.height or start with fewer tumour.initial_cells");
        }
        progression = new ProgressionRule(c.outcomes().progressionFactor(), c.outcomes().detectionLimitCells(), c.outcomes().cellsPerCm3(),
                c.outcomes().pdMinIncreaseMm());
        checkObservationGrid();
        substeps = checkStability();
        untreatedSubsteps = config.time().fixedSubsteps() > 0 ? substeps : autoSubsteps(new Exposure[] {Exposure.none(drugs.targets().size())});
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> over) {
        Map<String, String> m = new HashMap<>(base);
        m.putAll(over);
        return m;
    }

    /** Compiles a loaded configuration; every problem becomes a ConfigException naming the file. */
    public static Scenario compile(ConfigLoader.Loaded loaded) {
        return compile(loaded.config(), loaded.origins());
    }

    /**
     * Compiles a configuration the program derived (typed {@code with…} changes of a loaded one);
     * a problem is named as in {@code origins}' file.
     */
    public static Scenario compile(SimulationConfig config, Origins origins) {
        try {
            return new Scenario(config);
        } catch (ConfigProblem e) {
            throw origins.error(e.path(), e.problem());
        } catch (IllegalArgumentException e) {
            throw origins.error("", e.getMessage() == null ? "invalid value" : e.getMessage());
        }
    }

    private void checkObservationGrid() {
        double dt = config.time().dtDays();
        double every = config.observe().everyDays();
        double ratio = every / dt;
        if (Math.abs(ratio - Math.rint(ratio)) > 1e-9 * ratio || ratio < 1) {
            throw new ConfigProblem("observe.every", "expected a whole multiple of time.dt (" + config.time().dt()
                    + "), got " + config.observe().every());
        }
    }

    /**
     * Stability is checked up front: with the fastest division any state reaches (no drug or
     * every drug at maximal effect), the fastest death and the fastest switching, the chance of
     * an event in one cell sub-step must stay below {@link StepProbabilities#MAX_EVENT_PROBABILITY}.
     * Returns the number of sub-steps per step: the fewest that keep that bound
     * ({@code time.substeps: auto}), or the configured number, refused if it is too few.
     */
    private int checkStability() {
        // arms randomised at a later line must grow and treat the same tumour until then, so their
        // sub-steps cannot depend on the arm's regimen: every drug of the library is assumed
        long mask = config.randomisationLine() > 1 ? (1L << drugs.drugs().size()) - 1 : regimen.allDrugsMask();
        return substepsUnder(new Exposure[] {Exposure.none(drugs.targets().size()), drugs.maximal(mask)},
                config.time().fixedSubsteps());
    }

    private int autoSubsteps(Exposure[] exposures) {
        return substepsUnder(exposures, 0);
    }

    private int substepsUnder(Exposure[] exposures, int fixed) {
        double division = 0;
        double death = 0;
        double sw = 0;
        for (int s = 0; s < space.size(); s++) {
            if (!space.allowed(s)) {
                continue;
            }
            for (Exposure e : exposures) {
                CellRates r = rateModel.rates(s, e);
                division = Math.max(division, r.divisionPerDay());
                death = Math.max(death, r.death(1));
                sw = Math.max(sw, r.switchTotal());
            }
        }
        double dt = config.time().dtDays();
        int k = fixed > 0 ? fixed : 1;
        while (worstProbability(division, death, sw, dt / k) > StepProbabilities.MAX_EVENT_PROBABILITY) {
            if (fixed > 0) {
                int needed = k;
                while (needed < 100_000 && worstProbability(division, death, sw, dt / needed) > StepProbabilities.MAX_EVENT_PROBABILITY) {
                    needed++;
                }
                throw new ConfigProblem("time.substeps", "" + fixed + " sub-steps of " + config.time().dt()
                        + " are too long for the fastest rates (division " + String.format("%.3g", division) + ", death "
                        + String.format("%.3g", death) + " per day); use time.substeps: " + needed + " (or auto), or time.dt: "
                        + suggest(dt / needed * fixed) + " or shorter");
            }
            k++;
            if (k > 10_000) {
                throw new ConfigProblem("time.dt", "rates too fast (division " + String.format("%.3g", division)
                        + ", death " + String.format("%.3g", death) + " per day) for any sub-step down to dt/10000");
            }
        }
        return k;
    }

    /** The probability is largest when the net rate is largest: fastest division, no death. */
    private static double worstProbability(double division, double death, double sw, double dt) {
        return Math.max(StepProbabilities.eventProbability(division, death, sw, dt),
                StepProbabilities.eventProbability(division, 0, sw, dt) + death * dt);
    }

    /** Cell sub-steps per time step (1 unless the step is longer than the rates allow). */
    public int substeps() {
        return substeps;
    }

    /**
     * Sub-steps while the tumour grows untreated to its diagnosis size: set by the untreated rates
     * alone, so the arms of a paired trial, whose regimens differ, grow the same tumour.
     */
    public int untreatedSubsteps() {
        return untreatedSubsteps;
    }

    private static String suggest(double days) {
        double hours = days * 24;
        if (hours >= 1) {
            return Units.fmt(Math.floor(hours)) + "h";
        }
        return Units.fmt(Math.max(1, Math.floor(hours * 60))) + "min";
    }

    public SimulationConfig config() {
        return config;
    }

    public StateSpace space() {
        return space;
    }

    public MutationTable mutations() {
        return mutations;
    }

    public RateModel rates() {
        return rateModel;
    }

    /** The network-based model, or null in textbook mode. */
    public SignallingRates signalling() {
        return signalling;
    }

    public DrugLibrary drugs() {
        return drugs;
    }

    /** Compiles one more phase against this scenario's drugs and context (a phase chosen while running). */
    public Regimen.Phase compilePhase(RegimenSpec.PhaseSpec phase) {
        var spec = new RegimenSpec("by hand", null, List.of(phase), null);
        return Regimen.compile(spec, drugs, config.context().pk(), config.context().bodyWeightKg(), config.context().bodySurfaceM2())
                .phases().get(0);
    }

    public Regimen regimen() {
        return regimen;
    }

    public int founder() {
        return founder;
    }

    public List<Seeding> seedings() {
        return seedings;
    }

    public ProgressionRule progression() {
        return progression;
    }
}
