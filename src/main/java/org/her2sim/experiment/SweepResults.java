package org.her2sim.experiment;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.her2sim.config.ConfigException;
import org.her2sim.io.AtomicFiles;
import org.her2sim.observe.Summary;

/**
 * Turns finished tasks into a sweep's tables: {@code results.csv} (one row per task),
 * {@code summary.csv} (per arm and parameter point) and {@code comparison.csv} (each arm against
 * the reference arm). Tasks may come from several directories (shards); the tables are the same
 * whichever way the tasks were run.
 */
public final class SweepResults {
    private static final CsvMapper CSV = new CsvMapper();

    /** The tasks of a complete sweep, in task order. */
    public record Tasks(Sweep sweep, List<TaskResult> results) {
    }

    private SweepResults() {
    }

    /** Reads the tasks of every directory; refuses foreign, duplicated (with other content) or missing tasks. */
    public static Tasks read(Sweep sweep, List<Path> dirs) throws IOException {
        TreeMap<Integer, TaskResult> byId = new TreeMap<>();
        for (Path dir : dirs) {
            Path marker = dir.resolve("sweep.json");
            if (!Files.isRegularFile(marker)) {
                throw new ConfigException(dir + ": not a sweep results directory (no sweep.json)");
            }
            String fingerprint = SweepRunner.JSON.readTree(marker.toFile()).path("fingerprint").asText();
            if (!fingerprint.equals(sweep.fingerprint())) {
                throw new ConfigException(dir + ": holds results of a different sweep");
            }
            try (var files = Files.list(dir.resolve("tasks"))) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".") || !name.endsWith(".json")) {
                        continue;
                    }
                    TaskResult t;
                    try {
                        t = SweepRunner.JSON.readValue(f.toFile(), TaskResult.class);
                    } catch (IOException e) {
                        throw new ConfigException(f + ": not a complete task result (" + e.getMessage().lines().findFirst().orElse("") + ")");
                    }
                    TaskResult before = byId.putIfAbsent(t.taskId(), t);
                    if (before != null && !same(before, t)) {
                        throw new ConfigException(f + ": task " + t.taskId() + " also appears, with other results, in another directory");
                    }
                }
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (Sweep.Task t : sweep.tasks()) {
            if (!byId.containsKey(t.id())) {
                missing.add(t.id());
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("the sweep is incomplete: " + missing.size() + " of " + sweep.tasks().size()
                    + " tasks have no result (first: task " + missing.get(0) + "); run the missing shards or --resume");
        }
        return new Tasks(sweep, new ArrayList<>(byId.values()));
    }

    private static boolean same(TaskResult a, TaskResult b) {
        return a.seed() == b.seed() && a.arm().equals(b.arm()) && row(a, List.of(), List.of()).equals(row(b, List.of(), List.of()));
    }

    /** Writes results.csv, summary.csv and comparison.csv into {@code out}. */
    public static void write(Tasks tasks, Path out) throws IOException {
        List<String> params = tasks.sweep().parameterPaths();
        List<String> columns = new ArrayList<>(params);
        columns.addAll(tasks.sweep().patientPaths());
        TreeSet<String> drugs = new TreeSet<>();
        tasks.results().forEach(t -> drugs.addAll(t.summary().cumulativeDose().keySet()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TaskResult t : tasks.results()) {
            rows.add(row(t, columns, List.copyOf(drugs)));
        }
        csv(out.resolve("results.csv"), rows, List.of());
        csv(out.resolve("summary.csv"), summary(tasks, params, List.copyOf(drugs)), List.of());
        List<String> comparisonColumns = new ArrayList<>(List.of("arm", "reference", "point"));
        comparisonColumns.addAll(params);
        comparisonColumns.addAll(List.of("n", "hazard_ratio", "hazard_ratio_ci_low", "hazard_ratio_ci_high", "logrank_chi2",
                "logrank_p", "paired_longer", "paired_shorter", "paired_sign_test_p"));
        // with a single arm there is nothing to compare: the file keeps its header
        csv(out.resolve("comparison.csv"), comparison(tasks, params), comparisonColumns);
        ResultsDatabase.writeParquet(out);
    }

    static Map<String, Object> row(TaskResult t, List<String> params, List<String> drugs) {
        Summary s = t.summary();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("task_id", t.taskId());
        r.put("arm", t.arm());
        r.put("point", t.point());
        r.put("replicate", t.replicate());
        r.put("seed", t.seed());
        for (String p : params) {
            r.put(p, t.parameters().get(p));
        }
        r.put("stop_reason", s.stopReason());
        r.put("final_time_days", s.finalTimeDays());
        r.put("final_cells", s.finalCells());
        r.put("extinct", s.extinct());
        r.put("extinction_time_days", s.extinctionTimeDays());
        r.put("treatment_start_days", s.treatmentStartDays());
        r.put("baseline_cells", s.baselineCells());
        r.put("nadir_cells", s.nadirCells());
        r.put("nadir_time_days", s.nadirTimeDays());
        r.put("best_response", s.bestResponse());
        r.put("progression_time_days", s.progressionTimeDays());
        r.put("time_to_progression_days", s.timeToProgressionDays());
        r.put("resistance_time_days", s.resistanceTimeDays());
        r.put("time_to_resistance_days", s.timeToResistanceDays());
        r.put("dominant_escape", s.dominantEscape());
        r.put("escape_origin", s.escapeOrigin());
        r.put("days_on_treatment", s.daysOnTreatment());
        r.put("clones_ever", s.clonesEver());
        r.put("cell_updates", s.cellUpdates());
        for (String d : drugs) {
            r.put("dose_mg_" + d, s.cumulativeDose().getOrDefault(d, 0.0));
        }
        r.put("version", s.version());
        r.put("config_sha256", s.configSha256());
        return r;
    }

    /** Time to progression from treatment start, censored at the end of follow-up; null if never treated. */
    static Survival.Subject subject(Summary s) {
        if (s.treatmentStartDays() == null) {
            return null;
        }
        if (s.timeToProgressionDays() != null) {
            return new Survival.Subject(s.timeToProgressionDays(), true);
        }
        return new Survival.Subject(s.finalTimeDays() - s.treatmentStartDays(), false);
    }

    static Map<String, List<TaskResult>> groups(Tasks tasks) {
        Map<String, List<TaskResult>> g = new LinkedHashMap<>();
        for (TaskResult t : tasks.results()) {
            g.computeIfAbsent(t.point() + "\u0000" + t.arm(), k -> new ArrayList<>()).add(t);
        }
        return g;
    }

    static List<Map<String, Object>> summary(Tasks tasks, List<String> params, List<String> drugs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        // rows ordered by point, then arm in the order of the sweep file
        TreeMap<Integer, Map<String, List<TaskResult>>> byPoint = new TreeMap<>();
        for (TaskResult t : tasks.results()) {
            byPoint.computeIfAbsent(t.point(), k -> new LinkedHashMap<>()).computeIfAbsent(t.arm(), k -> new ArrayList<>()).add(t);
        }
        for (Map<String, List<TaskResult>> arms : byPoint.values()) {
            for (String arm : tasks.sweep().spec().arms().keySet()) {
                List<TaskResult> g = arms.get(arm);
                if (g == null) {
                    continue;
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("arm", arm);
                r.put("point", g.get(0).point());
                for (String p : params) {
                    r.put(p, g.get(0).parameters().get(p));
                }
                int n = g.size();
                r.put("n", n);
                Map<String, Integer> response = new LinkedHashMap<>();
                for (String k : List.of("CR", "PR", "SD", "PD")) {
                    response.put(k, 0);
                }
                List<Survival.Subject> subjects = new ArrayList<>();
                TreeMap<String, Integer> escapes = new TreeMap<>();
                int pre = 0;
                int acquired = 0;
                int cured = 0;
                double onDrug = 0;
                double followUp = 0;
                Map<String, Double> dose = new TreeMap<>();
                for (TaskResult t : g) {
                    Summary s = t.summary();
                    if (s.bestResponse() != null) {
                        response.merge(s.bestResponse(), 1, Integer::sum);
                    }
                    Survival.Subject sub = subject(s);
                    if (sub != null) {
                        subjects.add(sub);
                        followUp += s.finalTimeDays() - s.treatmentStartDays();
                    }
                    if (s.dominantEscape() != null) {
                        escapes.merge(s.dominantEscape(), 1, Integer::sum);
                    }
                    if ("pre-existing".equals(s.escapeOrigin())) {
                        pre++;
                    } else if ("acquired".equals(s.escapeOrigin())) {
                        acquired++;
                    }
                    if (s.extinct()) {
                        cured++;
                    }
                    onDrug += s.daysOnTreatment();
                    for (String d : drugs) {
                        dose.merge(d, s.cumulativeDose().getOrDefault(d, 0.0), Double::sum);
                    }
                }
                response.forEach((k, v) -> r.put(k.toLowerCase(Locale.ROOT), v));
                r.put("objective_response_rate", (response.get("CR") + response.get("PR")) / (double) n);
                Survival.Curve km = Survival.kaplanMeier(subjects);
                r.put("progressed", km.events());
                r.put("median_ttp_days", nullIfNaN(km.median()));
                r.put("median_ttp_ci_low", nullIfNaN(km.medianLower()));
                r.put("median_ttp_ci_high", nullIfNaN(km.medianUpper()));
                r.put("cure_probability", cured / (double) n);
                r.put("mean_days_on_treatment", onDrug / n);
                r.put("mean_days_off_treatment", (followUp - onDrug) / n);
                for (String d : drugs) {
                    r.put("mean_dose_mg_" + d, dose.get(d) / n);
                }
                r.put("escape_pre_existing", pre);
                r.put("escape_acquired", acquired);
                StringBuilder e = new StringBuilder();
                escapes.forEach((k, v) -> e.append(e.length() > 0 ? "; " : "").append(k).append(": ").append(v));
                r.put("escape_mechanisms", e.toString());
                rows.add(r);
            }
        }
        return rows;
    }

    /**
     * Each arm against the reference arm at each point: log-rank test and hazard ratio of time
     * to progression, and a paired sign test (the arms of one virtual patient share the tumour
     * at diagnosis): in how many patients the arm's time to progression (or to the end of
     * follow-up) was longer or shorter than the reference's.
     */
    static List<Map<String, Object>> comparison(Tasks tasks, List<String> params) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String ref = tasks.sweep().spec().referenceArm();
        Map<String, List<TaskResult>> groups = groups(tasks);
        for (int p = 0; p < tasks.sweep().points().size(); p++) {
            List<TaskResult> reference = groups.get(p + "\u0000" + ref);
            for (String arm : tasks.sweep().spec().arms().keySet()) {
                if (arm.equals(ref) || reference == null) {
                    continue;
                }
                List<TaskResult> g = groups.get(p + "\u0000" + arm);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("arm", arm);
                r.put("reference", ref);
                r.put("point", p);
                for (String path : params) {
                    r.put(path, g.get(0).parameters().get(path));
                }
                List<Survival.Subject> a = g.stream().map(t -> subject(t.summary())).filter(java.util.Objects::nonNull).toList();
                List<Survival.Subject> b = reference.stream().map(t -> subject(t.summary())).filter(java.util.Objects::nonNull).toList();
                Survival.LogRank lr = Survival.logRank(a, b);
                r.put("n", a.size());
                r.put("hazard_ratio", nullIfNaN(lr.hazardRatio()));
                r.put("hazard_ratio_ci_low", nullIfNaN(lr.hazardRatioLower()));
                r.put("hazard_ratio_ci_high", nullIfNaN(lr.hazardRatioUpper()));
                r.put("logrank_chi2", nullIfNaN(lr.chiSquare()));
                r.put("logrank_p", nullIfNaN(lr.p()));
                int longer = 0;
                int shorter = 0;
                Map<Integer, TaskResult> refByReplicate = new TreeMap<>();
                reference.forEach(t -> refByReplicate.put(t.replicate(), t));
                for (TaskResult t : g) {
                    Survival.Subject x = subject(t.summary());
                    TaskResult twin = refByReplicate.get(t.replicate());
                    Survival.Subject y = twin == null ? null : subject(twin.summary());
                    if (x == null || y == null) {
                        continue;
                    }
                    double dx = x.event() ? x.time() : Double.POSITIVE_INFINITY;
                    double dy = y.event() ? y.time() : Double.POSITIVE_INFINITY;
                    if (dx > dy) {
                        longer++;
                    } else if (dx < dy) {
                        shorter++;
                    }
                }
                r.put("paired_longer", longer);
                r.put("paired_shorter", shorter);
                int m = longer + shorter;
                double sign = m == 0 ? Double.NaN
                        : Math.min(1, 2 * BinomialDistribution.of(m, 0.5).cumulativeProbability(Math.min(longer, shorter)));
                r.put("paired_sign_test_p", nullIfNaN(sign));
                rows.add(r);
            }
        }
        return rows;
    }

    private static Object nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    static void csv(Path file, List<Map<String, Object>> rows, List<String> columnsWhenEmpty) throws IOException {
        CsvSchema.Builder b = CsvSchema.builder();
        if (!rows.isEmpty()) {
            rows.get(0).keySet().forEach(b::addColumn);
        } else {
            columnsWhenEmpty.forEach(b::addColumn);
        }
        CsvSchema schema = b.build().withHeader();
        AtomicFiles.write(file, out -> CSV.writer(schema).writeValues(out).writeAll(rows).close());
    }
}
