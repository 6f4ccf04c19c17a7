package org.her2sim.assay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.her2sim.config.Check;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.ConfigProblem;
import org.her2sim.config.Days;
import org.her2sim.config.Origins;
import org.her2sim.config.PatientDraw;
import org.her2sim.experiment.DiagnosisSnapshots;
import org.her2sim.io.AtomicFiles;
import org.her2sim.experiment.PublishedFigures;
import org.her2sim.experiment.Sweep;
import org.her2sim.experiment.SweepResults;
import org.her2sim.experiment.VirtualTrial;

/**
 * The in-patient calibration (configs/calibration/clinic.yaml; docs/validation.md, "The clinic"):
 * the virtual trials of the training set run with candidate values of a few in-patient parameters,
 * and a documented objective over the figures marked fitted:
 * <pre>
 *   objective = Σ_fitted r² + 4 × (orderings that do not hold)
 *   r = (simulated − published) / tolerance                          rates (response, pCR, landmarks)
 *   r = ln(simulated / published) / ln-tolerance                     medians and hazard ratios
 * </pre>
 * where the tolerance is half the published 95 % interval (on the log scale for medians and
 * ratios) or, where the paper gives none, 10 percentage points for a rate and ln 1.25 for a median
 * — so |r| = 1 is the edge of "agrees" in the report. A median not reached (or a figure no
 * patient reached) counts as r = 3. The
 * search is Nelder–Mead (Commons Math) on the logarithms of the parameters within their bounds, from
 * the current defaults; every evaluation uses the same virtual patients (common random numbers:
 * seeds and drawn deviates depend only on the patient's index), each tumour grown to diagnosis
 * once ({@link DiagnosisSnapshots}), so the objective is a deterministic function of the values
 * and the fit is reproducible whatever the thread count.
 */
public final class ClinicCalibration {
    /**
     * The calibration file; {@code notes} explain why the model does not reproduce figures
     * ({@code trial.arm.endpoint}; shown in docs/validation.md beside each failure).
     */
    public record Spec(String description, List<Trial> trials, List<Ordering> orderings, List<Parameter> parameters, Search search,
                       List<Note> notes, ClinicKinetics.Spec kinetics) {
        public Spec {
            description = description == null ? "" : description;
            notes = notes == null ? List.of() : List.copyOf(notes);
            Set<String> explained = new HashSet<>();
            for (Note n : notes) {
                for (String f : n.figures()) {
                    if (!explained.add(f)) {
                        throw new ConfigProblem("notes", "figure " + f + " has more than one note");
                    }
                }
            }
            trials = trials == null ? List.of() : List.copyOf(trials);
            orderings = orderings == null ? List.of() : List.copyOf(orderings);
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
            if (trials.isEmpty()) {
                throw new ConfigProblem("trials", "expected at least one trial (a sweep file with published figures)");
            }
            search = search == null ? new Search(null, null, null, null) : search;
        }

        /** Why the model does not reproduce a figure ({@code trial.arm.endpoint}), or "" without a note. */
        public String note(String figure) {
            return notes.stream().filter(n -> n.figures().contains(figure)).map(Note::reason).findFirst().orElse("");
        }
    }

    /** The model's reason for not reproducing some figures ({@code trial.arm.endpoint}). */
    public record Note(List<String> figures, String reason) {
        public Note {
            figures = figures == null ? List.of() : List.copyOf(figures);
            if (figures.isEmpty()) {
                throw new ConfigProblem("figures", "expected at least one figure (trial.arm.endpoint)");
            }
            reason = Check.required("reason", reason);
        }
    }

    /**
     * A virtual trial of the training set: its sweep file (relative to the calibration file), and
     * which of its published figures are fitted ({@code arm.endpoint}, {@code arm.hr_pfs}; "all");
     * the others are checks the fit does not see.
     */
    public record Trial(String file, List<String> fitted) {
        public Trial {
            file = Check.required("file", file);
            fitted = fitted == null ? List.of() : List.copyOf(fitted);
        }

