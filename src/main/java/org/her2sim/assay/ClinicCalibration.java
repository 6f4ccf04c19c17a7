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
     * The calibration file; {@code notes} explain, per figure ({@code trial.arm.endpoint}), why the
     * model does not reproduce it (shown in docs/validation.md beside the failure).
     */
    public record Spec(String description, List<Trial> trials, List<Ordering> orderings, List<Parameter> parameters, Search search,
                       Map<String, String> notes, ClinicKinetics.Spec kinetics) {
        public Spec {
            description = description == null ? "" : description;
            notes = notes == null ? Map.of() : Map.copyOf(notes);
            trials = trials == null ? List.of() : List.copyOf(trials);
            orderings = orderings == null ? List.of() : List.copyOf(orderings);
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
            if (trials.isEmpty()) {
                throw new ConfigProblem("trials", "expected at least one trial (a sweep file with published figures)");
            }
            search = search == null ? new Search(null, null, null, null) : search;
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
     * What the last fit found, kept beside the calibration file ({@code clinic-fit.json}) for
     * docs/validation.md: its values and objective, evaluations, patients per arm, wall time and threads.
     */
    public record FitRecord(double[] values, double objective, int evaluations, int patients, double seconds, int threads, String version,
                            String date) {
    }

    /** The record of the last fit, or null if none was kept. */
    public FitRecord lastFit() {
        Path f = fitRecordFile();
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return FIT_JSON.readValue(f.toFile(), FitRecord.class);
        } catch (IOException e) {
            throw new ConfigException(f + ": unreadable (" + e.getMessage() + "); delete it and rerun her2sim calibrate --clinic");
        }
    }

    /** Keeps a fit's record beside the calibration file (written atomically). */
    public void keep(Fit fit, int patients, String version) throws IOException {
        FitRecord r = new FitRecord(fit.best().values(), fit.best().objective(), fit.evaluations().size(), patients, fit.seconds(), threads,
                version, java.time.LocalDate.now().toString());
        AtomicFiles.write(fitRecordFile(), out -> FIT_JSON.writeValue(out, r));
    }

    private Path fitRecordFile() {
        return file.resolveSibling(file.getFileName().toString().replaceFirst("\\.yaml$", "") + "-fit.json");
    }

    private static final ObjectMapper FIT_JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** A fit: every evaluation in order, and the best. */
    public record Fit(List<Evaluation> evaluations, Evaluation best, double seconds) {
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
        return evaluate(values, patients, null);
    }

    /** As above, each patient followed for {@code followUp} after treatment start (null: as the trial says). */
    private Evaluation evaluate(double[] values, int patients, Days followUp) {
        long t0 = System.nanoTime();
        List<FigureRow> figures = new ArrayList<>();
        Map<String, SweepResults.Tasks> byTrial = new LinkedHashMap<>();
        int n = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Trial t : spec.trials()) {
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

    /** Searches the parameters from their current values; every evaluation is reported to {@code log}. */
    public Fit fit(int perArm, Consumer<String> log) {
        long t0 = System.nanoTime();
        double[] start = current();
        List<Evaluation> all = new ArrayList<>();
        Evaluation[] best = {null};
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            double[] v = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                v[i] = spec.parameters().get(i).clamp(Math.exp(x[i]));
            }
            Evaluation e = evaluate(v, perArm, spec.search().followUp());
            all.add(e);
            if (best[0] == null || e.objective() < best[0].objective()) {
                best[0] = e;
            }
            log.accept(String.format(Locale.ROOT, "evaluation %d: %s -> objective %.2f (%d of %d fitted figures agree; %d of %d orderings hold; %.0f s)",
                    all.size(), describe(v), e.objective(), e.figures().stream().filter(r -> r.fitted() && r.figure().agrees()).count(),
                    e.fittedCount(), e.orderings().stream().filter(OrderingRow::holds).count(), e.orderings().size(), e.seconds()));
            return e.objective();
        });
        double[] x0 = new double[start.length];
        double[] steps = new double[start.length];
        for (int i = 0; i < start.length; i++) {
            x0[i] = Math.log(spec.parameters().get(i).clamp(start[i]));
            steps[i] = Math.log(1.5); // the first simplex spans a factor 1.5 in each parameter
        }
        try {
            new SimplexOptimizer(new SimpleValueChecker(1e-3, 1e-2)).optimize(new MaxEval(spec.search().evaluations()), f,
                    GoalType.MINIMIZE, new InitialGuess(x0), new NelderMeadSimplex(steps));
        } catch (TooManyEvaluationsException e) {
            log.accept("the budget of " + spec.search().evaluations() + " evaluations is spent (search.evaluations); the best so far is kept");
        }
        return new Fit(all, best[0], (System.nanoTime() - t0) / 1e9);
    }

    /** The parameters and values, for a log line. */
    public String describe(double[] values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            parts.add(spec.parameters().get(i).name() + " " + String.format(Locale.ROOT, "%.4g", values[i]));
        }
        return String.join(", ", parts);
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
