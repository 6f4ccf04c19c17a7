package org.her2sim.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.her2sim.config.Check;
import org.her2sim.config.Choice;
import org.her2sim.config.Days;
import org.her2sim.config.PatientDraw;
import org.her2sim.config.Suggest;

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
 * allocation: paired                # paired (default: every arm treats the same patients) or parallel
 * randomise: {line: 2, progressed_within: 12mo}   # randomise at line 2; who is eligible
 * landmarks: [6mo, 12mo]            # survival rates reported at these times
 * published: {source: ..., arms: {trastuzumab: {orr: 0.26, median_pfs_months: 3.8}}}
 * </pre>
 */
public record SweepSpec(String name, String base, Long seed, Integer replicates, String referenceArm,
                        Map<String, JsonNode> set, Map<String, Map<String, JsonNode>> arms, Parameters parameters,
                        List<PatientDraw> patients, Allocation allocation, Randomise randomise, List<Days> landmarks,
                        Published published, TimeUnit timeUnit) {

    public SweepSpec {
        name = Check.fileName("name", name);
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
        arms = Collections.unmodifiableMap(a);
        if (referenceArm == null) {
            referenceArm = arms.keySet().iterator().next();
        } else if (!arms.containsKey(referenceArm)) {
            throw new IllegalArgumentException("reference_arm: '" + referenceArm + "' is not an arm"
                    + Suggest.hint(referenceArm, arms.keySet()) + "; arms: " + String.join(", ", arms.keySet()));
        }
        parameters = parameters == null ? new Parameters(null, null, null) : parameters;
        patients = patients == null ? List.of() : List.copyOf(patients);
        allocation = allocation == null ? Allocation.PAIRED : allocation;
        randomise = randomise == null ? new Randomise(null, null) : randomise;
        landmarks = landmarks == null ? List.of(Days.parse("6mo"), Days.parse("12mo")) : List.copyOf(landmarks);
        for (Days d : landmarks) {
            Check.duration("landmarks", d, null, false);
        }
        timeUnit = timeUnit == null ? TimeUnit.AUTO : timeUnit;
        if (published != null) {
            for (String arm : published.arms().keySet()) {
                if (!arms.containsKey(arm)) {
                    throw new IllegalArgumentException("published.arms." + arm + ": not an arm" + Suggest.hint(arm, arms.keySet())
                            + "; arms: " + String.join(", ", arms.keySet()));
                }
            }
            for (String arm : published.hazardRatios().keySet()) {
                if (!arms.containsKey(arm) || arm.equals(referenceArm)) {
                    throw new IllegalArgumentException("published.hazard_ratios." + arm + ": expected an arm other than the reference arm '"
                            + referenceArm + "'");
                }
            }
        }
    }

    /**
     * Who each arm treats: the same virtual patients (paired, the default: every arm of one patient
     * starts from the same tumour), or patients of its own (parallel groups, as a trial randomises).
     */
    public enum Allocation implements Choice {
        PAIRED, PARALLEL;

        @Override
        public String toString() {
            return text();
        }
    }

    /** How times are shown in the report: days, months, or months when follow-up is longer than a year (auto). */
    public enum TimeUnit implements Choice {
        AUTO, DAYS, MONTHS;

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * When patients are randomised: at the start of line {@code line} of therapy (1, the default: at
     * treatment start). Patients are eligible when that line begins and, if {@code progressed_within}
     * is given, the line before it ended in progression within that time of its start. Endpoints of the
     * comparison are measured from the randomisation day.
     */
    public record Randomise(Integer line, Days progressedWithin) {
        public Randomise {
            line = line == null ? 1 : line;
            if (line < 1 || line > 20) {
                throw new IllegalArgumentException("randomise.line: expected a line of therapy from 1 to 20, got " + line);
            }
            progressedWithin = Check.duration("randomise.progressed_within", progressedWithin, null, false);
            if (progressedWithin != null && line == 1) {
                throw new IllegalArgumentException("randomise.progressed_within: needs randomise.line of 2 or more (progression on the line before)");
            }
        }
    }

    /**
     * Published figures the report shows beside the simulated ones (not used in any computation):
     * per arm, endpoint → value or [value, low, high] (rates as fractions, medians in months:
     * orr, cbr, pcr, median_pfs_months, median_ttp_months, median_ttf_months, median_os_months,
     * pfs_at_6mo, os_at_12mo, …), and hazard ratios against the reference arm per endpoint (pfs, ttf, os).
     */
    public record Published(String source, Map<String, Map<String, Figure>> arms,
                            Map<String, Map<String, Figure>> hazardRatios, String note) {
        public Published {
            source = Check.required("published.source", source);
            arms = arms == null ? Map.of() : Check.ordered(arms);
            hazardRatios = hazardRatios == null ? Map.of() : Check.ordered(hazardRatios);
            note = note == null ? "" : note;
            for (var arm : arms.entrySet()) {
                for (var e : arm.getValue().entrySet()) {
                    if (!e.getKey().matches("orr|cbr|pcr(_[A-Za-z0-9._+-]+)?|median_(pfs|ttp|ttf|os)_months|(pfs|ttf|os)_at_.+")) {
                        throw new IllegalArgumentException("published.arms." + arm.getKey() + "." + e.getKey() + ": unknown endpoint; "
                                + "expected orr, cbr, pcr, pcr_READOUT, median_pfs_months, median_ttp_months, median_ttf_months, "
                                + "median_os_months or pfs_at_DURATION (also ttf_at_, os_at_)");
                    }
                }
            }
            for (var arm : hazardRatios.entrySet()) {
                for (var e : arm.getValue().entrySet()) {
                    Check.oneOf("published.hazard_ratios." + arm.getKey(), e.getKey(), null, "pfs", "ttp", "ttf", "os");
                }
            }
        }

    }

    /** A published figure: a value, with its 95 % interval when the paper gives one ({@code 0.26} or {@code [0.26, 0.18, 0.34]}). */
    public record Figure(double value, Double low, Double high) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Figure of(JsonNode node) {
            if (node != null && node.isNumber()) {
                return new Figure(node.asDouble(), null, null);
            }
            if (node != null && node.isArray() && node.size() == 3 && node.get(0).isNumber() && node.get(1).isNumber() && node.get(2).isNumber()) {
                return new Figure(node.get(0).asDouble(), node.get(1).asDouble(), node.get(2).asDouble());
            }
            throw new IllegalArgumentException("expected a number or [value, low, high], got " + node);
        }

        @JsonValue
        Object json() {
            return low == null ? (Object) value : List.of(value, low, high);
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
