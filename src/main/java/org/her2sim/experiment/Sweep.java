package org.her2sim.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.her2sim.biology.StateSpace;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Origins;
import org.her2sim.config.PatientDraw;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.SimulationConfig;
import org.her2sim.engine.Scenario;
import org.her2sim.random.SeedTree;

/**
 * A sweep compiled into its task list: every (parameter point, replicate, arm), in that order.
 * With paired allocation (the default) a task's seed and drawn characteristics depend only on
 * (master seed, point, replicate), so every arm of one virtual patient starts from the same
 * tumour; each arm continues with its own stream from diagnosis, or from the start of the line
 * at which patients are randomised (see {@code TumourModel}). With parallel allocation every
 * arm has patients of its own. Every arm × point configuration is compiled here, so a mistake
 * is reported before any task runs; arms randomised at a later line are checked to share the
 * treatment before it.
 */
public final class Sweep {
    /** One simulation of the sweep. */
    public record Task(int id, String arm, int point, int replicate, long seed, Map<String, String> parameters,
                       List<String> overrides) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SweepSpec spec;
    private final Path specFile;
    private final Path baseFile;
    private final List<Map<String, String>> points;
    private final TaskList taskList;
    private final SeedTree root;
    private final List<String> armNames;
    private final String specText;
    private final StringBuilder resolved = new StringBuilder();

    private final Path specDir;
    private final Adjustment adjustment;
    private final List<PatientDraw> draws;
    /** One loader for all tasks: each file read and parsed once, the mappers' introspection done once. */
    private final ConfigLoader loader = ConfigLoader.caching();
    /** The scenario of each arm × point as a tree, for the draws centred on it (built when a first task asks; tasks may be computed on any thread). */
    private final Map<List<String>, JsonNode> centres = new ConcurrentHashMap<>();

    /**
     * A change the program makes to every task of a sweep (a calibration's candidate values):
     * a typed change of each scenario, and of the draws patients make.
     */
    public record Adjustment(ConfigChange change, UnaryOperator<List<PatientDraw>> draws) {
        public static final Adjustment NONE = new Adjustment(ConfigChange.none(), d -> d);
    }

    private Sweep(SweepSpec spec, Path specFile, String specText, Path base, Path specDir, Adjustment adjustment) {
        this.adjustment = adjustment;
        this.spec = spec;
        this.specFile = specFile;
        this.specText = specText;
        this.specDir = specDir != null ? specDir : specFile.toAbsolutePath().getParent();
        baseFile = base != null ? base : specFile.toAbsolutePath().getParent().resolve(spec.base()).normalize();
        if (!Files.isRegularFile(baseFile)) {
            throw ConfigException.at(specFile.toString(), "base", "scenario file '" + spec.base() + "' not found (looked at " + baseFile + ")");
        }
        points = design();
        draws = draws();
        root = new SeedTree(spec.seed());
        armNames = List.copyOf(spec.arms().keySet());
        long n = (long) points.size() * spec.replicates() * armNames.size();
        if (n > Integer.MAX_VALUE) {
            throw ConfigException.at(specFile.toString(), "replicates", "expected at most " + Integer.MAX_VALUE
                    + " tasks in all (points × replicates × arms), got " + n);
        }
        // the tasks are computed from their number when asked for, never held: a million patients take no memory
        taskList = new TaskList((int) n);
    }

