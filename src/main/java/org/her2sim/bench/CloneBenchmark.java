package org.her2sim.bench;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.her2sim.biology.CellRates;
import org.her2sim.biology.Exposure;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Days;
import org.her2sim.config.EngineKind;
import org.her2sim.config.Origins;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.SimulationConfig;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.TumourModel;
import org.her2sim.random.SeedTree;

/**
 * Cost of the clone engine per time step as a function of the number of cells and of the number
 * of clones. The tumour (the benchmark scenario's HER2 biology on culture rates, untreated, mutations on) is held at its
 * size by crowding, so only the size and the clone count vary; the first simulated days warm up
 * the JIT and the rest is timed. {@link #patient} times the 10¹¹-cell two-year treated run.
 */
public final class CloneBenchmark {
    /** One measured row: cells and clones at the start, variants (clone × state) at the end. */
    public record Row(long cells, int clones, int variantsAtEnd, long steps, double microsPerStep) {
    }

    /** One timed run of the patient-sized scenario. */
    public record PatientRun(String dt, int substeps, long steps, double seconds, long finalCells, int clones) {
    }

    private final Path scenarioFile;

    public CloneBenchmark(Path scenarioFile) {
        this.scenarioFile = scenarioFile;
    }

    /** Times {@code days} of hourly steps (after 10 days of warm-up) for a tumour of {@code cells} in {@code clones} equal clones. */
    public Row measure(long cells, int clones, double days) {
        Scenario probe = compile(cells, clones, 1e15, days);
        CellRates r = probe.rates().rates(probe.founder(), Exposure.none(probe.drugs().targets().size()));
        // crowding holds the size where division × (1 − N/K) = death
        double capacity = cells / (1 - r.death(1) / r.divisionPerDay());
        Scenario s = compile(cells, clones, capacity, days + 10);
        TumourModel model = new TumourModel(s, new SeedTree(42).seed(), null);
        model.start();
        double dt = s.config().time().dtDays();
        while (model.now() < 10 && model.schedule.step(model)) {
            // warm-up
        }
        double t0day = model.now();
        long t0 = System.nanoTime();
        while (model.schedule.step(model)) {
            // observations and cell steps until time.max
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long steps = Math.round((model.now() - t0day) / dt);
        return new Row(cells, clones, model.lineage().variantCount(), steps, wall / steps * 1e6);
    }

    private Scenario compile(long cells, int clones, double capacity, double days) {
        long each = Math.max(1, cells / clones);
        // further clones of the founder's state, each its own lineage
        List<SimulationConfig.InitialClone> more = Collections.nCopies(clones - 1, new SimulationConfig.InitialClone(Map.of(), each));
        ConfigLoader.Loaded l = new ConfigLoader().load(scenarioFile, List.of()).with(c -> c
                .withEngine(EngineKind.CLONE)
                .withTumour(c.tumour().withInitialCells(each).withClones(more))
                .withContext(c.context().withCarryingCapacity(capacity).withPk(false))
                .withRegimen(RegimenSpec.untreated())
                .withTime(c.time().withMax(Days.of(days)).withDt(Days.parse("1h")))
                .withStop(c.stop().withMaxCells(1e15))
                .withObserve(c.observe().withEvery(Days.of(1))));
        return Scenario.compile(l.config(), l.origins());
    }

    /**
     * Times one run of the patient-sized scenario: a 10¹¹-cell HER2-amplified tumour treated with
     * trastuzumab q3w for two years (the command in docs/performance.md), at the given step.
     */
    public static PatientRun patient(Path scenario, String dt) {
        ConfigLoader loader = new ConfigLoader();
        RegimenSpec q3w = loader.bind(loader.readTree(scenario.resolveSibling("regimens/trastuzumab-q3w.yaml")), RegimenSpec.class,
                new Origins("regimens/trastuzumab-q3w.yaml"));
        ConfigLoader.Loaded l = loader.load(scenario, List.of()).with(c -> c
                .withEngine(EngineKind.CLONE)
                .withTumour(c.tumour().withInitialCells(100_000_000_000L))
                .withRegimen(q3w)
                .withStop(c.stop().withMaxCells(1e14))
                .withContext(c.context().withCarryingCapacity(1e14))
                // followed past the overall-survival proxy's lethal burden (1e12): the run is a cost measure
                .withOutcomes(c.outcomes().withDetectionLimitCells(1e8).withLethalCells(1e15))
                .withTime(c.time().withMax(Days.of(730)).withDt(Days.parse(dt))));
        Scenario s = Scenario.compile(l.config(), l.origins());
        TumourModel model = new TumourModel(s, s.config().seed(), null);
        long t0 = System.nanoTime();
        model.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        return new PatientRun(dt, s.substeps(), Math.round(model.now() / s.config().time().dtDays()), wall, model.cellCount(),
                model.lineage().cloneCount());
    }
}
