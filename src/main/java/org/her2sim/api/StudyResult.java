package org.her2sim.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.her2sim.config.ConfigException;
import org.her2sim.experiment.Survival;
import org.her2sim.experiment.SweepResults;
import org.her2sim.experiment.TaskResult;

/**
 * A finished study in memory: every task's result and the three tables a results directory
 * holds (results.csv, summary.csv, comparison.csv), computed the same way, as rows of column
 * name to value in the files' column order.
 */
public final class StudyResult {
    private final SweepResults.Tasks tasks;
    private final Path directory;

    StudyResult(SweepResults.Tasks tasks, Path directory) {
        this.tasks = tasks;
        this.directory = directory;
    }

    /** Every task's result (arm, point, replicate, seed, summary), in task order. */
    public List<TaskResult> tasks() {
        return tasks.results();
    }

    /** The results of one arm, in task order (empty for an arm the study does not have). */
    public List<TaskResult> arm(String arm) {
        return tasks.results().stream().filter(t -> t.arm().equals(arm)).toList();
    }

    /** results.csv: one row per virtual patient. */
    public List<Map<String, Object>> results() {
        return SweepResults.resultsTable(tasks);
    }

    /** summary.csv: per arm and point, response rates with exact intervals and median times with 95 % limits. */
    public List<Map<String, Object>> summary() {
        return SweepResults.summaryTable(tasks);
    }

    /** comparison.csv: each arm against the reference arm (hazard ratio, log-rank, paired sign test). */
    public List<Map<String, Object>> comparison() {
        return SweepResults.comparisonTable(tasks);
    }

    /**
     * The Kaplan–Meier curve of {@code arm} at parameter point 0 for {@code endpoint} ("pfs",
     * "ttf" or "os"); empty when it cannot be drawn (no patients, or an unknown value).
     */
    public Optional<Survival.Curve> curve(String arm, String endpoint) {
        return curve(arm, 0, endpoint);
    }

    /** As above at parameter point {@code point}. An arm the study does not have is an error, not an empty curve. */
    public Optional<Survival.Curve> curve(String arm, int point, String endpoint) {
        List<String> arms = List.copyOf(tasks.sweep().spec().arms().keySet());
        if (!arms.contains(arm)) {
            throw new ConfigException("arm: no arm '" + arm + "' in " + tasks.sweep().spec().name() + "; its arms: " + String.join(", ", arms));
        }
        if (point < 0 || point >= tasks.sweep().points().size()) {
            throw new ConfigException("point: expected 0 to " + (tasks.sweep().points().size() - 1) + ", got " + point);
        }
        return SweepResults.curve(tasks, point, arm, endpoint);
    }

    /** The median progression-free survival of {@code arm} at point 0 in days (NaN if not reached). */
    public double medianPfsDays(String arm) {
        return curve(arm, "pfs").map(Survival.Curve::median).orElse(Double.NaN);
    }

    /** The results directory, when the study was written. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }
}