    /**
     * Task {@code id}: ids run over points, then replicates, then arms (the arm varies fastest),
     * each with its seed, drawn patient values and overrides, computed from the id alone.
     */
    public Task task(int id) {
        int arms = armNames.size();
        int a = id % arms;
        int r = (id / arms) % spec.replicates();
        int p = id / (arms * spec.replicates());
        String armName = armNames.get(a);
        Map<String, JsonNode> arm = spec.arms().get(armName);
        boolean paired = spec.allocation() == SweepSpec.Allocation.PAIRED;
        // parallel groups: each arm's patients are its own (own tumour, own drawn characteristics)
        long seed = paired ? root.child("point", p).child("replicate", r).seed()
                : root.child("point", p).child("arm:" + armName).child("replicate", r).seed();
        Map<String, String> ownSettings = new LinkedHashMap<>();
        arm.forEach((k, v) -> ownSettings.put(k, local(k, text(v))));
        ownSettings.putAll(points.get(p));
        List<String> own = new ArrayList<>();
        ownSettings.forEach((k, v) -> own.add(k + "=" + v));
        // an arm or point that gives a drawn setting itself replaces the draw (an arm of one genotype, or
        // one trial's eligibility in a pooled experiment): its patients have the arm's value, recorded as such
        Map<String, String> patient = draw(deviates(paired ? root.child("patient", r) : root.child("arm:" + armName).child("patient", r)), own,
                ownSettings);
        Map<String, String> values = new LinkedHashMap<>(points.get(p));
        values.putAll(patient);
        List<String> o = new ArrayList<>();
        spec.set().forEach((k, v) -> o.add(k + "=" + local(k, text(v))));
        patient.forEach((k, v) -> o.add(k + "=" + v));
        o.addAll(own);
        if (spec.randomise().line() > 1) {
            o.add("randomisation_line=" + spec.randomise().line());
        }
        o.add("seed=" + seed);
        o.add("arm=" + armName);
        return new Task(id, armName, p, r, seed, values, List.copyOf(o));
    }

    /** The number of the task of point p, replicate r and arm a. */
    private int id(int p, int r, int a) {
        return (p * spec.replicates() + r) * armNames.size() + a;
    }

    /** Every task in id order, each computed when read (a view: nothing is stored). */
    private final class TaskList extends AbstractList<Task> implements RandomAccess {
        private final int size;

        TaskList(int size) {
            this.size = size;
        }

        @Override
        public Task get(int id) {
            Objects.checkIndex(id, size);
            return task(id);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /**
     * A section given as a file in the sweep file (an arm's regimen) is looked for beside the sweep
     * file first, so a copied sweep file works with its own regimens; otherwise beside the base.
     */
    private String local(String key, String value) {
        if (!ConfigLoader.INCLUDABLE.contains(key) || value.isBlank() || value.startsWith("{") || value.startsWith("[")) {
            return value;
        }
        Path beside = specDir.resolve(value).normalize();
        return Files.isRegularFile(beside) ? beside.toString() : value;
    }

    /** Reads and compiles a sweep file; every arm × point is checked. */
    public static Sweep load(Path file) {
        return load(file, null);
    }

    /** The sweep a results directory holds: its kept copy of the sweep file and the base named in sweep.json. */
    public static Sweep ofResults(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("sweep.yaml"))) {
            throw new ConfigException(dir + ": not a sweep results directory (no sweep.yaml)");
        }
        String specDir = SweepRunner.JSON_READER.readTree(dir.resolve("sweep.json").toFile()).path("spec_dir").asText("");
        return load(dir.resolve("sweep.yaml"), Path.of(SweepRunner.baseOf(dir)), specDir.isEmpty() ? null : Path.of(specDir), Overrides.NONE);
    }

    /** Changes made on the command line to a sweep file's settings: {@code --set path=value} (added to its set) and {@code --replicates}. */
    public record Overrides(List<String> set, Integer replicates) {
        public static final Overrides NONE = new Overrides(List.of(), null);

        public Overrides {
            set = List.copyOf(set);
        }

        boolean none() {
            return set.isEmpty() && replicates == null;
        }
    }

    /**
     * Reads a sweep file whose base scenario is at {@code base} (null: relative to the file) —
     * the copy kept in a results directory names its base in sweep.json.
     */
    public static Sweep load(Path file, Path base) {
        return load(file, base, null, Overrides.NONE);
    }

