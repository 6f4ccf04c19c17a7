package org.her2sim.config;

import java.util.List;
import java.util.Map;

/**
 * A characteristic each virtual patient (or mouse) draws from a documented distribution — the
 * spread between patients of a setting (and of the settings in {@code also}, which take the same value) (docs/model.md, "Between-patient variability"):
 * {@code lognormal} (median, cv) for positive quantities, {@code logitnormal} (median, sd on the
 * logit scale) for fractions, {@code normal} (mean, sd), {@code uniform} (from, to) or
 * {@code categorical} (values: {value: probability}; {@code with} gives, for a category, further
 * settings its patients take: IHC 0/1+ tumours with HER2 protein low as well as undriven). A lognormal or logitnormal without a median
 * is centred on the scenario's own value of the setting, so the value stays where the scenario
 * (or its context) says and only the spread is drawn.
 */
public record PatientDraw(String path, List<String> also, Distribution distribution, Double median, Double cv, Double mean, Double sd,
                          Double from, Double to, Map<String, Double> values, Map<String, Map<String, String>> with, String source) {

    /** The distributions a characteristic can be drawn from. */
    public enum Distribution implements Choice {
        LOGNORMAL, LOGITNORMAL, NORMAL, UNIFORM, CATEGORICAL;

        @Override
        public String toString() {
            return text();
        }
    }

    public PatientDraw {
        path = Check.required("path", path);
        // settings that take the same value (both antibodies reach a tumour alike)
        also = also == null ? List.of() : List.copyOf(also);
        if (distribution == null) {
            throw new ConfigProblem("distribution", "required for '" + path + "': lognormal, logitnormal, normal, uniform or categorical");
        }
        switch (distribution) {
            case LOGNORMAL -> {
                if (median != null) {
                    Check.positive("median", median, Double.NaN);
                }
                Check.positive("cv", cv, Double.NaN);
            }
            case LOGITNORMAL -> {
                if (median != null && !(median > 0 && median < 1)) {
                    throw new ConfigProblem("median", "a logitnormal median is a fraction between 0 and 1, got " + median);
                }
                Check.positive("sd", sd, Double.NaN);
            }
            case NORMAL -> {
                if (mean == null || !Double.isFinite(mean)) {
                    throw new ConfigProblem("mean", "required for '" + path + "'");
                }
                Check.positive("sd", sd, Double.NaN);
            }
            case UNIFORM -> {
                if (from == null || to == null || !(to > from)) {
                    throw new ConfigProblem("", "uniform needs from < to for '" + path + "'");
                }
            }
            case CATEGORICAL -> {
                if (values == null || values.isEmpty()) {
                    throw new ConfigProblem("values", "categorical needs {value: probability} for '" + path + "'");
                }
                double sum = 0;
                for (Map.Entry<String, Double> e : values.entrySet()) {
                    Check.probability("values." + e.getKey(), e.getValue(), Double.NaN);
                    sum += e.getValue();
                }
                if (Math.abs(sum - 1) > 1e-9) {
                    throw new ConfigProblem("values", "probabilities add up to " + sum + ", not 1");
                }
                values = Check.ordered(values);
                if (with != null) {
                    for (Map.Entry<String, Map<String, String>> e : with.entrySet()) {
                        if (!values.containsKey(e.getKey())) {
                            throw new ConfigProblem("with." + e.getKey(), "not one of the values of '" + path + "' (" + String.join(", ", values.keySet()) + ")");
                        }
                        if (e.getValue() == null || e.getValue().isEmpty()) {
                            throw new ConfigProblem("with." + e.getKey(), "expected the settings patients of this category take, {path: value, ...}");
                        }
                    }
                    Map<String, Map<String, String>> copy = new java.util.LinkedHashMap<>();
                    with.forEach((k, v) -> copy.put(k, Check.ordered(v)));
                    with = Check.ordered(copy);
                }
            }
            default -> throw new IllegalStateException();
        }
        if (with != null && !with.isEmpty() && distribution != Distribution.CATEGORICAL) {
            throw new ConfigProblem("with", "only a categorical draw has settings per category ('" + path + "' is " + distribution + ")");
        }
        with = with == null ? Map.of() : with;
        source = source == null ? "" : source;
    }

    /** The further settings patients of category {@code value} take (none for other values and other distributions). */
    public Map<String, String> settingsWith(String value) {
        return with.getOrDefault(value, Map.of());
    }

    /** Whether the draw is centred on the scenario's own value (a lognormal or logitnormal without a median). */
    public boolean centredOnScenario() {
        return median == null && (distribution == Distribution.LOGNORMAL || distribution == Distribution.LOGITNORMAL);
    }

    /**
     * The value for one patient from a standard normal deviate {@code z} (and a uniform {@code u}),
     * with {@code centre} the scenario's value when the draw has no median. The same deviates give
     * the same patient whatever the distribution's parameters (common random numbers).
     */
    public String value(double z, double u, double centre) {
        double m = median == null ? centre : median;
        return switch (distribution) {
            case LOGNORMAL -> Double.toString(m * Math.exp(Math.sqrt(Math.log1p(cv * cv)) * z));
            case LOGITNORMAL -> {
                double logit = Math.log(m / (1 - m)) + sd * z;
                yield Double.toString(1 / (1 + Math.exp(-logit)));
            }
            case NORMAL -> Double.toString(mean + sd * z);
            case UNIFORM -> Double.toString(from + u * (to - from));
            case CATEGORICAL -> {
                double c = 0;
                String chosen = null;
                for (Map.Entry<String, Double> e : values.entrySet()) {
                    c += e.getValue();
                    chosen = e.getKey();
                    if (u < c) {
                        break;
                    }
                }
                yield chosen;
            }
        };
    }

    /** A copy with {@code median} replaced. */
    public PatientDraw withMedian(Double median) {
        return new PatientDraw(path, also, distribution, median, cv, mean, sd, from, to, values, with, source);
    }

    /** A copy with {@code cv} replaced. */
    public PatientDraw withCv(Double cv) {
        return new PatientDraw(path, also, distribution, median, cv, mean, sd, from, to, values, with, source);
    }

    /** A copy with {@code sd} replaced. */
    public PatientDraw withSd(Double sd) {
        return new PatientDraw(path, also, distribution, median, cv, mean, sd, from, to, values, with, source);
    }
}
