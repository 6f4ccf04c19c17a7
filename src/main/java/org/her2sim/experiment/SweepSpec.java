package org.her2sim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.her2sim.config.Check;

/**
 * A sweep as written in YAML: a base scenario, named arms (each a set of overrides, typically
 * the regimen), parameters to vary, replicates and a master seed.
 *
 * <pre>
 * base: ../quickstart.yaml          # relative to this file
 * seed: 2026
 * replicates: 20
 * reference_arm: trastuzumab
 * set: {tumour.diagnosis_cells: 1e6}        # applied to every task
 * arms:
 *   trastuzumab: {regimen: regimens/trastuzumab-q3w.yaml}
 *   combination: {regimen: regimens/trastuzumab-lapatinib-combined.yaml}
 * parameters:
 *   design: grid                    # grid (default) or lhs
 *   points: 8                       # lhs only
 *   vary:
 *     - {path: biology.markers.1.mutations.0.probability, values: [1e-7, 1e-6]}
 *     - {path: biology.rates.division_max_per_day, range: {from: 0.3, to: 0.6, steps: 3}}
 * </pre>
 */
public record SweepSpec(String name, String base, Long seed, Integer replicates, String referenceArm,
                        Map<String, JsonNode> set, Map<String, Map<String, JsonNode>> arms, Parameters parameters,
                        List<Draw> patients) {

    public SweepSpec {
        name = Check.required("name", name);
        if (!name.matches("[A-Za-z0-9._-]{1,80}")) {
            throw new IllegalArgumentException("name: expected 1-80 letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        base = Check.required("base", base);
        seed = seed == null ? 1L : seed;
        replicates = replicates == null ? 1 : replicates;
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates: expected at least 1, got " + replicates);
        }
        set = set == null ? Map.of() : Check.ordered(set);
        if (arms == null || arms.isEmpty()) {
            throw new IllegalArgumentException("arms: expected at least one arm (a name and the settings it overrides)");
        }
        Map<String, Map<String, JsonNode>> a = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, JsonNode>> e : arms.entrySet()) {
            if (!e.getKey().matches("[A-Za-z0-9._+-]{1,80}")) {
                throw new IllegalArgumentException("arms." + e.getKey() + ": an arm name is 1-80 letters, digits, '.', '_', '+' or '-'");
            }
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("arms." + e.getKey() + ": the arm overrides nothing; give the settings it changes");
            }
            a.put(e.getKey(), Check.ordered(e.getValue()));
        }
        arms = java.util.Collections.unmodifiableMap(a);
        if (referenceArm == null) {
            referenceArm = arms.keySet().iterator().next();
        } else if (!arms.containsKey(referenceArm)) {
            throw new IllegalArgumentException("reference_arm: '" + referenceArm + "' is not an arm"
                    + org.her2sim.config.Suggest.hint(referenceArm, arms.keySet()) + "; arms: " + String.join(", ", arms.keySet()));
        }
        parameters = parameters == null ? new Parameters(null, null, null) : parameters;
        patients = patients == null ? List.of() : List.copyOf(patients);
    }

    /**
     * A characteristic each virtual patient draws (the same in every arm): {@code lognormal}
     * (median, cv), {@code normal} (mean, sd), {@code uniform} (from, to) or {@code categorical}
     * (values: {state: probability}).
     */
    public record Draw(String path, String distribution, Double median, Double cv, Double mean, Double sd,
                       Double from, Double to, Map<String, Double> values, String source) {
        public Draw {
            path = Check.required("path", path);
            distribution = Check.oneOf("patients '" + path + "'.distribution", distribution, null,
                    "lognormal", "normal", "uniform", "categorical");
            switch (distribution) {
                case "lognormal" -> {
                    Check.positive("patients '" + path + "'.median", median, Double.NaN);
                    Check.positive("patients '" + path + "'.cv", cv, Double.NaN);
                }
                case "normal" -> {
                    if (mean == null || !Double.isFinite(mean)) {
                        throw new IllegalArgumentException("patients '" + path + "'.mean: required");
                    }
                    Check.positive("patients '" + path + "'.sd", sd, Double.NaN);
                }
                case "uniform" -> {
                    if (from == null || to == null || !(to > from)) {
                        throw new IllegalArgumentException("patients '" + path + "': uniform needs from < to");
                    }
                }
                default -> {
                    if (values == null || values.isEmpty()) {
                        throw new IllegalArgumentException("patients '" + path + "'.values: categorical needs {state: probability}");
                    }
                    double sum = 0;
                    for (Map.Entry<String, Double> e : values.entrySet()) {
                        Check.probability("patients '" + path + "'.values." + e.getKey(), e.getValue(), Double.NaN);
                        sum += e.getValue();
                    }
                    if (Math.abs(sum - 1) > 1e-9) {
                        throw new IllegalArgumentException("patients '" + path + "'.values: probabilities add up to " + sum + ", not 1");
                    }
                    values = Check.ordered(values);
                }
            }
            source = source == null ? "" : source;
        }
    }

    /** How parameters are varied. */
    public record Parameters(String design, Integer points, List<Vary> vary) {
        public Parameters {
            design = Check.oneOf("parameters.design", design, "grid", "grid", "lhs");
            vary = vary == null ? List.of() : List.copyOf(vary);
            if (design.equals("lhs")) {
                if (points == null || points < 1) {
                    throw new IllegalArgumentException("parameters.points: a Latin hypercube needs points >= 1");
                }
                for (Vary v : vary) {
                    if (v.range() == null) {
                        throw new IllegalArgumentException("parameters.vary: '" + v.path() + "' needs a range for a Latin hypercube");
                    }
                }
            } else if (points != null) {
                throw new IllegalArgumentException("parameters.points: only for design: lhs (a grid has one point per combination)");
            }
        }
    }

    /** One varied parameter: explicit values, or a range (grid: steps; lhs: sampled). */
    public record Vary(String path, List<JsonNode> values, Range range) {
        public Vary {
            path = Check.required("path", path);
            if ((values == null) == (range == null)) {
                throw new IllegalArgumentException("parameters.vary '" + path + "': give exactly one of 'values' or 'range'");
            }
            if (values != null && values.isEmpty()) {
                throw new IllegalArgumentException("parameters.vary '" + path + "': values is empty");
            }
            values = values == null ? null : List.copyOf(values);
        }
    }

    /** A numeric range; log spaces values evenly in log10 (both ends must then be > 0). */
    public record Range(Double from, Double to, Integer steps, Boolean log) {
        public Range {
            if (from == null || to == null || !Double.isFinite(from) || !Double.isFinite(to)) {
                throw new IllegalArgumentException("range: 'from' and 'to' are required finite numbers");
            }
            if (!(to > from)) {
                throw new IllegalArgumentException("range: empty range from " + from + " to " + to + " (to must be larger)");
            }
            log = log != null && log;
            if (log && from <= 0) {
                throw new IllegalArgumentException("range: a log range needs from > 0, got " + from);
            }
            if (steps != null && steps < 2) {
                throw new IllegalArgumentException("range: steps must be at least 2, got " + steps);
            }
        }

        /** The value at fraction u in [0, 1] of the range. */
        public double at(double u) {
            return log ? Math.pow(10, Math.log10(from) + u * (Math.log10(to) - Math.log10(from))) : from + u * (to - from);
        }
    }
}
