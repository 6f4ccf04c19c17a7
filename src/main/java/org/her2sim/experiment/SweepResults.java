package org.her2sim.experiment;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.her2sim.config.ConfigException;
import org.her2sim.config.Days;
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

    /**
     * The tasks of a complete sweep, in task order, and the columns results.csv gives them. Read
     * compact from a results directory ({@link SweepResults#readCompact}), the results keep what the summary, comparison and
     * report use, and {@code files} names each task's file, from which results.csv is written
     * row by row; built in memory, {@code files} is null and the results are whole.
     */
    public record Tasks(Sweep sweep, List<TaskResult> results, Layout layout, List<String> drugs, List<Path> files) {
        public Tasks(Sweep sweep, List<TaskResult> results) {
            this(sweep, results, Layout.of(results), drugsOf(results), null);
        }

        /** Each task whole, from its file when the results are compact. */
        void forEachWhole(IoConsumer<TaskResult> action) throws IOException {
            for (int i = 0; i < results.size(); i++) {
                action.accept(files == null ? results.get(i) : TaskFiles.read(files.get(i)));
            }
        }
    }

    /** An action that may fail with an I/O error. */
    interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }

    private SweepResults() {
    }

    /**
     * Reads the tasks of every directory, each whole (cells per marker state, overrides, every
     * drawn value); refuses foreign, duplicated (with other content) or missing tasks.
     */
    public static Tasks read(Sweep sweep, List<Path> dirs) throws IOException {
        return read(sweep, dirs, false);
    }

    /**
     * Reads the tasks as {@link #read} does, keeping of each only what the summary, comparison
     * and report use ({@link #compact}): a merge of many patients then holds about a tenth of
     * their results in memory, and results.csv is written from the files, row by row.
     */
    public static Tasks readCompact(Sweep sweep, List<Path> dirs) throws IOException {
        return read(sweep, dirs, true);
    }

    private static Tasks read(Sweep sweep, List<Path> dirs, boolean compact) throws IOException {
        TreeMap<Integer, TaskResult> byId = new TreeMap<>();
        Map<Integer, Path> fileOf = new java.util.HashMap<>();
        TreeSet<String> states = new TreeSet<>();
        TreeSet<String> drugs = new TreeSet<>();
        Map<String, String> interned = new java.util.HashMap<>();
        List<String> pointParameters = sweep.parameterPaths();
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
                        t = TaskFiles.read(f);
                    } catch (IOException e) {
                        throw new ConfigException(f + ": " + e.getMessage().lines().findFirst().orElse("unreadable")
                                + "; run the sweep again with --resume to redo this task");
                    }
                    // the file's number names the planned task it must hold
                    int id = TaskFiles.idOf(f);
                    Sweep.Task planned = id >= 0 && id < sweep.tasks().size() ? sweep.tasks().get(id) : null;
                    String problem = planned == null ? "is not a task this sweep plans" : TaskFiles.problem(t, planned);
                    if (problem != null) {
                        throw new ConfigException(f + ": " + problem + "; run the sweep again with --resume to redo it");
                    }
                    TaskResult before = byId.get(t.taskId());
                    if (before == null) {
                        Layout.addStates(t, states);
                        drugs.addAll(t.summary().cumulativeDose().keySet());
                        byId.put(t.taskId(), compact ? compact(t, pointParameters, interned) : t);
                        fileOf.put(t.taskId(), f);
                    } else if (!same(compact ? TaskFiles.read(fileOf.get(t.taskId())) : before, t)) {
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
        List<TaskResult> results = new ArrayList<>(byId.values());
        return new Tasks(sweep, results, Layout.of(results, states), List.copyOf(drugs),
                compact ? byId.keySet().stream().map(fileOf::get).toList() : null);
    }

    /**
     * A task as the summary, comparison and report use it: without its cells per marker state, its
     * overrides and its drawn values (only the sweep's point parameters stay), and with repeated
     * texts (arms, responses, drugs, reasons) shared. results.csv reads the rest from the file.
     */
    static TaskResult compact(TaskResult t, List<String> pointParameters, Map<String, String> interned) {
        java.util.function.UnaryOperator<String> in = x -> x == null ? null : interned.computeIfAbsent(x, k -> k);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String p : pointParameters) {
            parameters.put(in.apply(p), in.apply(t.parameters().get(p)));
        }
        Summary s = t.summary();
        List<Summary.Line> lines = s.lines().stream().map(l -> new Summary.Line(l.line(), l.startDays(), in.apply(l.drugs()),
                l.baselineCells(), l.nadirCells(), l.nadirTimeDays(), in.apply(l.bestResponse()), l.objectiveResponse(),
                l.clinicalBenefit(), l.pfsDays(), l.pfsEvent(), in.apply(l.end()))).toList();
        Map<String, Double> dose = new TreeMap<>();
        s.cumulativeDose().forEach((d, mg) -> dose.put(in.apply(d), mg));
        Summary slim = new Summary(in.apply(s.scenario()), s.seed(), in.apply(s.engine()), s.stopReason(), s.finalTimeDays(),
                s.finalCells(), s.extinct(), s.extinctionTimeDays(), s.treatmentStartDays(), s.followUpEndDays(), s.baselineCells(),
                s.nadirCells(), s.nadirTimeDays(), s.log10KillNadir(), in.apply(s.bestResponse()), s.objectiveResponse(),
                s.clinicalBenefit(), s.progressionTimeDays(), s.timeToProgressionDays(), s.pfsDays(), s.pfsEvent(), s.ttfDays(),
                s.ttfEvent(), in.apply(s.ttfReason()), s.osDays(), s.osEvent(), s.resistanceTimeDays(), s.timeToResistanceDays(),
                in.apply(s.dominantEscape()), in.apply(s.escapeOrigin()), lines, s.readouts(), Map.of(), dose, s.daysOnTreatment(),
                s.clonesEver(), s.cellUpdates(), s.variantSteps(), s.wallSeconds(), in.apply(s.version()), s.configSha256());
        List<TaskResult.PhaseSpan> phases = t.phases().stream()
                .map(p -> new TaskResult.PhaseSpan(in.apply(p.name()), p.startDays(), p.endDays(), p.treating())).toList();
        return new TaskResult(t.taskId(), in.apply(t.arm()), t.point(), t.replicate(), t.seed(), parameters, List.of(), slim, phases);
    }

    private static boolean same(TaskResult a, TaskResult b) {
        return a.seed() == b.seed() && a.arm().equals(b.arm()) && a.summary().withoutRunInfo().equals(b.summary().withoutRunInfo());
    }

    /** The time-to-event endpoints, in the order the tables list them. */
    static final List<String> ENDPOINTS = List.of("pfs", "ttf", "os");

    /** Writes results.csv, summary.csv and comparison.csv into {@code out}. */
    public static void write(Tasks tasks, Path out) throws IOException {
        writeResults(tasks, out.resolve("results.csv"));
        csv(out.resolve("summary.csv"), summaryTable(tasks), List.of());
        // with a single arm there is nothing to compare: the file keeps its header
        csv(out.resolve("comparison.csv"), comparisonTable(tasks), comparisonColumns(tasks));
        ResultsDatabase.writeParquet(out);
    }

    /** The rows of results.csv (one per task), column name to value, in the file's column order. */
    public static List<Map<String, Object>> resultsTable(Tasks tasks) {
        List<String> columns = parameterColumns(tasks);
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            tasks.forEachWhole(t -> rows.add(row(t, columns, tasks.drugs(), tasks.layout(), tasks.sweep().spec().randomise())));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * results.csv as {@link #resultsTable} has it, each row written as soon as it is made: the
     * table of a large sweep is never held whole (with its hundred-odd columns it would take
     * several times the memory of the results themselves).
     */
    private static void writeResults(Tasks tasks, Path file) throws IOException {
        List<String> columns = parameterColumns(tasks);
        AtomicFiles.write(file, out -> {
            SequenceWriter[] w = {null};
            tasks.forEachWhole(t -> {
                Map<String, Object> r = row(t, columns, tasks.drugs(), tasks.layout(), tasks.sweep().spec().randomise());
                if (w[0] == null) {
                    CsvSchema.Builder b = CsvSchema.builder();
                    r.keySet().forEach(b::addColumn);
                    w[0] = CSV.writer(b.build().withHeader()).writeValues(out);
                }
                w[0].write(r);
            });
            if (w[0] == null) {
                w[0] = CSV.writer(CsvSchema.builder().build().withHeader()).writeValues(out);
            }
            w[0].close();
        });
    }

    /** results.csv's parameter columns: the sweep's point parameters, then each patient's drawn values. */
    private static List<String> parameterColumns(Tasks tasks) {
        List<String> columns = new ArrayList<>(tasks.sweep().parameterPaths());
        columns.addAll(tasks.sweep().patientPaths());
        return columns;
    }

    /** The rows of summary.csv (one per arm and point). */
    public static List<Map<String, Object>> summaryTable(Tasks tasks) {
        return summary(tasks, tasks.sweep().parameterPaths(), tasks.drugs());
    }

    /** The rows of comparison.csv (each arm against the reference arm, per point and endpoint). */
    public static List<Map<String, Object>> comparisonTable(Tasks tasks) {
        return comparison(tasks, tasks.sweep().parameterPaths());
    }

    private static List<String> comparisonColumns(Tasks tasks) {
        List<String> columns = new ArrayList<>(List.of("arm", "reference", "point"));
        columns.addAll(tasks.sweep().parameterPaths());
        columns.addAll(List.of("endpoint", "n", "n_reference", "events", "events_reference", "hazard_ratio",
                "hazard_ratio_ci_low", "hazard_ratio_ci_high", "cox_p", "logrank_chi2", "logrank_p", "peto_hazard_ratio",
                "paired_longer", "paired_shorter", "paired_sign_test_p"));
        return columns;
    }

    /**
     * The Kaplan–Meier curve of one arm at one point for an endpoint ("pfs", "ttf" or "os", from
     * randomisation, analysed patients only), as summary.csv's medians are read off; empty when
     * the arm has no patients there or some patient's value is unknown.
     */
    public static Optional<Survival.Curve> curve(Tasks tasks, int point, String arm, String endpoint) {
        if (!ENDPOINTS.contains(endpoint)) {
            throw new ConfigException("endpoint: expected one of " + ENDPOINTS + ", got '" + endpoint + "'");
        }
        List<Survival.Subject> subjects = subjects(patients(tasks, point, arm), endpoint);
        return subjects == null || subjects.isEmpty() ? Optional.empty() : Optional.of(Survival.kaplanMeier(subjects));
    }

    private static List<String> drugsOf(List<TaskResult> results) {
        TreeSet<String> drugs = new TreeSet<>();
        results.forEach(t -> drugs.addAll(t.summary().cumulativeDose().keySet()));
        return List.copyOf(drugs);
    }

    /**
     * Which per-line, readout and marker columns results.csv has: as many lines as the longest
     * run reached, every readout, and every marker state other than each marker's first.
     */
    public record Layout(int lines, List<String> readouts, List<String> moments, List<String> states) {
        static Layout of(List<TaskResult> results) {
            TreeSet<String> states = new TreeSet<>();
            results.forEach(t -> addStates(t, states));
            return of(results, states);
        }

        /** The marker states a task's cells were counted in (results.csv has a column for each). */
        static void addStates(TaskResult t, TreeSet<String> states) {
            t.summary().markerCells().values().forEach(cells -> states.addAll(cells.keySet()));
        }

        /** The layout of results in task order, with the marker states gathered from them whole. */
        static Layout of(List<TaskResult> results, TreeSet<String> states) {
            int lines = 0;
            LinkedHashSet<String> readouts = new LinkedHashSet<>();
            LinkedHashSet<String> moments = new LinkedHashSet<>(List.of("treatment_start", "nadir"));
            for (TaskResult t : results) {
                Summary s = t.summary();
                lines = Math.max(lines, s.lines().size());
                s.readouts().forEach(r -> readouts.add(r.name()));
            }
            for (int k = 1; k <= lines; k++) {
                moments.add("progression_line" + k);
            }
            moments.add("strategy_failure");
            moments.add("end");
            return new Layout(lines, List.copyOf(readouts), List.copyOf(moments), List.copyOf(states));
        }
    }

    static Map<String, Object> row(TaskResult t, List<String> params, List<String> drugs, Layout layout, SweepSpec.Randomise randomise) {
        Summary s = t.summary();
        TrialPatient p = TrialPatient.of(t, randomise);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("task_id", t.taskId());
        r.put("arm", t.arm());
        r.put("point", t.point());
        r.put("replicate", t.replicate());
        r.put("seed", t.seed());
        for (String param : params) {
            r.put(param, t.parameters().get(param));
        }
        r.put("stop_reason", s.stopReason() == null ? null : s.stopReason().text());
        r.put("final_time_days", s.finalTimeDays());
        r.put("final_cells", s.finalCells());
        r.put("extinct", s.extinct());
        r.put("extinction_time_days", s.extinctionTimeDays());
        r.put("treatment_start_days", s.treatmentStartDays());
        r.put("follow_up_end_days", s.followUpEndDays());
        r.put("baseline_cells", s.baselineCells());
        r.put("nadir_cells", s.nadirCells());
        r.put("nadir_time_days", s.nadirTimeDays());
        r.put("log10_kill_nadir", s.log10KillNadir());
        r.put("randomised", p.randomised());
        r.put("eligible", p.eligible());
        r.put("randomisation_time_days", p.randomised() ? p.randomisationDays() : null);
        r.put("best_response", p.line() == null ? null : p.line().bestResponse());
        r.put("objective_response", p.line() == null ? null : p.line().objectiveResponse());
        r.put("clinical_benefit", p.line() == null ? null : p.line().clinicalBenefit());
        for (String e : ENDPOINTS) {
            Survival.Subject x = p.randomised() ? p.subject(e) : null;
            r.put(e + "_days", x == null ? null : x.time());
            r.put(e + "_event", x == null ? null : x.event());
        }
        r.put("ttf_reason", s.ttfReason());
        r.put("progression_time_days", s.progressionTimeDays());
        r.put("time_to_progression_days", s.timeToProgressionDays());
        r.put("resistance_time_days", s.resistanceTimeDays());
        r.put("time_to_resistance_days", s.timeToResistanceDays());
        r.put("dominant_escape", s.dominantEscape());
        r.put("escape_origin", s.escapeOrigin());
        for (int k = 1; k <= layout.lines(); k++) {
            Summary.Line l = k <= s.lines().size() ? s.lines().get(k - 1) : null;
            r.put("line" + k + "_start_days", l == null ? null : l.startDays());
            r.put("line" + k + "_drugs", l == null ? null : l.drugs());
            r.put("line" + k + "_best_response", l == null ? null : l.bestResponse());
            r.put("pfs" + k + "_days", l == null ? null : l.pfsDays());
            r.put("pfs" + k + "_event", l == null ? null : l.pfsEvent());
            r.put("line" + k + "_end", l == null ? null : l.end());
        }
        for (String name : layout.readouts()) {
            Summary.Readout x = p.readout(name);
            r.put("readout_" + name + "_cells", x == null ? null : x.cells());
            r.put("readout_" + name + "_log10_kill", x == null ? null : x.log10Kill());
            r.put("readout_" + name + "_pcr", x == null ? null : x.pcr());
            r.put("readout_" + name + "_response", x == null ? null : x.response());
        }
        r.put("days_on_treatment", s.daysOnTreatment());
        r.put("clones_ever", s.clonesEver());
        r.put("cell_updates", s.cellUpdates());
        r.put("variant_steps", s.variantSteps());
        for (String d : drugs) {
            r.put("dose_mg_" + d, s.cumulativeDose().getOrDefault(d, 0.0));
        }
        for (String moment : layout.moments()) {
            Map<String, Long> cells = s.markerCells().get(moment);
            for (String state : layout.states()) {
                r.put("cells_" + moment + "_" + state.replace('=', '_'), cells == null ? null : cells.get(state));
            }
        }
        r.put("version", s.version());
        r.put("config_sha256", s.configSha256());
        return r;
    }

    static Map<String, List<TaskResult>> groups(Tasks tasks) {
        Map<String, List<TaskResult>> g = new LinkedHashMap<>();
        for (TaskResult t : tasks.results()) {
            g.computeIfAbsent(t.point() + "\u0000" + t.arm(), k -> new ArrayList<>()).add(t);
        }
        return g;
    }

    /** The patients of one arm at one point, as the trial analyses them. */
    static List<TrialPatient> patients(Tasks tasks, int point, String arm) {
        return groups(tasks).getOrDefault(point + "\u0000" + arm, List.of()).stream()
                .map(t -> TrialPatient.of(t, tasks.sweep().spec().randomise())).toList();
    }

    /** The analysed (eligible) patients' subjects for one endpoint; null when some patient's value is unknown. */
    static List<Survival.Subject> subjects(List<TrialPatient> patients, String endpoint) {
        List<Survival.Subject> out = new ArrayList<>();
        for (TrialPatient p : patients) {
            if (p.eligible()) {
                Survival.Subject x = p.subject(endpoint);
                if (x == null) {
                    return null;
                }
                out.add(x);
            }
        }
        return out;
    }

    static List<Map<String, Object>> summary(Tasks tasks, List<String> params, List<String> drugs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> readouts = tasks.layout().readouts();
        List<Days> landmarks = tasks.sweep().spec().landmarks();
        for (int point = 0; point < tasks.sweep().points().size(); point++) {
            for (String arm : tasks.sweep().spec().arms().keySet()) {
                List<TrialPatient> all = patients(tasks, point, arm);
                if (all.isEmpty()) {
                    continue;
                }
                List<TrialPatient> g = all.stream().filter(TrialPatient::eligible).toList();
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("arm", arm);
                r.put("point", point);
                for (String p : params) {
                    r.put(p, all.get(0).task().parameters().get(p));
                }
                int n = g.size();
                r.put("n_patients", all.size());
                r.put("n_treated", all.stream().filter(TrialPatient::treated).count());
                r.put("n_randomised", all.stream().filter(TrialPatient::randomised).count());
                r.put("n", n);
                Map<String, Integer> response = new LinkedHashMap<>();
                for (String k : List.of("CR", "PR", "SD", "PD", "NE")) {
                    response.put(k, 0);
                }
                int benefit = 0;
                for (TrialPatient p : g) {
                    response.merge(p.line().bestResponse(), 1, Integer::sum);
                    benefit += p.line().clinicalBenefit() ? 1 : 0;
                }
                response.forEach((k, v) -> r.put(k.toLowerCase(Locale.ROOT), v));
                rate(r, "orr", response.get("CR") + response.get("PR"), n);
                rate(r, "cbr", benefit, n);
                for (String name : readouts) {
                    int pcr = (int) g.stream().filter(p -> p.readout(name) != null && p.readout(name).pcr()).count();
                    rate(r, "pcr_" + name, pcr, n);
                }
                double[] kills = g.stream().map(p -> p.task().summary().log10KillNadir()).filter(Objects::nonNull)
                        .mapToDouble(Double::doubleValue).sorted().toArray();
                r.put("median_log10_kill_nadir", kills.length == 0 ? null : kills[kills.length / 2]);
                for (String e : ENDPOINTS) {
                    List<Survival.Subject> subjects = subjects(g, e);
                    Survival.Curve km = subjects == null ? null : Survival.kaplanMeier(subjects);
                    r.put(e + "_events", km == null ? null : km.events());
                    r.put("median_" + e + "_days", km == null ? null : nullIfNaN(km.median()));
                    r.put("median_" + e + "_ci_low", km == null ? null : nullIfNaN(km.medianLower()));
                    r.put("median_" + e + "_ci_high", km == null ? null : nullIfNaN(km.medianUpper()));
                    for (Days at : landmarks) {
                        String name = e + "_at_" + at.text().replace(" ", "");
                        boolean followed = km != null && subjects.stream().anyMatch(x -> x.time() >= at.days() - 1e-9);
                        double[] v = followed ? km.at(at.days()) : null;
                        r.put(name, v == null ? null : v[0]);
                        r.put(name + "_ci_low", v == null ? null : v[1]);
                        r.put(name + "_ci_high", v == null ? null : v[2]);
                    }
                }
                r.put("cure_probability", g.isEmpty() ? null : g.stream().filter(p -> p.task().summary().extinct()).count() / (double) n);
                double onDrug = 0;
                double followUp = 0;
                Map<String, Double> dose = new TreeMap<>();
                TreeMap<String, Integer> escapes = new TreeMap<>();
                int pre = 0;
                int acquired = 0;
                for (TrialPatient p : g) {
                    Summary s = p.task().summary();
                    onDrug += s.daysOnTreatment();
                    followUp += s.finalTimeDays() - s.treatmentStartDays();
                    for (String d : drugs) {
                        dose.merge(d, s.cumulativeDose().getOrDefault(d, 0.0), Double::sum);
                    }
                    if (s.dominantEscape() != null) {
                        escapes.merge(s.dominantEscape(), 1, Integer::sum);
                    }
                    pre += "pre-existing".equals(s.escapeOrigin()) ? 1 : 0;
                    acquired += "acquired".equals(s.escapeOrigin()) ? 1 : 0;
                }
                r.put("mean_days_on_treatment", n == 0 ? null : onDrug / n);
                r.put("mean_days_off_treatment", n == 0 ? null : (followUp - onDrug) / n);
                for (String d : drugs) {
                    r.put("mean_dose_mg_" + d, n == 0 ? null : dose.get(d) / n);
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

    /** A rate with its exact (Clopper–Pearson) 95 % interval. */
    private static void rate(Map<String, Object> r, String name, int k, int n) {
        double[] ci = Survival.clopperPearson(k, n);
        r.put(name, n == 0 ? null : k / (double) n);
        r.put(name + "_ci_low", nullIfNaN(ci[0]));
        r.put(name + "_ci_high", nullIfNaN(ci[1]));
    }

    /**
     * Each arm against the reference arm at each point, for each time-to-event endpoint: the Cox
     * hazard ratio with its 95 % interval and Wald p, the log-rank test and Peto's hazard ratio,
     * and with paired allocation a sign test over patients (the arms of one virtual patient share
     * the tumour until randomisation): in how many the arm's time (or follow-up) was longer or
     * shorter than the reference's.
     */
    static List<Map<String, Object>> comparison(Tasks tasks, List<String> params) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String ref = tasks.sweep().spec().referenceArm();
        boolean paired = tasks.sweep().spec().allocation() == SweepSpec.Allocation.PAIRED;
        for (int point = 0; point < tasks.sweep().points().size(); point++) {
            List<TrialPatient> reference = patients(tasks, point, ref);
            if (reference.isEmpty()) {
                continue;
            }
            for (String arm : tasks.sweep().spec().arms().keySet()) {
                if (arm.equals(ref)) {
                    continue;
                }
                List<TrialPatient> g = patients(tasks, point, arm);
                for (String endpoint : ENDPOINTS) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("arm", arm);
                    r.put("reference", ref);
                    r.put("point", point);
                    for (String path : params) {
                        r.put(path, g.get(0).task().parameters().get(path));
                    }
                    r.put("endpoint", endpoint);
                    List<Survival.Subject> a = subjects(g, endpoint);
                    List<Survival.Subject> b = subjects(reference, endpoint);
                    boolean known = a != null && b != null;
                    Survival.LogRank lr = known ? Survival.logRank(a, b) : null;
                    Survival.Cox cox = known ? Survival.cox(a, b) : null;
                    r.put("n", a == null ? null : a.size());
                    r.put("n_reference", b == null ? null : b.size());
                    r.put("events", a == null ? null : a.stream().filter(Survival.Subject::event).count());
                    r.put("events_reference", b == null ? null : b.stream().filter(Survival.Subject::event).count());
                    r.put("hazard_ratio", cox == null ? null : nullIfNaN(cox.hazardRatio()));
                    r.put("hazard_ratio_ci_low", cox == null ? null : nullIfNaN(cox.lower()));
                    r.put("hazard_ratio_ci_high", cox == null ? null : nullIfNaN(cox.upper()));
                    r.put("cox_p", cox == null ? null : nullIfNaN(cox.p()));
                    r.put("logrank_chi2", lr == null ? null : nullIfNaN(lr.chiSquare()));
                    r.put("logrank_p", lr == null ? null : nullIfNaN(lr.p()));
                    r.put("peto_hazard_ratio", lr == null ? null : nullIfNaN(lr.hazardRatio()));
                    Integer longer = null;
                    Integer shorter = null;
                    Double sign = null;
                    if (paired && known) {
                        int l = 0;
                        int sh = 0;
                        Map<Integer, TrialPatient> twins = new TreeMap<>();
                        reference.forEach(t -> twins.put(t.task().replicate(), t));
                        for (TrialPatient p : g) {
                            TrialPatient twin = twins.get(p.task().replicate());
                            if (!p.eligible() || twin == null || !twin.eligible()) {
                                continue;
                            }
                            Survival.Subject x = p.subject(endpoint);
                            Survival.Subject y = twin.subject(endpoint);
                            double dx = x.event() ? x.time() : Double.POSITIVE_INFINITY;
                            double dy = y.event() ? y.time() : Double.POSITIVE_INFINITY;
                            l += dx > dy ? 1 : 0;
                            sh += dx < dy ? 1 : 0;
                        }
                        longer = l;
                        shorter = sh;
                        int m = l + sh;
                        sign = m == 0 ? null : Math.min(1, 2 * BinomialDistribution.of(m, 0.5).cumulativeProbability(Math.min(l, sh)));
                    }
                    r.put("paired_longer", longer);
                    r.put("paired_shorter", shorter);
                    r.put("paired_sign_test_p", sign);
                    rows.add(r);
                }
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