        /** The trial's name: its file name without the extension. */
        public String name() {
            String f = Path.of(file).getFileName().toString();
            return f.endsWith(".yaml") ? f.substring(0, f.length() - 5) : f;
        }

        boolean fits(PublishedFigures.Row row) {
            return fitted.contains("all") || fitted.contains(row.key());
        }
    }

    /**
     * An ordering the clinic shows and the model must keep: in {@code trial}, arm {@code better}
     * has the larger {@code endpoint} (a longer median, a higher rate) than arm {@code than}.
     */
    public record Ordering(String trial, String better, String than, String endpoint, String source) {
        public Ordering {
            trial = Check.required("trial", trial);
            better = Check.required("better", better);
            than = Check.required("than", than);
            endpoint = Check.required("endpoint", endpoint);
            source = source == null ? "" : source;
        }

        public String text() {
            return trial + ": " + better + " > " + than + " in " + endpoint;
        }
    }

    /**
     * A fitted parameter: the settings it sets ({@code set}, each to the same value) or the spread
     * of a patient draw ({@code draw} with {@code field} sd or cv), its bounds, the file where its
     * default lives, what it means, and the trials it applies to (none named: all).
     */
    public record Parameter(String name, String meaning, List<String> set, String draw, String field, List<Double> bounds, String file,
                            List<String> trials) {
        public Parameter {
            name = Check.required("name", name);
            trials = trials == null ? List.of() : List.copyOf(trials);
            meaning = meaning == null ? "" : meaning;
            set = set == null ? List.of() : List.copyOf(set);
            if (set.isEmpty() == (draw == null)) {
                throw new ConfigProblem("parameters." + name, "expected either set: [paths] or draw: PATH with field: sd or cv");
            }
            if (draw != null) {
                field = Check.oneOf("parameters." + name + ".field", field, null, "sd", "cv");
            }
            if (bounds == null || bounds.size() != 2 || !(bounds.get(0) > 0) || !(bounds.get(1) > bounds.get(0))) {
                throw new ConfigProblem("parameters." + name + ".bounds", "expected [lower, upper] with 0 < lower < upper");
            }
            file = file == null ? "" : file;
        }

        /** Whether the parameter applies to a trial (no {@code trials}: to every trial). */
        public boolean appliesTo(String trial) {
            return trials.isEmpty() || trials.contains(trial);
        }

        double clamp(double v) {
            return Math.max(bounds.get(0), Math.min(bounds.get(1), v));
        }
    }

    /**
     * Patients per arm while searching and to confirm, the search's budget of evaluations, and the
     * follow-up while searching (shorter than the trials' own: the fitted figures are read early).
     */
    public record Search(Integer patients, Integer confirm, Integer evaluations, Days followUp) {
        public Search {
            followUp = Check.duration("search.follow_up", followUp, "3y", false);
            patients = atLeastOne("search.patients", patients, 40);
            confirm = atLeastOne("search.confirm", confirm, 100);
            evaluations = atLeastOne("search.evaluations", evaluations, 60);
        }

        private static int atLeastOne(String field, Integer v, int fallback) {
            if (v != null && v < 1) {
                throw new ConfigProblem(field, "expected at least 1, got " + v);
            }
            return v == null ? fallback : v;
        }
    }

    /** One published figure in an evaluation: the trial, the figure, whether it was fitted, its residual. */
    public record FigureRow(String trial, PublishedFigures.Row figure, boolean fitted, double residual) {
    }

    /** An ordering in an evaluation: the two simulated values and whether it holds. */
    public record OrderingRow(Ordering ordering, double better, double than, boolean holds) {
    }

    /** The training set run once at the given values. */
    public record Evaluation(double[] values, List<FigureRow> figures, List<OrderingRow> orderings, double objective, int patients,
                             double seconds) {
        public long fittedCount() {
            return figures.stream().filter(FigureRow::fitted).count();
        }
    }

