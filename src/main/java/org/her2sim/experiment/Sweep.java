package org.her2sim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Origins;
import org.her2sim.engine.Scenario;
import org.her2sim.random.SeedTree;

/**
 * A sweep compiled into its task list: every (parameter point, replicate, arm), in that order.
 * A task's seed depends only on (master seed, point, replicate), so every arm of one virtual
 * patient starts from the same tumour; after diagnosis each arm continues with its own stream
 * (named by the arm, see {@code TumourModel}). Every arm × point configuration is compiled here,
 * so a mistake is reported before any task runs.
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
    private final List<Task> tasks;
    private final String specText;
    private final StringBuilder resolved = new StringBuilder();

    private Sweep(SweepSpec spec, Path specFile, String specText, Path base) {
        this.spec = spec;
        this.specFile = specFile;
        this.specText = specText;
        baseFile = base != null ? base : specFile.toAbsolutePath().getParent().resolve(spec.base()).normalize();
        if (!Files.isRegularFile(baseFile)) {
            throw ConfigException.at(specFile.toString(), "base", "scenario file '" + spec.base() + "' not found (looked at " + baseFile + ")");
        }
        points = design();
        tasks = new ArrayList<>();
        SeedTree root = new SeedTree(spec.seed());
        int id = 0;
        List<Map<String, String>> patients = new ArrayList<>();
        for (int r = 0; r < spec.replicates(); r++) {
            patients.add(draw(root.child("patient", r)));
        }
        for (int p = 0; p < points.size(); p++) {
            for (int r = 0; r < spec.replicates(); r++) {
                long seed = root.child("point", p).child("replicate", r).seed();
                Map<String, String> values = new LinkedHashMap<>(points.get(p));
                values.putAll(patients.get(r));
                for (Map.Entry<String, Map<String, JsonNode>> arm : spec.arms().entrySet()) {
                    List<String> o = new ArrayList<>();
                    spec.set().forEach((k, v) -> o.add(k + "=" + text(v)));
                    patients.get(r).forEach((k, v) -> o.add(k + "=" + v));
                    arm.getValue().forEach((k, v) -> o.add(k + "=" + text(v)));
                    points.get(p).forEach((k, v) -> o.add(k + "=" + v));
                    o.add("seed=" + seed);
                    o.add("arm=" + arm.getKey());
                    tasks.add(new Task(id++, arm.getKey(), p, r, seed, values, List.copyOf(o)));
                }
            }
        }
    }

    /** Reads and compiles a sweep file; every arm × point is checked. */
    public static Sweep load(Path file) {
        return load(file, null);
    }

    /** The sweep a results directory holds: its kept copy of the sweep file and the base named in sweep.json. */
    public static Sweep ofResults(Path dir) throws java.io.IOException {
        if (!Files.isRegularFile(dir.resolve("sweep.yaml"))) {
            throw new ConfigException(dir + ": not a sweep results directory (no sweep.yaml)");
        }
        return load(dir.resolve("sweep.yaml"), Path.of(SweepRunner.baseOf(dir)));
    }

    /**
     * Reads a sweep file whose base scenario is at {@code base} (null: relative to the file) —
     * the copy kept in a results directory names its base in sweep.json.
     */
    public static Sweep load(Path file, Path base) {
        ConfigLoader loader = new ConfigLoader();
        JsonNode tree = loader.readTree(file);
        SweepSpec spec = loader.bind(tree, SweepSpec.class, new Origins(file.toString()));
        String text;
        try {
            text = Files.readString(file);
        } catch (java.io.IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        Sweep sweep = new Sweep(spec, file, text, base);
        sweep.checkEveryConfiguration();
        return sweep;
    }

    private void checkEveryConfiguration() {
        for (Task t : tasks) {
            // replicates differ only by seed, unless patients draw characteristics
            boolean firstArm = t.arm().equals(spec.arms().keySet().iterator().next());
            if (t.replicate() != 0 && (spec.patients().isEmpty() || !firstArm || t.point() != 0)) {
                continue;
            }
            try {
                String yaml = ConfigLoader.resolvedYaml(scenario(t).config());
                if (t.replicate() == 0) {
                    resolved.append(yaml);
                }
            } catch (ConfigException e) {
                throw new ConfigException(specFile + ": arm '" + t.arm() + "'"
                        + (t.parameters().isEmpty() ? "" : " at point " + t.parameters()) + ": " + e.getMessage());
            }
        }
    }

    /** The compiled scenario of a task (each task compiles its own: nothing is shared between threads). */
    public Scenario scenario(Task t) {
        return Scenario.compile(new ConfigLoader().load(baseFile, t.overrides()));
    }

    /** One virtual patient's drawn characteristics, from its own stream (so arms and points share them). */
    private Map<String, String> draw(SeedTree patient) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SweepSpec.Draw d : spec.patients()) {
            UniformRandomProvider rng = patient.child(d.path()).generator();
            String value = switch (d.distribution()) {
                case "lognormal" -> {
                    double sigma = Math.sqrt(Math.log1p(d.cv() * d.cv()));
                    yield Double.toString(org.apache.commons.statistics.distribution.LogNormalDistribution
                            .of(Math.log(d.median()), sigma).createSampler(rng).sample());
                }
                case "normal" -> Double.toString(org.apache.commons.statistics.distribution.NormalDistribution
                        .of(d.mean(), d.sd()).createSampler(rng).sample());
                case "uniform" -> Double.toString(d.from() + rng.nextDouble() * (d.to() - d.from()));
                default -> {
                    double u = rng.nextDouble();
                    String chosen = null;
                    double c = 0;
                    for (Map.Entry<String, Double> e : d.values().entrySet()) {
                        c += e.getValue();
                        chosen = e.getKey();
                        if (u < c) {
                            break;
                        }
                    }
                    yield chosen;
                }
            };
            out.put(d.path(), value);
        }
        return out;
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
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path specFile() {
        return specFile;
    }

    public SweepSpec spec() {
        return spec;
    }

    public List<Task> tasks() {
        return tasks;
    }

    public List<Map<String, String>> points() {
        return points;
    }

    public Path baseFile() {
        return baseFile;
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
        return spec.patients().stream().map(SweepSpec.Draw::path).toList();
    }
}
