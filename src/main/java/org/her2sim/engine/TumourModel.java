package org.her2sim.engine;

import org.apache.commons.rng.UniformRandomProvider;
import org.her2sim.biology.CellRates;
import org.her2sim.biology.Exposure;
import org.her2sim.pharmacology.Drug;
import org.her2sim.pharmacology.DrugLevel;
import org.her2sim.pharmacology.Regimen;
import org.her2sim.random.SeedTree;
import sim.engine.Schedule;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * A tumour under treatment, as a MASON model. Its {@link Schedule} is the single clock (in
 * days) and event queue: phase timers, observations, doses and the cells' step, ordered within
 * one time by the ORDER_* constants so nothing depends on MASON's same-time shuffling.
 *
 * <p>Lifecycle: construct with a compiled {@link Scenario} and a seed, {@link #start()} seeds the
 * cells and the first phase, then {@link #run()} steps the schedule until a stop condition
 * (horizon, extinction, cell ceiling). Randomness comes from one Commons RNG stream of the run's
 * seed tree; MASON's own generator is seeded from the tree too but not used by the model.
 */
public final class TumourModel extends SimState {
    private static final long serialVersionUID = 1L;
    static final int ORDER_PHASE = 0;
    static final int ORDER_OBSERVE = 1;
    static final int ORDER_DOSE = 2;
    static final int ORDER_CELLS = 3;
    /** The phase name while a tumour grows untreated to its diagnosis size. */
    public static final String GROWTH = "growth to diagnosis";

    private transient Scenario scenario;
    private transient SimulationListener listener;
    /** The cells' current stream (switched at diagnosis); its state travels in checkpoints as bytes. */
    private transient UniformRandomProvider rng;
    private final long seed;
    final Lineage lineage;
    private CellSpace cells;
    private final DrugLevel[] levels;
    private final double dt;
    private final double observeEvery;
    private final long stepsPerObservation;
    private final double maxDays;

    private double now;
    private long stepIndex;
    private int phaseIndex = -1;
    /** A phase set while the model runs (a GUI's control panel), replacing the regimen; or null. */
    private Regimen.Phase manual;
    private int phaseGeneration;
    private double phaseStart;
    private double phaseReference;
    private double phaseNadir;
    private double treatmentStart = Double.NaN;
    private double baseline = Double.NaN;
    private double daysOnTreatment;
    private double extinctionDay = Double.NaN;
    private long cellUpdates;
    private String stopReason;
    private boolean stopped;
    private boolean diagnosed;
    /** System.nanoTime() after which the run stops with reason "wall_time_limit" (none by default). */
    private transient long wallDeadlineNanos = Long.MAX_VALUE;

    public TumourModel(Scenario scenario, long seed, SimulationListener listener) {
        super(new SeedTree(seed).child("mason").masonSeed());
        this.scenario = scenario;
        this.seed = seed;
        this.listener = listener == null ? new SimulationListener() {
            @Override
            public void observed(TumourModel model) {
            }

            @Override
            public void event(String kind, double day, int clone, String detail) {
            }
        } : listener;
        this.rng = new SeedTree(seed).child("cells").generator();
        lineage = new Lineage(scenario.space().size());
        long initial = scenario.seedings().stream().mapToLong(Scenario.Seeding::cells).sum();
        if (initial > scenario.config().stop().maxCells()) {
            throw new PopulationLimitException(initial);
        }
        levels = new DrugLevel[scenario.drugs().drugs().size()];
        for (Drug d : scenario.drugs().drugs()) {
            levels[d.bit()] = new DrugLevel(d.pk(), d.infusionDays());
        }
        dt = scenario.config().time().dtDays();
        observeEvery = scenario.config().observe().everyDays();
        stepsPerObservation = Math.round(observeEvery / dt);
        maxDays = scenario.config().time().maxDays();
        boolean clone = scenario.config().engine().equals("clone")
                || (scenario.config().engine().equals("hybrid") && initial > scenario.config().engineSwitchCells());
        if (scenario.config().space().equals("lattice2d")) {
            cells = new LatticeSpace(this, rng, scenario); // cell level throughout: a lattice has positions
        } else {
            cells = clone ? new CloneSpace(this, rng, scenario) : new WellMixedSpace(this, rng, scenario, initial);
        }
    }

    @Override
    public void start() {
        super.start();
        now = 0;
        for (Scenario.Seeding s : scenario.seedings()) {
            int clone = lineage.newClone(-1, s.state(), 0.0);
            int v = lineage.variant(clone, s.state());
            cells.seed(v, s.cells());
            lineage.add(v, s.cells());
        }
        Double diagnosis = scenario.config().tumour().diagnosisCells();
        if (diagnosis == null) {
            diagnosed = true;
            startPhase(0);
        } else {
            listener.event("phase", now, -1, GROWTH);
        }
        schedule.scheduleOnce(0.0, ORDER_OBSERVE, (Steppable) state -> observe());
        schedule.scheduleOnce(0.0, ORDER_CELLS, (Steppable) state -> stepCells());
    }

    /** The state of the cells' random stream, for a checkpoint. */
    public byte[] randomState() {
        var state = ((org.apache.commons.rng.RestorableUniformRandomProvider) rng).saveState();
        return ((org.apache.commons.rng.core.RandomProviderDefaultState) state).getState();
    }

    /**
     * After a checkpoint is read: attaches the compiled scenario and listener (not stored) and
     * restores the cells' random stream exactly where it was.
     */
    public void reattach(Scenario compiled, SimulationListener observer, byte[] randomState) {
        scenario = compiled;
        listener = observer;
        wallDeadlineNanos = Long.MAX_VALUE; // transient: a restored long would read 0, "already late"

        org.apache.commons.rng.RestorableUniformRandomProvider r = new SeedTree(seed).child("cells").generator();
        r.restoreState(new org.apache.commons.rng.core.RandomProviderDefaultState(randomState));
        rng = r;
        cells.reattach(this, r, compiled);
    }

    /** Limits the run's wall-clock time (sweep tasks): it then stops, marked "wall_time_limit". */
    public void limitWallTime(double seconds) {
        wallDeadlineNanos = System.nanoTime() + (long) (seconds * 1e9);
    }

    /** Something that writes a checkpoint of the model between schedule steps. */
    @FunctionalInterface
    public interface CheckpointSink {
        void write(TumourModel model) throws java.io.IOException;
    }

    /** Steps the schedule until a stop condition; returns why it stopped. */
    public String run() {
        start();
        return proceed(null, Double.POSITIVE_INFINITY);
    }

    /**
     * Steps the schedule (after {@link #start()} or a checkpoint) until a stop condition, writing a
     * checkpoint whenever simulated time has passed another {@code everyDays} (between steps,
     * as MASON's own checkpointing does).
     */
    public String proceed(CheckpointSink sink, double everyDays) {
        double next = Double.isFinite(everyDays) ? (Math.floor(now / everyDays) + 1) * everyDays : Double.POSITIVE_INFINITY;
        while (!stopped && schedule.step(this)) {
            if (sink != null && now >= next - 1e-9 && !stopped) {
                try {
                    sink.write(this);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                next += everyDays;
            }
        }
        finish();
        if (stopReason == null) {
            stopReason = "schedule_empty";
        }
        closeTreatmentAccounting();
        return stopReason;
    }

    // ---- the cells' step ----------------------------------------------------------------

    private void stepCells() {
        if (stopped) {
            return; // the schedule runs every event of the current time; a stop ends them too
        }
        double t = stepIndex * dt;
        now = t;
        if (System.nanoTime() > wallDeadlineNanos) {
            listener.event("wall_time_limit", now, -1, "the run took longer than its wall-clock limit");
            stop("wall_time_limit");
            return;
        }
        // sub-steps (usually one) keep each cell's chance of an event within the stability bound;
        // drug exposure and crowding are taken at each sub-step's midpoint
        int k = diagnosed ? scenario.substeps() : scenario.untreatedSubsteps();
        double h = dt / k;
        for (int i = 0; i < k && cells.size() > 0; i++) {
            double start = t + i * h;
            Exposure exposure = exposureAt(start + h / 2);
            double crowding = Math.max(0, 1 - cells.size() / scenario.config().context().carryingCapacity());
            cellUpdates += cells.size();
            cells.step(start, h, exposure, crowding);
        }
        stepIndex++;
        now = stepIndex * dt;
        if (scenario.config().engine().equals("hybrid")) {
            switchEngineIfDue();
        }
        if (cells.size() == 0) {
            extinctionDay = now;
            listener.event("extinction", now, -1, "no cells left");
            if (scenario.config().stop().onExtinction()) {
                stop("extinction");
                return;
            }
        } else if (cells.size() > scenario.config().stop().maxCells()) {
            listener.event("ceiling", now, -1, "cells exceed stop.max_cells = " + (long) (double) scenario.config().stop().maxCells());
            stop("ceiling");
            return;
        }
        schedule.scheduleOnce(stepIndex * dt, ORDER_CELLS, (Steppable) state -> stepCells());
    }

    /**
     * The hybrid engine: cells move to the clone engine when the tumour exceeds
     * engine_switch_cells and back to the agent engine below half of it (the gap avoids switching
     * back and forth). Nothing is lost: the lineage holds every variant's count either way.
     */
    private void switchEngineIfDue() {
        double threshold = scenario.config().engineSwitchCells();
        long n = cells.size();
        CellSpace next = null;
        if (cells instanceof WellMixedSpace && n > threshold) {
            next = new CloneSpace(this, rng, scenario);
        } else if (cells instanceof CloneSpace && n < threshold / 2) {
            next = new WellMixedSpace(this, rng, scenario, n);
        }
        if (next != null) {
            for (int v = 0; v < lineage.variantCount(); v++) {
                long k = lineage.cellsOfVariant(v);
                if (k > 0) {
                    next.seed(v, k);
                }
            }
            listener.event("engine_switch", now, -1, (next instanceof CloneSpace ? "to the clone engine at " : "to the agent engine at ")
                    + n + " cells");
            cells = next;
        }
    }

    private void stop(String reason) {
        stopReason = reason;
        lineage.updatePeaks();
        listener.observed(this);
        stopped = true;
    }

    // ---- observation and phase control ------------------------------------------------------

    private void observe() {
        if (stopped) {
            return;
        }
        now = stepIndex * dt;
        if (!diagnosed && cells.size() >= scenario.config().tumour().diagnosisCells()) {
            diagnose();
        }
        lineage.updatePeaks();
        listener.observed(this);
        checkPhaseEnd();
        if (now >= maxDays - 1e-9) {
            stopReason = "time";
            stopped = true;
            return;
        }
        long next = stepIndex + stepsPerObservation;
        schedule.scheduleOnce(next * dt, ORDER_OBSERVE, (Steppable) state -> observe());
    }

    /**
     * The tumour reached its diagnosis size: treatment begins, and from here each arm of a paired
     * comparison continues with its own random stream (the tumour so far is the same in every arm).
     */
    private void diagnose() {
        diagnosed = true;
        listener.event("diagnosis", now, -1, cells.size() + " cells");
        rng = new SeedTree(seed).child("after-diagnosis:" + scenario.config().arm()).generator();
        cells.reseed(rng);
        startPhase(0);
    }

    private void checkPhaseEnd() {
        if (phaseIndex < 0 || manual != null) {
            return;
        }
        Regimen.Phase p = scenario.regimen().phases().get(phaseIndex);
        double burden = cells.size();
        phaseNadir = Math.min(phaseNadir, burden);
        double reference = Double.isNaN(baseline) ? phaseReference : baseline;
        String why = null;
        if (p.onProgression() && scenario.progression().progressed(burden, phaseNadir)) {
            why = "progression";
        } else if (!Double.isNaN(p.burdenBelow()) && burden < p.burdenBelow() * reference) {
            why = "burden below " + p.burdenBelow() + " x baseline";
        } else if (!Double.isNaN(p.burdenAbove()) && burden >= p.burdenAbove() * reference) {
            why = "burden above " + p.burdenAbove() + " x baseline";
        }
        if (why != null) {
            listener.event("phase_end", now, -1, p.name() + ": " + why);
            startPhase(scenario.regimen().next(phaseIndex));
        }
    }

    private void startPhase(int index) {
        startPhase(index, index < 0 ? null : scenario.regimen().phases().get(index));
    }

    /**
     * Replaces the regimen from now on with one phase that never ends (a student adding or
     * stopping a drug in the GUI). Call between schedule steps (a GUI holds the schedule's lock).
     */
    public void replaceRegimen(Regimen.Phase phase) {
        if (!diagnosed) {
            diagnosed = true; // treatment chosen by hand starts now, whatever the diagnosis size
        }
        listener.event("phase_end", now, -1, currentPhaseName() + ": replaced by hand");
        manual = phase;
        startPhase(0, phase);
    }

    private void startPhase(int index, Regimen.Phase p) {
        closeTreatmentAccounting();
        for (DrugLevel level : levels) {
            if (level.isConstant()) {
                level.setConstant(Double.NaN); // a dish is washed out when its phase ends
            }
        }
        phaseIndex = index;
        phaseGeneration++;
        phaseStart = now;
        phaseReference = cells.size();
        phaseNadir = cells.size();
        if (p == null) {
            listener.event("phase", now, -1, "regimen complete; no further treatment");
            return;
        }
        if (p.givesDrugs() && Double.isNaN(treatmentStart)) {
            treatmentStart = now;
            baseline = cells.size();
            listener.event("treatment_start", now, -1, "baseline " + cells.size() + " cells");
        }
        listener.event("phase", now, -1, p.name());
        final int generation = phaseGeneration;
        for (Regimen.Item item : p.items()) {
            DrugLevel level = levels[item.drug().bit()];
            if (item.constant()) {
                level.setConstant(item.concentrationMgPerL());
            } else {
                level.dose(now, item.loadingDoseMg());
                scheduleDose(item, now + item.everyDays(), generation);
            }
        }
        if (!Double.isNaN(p.afterDays())) {
            double end = now + p.afterDays();
            schedule.scheduleOnce(end, ORDER_PHASE, (Steppable) state -> {
                if (phaseGeneration == generation) {
                    now = end;
                    listener.event("phase_end", end, -1, p.name() + ": duration");
                    startPhase(scenario.regimen().next(phaseIndex));
                }
            });
        }
    }

    /**
     * Splits a culture: keeps each cell with probability {@code keep}, from the cells' stream.
     * Call between schedule steps (as {@link #replaceRegimen}).
     */
    public void passage(double keep) {
        long before = cells.size();
        cells.thin(keep, rng, lineage);
        lineage.updatePeaks();
        listener.event("passage", now, -1, before + " -> " + cells.size() + " cells");
        if (scenario.config().engine().equals("hybrid")) {
            switchEngineIfDue();
        }
    }

    /** The phase in force, or null (before diagnosis, or after the regimen). */
    private Regimen.Phase currentPhase() {
        if (manual != null) {
            return manual;
        }
        return phaseIndex < 0 ? null : scenario.regimen().phases().get(phaseIndex);
    }

    private String currentPhaseName() {
        Regimen.Phase p = currentPhase();
        return p == null ? (diagnosed ? "none" : GROWTH) : p.name();
    }

    private void scheduleDose(Regimen.Item item, double when, int generation) {
        if (when > maxDays + observeEvery) {
            return;
        }
        schedule.scheduleOnce(when, ORDER_DOSE, (Steppable) state -> {
            if (phaseGeneration == generation) {
                levels[item.drug().bit()].dose(when, item.doseMg());
                scheduleDose(item, when + item.everyDays(), generation);
            }
        });
    }

    private void closeTreatmentAccounting() {
        if (currentPhase() != null && currentPhase().givesDrugs()) {
            daysOnTreatment += now - phaseStart;
            phaseStart = now;
        }
    }

    // ---- what observers read ------------------------------------------------------------

    /** Drug exposure at time {@code day} from the current concentrations and the phase's drugs. */
    public Exposure exposureAt(double day) {
        double[] c = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            c[i] = levels[i].concentration(day);
        }
        long mask = currentPhase() == null ? 0 : currentPhase().drugMask();
        boolean unbound = scenario.config().context().pk();
        return scenario.drugs().exposure(c, mask, unbound);
    }

    /** Cells whose net growth under the current drugs (no crowding) is positive. */
    public long resistantCells() {
        long n = 0;
        for (int s = 0; s < lineage.states(); s++) {
            long k = lineage.cellsInState(s);
            if (k > 0 && resistant(s)) {
                n += k;
            }
        }
        return n;
    }

    /** Whether cells in {@code state} grow (net, without crowding) under the drugs present now. */
    public boolean resistant(int state) {
        CellRates r = scenario.rates().rates(state, exposureAt(now));
        return r.netGrowthPerDay() > 0;
    }

    public double now() {
        return now;
    }

    public long cellCount() {
        return cells.size();
    }

    /** The lattice (each site's variant + 1, 0 for empty) in spatial mode, else null. */
    public sim.field.grid.IntGrid2D latticeGrid() {
        return cells instanceof LatticeSpace l ? l.grid : null;
    }

    public Lineage lineage() {
        return lineage;
    }

    public Scenario scenario() {
        return scenario;
    }

    public double concentration(int drugBit) {
        return levels[drugBit].concentration(now);
    }

    public double cumulativeDoseMg(int drugBit) {
        return levels[drugBit].cumulativeMg();
    }

    public String phaseName() {
        if (!diagnosed) {
            return GROWTH;
        }
        return currentPhase() == null ? "none" : currentPhase().name();
    }

    /** Whether the regimen is over (its last phase ended and it does not repeat). */
    public boolean regimenComplete() {
        return currentPhase() == null && !Double.isNaN(treatmentStart);
    }

    public boolean treating() {
        return currentPhase() != null && currentPhase().givesDrugs();
    }

    public double treatmentStart() {
        return treatmentStart;
    }

    public double baseline() {
        return baseline;
    }

    public double daysOnTreatment() {
        return daysOnTreatment;
    }

    public double extinctionDay() {
        return extinctionDay;
    }

    public long cellUpdates() {
        return cellUpdates;
    }

    public long seedValue() {
        return seed;
    }

    public String stopReason() {
        return stopReason;
    }

    public long storeBytes() {
        return cells.storeBytes();
    }

    SimulationListener listener() {
        return listener;
    }
}
