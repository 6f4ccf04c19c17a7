package org.her2sim.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.her2sim.biology.CellRates;
import org.her2sim.biology.Exposure;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Days;
import org.her2sim.config.EngineKind;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.SpaceKind;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.StepProbabilities;
import org.her2sim.engine.TumourModel;
import org.her2sim.random.SeedTree;

/**
 * Measures cell-updates per second and bytes per cell of the well-mixed agent engine with the
 * full model (signalling rates from the cache, mutations, lineage), on the benchmark scenario's biology (configs/benchmark.yaml: culture rates)
 * held near a steady size by crowding, next to two baselines running the same
 * birth–death–mutation probabilities: one MASON Steppable per cell, and a bare array loop.
 */
public final class EngineBenchmark {
    /**
     * One measured row: events per update counted in the engines (divisions, deaths, switches),
     * the rule's probability in the baselines; the cost per event is the time over those events.
     * Cell-updates/s alone grows as the event rate falls (cells without an event are skipped), so
     * compare designs by the cost per event.
     */
    public record Row(String design, long cells, double updatesPerSecond, double bytesPerCell, double eventsPerUpdate) {
        public double nanosPerEvent() {
            return 1e9 / (updatesPerSecond * eventsPerUpdate);
        }
    }

    private final Path scenarioFile;
    private final Path textbookFile;
    private final double seconds;

    public EngineBenchmark(Path scenarioFile, Path textbookFile, double seconds) {
        this.scenarioFile = scenarioFile;
        this.textbookFile = textbookFile;
        this.seconds = seconds;
    }

    public List<Row> run(long cells, boolean baselines) {
        List<Row> rows = new ArrayList<>();
        Scenario probe = compile(scenarioFile, cells, 1e12, ConfigChange.none());
        CellRates r = probe.rates().rates(probe.founder(), Exposure.none(probe.drugs().targets().size()));
        double b = r.divisionPerDay();
        double d = r.death(1);
        double dt = probe.config().time().dtDays();
        // crowding holds the tumour where division × (1 − N/K) = death: events 2·d·x per update
        double capacity = cells / (1 - d / b);
        double pEvent = 2 * d * StepProbabilities.scale(d, d, dt);
        rows.add(engine(cells, compile(scenarioFile, cells, capacity, ConfigChange.none()), "agent engine, full HER2 model, untreated steady state", pEvent));
        // the same on a square lattice 60 % filled by the initial disc; daughters to a free Moore
        // neighbour or pushed up to 3 sites
        int side = (int) Math.ceil(Math.sqrt(cells / 0.6));
        rows.add(engine(cells, compile(scenarioFile, cells, capacity, lattice(side)), "lattice engine (" + side + "x" + side
                + "), full HER2 model, untreated steady state", pEvent));
        // textbook mode at the stability limit: b = d = 1.15/day, dt = 1 h → an event in 9.6 % of updates
        ConfigChange atTheLimit = c -> c.withBiology(c.biology().withExplicitRates(0, 1.15, 1.15).withExplicitRates(1, 1.15, 1.15))
                .withTime(c.time().withDt(Days.parse("1h")));
        Scenario dense = compile(textbookFile, cells, 1e12, atTheLimit);
        rows.add(engine(cells, dense, "agent engine, textbook mode at the step limit", 2.3 / 24));
        Scenario denseLattice = compile(textbookFile, cells, 1e12, atTheLimit.then(lattice(side)));
        rows.add(engine(cells, denseLattice, "lattice engine (" + side + "x" + side + "), textbook mode at the step limit", 2.3 / 24));
        if (baselines) {
            double x = StepProbabilities.scale(d, d, dt);
            BirthDeathRule rule = new BirthDeathRule(d * x, d * x, probe.mutations().anyMutation(probe.founder()));
            rows.add(arrayLoop(cells, rule));
            BirthDeathRule denseRule = new BirthDeathRule(0.05, 0.05, probe.mutations().anyMutation(probe.founder()));
            rows.add(arrayLoop(cells, denseRule));
            rows.add(masonAgents(cells, rule));
        }
        return rows;
    }

    private static ConfigChange lattice(int side) {
        return c -> c.withSpace(SpaceKind.LATTICE2D).withLattice(c.lattice().withWidth(side).withHeight(side));
    }

    /** An untreated tumour of {@code cells} cells on the agent engine, held by crowding at {@code capacity}, without end. */
    private Scenario compile(Path file, long cells, double capacity, ConfigChange extra) {
        ConfigLoader.Loaded l = new ConfigLoader().load(file, List.of()).with(c -> c
                .withTumour(c.tumour().withInitialCells(cells))
                .withContext(c.context().withCarryingCapacity(capacity).withPk(false))
                .withRegimen(RegimenSpec.untreated())
                .withTime(c.time().withMax(Days.of(100_000)))
                .withStop(c.stop().withMaxCells((double) cells * 20))
                .withObserve(c.observe().withEvery(Days.of(1)))
                .withEngine(EngineKind.AGENT)).with(extra);
        return Scenario.compile(l.config(), l.origins());
    }

    private Row engine(long cells, Scenario scenario, String label, double pEvent) {
        long before = usedHeap();
        TumourModel model = new TumourModel(scenario, new SeedTree(42).seed(), null);
        model.start();
        long after = usedHeap();
        double bytes = (after - before) / (double) cells;
        double stepsPerDay = 1 / scenario.config().time().dtDays();
        // warm up (JIT) for a simulated day, then measure whole steps for the time budget
        for (int i = 0; i < stepsPerDay && model.schedule.step(model); i++) {
            // warm-up
        }
        long u0 = model.cellUpdates();
        long e0 = model.cellEvents();
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < seconds * 1e9 && model.schedule.step(model)) {
            // the schedule runs observations and cell steps
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long updates = model.cellUpdates() - u0;
        long events = model.cellEvents() - e0;
        return new Row(label, model.cellCount(), updates / wall, bytes, updates == 0 ? pEvent : events / (double) updates);
    }

    private Row arrayLoop(long cells, BirthDeathRule rule) {
        long before = usedHeap();
        ArrayLoopBaseline loop = new ArrayLoopBaseline((int) cells, rule, new SeedTree(42).child("array").generator());
        long after = usedHeap();
        for (int i = 0; i < 5; i++) {
            loop.step();
        }
        long u0 = loop.updates();
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < seconds * 1e9) {
            loop.step();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Row("bare struct-of-arrays loop, one draw per cell", loop.size(), (loop.updates() - u0) / wall, (after - before) / (double) cells,
                rule.death() + rule.division());
    }

    private Row masonAgents(long cells, BirthDeathRule rule) {
        long before = usedHeap();
        MasonAgentBaseline model = new MasonAgentBaseline((int) cells, rule, new SeedTree(42).child("mason").generator());
        model.start();
        long after = usedHeap();
        model.schedule.step(model);
        long u0 = model.updates();
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < seconds * 1e9) {
            model.schedule.step(model);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Row("MASON Steppable per cell, one draw per cell", model.cells(), (model.updates() - u0) / wall, (after - before) / (double) cells,
                rule.death() + rule.division());
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