    /**
     * What a fit found, kept beside the calibration file ({@code clinic-fit.json}) for
     * docs/validation.md: the values of the parameters it fitted (by name), its objective over the
     * trials it ran, evaluations, patients per arm, wall time and threads.
     */
    public record FitRecord(Map<String, Double> values, List<String> trials, double objective, int evaluations, int patients, double seconds,
                            int threads, String version, String date, List<String> refitted, boolean every) {
        public FitRecord {
            values = new LinkedHashMap<>(values);
            trials = trials == null ? List.of() : List.copyOf(trials);
            refitted = refitted == null ? List.of() : List.copyOf(refitted);
        }
    }

    /** The fits that set the current defaults, in the order they ran (a fit of every parameter replaces the others). */
    public record FitRecords(List<FitRecord> fits) {
        public FitRecords {
            fits = fits == null ? List.of() : List.copyOf(fits);
        }
    }

    /** The records of the fits kept, oldest first (none kept: empty). */
    public List<FitRecord> fits() {
        Path f = fitRecordFile();
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        try {
            return FIT_JSON.readValue(f.toFile(), FitRecords.class).fits();
        } catch (IOException e) {
            throw new ConfigException(f + ": not a record of fits (" + e.getMessage().lines().findFirst().orElse("") + "); it only lists "
                    + "the fits behind the defaults in docs/validation.md: move it aside to start the record anew (the defaults stay in configs/)");
        }
    }

