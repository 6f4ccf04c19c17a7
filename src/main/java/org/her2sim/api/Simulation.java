package org.her2sim.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.SimulationConfig;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.Futures;
import org.her2sim.experiment.SingleRun;
import org.her2sim.random.SeedTree;

/**
 * One scenario, ready to run: loaded from a scenario file (with its includes, context and
 * defaults), changed in code, and compiled. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * Simulation sim = Simulation.load(Path.of("configs/quickstart.yaml"));
 * Simulation smaller = sim.with(c -> c.withTumour(c.tumour().withDiagnosisCells(1e9)));
 * Run run = smaller.run();                                  // in memory, nothing written
 * List<Run> patients = sim.runReplicates(50, 2, Progress.none());
 * Run written = sim.write(Path.of("runs/my-run"));          // as her2sim run --out runs/my-run
 * }</pre>
 */
public final class Simulation {
    private final ConfigLoader.Loaded loaded;
    private final Scenario scenario;

    private Simulation(ConfigLoader.Loaded loaded) {
        this.loaded = loaded;
        this.scenario = Scenario.compile(loaded);
    }

    /** Loads a scenario file. Bad input throws {@link ConfigException} naming the file and field. */
    public static Simulation load(Path scenarioFile) {
        return load(scenarioFile, List.of());
    }

    /**
     * Loads a scenario file with settings in the command line's {@code --set PATH=VALUE} form
     * (e.g. {@code "tumour.initial_cells=1000"}), applied before the defaults are filled in.
     */
    public static Simulation load(Path scenarioFile, List<String> settings) {
        Objects.requireNonNull(scenarioFile, "scenarioFile");
        return new Simulation(new ConfigLoader().load(scenarioFile, List.copyOf(settings)));
    }

    /** The resolved configuration: every default filled in. Change it with {@link #with}. */
    public SimulationConfig config() {
        return loaded.config();
    }

    /** The resolved configuration as YAML: what a run directory keeps as config.yaml. */
    public String yaml() {
        return ConfigLoader.resolvedYaml(config());
    }

    /** This scenario after a typed change, e.g. {@code c -> c.withEngine(EngineKind.AGENT)}; checked as a file is. */
    public Simulation with(ConfigChange change) {
        return new Simulation(loaded.with(change));
    }

    /** This scenario with another seed. */
    public Simulation withSeed(long seed) {
        return with(c -> c.withSeed(seed));
    }

    /** The seed its {@link #run()} uses. */
    public long seed() {
        return config().seed();
    }

    /** Runs once with the scenario's seed, in memory. */
    public Run run() {
        return Run.of(SingleRun.simulate(scenario, seed()));
    }

    /** Runs once with {@code seed}, in memory. */
    public Run run(long seed) {
        return Run.of(SingleRun.simulate(scenario, seed));
    }

    /**
     * Runs and writes a run directory as {@code her2sim run --out dir} does (tables, summary.json,
     * charts, report.html; built under a temporary name and renamed when complete).
     *
     * @throws IOException if the directory exists and is not empty, or cannot be written
     */
    public Run write(Path dir) throws IOException {
        return write(dir, false);
    }

    /** As {@link #write(Path)}; with {@code parquet}, each table also as TABLE.parquet (as {@code her2sim run --parquet}). */
    public Run write(Path dir, boolean parquet) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        return Run.of(SingleRun.run(scenario, target, target.getParent(), "", null, parquet));
    }

    /**
     * The seed of replicate {@code i}: derived from the scenario's seed as a one-arm sweep with
     * this seed derives its patients' (so {@link Study} and this agree), independent of threads.
     */
    public long replicateSeed(int i) {
        return new SeedTree(seed()).child("point", 0).child("replicate", i).seed();
    }

    /**
     * Runs {@code n} replicates (virtual patients differing by seed, see {@link #replicateSeed})
     * on {@code threads} threads, in memory. The list is in replicate order whatever the thread
     * count, and each replicate's numbers do not depend on it.
     */
    public List<Run> runReplicates(int n, int threads, Progress progress) {
        if (n < 1) {
            throw new ConfigException("replicates: expected at least 1, got " + n);
        }
        List<Long> seeds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            seeds.add(replicateSeed(i));
        }
        return Parallel.map(seeds, threads, progress, this::run);
    }

    /** Runs work items on a fixed pool; results in input order, progress after each. */
    static final class Parallel {
        interface Work<T, R> {
            R apply(T item);
        }

        private Parallel() {
        }

        static <T, R> List<R> map(List<T> items, int threads, Progress progress, Work<T, R> work) {
            if (threads < 1) {
                throw new ConfigException("threads: expected at least 1, got " + threads);
            }
            Progress told = progress == null ? Progress.none() : progress;
            int[] done = {0};
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "her2sim-api");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<R>> futures = new ArrayList<>(items.size());
                for (T item : items) {
                    futures.add(pool.submit(() -> {
                        R r = work.apply(item);
                        synchronized (done) {
                            told.update(++done[0], items.size());
                        }
                        return r;
                    }));
                }
                return Futures.all(futures);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
