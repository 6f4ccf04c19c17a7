package org.her2sim.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.her2sim.biology.CellRates;
import org.her2sim.biology.Exposure;
import org.her2sim.config.EngineKind;
import org.her2sim.config.SpaceKind;
import org.her2sim.pharmacology.Regimen;
import org.her2sim.random.SeedTree;
import sim.engine.Schedule;
import sim.engine.SimState;
import sim.engine.Steppable;
import sim.field.grid.IntGrid2D;

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
    private final Treatment treatment;
    private final double dt;
    private final double observeEvery;
    private final long stepsPerObservation;
    private final double maxDays;

    private double now;
    private long stepIndex;
    private double extinctionDay = Double.NaN;
    private long cellUpdates;
    private long variantSteps;
    private StopReason stopReason;
    private boolean stopped;
    private boolean diagnosed;
    /** System.nanoTime() after which the run stops with reason "wall_time_limit" (none by default). */
    private transient long wallDeadlineNanos = Long.MAX_VALUE;
    /** Cells per state at diagnosis (for {@link #untilDiagnosis()}), null before. */
    private transient long[] atDiagnosis;

    public TumourModel(Scenario scenario, long seed, SimulationListener listener) {
        super(new SeedTree(seed).child("mason").masonSeed());
        this.scenario = scenario;
        this.seed = seed;
        this.listener = listener == null ? new SimulationListener() {
            @Override
            public void observed(TumourModel model) {
            }

            @Override
            public void event(EventKind kind, double day, int clone, String detail) {
            }
        } : listener;
        this.rng = new SeedTree(seed).child("cells").generator();
        lineage = new Lineage(scenario.space().size());
        long initial = scenario.seedings().stream().mapToLong(Scenario.Seeding::cells).sum();
        if (initial > scenario.config().stop().maxCells()) {
            throw new PopulationLimitException(initial);
        }
        treatment = new Treatment(this, scenario);
        dt = scenario.config().time().dtDays();
        observeEvery = scenario.config().observe().everyDays();
        stepsPerObservation = Math.round(observeEvery / dt);
        maxDays = scenario.config().time().maxDays();
        EngineKind engine = scenario.config().engine();
        boolean clone = engine == EngineKind.CLONE || (engine == EngineKind.HYBRID && initial > scenario.config().engineSwitchCells());
        if (scenario.config().space() == SpaceKind.LATTICE2D) {
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
            treatment.startPhase(0);
        } else {
            listener.event(EventKind.PHASE, now, -1, GROWTH);
        }
        schedule.scheduleOnce(0.0, ORDER_OBSERVE, (Steppable) state -> observe());
        schedule.scheduleOnce(0.0, ORDER_CELLS, (Steppable) state -> stepCells());
    }

    /** The state of the cells' random stream, for a checkpoint. */
    public byte[] randomState() {
        var state = ((RestorableUniformRandomProvider) rng).saveState();
        return ((RandomProviderDefaultState) state).getState();
    }

    /**
     * After a checkpoint is read: attaches the compiled scenario and listener (not stored) and
     * restores the cells' random stream exactly where it was.
     */
    public void reattach(Scenario compiled, SimulationListener observer, byte[] randomState) {
        scenario = compiled;
        listener = observer;
        wallDeadlineNanos = Long.MAX_VALUE; // transient: a restored long would read 0, "already late"

        RestorableUniformRandomProvider r = new SeedTree(seed).child("cells").generator();
        r.restoreState(new RandomProviderDefaultState(randomState));
        rng = r;
        cells.reattach(this, r, compiled);
    }

    /** Limits the run's wall-clock time (sweep tasks): it then stops, marked "wall_time_limit". */
    public void limitWallTime(double seconds) {
        wallDeadlineNanos = System.nanoTime() + (long) (seconds * 1e9);
    }

    /** Told after every schedule step (a progress display); never changes the model. */
    @FunctionalInterface
    public interface Watcher {
        void stepped(TumourModel model);
    }

    private transient Watcher watcher;

    public void watch(Watcher w) {
        watcher = w;
    }

    /** Something that writes a checkpoint of the model between schedule steps. */
    @FunctionalInterface
    public interface CheckpointSink {
        void write(TumourModel model) throws IOException;
    }

    /**
     * Grows the tumour untreated until it is diagnosed and returns its cells per state at that
     * moment (before any treatment), or null if it never was (extinct, or out of time).
     */
    public long[] untilDiagnosis() {
        start();
        while (!stopped && atDiagnosis == null && schedule.step(this)) {
            // the step that diagnoses also runs that time's dose and cells; the counts are taken before
        }
        return atDiagnosis == null ? null : atDiagnosis.clone();
    }

    /** Steps the schedule until a stop condition; returns why it stopped. */
    public StopReason run() {
        start();
        return proceed(null, Double.POSITIVE_INFINITY);
    }

    /**
     * Steps the schedule (after {@link #start()} or a checkpoint) until a stop condition, writing a
     * checkpoint whenever simulated time has passed another {@code everyDays} (between steps,
     * as MASON's own checkpointing does).
     */
    public StopReason proceed(CheckpointSink sink, double everyDays) {
        double next = Double.isFinite(everyDays) ? (Math.floor(now / everyDays) + 1) * everyDays : Double.POSITIVE_INFINITY;
        while (!stopped && schedule.step(this)) {
            if (watcher != null) {
                watcher.stepped(this);
            }
            if (sink != null && now >= next - 1e-9 && !stopped) {
                try {
                    sink.write(this);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                next += everyDays;
            }
        }
        finish();
        if (stopReason == null) {
            stopReason = StopReason.SCHEDULE_EMPTY;
        }
        treatment.closeAccounting();
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
            listener.event(EventKind.WALL_TIME_LIMIT, now, -1, "the run took longer than its wall-clock limit");
            stop(StopReason.WALL_TIME_LIMIT);
            return;
        }
        // sub-steps (usually one) keep each cell's chance of an event within the stability bound;
        // drug exposure and crowding are taken at each sub-step's midpoint
        int k = diagnosed ? scenario.substeps() : scenario.untreatedSubsteps();
        double h = dt / k;
        for (int i = 0; i < k && cells.size() > 0; i++) {
            double start = t + i * h;
            Exposure exposure = exposureAt(start + h / 2);
            Double capacity = scenario.config().context().carryingCapacity();
            double crowding = capacity == null ? 1 : Math.max(0, 1 - cells.size() / capacity);
            if (cells.individualCells()) {
                cellUpdates += cells.size();
            } else {
                variantSteps += lineage.variantCount(); // the clone engine draws per variant, whatever its cells
            }
            cells.step(start, h, exposure, crowding);
        }
        stepIndex++;
        now = stepIndex * dt;
        if (scenario.config().engine() == EngineKind.HYBRID) {
            switchEngineIfDue();
        }
        if (cells.size() == 0) {
            extinctionDay = now;
            listener.event(EventKind.EXTINCTION, now, -1, "no cells left");
            if (scenario.config().stop().onExtinction()) {
                stop(StopReason.EXTINCTION);
                return;
            }
        } else if (cells.size() > scenario.config().stop().maxCells()) {
            treatment.terminal(LineOfTherapy.Event.CEILING);
            listener.event(EventKind.CEILING, now, -1, "cells exceed stop.max_cells = " + (long) (double) scenario.config().stop().maxCells());
            stop(StopReason.CEILING);
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
            listener.event(EventKind.ENGINE_SWITCH, now, -1, (next instanceof CloneSpace ? "to the clone engine at " : "to the agent engine at ")
                    + n + " cells");
            cells = next;
        }
    }

    private void stop(StopReason reason) {
        stopReason = reason;
        lineage.updatePeaks();
        listener.observed(this);
        stopped = true;
    }

    // ---- observation and diagnosis ----------------------------------------------------------

    private void observe() {
        if (stopped) {
            return;
        }
        now = stepIndex * dt;
        if (!diagnosed && cells.size() >= scenario.config().tumour().diagnosisCells()) {
            diagnose();
        }
        lineage.updatePeaks();
        treatment.assess();
        boolean treated = !Double.isNaN(treatment.treatmentStart());
        if (treated && cells.size() >= lethalBurden()) {
            treatment.terminal(LineOfTherapy.Event.DEATH);
            boolean byFold = lethalBurden() < scenario.config().outcomes().lethalCells();
            listener.event(EventKind.DEATH, now, -1, "the tumour reached its lethal burden, " + (long) lethalBurden() + " cells"
                    + (byFold ? " (outcomes.lethal_fold x the burden at treatment start)" : " (outcomes.lethal_cells)"));
            stop(StopReason.DEATH);
            return;
        }
        // phase decisions first, so that an observation shows the treatment decided at its time
        treatment.checkPhaseEnd();
        listener.observed(this);
        if (now >= followUpEnd() - 1e-9) {
            stopReason = StopReason.TIME;
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
        atDiagnosis = new long[lineage.states()];
        for (int state = 0; state < atDiagnosis.length; state++) {
            atDiagnosis[state] = lineage.cellsInState(state);
        }
        listener.event(EventKind.DIAGNOSIS, now, -1, cells.size() + " cells");
        // arms randomised at a later line share the stream until that line begins
        String arm = scenario.config().randomisationLine() > 1 ? "" : scenario.config().arm();
        rng = new SeedTree(seed).child("after-diagnosis:" + arm).generator();
        cells.reseed(rng);
        treatment.startPhase(0);
    }

    /**
     * Replaces the regimen from now on with one phase that never ends (a student adding or
     * stopping a drug in the GUI). Call between schedule steps (a GUI holds the schedule's lock).
     */
    public void replaceRegimen(Regimen.Phase phase) {
        if (!diagnosed) {
            diagnosed = true; // treatment chosen by hand starts now, whatever the diagnosis size
        }
        treatment.replace(phase);
    }

    /**
     * Splits a culture: keeps each cell with probability {@code keep}, from the cells' stream.
     * Call between schedule steps (as {@link #replaceRegimen}).
     */
    public void passage(double keep) {
        long before = cells.size();
        cells.thin(keep, rng, lineage);
        lineage.updatePeaks();
        listener.event(EventKind.PASSAGE, now, -1, before + " -> " + cells.size() + " cells");
        if (scenario.config().engine() == EngineKind.HYBRID) {
            switchEngineIfDue();
        }
    }

    /**
     * The end of follow-up: time.max, or time.after_treatment after this tumour's own treatment
     * start when that is earlier (infinite-free: time.max until treatment has begun).
     */
    public double followUpEnd() {
        var after = scenario.config().time().afterTreatment();
        double start = treatment.treatmentStart();
        if (after == null || Double.isNaN(start)) {
            return maxDays;
        }
        return Math.min(maxDays, start + after.days());
    }

    /** Line {@code randomisationLine} begins: from here each arm continues with its own random stream. */
    void randomise() {
        rng = new SeedTree(seed).child("randomised:" + scenario.config().arm()).generator();
        cells.reseed(rng);
    }

    /** Moves the clock to a timed event between steps (a phase that ends after a fixed duration). */
    void advanceTo(double day) {
        now = day;
    }

    double maxDays() {
        return maxDays;
    }

    double observeEvery() {
        return observeEvery;
    }

    // ---- what observers read ------------------------------------------------------------

    /** Drug exposure at time {@code day} from the current concentrations and the phase's drugs. */
    public Exposure exposureAt(double day) {
        return treatment.exposureAt(day);
    }

    /** Cells whose net growth under the current drugs (no crowding) is positive. */
    public long growingCells() {
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

    /**
     * For a view of day 0 before any step: the lattice's initial cells placed where the first
     * step puts them (the same random draws, so a run started afterwards is unchanged).
     */
    public void placeInitialCells() {
        if (cells instanceof LatticeSpace l) {
            l.placeIfNeeded();
        }
    }

    /** The lattice (each site's variant + 1, 0 for empty) in spatial mode, else null. */
    public IntGrid2D latticeGrid() {
        return cells instanceof LatticeSpace l ? l.grid : null;
    }

    public Lineage lineage() {
        return lineage;
    }

    public Scenario scenario() {
        return scenario;
    }

    public double concentration(int drugBit) {
        return treatment.concentration(drugBit, now);
    }

    public double cumulativeDoseMg(int drugBit) {
        return treatment.cumulativeDoseMg(drugBit);
    }

    public String phaseName() {
        if (!diagnosed) {
            return GROWTH;
        }
        return treatment.phaseName(true);
    }

    /** Whether the regimen is over (its last phase ended and it does not repeat). */
    public boolean regimenComplete() {
        return treatment.complete();
    }

    public boolean treating() {
        return treatment.treating();
    }

    /** The overall-survival proxy's burden (outcomes.lethal_cells, or lethal_fold × the burden at treatment start). */
    public double lethalBurden() {
        return scenario.config().outcomes().lethalBurden(treatment.baseline());
    }

    public double treatmentStart() {
        return treatment.treatmentStart();
    }

    public double baseline() {
        return treatment.baseline();
    }

    public double daysOnTreatment() {
        return treatment.daysOnTreatment();
    }

    /** The lines of therapy begun so far, in order. */
    public List<LineOfTherapy> lines() {
        return treatment.lines();
    }

    /** The line in force, or null before treatment. */
    public LineOfTherapy currentLine() {
        return treatment.currentLine();
    }

    /** Whether this observation was an assessment (a scan) of the current line. */
    public boolean assessedNow() {
        return treatment.assessedNow();
    }

    /** Whether the phase in force is a planned treatment holiday. */
    public boolean onHoliday() {
        var p = treatment.current();
        return p != null && p.holiday();
    }

    /** The day the treatment strategy failed, or NaN. */
    public double strategyFailureDay() {
        return treatment.failureDay();
    }

    /** Why the strategy failed, or null. */
    public String strategyFailureReason() {
        return treatment.failureReason();
    }

    public double extinctionDay() {
        return extinctionDay;
    }

    /** The treatment era: how many regimen phases have begun (0 while the tumour grows to diagnosis). */
    int era() {
        return treatment.generation();
    }

    /** Cells updated by agent steps (well-mixed or lattice), summed over steps. */
    public long cellUpdates() {
        return cellUpdates;
    }

    /** Cell events (divisions, deaths, switches) of the per-cell engines since this model was built or resumed. */
    public long cellEvents() {
        return cells.events();
    }

    /** Variants stepped by the clone engine (one binomial/multinomial draw set each), summed over steps. */
    public long variantSteps() {
        return variantSteps;
    }

    public long seedValue() {
        return seed;
    }

    public StopReason stopReason() {
        return stopReason;
    }

    public long storeBytes() {
        return cells.storeBytes();
    }

    SimulationListener listener() {
        return listener;
    }
}