    /**
     * Keeps a fit's record beside the calibration file (written atomically): a fit of every
     * parameter replaces the records kept; a fit of some keeps the earlier records but moves
     * their values of the parameters it refitted to their {@code refitted} names.
     */
    public void keep(Fit fit, int patients, String version) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < spec.parameters().size(); i++) {
            if (fit.fitted().contains(i)) {
                values.put(spec.parameters().get(i).name(), fit.best().values()[i]);
            }
        }
        FitRecord r = new FitRecord(values, fit.trials(), fit.best().objective(), fit.evaluations().size(), patients, fit.seconds(), threads,
                version, java.time.LocalDate.now().toString(), List.of(), values.size() == spec.parameters().size());
        List<FitRecord> kept = new ArrayList<>();
        if (values.size() < spec.parameters().size()) {
            for (FitRecord old : fits()) {
                Map<String, Double> rest = new LinkedHashMap<>(old.values());
                rest.keySet().removeAll(values.keySet());
                List<String> refitted = new ArrayList<>(old.refitted());
                old.values().keySet().stream().filter(values::containsKey).forEach(refitted::add);
                if (!rest.isEmpty()) {
                    kept.add(new FitRecord(rest, old.trials(), old.objective(), old.evaluations(), old.patients(), old.seconds(), old.threads(),
                            old.version(), old.date(), refitted, old.every()));
                }
            }
        }
        kept.add(r);
        AtomicFiles.write(fitRecordFile(), out -> FIT_JSON.writeValue(out, new FitRecords(kept)));
    }

    /** Whether a kept fit's values are the current defaults (to 0.1 %). */
    public boolean isCurrent(FitRecord r) {
        double[] now = current();
        for (var e : r.values().entrySet()) {
            int i = indexOf(e.getKey());
            if (i < 0 || Math.abs(e.getValue() - now[i]) > 1e-3 * Math.abs(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String parameter) {
        for (int i = 0; i < spec.parameters().size(); i++) {
            if (spec.parameters().get(i).name().equals(parameter)) {
                return i;
            }
        }
        return -1;
    }

    private Path fitRecordFile() {
        return file.resolveSibling(file.getFileName().toString().replaceFirst("\\.yaml$", "") + "-fit.json");
    }

    private static final ObjectMapper FIT_JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** A fit: every evaluation in order, the best, the indices of the parameters it fitted and the trials it ran. */
    public record Fit(List<Evaluation> evaluations, Evaluation best, double seconds, Set<Integer> fitted, List<String> trials) {
    }

    private static final double NOT_REACHED_RESIDUAL = 3;
    private static final double ORDERING_PENALTY = 4;

    private final Path file;
    private final Spec spec;
    private final int threads;
    private final DiagnosisSnapshots snapshots = new DiagnosisSnapshots();
    /** Parameters whose settings are durations (written with a unit). */
    private final Set<String> durations = new HashSet<>();

    /** The calibration file (configs/calibration/clinic.yaml), run on {@code threads} threads. */
    public ClinicCalibration(Path file, int threads) {
        this.file = file;
        ConfigLoader loader = new ConfigLoader();
        this.spec = loader.bind(loader.readTree(file), Spec.class, new Origins(file.toString()));
        this.threads = threads;
        current(); // checks every parameter against the trials and learns which are durations
        fits(); // a record that cannot be read is reported now, not after an hour's fit
        Set<String> trials = spec.trials().stream().map(Trial::name).collect(Collectors.toSet());
        for (Ordering o : spec.orderings()) {
            if (!trials.contains(o.trial())) {
                throw ConfigException.at(file.toString(), "orderings", "'" + o.trial() + "' is not a trial of this file; trials: "
                        + String.join(", ", trials));
            }
        }
    }

    public Spec spec() {
        return spec;
    }

    /** The parameters' current values: the defaults the trials run with (durations in days). */
    public double[] current() {
        double[] v = new double[spec.parameters().size()];
        for (int i = 0; i < v.length; i++) {
            Parameter p = spec.parameters().get(i);
            Trial trial = spec.trials().stream().filter(t -> p.appliesTo(t.name())).findFirst().orElseThrow(() ->
                    ConfigException.at(file.toString(), "parameters." + p.name() + ".trials", "names no trial of this file"));
            Sweep sweep = load(trial, null, 1, null);
            if (p.draw() != null) {
                PatientDraw d = sweep.patientDraws().stream().filter(x -> x.path().equals(p.draw())).findFirst().orElseThrow(() ->
                        ConfigException.at(file.toString(), "parameters." + p.name() + ".draw", "no patient draws '" + p.draw() + "'"));
                v[i] = p.field().equals("sd") ? d.sd() : d.cv();
            } else {
                JsonNode n = ConfigLoader.valueAt(sweep.baseScenario(), p.set().get(0));
                if (n != null && n.isTextual()) {
                    v[i] = Days.parse(n.asText()).days();
                    durations.add(p.name());
                } else if (n != null && n.isNumber()) {
                    v[i] = n.asDouble();
                } else {
                    throw ConfigException.at(file.toString(), "parameters." + p.name() + ".set", "'" + p.set().get(0)
                            + "' holds no number in the scenario of " + trial.name());
                }
            }
        }
        return v;
    }

    /** The kinetics rows (clinical-data §1) at the current defaults; none without a {@code kinetics:} section. */
    public List<ClinicKinetics.Row> kinetics() {
        if (spec.kinetics() == null) {
            return List.of();
        }
        try {
            return ClinicKinetics.rows(spec.kinetics(), file, load(spec.trials().get(0), null, 1, null).baseFile(), spec.trials());
        } catch (ConfigProblem e) {
            throw ConfigException.at(file.toString(), e.path(), e.problem());
        }
    }

    /** Runs every trial of the training set with {@code patients} per arm at {@code values}. */
    public Evaluation evaluate(double[] values, int patients) {
        return evaluate(values, patients, null, null);
    }

    /** As above, running only the named trials (none named: all) and the orderings within them. */
    public Evaluation evaluate(double[] values, int patients, List<String> trials) {
        if (trials.isEmpty()) {
            return evaluate(values, patients);
        }
        List<String> known = spec.trials().stream().map(Trial::name).toList();
        for (String t : trials) {
            if (!known.contains(t)) {
                throw ConfigException.at(file.toString(), "trials", "no trial is named '" + t + "'; trials: " + String.join(", ", known));
            }
        }
        return evaluate(values, patients, null, new java.util.LinkedHashSet<>(trials));
    }

    /**
     * As above, each patient followed for {@code followUp} after treatment start (null: as the
     * trial says), running only the named trials and their orderings (null: every trial).
     */
    private Evaluation evaluate(double[] values, int patients, Days followUp, Set<String> only) {
        long t0 = System.nanoTime();
        List<FigureRow> figures = new ArrayList<>();
        Map<String, SweepResults.Tasks> byTrial = new LinkedHashMap<>();
        int n = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Trial t : spec.trials()) {
                if (only != null && !only.contains(t.name())) {
                    continue;
                }
                SweepResults.Tasks tasks = VirtualTrial.run(load(t, values, patients, followUp), snapshots, pool);
                n += tasks.results().size();
                byTrial.put(t.name(), tasks);
                for (PublishedFigures.Row row : PublishedFigures.rows(tasks)) {
                    figures.add(new FigureRow(t.name(), row, t.fits(row), residual(row)));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<OrderingRow> orderings = new ArrayList<>();
        for (Ordering o : spec.orderings()) {
            SweepResults.Tasks tasks = byTrial.get(o.trial());
            if (tasks == null) {
                continue; // a trial this evaluation did not run
            }
            double better = PublishedFigures.simulated(tasks, o.better(), o.endpoint());
            double than = PublishedFigures.simulated(tasks, o.than(), o.endpoint());
            // a median not reached is longer than any reached
            double b = Double.isNaN(better) ? Double.POSITIVE_INFINITY : better;
            double c = Double.isNaN(than) ? Double.POSITIVE_INFINITY : than;
            orderings.add(new OrderingRow(o, better, than, b > c));
        }
        double objective = 0;
        for (FigureRow f : figures) {
            if (f.fitted()) {
                objective += f.residual() * f.residual();
            }
        }
        objective += ORDERING_PENALTY * orderings.stream().filter(o -> !o.holds()).count();
        return new Evaluation(values.clone(), figures, orderings, objective, n, (System.nanoTime() - t0) / 1e9);
    }

    /** The residual of a figure (see the class comment). */
    static double residual(PublishedFigures.Row row) {
        if (row.simulated() == null) {
            return NOT_REACHED_RESIDUAL; // no patient reached the figure (e.g. none randomised)
        }
        var pub = row.published();
        double sim = row.simulated()[0];
        if (row.rate()) {
            if (Double.isNaN(sim)) {
                return NOT_REACHED_RESIDUAL;
            }
            double tol = pub.low() != null ? (pub.high() - pub.low()) / 2 : 0.10;
            return (sim - pub.value()) / tol;
        }
        if (Double.isNaN(sim)) {
            return NOT_REACHED_RESIDUAL;
        }
        double tol = pub.low() != null ? Math.log(pub.high() / pub.low()) / 2 : Math.log(1.25);
        return Math.log(sim / pub.value()) / tol;
    }

    /**
     * Searches the named parameters (none named: all) from their current values, the others held
     * at theirs; every evaluation is reported to {@code log}. Only the trials the named parameters apply to run: the others' figures do not
     * depend on them, so the objective's minimum over the named parameters is the same.
     */
    public Fit fit(int perArm, List<String> names, Consumer<String> log) {
        long t0 = System.nanoTime();
        double[] start = current();
        List<Integer> free = new ArrayList<>();
        for (String n : names) {
            int i = indexOf(n);
            if (i < 0) {
                throw ConfigException.at(file.toString(), "parameters", "no parameter is named '" + n + "'; parameters: "
                        + spec.parameters().stream().map(Parameter::name).collect(Collectors.joining("; ")));
            }
            if (!free.contains(i)) {
                free.add(i);
            }
        }
        if (free.isEmpty()) {
            for (int i = 0; i < start.length; i++) {
                free.add(i);
            }
        }
        Set<String> trials = new java.util.LinkedHashSet<>();
        for (Trial t : spec.trials()) {
            if (free.stream().anyMatch(i -> spec.parameters().get(i).appliesTo(t.name()))) {
                trials.add(t.name());
            }
        }
        Set<String> only = free.size() == start.length ? null : trials;
        List<Evaluation> all = new ArrayList<>();
        Evaluation[] best = {null};
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            double[] v = start.clone();
            for (int k = 0; k < x.length; k++) {
                int i = free.get(k);
                v[i] = spec.parameters().get(i).clamp(Math.exp(x[k]));
            }
            Evaluation e = evaluate(v, perArm, spec.search().followUp(), only);
            all.add(e);
            if (best[0] == null || e.objective() < best[0].objective()) {
                best[0] = e;
            }
            log.accept(String.format(Locale.ROOT, "evaluation %d: %s -> objective %.2f (%d of %d fitted figures agree; %d of %d orderings hold; %.0f s)",
                    all.size(), describe(v, free), e.objective(), e.figures().stream().filter(r -> r.fitted() && r.figure().agrees()).count(),
                    e.fittedCount(), e.orderings().stream().filter(OrderingRow::holds).count(), e.orderings().size(), e.seconds()));
            return e.objective();
        });
        double[] x0 = new double[free.size()];
        double[] steps = new double[free.size()];
        for (int k = 0; k < x0.length; k++) {
            int i = free.get(k);
            x0[k] = Math.log(spec.parameters().get(i).clamp(start[i]));
            steps[k] = Math.log(1.5); // the first simplex spans a factor 1.5 in each parameter
        }
        try {
            new SimplexOptimizer(new SimpleValueChecker(1e-3, 1e-2)).optimize(new MaxEval(spec.search().evaluations()), f,
                    GoalType.MINIMIZE, new InitialGuess(x0), new NelderMeadSimplex(steps));
        } catch (TooManyEvaluationsException e) {
            log.accept("the budget of " + spec.search().evaluations() + " evaluations is spent (search.evaluations); the best so far is kept");
        }
        return new Fit(all, best[0], (System.nanoTime() - t0) / 1e9, new java.util.TreeSet<>(free), List.copyOf(trials));
    }

    /** The parameters and values, for a log line. */
    public String describe(double[] values) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            all.add(i);
        }
        return describe(values, all);
    }

    private String describe(double[] values, List<Integer> which) {
        return which.stream().map(i -> spec.parameters().get(i).name() + " " + String.format(Locale.ROOT, "%.4g", values[i]))
                .collect(Collectors.joining(", "));
    }

    /** A trial with candidate values (null: as configured) and the first {@code patients} per arm. */
    Sweep load(Trial t, double[] values, int patients, Days followUp) {
        // the calibration file's own paths are a sweep's settings; the follow-up is the program's, a typed change
        List<String> set = new ArrayList<>();
        ConfigChange follow = followUp == null ? ConfigChange.none() : c -> c.withTime(c.time().withAfterTreatment(followUp));
        Map<String, double[]> spreads = new LinkedHashMap<>();
        for (int i = 0; values != null && i < values.length; i++) {
            Parameter p = spec.parameters().get(i);
            if (!p.appliesTo(t.name())) {
                continue;
            }
            for (String path : p.set()) {
                set.add(path + "=" + values[i] + (durations.contains(p.name()) ? "d" : ""));
            }
            if (p.draw() != null) {
                spreads.put(p.draw() + "." + p.field(), new double[] {values[i]});
            }
        }
        Path trialFile = file.getParent().resolve(t.file()).normalize();
        Sweep sweep = Sweep.load(trialFile, null, null, new Sweep.Overrides(set, patients));
        if (spreads.isEmpty()) {
            return followUp == null ? sweep : sweep.adjusted(new Sweep.Adjustment(follow, d -> d));
        }
        return sweep.adjusted(new Sweep.Adjustment(follow, draws -> draws.stream().map(d -> {
            double[] sd = spreads.get(d.path() + ".sd");
            double[] cv = spreads.get(d.path() + ".cv");
            return sd != null ? d.withSd(sd[0]) : cv != null ? d.withCv(cv[0]) : d;
        }).toList()));
    }
}
