package org.her2sim.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.her2sim.experiment.Sweep;
import org.her2sim.experiment.SweepReportData;
import org.her2sim.experiment.SweepResults;
import org.her2sim.experiment.SweepRunner;
import org.her2sim.experiment.TaskResult;

/**
 * A sweep file ready to run: its arms × parameter points × replicates as tasks, each a virtual
 * patient with its own seed (paired across arms unless the file says otherwise). Immutable.
 *
 * <pre>{@code
 * Study study = Study.load(Path.of("configs/experiments/seq-vs-combo.yaml")).withReplicates(40);
 * StudyResult inMemory = study.run(2, Progress.none());
 * StudyResult written = study.write(Path.of("runs/seq-vs-combo"), 2, Progress.none()); // as her2sim sweep --out
 * }</pre>
 */
public final class Study {
    private final Path file;
    private final List<String> settings;
    private final Integer replicates;
    private final Sweep sweep;

    private Study(Path file, List<String> settings, Integer replicates) {
        this.file = file;
        this.settings = List.copyOf(settings);
        this.replicates = replicates;
        this.sweep = Sweep.load(file, null, null, new Sweep.Overrides(this.settings, replicates));
    }

    /** Loads a sweep file (its base scenario is read with it). Bad input throws ConfigException. */
    public static Study load(Path sweepFile) {
        return load(sweepFile, List.of());
    }

    /** Loads a sweep file with {@code --set PATH=VALUE} settings applied to its base scenario, as the command line does. */
    public static Study load(Path sweepFile, List<String> settings) {
        return new Study(Objects.requireNonNull(sweepFile, "sweepFile"), settings, null);
    }

    /** The same study with {@code n} virtual patients per arm and point. */
    public Study withReplicates(int n) {
        return new Study(file, settings, n);
    }

    /** The study's name (its results directory's default name). */
    public String name() {
        return sweep.spec().name();
    }

    /** The arms, in the file's order. */
    public List<String> arms() {
        return List.copyOf(sweep.spec().arms().keySet());
    }

    /** Every task: arm, point, replicate, seed and the settings that make its scenario. */
    public List<Sweep.Task> tasks() {
        return sweep.tasks();
    }

    /** Runs every task on {@code threads} threads, in memory (nothing written). */
    public StudyResult run(int threads, Progress progress) {
        List<TaskResult> results = Simulation.Parallel.map(sweep.tasks(), threads, progress,
                t -> SweepRunner.simulate(sweep, t, Double.POSITIVE_INFINITY));
        return new StudyResult(new SweepResults.Tasks(sweep, results), null);
    }

    /**
     * Runs every task and writes a results directory as {@code her2sim sweep --out dir} does
     * (tasks/, results.csv, summary.csv, comparison.csv, Parquet, report.html). Tasks already in
     * {@code dir} from an interrupted attempt of the same study are kept, not run again.
     */
    public StudyResult write(Path dir, int threads, Progress progress) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Progress told = progress == null ? Progress.none() : progress;
        try {
            SweepRunner.Outcome o = SweepRunner.run(sweep, target, Math.max(1, threads), true, null, false, null,
                    Double.POSITIVE_INFINITY, told::update);
            if (o.missing() > 0) {
                throw new IOException(o.missing() + " tasks of " + target + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted; finished tasks are kept in " + target.resolve("tasks"), e);
        }
        SweepResults.Tasks tasks = SweepResults.read(sweep, List.of(target));
        SweepResults.write(tasks, target);
        SweepReportData.write(tasks, target);
        return new StudyResult(tasks, target);
    }
}