    /**
     * Reads a sweep file with command-line changes; the changed sweep is what the results directory
     * keeps (its sweep.yaml), so a resume or merge sees the same tasks.
     */
    public static Sweep load(Path file, Path base, Path specDir, Overrides overrides) {
        ConfigLoader loader = new ConfigLoader();
        JsonNode tree = loader.readTree(file);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (!overrides.none() && tree instanceof ObjectNode object) {
            ObjectNode set = object.has("set") && object.get("set").isObject()
                    ? (ObjectNode) object.get("set") : object.putObject("set");
            for (String o : overrides.set()) {
                int eq = o.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigException("--set " + o + ": expected path.to.key=value");
                }
                set.set(o.substring(0, eq).trim(), loader.scalar(o.substring(eq + 1), "--set " + o));
            }
            if (overrides.replicates() != null) {
                object.put("replicates", overrides.replicates());
            }
            text = "# " + file + " with " + (overrides.set().isEmpty() ? "" : "--set " + String.join(" --set ", overrides.set()))
                    + (overrides.replicates() == null ? "" : " --replicates " + overrides.replicates()) + "\n"
                    + ConfigLoader.yaml(object);
        }
        SweepSpec spec = loader.bind(tree, SweepSpec.class, new Origins(file.toString()));
        Sweep sweep = new Sweep(spec, file, text, base, specDir, Adjustment.NONE);
        sweep.checkEveryConfiguration();
        return sweep;
    }

    /** Every category's further settings ({@code with}) on the first task, whether or not a checked patient drew that category. */
    private void checkEveryCategorysSettings() {
        Task first = task(0);
        for (PatientDraw d : draws) {
            for (Map.Entry<String, Map<String, String>> category : d.with().entrySet()) {
                List<String> o = new ArrayList<>(first.overrides());
                o.add(d.path() + "=" + category.getKey());
                category.getValue().forEach((k, v) -> o.add(k + "=" + v));
                try {
                    compile(o, ConfigChange.none());
                } catch (ConfigException e) {
                    throw new ConfigException(specFile + ": patients '" + d.path() + "', with." + category.getKey() + ": " + e.getMessage());
                }
            }
        }
    }

    private void checkEveryConfiguration() {
        if (spec.randomise().line() > 1 && spec.allocation() == SweepSpec.Allocation.PAIRED) {
            checkSharedTreatment();
        }
        // replicates differ only by seed, unless patients draw characteristics: then every patient of the first arm and point
        List<Task> checked = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            for (int a = 0; a < armNames.size(); a++) {
                checked.add(task(id(p, 0, a)));
            }
        }
        for (int r = 1; r < (spec.patients().isEmpty() ? 0 : spec.replicates()); r++) {
            checked.add(task(id(0, r, 0)));
        }
        checkEveryCategorysSettings();
        checked.sort(java.util.Comparator.comparingInt(Task::id)); // the resolved text in task order, as before
        for (Task t : checked) {
            try {
                String yaml = ConfigLoader.resolvedYaml(scenario(t).config());
                if (t.replicate() == 0) {
                    resolved.append(yaml);
                }
            } catch (ConfigException e) {
                // the cause first: a long list of drawn values would otherwise crowd it out
                throw new ConfigException(specFile + ": arm '" + t.arm() + "', replicate " + t.replicate() + ": "
                        + e.getMessage() + (t.parameters().isEmpty() ? "" : " (values " + t.parameters() + ")"));
            }
        }
    }

    /**
     * Arms randomised at line L must be one trial until then: the same configuration apart from
     * the regimen, and the same regimen phases up to the first L − 1 phases that end on progression.
     */
    private void checkSharedTreatment() {
        int lines = spec.randomise().line() - 1;
        for (int p = 0; p < points.size(); p++) {
            Task first = null;
            String rest = null;
            List<RegimenSpec.PhaseSpec> prefix = null;
            for (int a = 0; a < armNames.size(); a++) {
                Task t = task(id(p, 0, a));
                var config = scenario(t).config();
                ObjectNode tree = ConfigLoader.newYamlWriter().valueToTree(config.withArm(""));
                tree.remove("regimen");
                String others = tree.toString();
                List<RegimenSpec.PhaseSpec> shared = new ArrayList<>();
                int ends = 0;
                for (var phase : config.regimen().phases()) {
                    if (ends == lines) {
                        break;
                    }
                    shared.add(phase);
                    ends += phase.end().progression() ? 1 : 0;
                }
                if (ends < lines) {
                    throw new ConfigException(specFile + ": randomise.line: arm '" + t.arm() + "' has " + ends + " phases that end on "
                            + "progression, so its regimen never reaches line " + spec.randomise().line());
                }
                if (first == null) {
                    first = t;
                    rest = others;
                    prefix = shared;
                } else if (!others.equals(rest)) {
                    throw new ConfigException(specFile + ": randomise.line: arms '" + first.arm() + "' and '" + t.arm()
                            + "' differ in more than their regimen; arms randomised at a later line must be one trial until then");
                } else if (!shared.equals(prefix)) {
                    throw new ConfigException(specFile + ": randomise.line: arms '" + first.arm() + "' and '" + t.arm()
                            + "' differ before line " + spec.randomise().line() + " (regimen phases before it must be the same)");
                }
            }
        }
    }

    /** The compiled scenario of a task (each task compiles its own: nothing is shared between threads). */
    public Scenario scenario(Task t) {
        return scenario(t, ConfigChange.none());
    }

    /** A task's scenario after a further typed change (a calibration's candidate, a tumour at diagnosis). */
    public Scenario scenario(Task t, ConfigChange change) {
        return compile(t.overrides(), change);
    }

    private Scenario compile(List<String> overrides, ConfigChange change) {
        ConfigLoader.Loaded l = loader.load(baseFile, overrides).with(adjustment.change()).with(change);
        return Scenario.compile(l.config(), l.origins());
    }

    /**
     * What each virtual patient draws: the between-patient variability of the base scenario's
     * context (configs/contexts), then the sweep file's own draws (which replace the context's draw
     * of the same setting), as the adjustment (a calibration's candidate) leaves them.
     */
    private List<PatientDraw> draws() {
        Map<String, PatientDraw> byPath = new LinkedHashMap<>();
        SimulationConfig base = loaded(List.of(), ConfigChange.none()).config();
        String context = base.context().name();
        if (context != null) {
            Path file = ConfigLoader.contextFile(baseFile, context);
            loader.context(file).patients().forEach(d -> byPath.put(d.path(), d));
        }
        spec.patients().forEach(d -> byPath.put(d.path(), d));
        return adjustment.draws().apply(List.copyOf(byPath.values()));
    }

    /** A patient's standard normal and uniform deviates per drawn setting, from their own streams (common random numbers). */
    private Map<String, double[]> deviates(SeedTree patient) {
        return PatientSampler.deviates(draws, patient);
    }

    /** One patient's values: each draw from its deviates, centred (when it has no median) on the task's own setting. */
    private Map<String, String> draw(Map<String, double[]> deviates, List<String> taskOverrides, Map<String, String> fixed) {
        // the centre depends on the arm and point only: loaded once for all their patients
        return PatientSampler.values(draws, deviates, () -> centres.computeIfAbsent(taskOverrides,
                k -> ConfigLoader.tree(loaded(k, adjustment.change()).config())), specFile.toString(), fixed);
    }

    private ConfigLoader.Loaded loaded(List<String> overrides, ConfigChange change) {
        List<String> all = new ArrayList<>();
        spec.set().forEach((k, v) -> all.add(k + "=" + local(k, text(v))));
        all.addAll(overrides);
        return loader.load(baseFile, all).with(change);
    }

    private List<Map<String, String>> design() {
        List<SweepSpec.Vary> vary = spec.parameters().vary();
        List<Map<String, String>> out = new ArrayList<>();
        if (spec.parameters().design().equals("lhs")) {
            int n = spec.parameters().points();
            UniformRandomProvider rng = new SeedTree(spec.seed()).child("design").generator();
            List<int[]> perms = new ArrayList<>();
            for (int j = 0; j < vary.size(); j++) {
                perms.add(new PermutationSampler(rng, n, n).sample());
            }
            for (int i = 0; i < n; i++) {
                Map<String, String> point = new LinkedHashMap<>();
                for (int j = 0; j < vary.size(); j++) {
                    // Latin hypercube: one sample in each of n strata per parameter (McKay et al. 1979)
                    double u = (perms.get(j)[i] + rng.nextDouble()) / n;
                    point.put(vary.get(j).path(), Double.toString(vary.get(j).range().at(u)));
                }
                out.add(point);
            }
            return out;
        }
        out.add(new LinkedHashMap<>());
        for (SweepSpec.Vary v : vary) {
            List<String> values = new ArrayList<>();
            if (v.values() != null) {
                v.values().forEach(x -> values.add(text(x)));
            } else {
                int steps = v.range().steps() == null ? 3 : v.range().steps();
                for (int k = 0; k < steps; k++) {
                    values.add(Double.toString(v.range().at(k / (double) (steps - 1))));
                }
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> point : out) {
                for (String value : values) {
                    Map<String, String> p = new LinkedHashMap<>(point);
                    p.put(v.path(), value);
                    next.add(p);
                }
            }
            out = next;
        }
        return out;
    }

    /** A YAML value as the text of a --set override (JSON is valid flow YAML). */
    public static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return v.asText();
        }
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path specFile() {
        return specFile;
    }

    public SweepSpec spec() {
        return spec;
    }

    /** Every task, in id order: a view whose tasks are computed as they are read. */
    public List<Task> tasks() {
        return taskList;
    }

    /** Above this many tasks a sweep says what it is about to do before it starts. */
    public static final int LARGE = 100_000;

    /** A task's result file: about 3.6 kB for one arm and a few endpoints (measured), more with many parameters. */
    static final double TASK_FILE_BYTES = 4_000;

    /**
     * For a sweep of more than {@link #LARGE} tasks, what it will cost — one result file per task
     * in one directory, and compute time in proportion — so a slip (a replicate count with three
     * zeros too many) is noticed before hours are spent; empty otherwise.
     */
    public Optional<String> sizeWarning() {
        if (taskList.size() <= LARGE) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "warning: %,d tasks: about %.1f GB of task files (one of ~4 kB per task, in one "
                + "directory) and hours of computing; try a pilot first (--replicates), or spread it over a cluster (her2sim slurm)",
                taskList.size(), taskList.size() * TASK_FILE_BYTES / 1e9));
    }

    public List<Map<String, String>> points() {
        return points;
    }

    public Path baseFile() {
        return baseFile;
    }

    /** The folder the sweep file's own paths are relative to. */
    public Path specDir() {
        return specDir;
    }

    /** The sweep file's text as it runs (with command-line changes, if any): what a results directory keeps. */
    public String specText() {
        return specText;
    }

    /** What identifies the sweep: its file and the resolved configuration of every arm and point. */
    public String fingerprint() {
        return SingleRun.sha256(specText + "\n" + resolved);
    }

    /** The varied parameter paths in column order. */
    public List<String> parameterPaths() {
        return spec.parameters().vary().stream().map(SweepSpec.Vary::path).toList();
    }

    /** The paths each virtual patient draws. */
    public List<String> patientPaths() {
        return draws.stream().map(PatientDraw::path).toList();
    }

    /** The markers and states of the base scenario's biology (the arms share them), e.g. for fixed colours. */
    public StateSpace space() {
        return new StateSpace(baseScenario().biology());
    }

    /** The base scenario with the sweep file's settings (and the adjustment), before any arm, point or patient. */
    public SimulationConfig baseScenario() {
        return loaded(List.of(), adjustment.change()).config();
    }

    /** What each virtual patient draws (the base scenario's context, then the sweep file's own). */
    public List<PatientDraw> patientDraws() {
        return draws;
    }

    /** The same sweep with a change the program makes to every task (a calibration's candidate values). */
    public Sweep adjusted(Adjustment change) {
        return new Sweep(spec, specFile, specText, baseFile, specDir, change);
    }
}
