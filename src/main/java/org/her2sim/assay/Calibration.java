package org.her2sim.assay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.her2sim.config.BiologyConfig;
import org.her2sim.config.Concentration;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Origins;
import org.her2sim.config.Units;

/**
 * Calibration against the measured values of configs/calibration/targets.yaml, and the
 * checks of the values not fitted. Each IC50 marked {@code fit: PARAMETER} is used to fit that
 * parameter; the parameters are fitted one after another, in the order they first appear in
 * targets.yaml, each given those before it, by Brent's method on Σ (log10 simulated IC50 −
 * log10 measured IC50)² over its lines, each simulated IC50 from the virtual 72 h viability assay.
 * The parameters ({@link #PARAMETERS}): lapatinib's target IC50 (HER2 and EGFR kinase, one
 * value), the PI3K activity a PIK3CA-activating mutation adds, lapatinib's HER-independent
 * (off-target) IC50, and a line's own expression of a state attribute ({@code expression.NAME}).
 */
public final class Calibration {
    /** The measured values, as in targets.yaml. */
    public record Targets(List<Ic50> ic50, List<Viability> viability) {
        public Targets {
            ic50 = ic50 == null ? List.of() : List.copyOf(ic50);
            viability = viability == null ? List.of() : List.copyOf(viability);
        }
    }

    /**
     * A measured IC50. {@code kind}: {@code absolute} (the default: the concentration giving 50 %
     * viability) or {@code relative} (the midpoint between the fitted plateaus, what curve-fitting
     * reports for a drug that only partly inhibits growth). {@code fit}: the parameter this value
     * calibrates; absent for a check the fit does not see.
     */
    public record Ic50(String line, String drug, double value, double sd, String unit, String fit, String kind, String source) {
        public Ic50 {
            kind = kind == null ? "absolute" : kind;
            if (!kind.equals("absolute") && !kind.equals("relative")) {
                throw new IllegalArgumentException("kind: expected absolute or relative, got " + kind);
            }
            if (fit != null && !PARAMETERS.contains(fit) && !fit.matches("expression\\.[a-z0-9_]+")) {
                throw new IllegalArgumentException("fit: expected one of " + String.join(", ", PARAMETERS) + " or expression.ATTRIBUTE, got " + fit);
            }
        }

        public boolean fitted() {
            return fit != null;
        }
    }

    /** The drug-level and biology-level parameters a target can fit (besides a line's {@code expression.NAME}). */
    public static final List<String> PARAMETERS = List.of("lapatinib_target_ic50", "pik3ca_gain", "lapatinib_off_target_ic50");

    public record Viability(String line, String drug, double concentration, String unit, double above, String source) {
    }

    /**
     * One IC50 compared: the simulated absolute IC50 (50 % viability relative to untreated, the
     * quantity a viability read-out reports directly) with its 95 % CI; NaN and a reason when
     * there is none.
     */
    public record Ic50Row(Ic50 target, double simulated, double low, double high, String noFit) {
        public double fold() {
            return simulated / target.value();
        }

        public boolean within2Fold() {
            return fold() >= 0.5 && fold() <= 2;
        }
    }

    /** One viability check: mean viability of the wells at the concentration. */
    public record ViabilityRow(Viability target, double simulated) {
        public boolean passes() {
            return simulated > target.above();
        }
    }

    /**
     * One fitted parameter: its name, the lines it was fitted to, the value and the objective there,
     * the value the configs hold now, and where that value lives.
     */
    public record Fitted(String parameter, List<String> lines, double value, double objective, double current, String where) {
    }

    /** The fitted parameters in fitting order. */
    public record Fit(List<Fitted> parameters) {
        public double value(String parameter) {
            return parameters.stream().filter(p -> p.parameter().equals(parameter)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not fitted: " + parameter)).value();
        }
    }

    private final Path configs;
    private final int wells;
    private final long cells;
    private final double[] lapatinibSeries;

    /** {@code reduced}: 2 wells of 2 000 cells and 12 concentrations per assay instead of 3 of 20 000 and 15 (for CI). */
    public Calibration(Path configs, boolean reduced) {
        this.configs = configs;
        this.wells = reduced ? 2 : 3;
        // 20 000 cells a well keep the per-well noise near 1 % so the objective is smooth enough for Brent
        this.cells = reduced ? 2000 : 20_000;
        this.lapatinibSeries = reduced ? new double[] {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300}
            : new double[] {0.0003, 0.001, 0.003, 0.01, 0.02, 0.03, 0.06, 0.1, 0.3, 1, 3, 10, 30, 100, 300};
    }

    public Targets targets() {
        Path f = configs.resolve("calibration/targets.yaml");
        ConfigLoader loader = new ConfigLoader();
        return loader.bind(loader.readTree(f), Targets.class, new Origins(f.toString()));
    }

    /** Lapatinib's IC50 on its target kinases (HER2 and, as assumed, EGFR), in µM. */
    public static ConfigChange lapatinibIc50(double ic50Um) {
        Concentration v = Concentration.of(ic50Um, "uM");
        return c -> c.withDrug("lapatinib", d -> d.withIc50("her2_kinase", v).withIc50("egfr_kinase", v));
    }

    /**
     * Fits the parameters one after another (see the class comment); {@code log} receives one
     * line per evaluation.
     */
    public Fit fit(Consumer<String> log) {
        List<Ic50> all = targets().ic50();
        List<String> order = new ArrayList<>();
        for (Ic50 t : all) {
            if (t.fitted() && !order.contains(t.fit())) {
                order.add(t.fit());
            }
        }
        List<Fitted> done = new ArrayList<>();
        for (String parameter : order) {
            List<Ic50> lines = all.stream().filter(t -> parameter.equals(t.fit())).toList();
            List<String> names = lines.stream().map(Ic50::line).toList();
            ConfigChange before = settingsFor(done, names);
            Parameter p = parameter(parameter, names);
            double current = p.current().getAsDouble();
            boolean log10 = p.log10();
            double[] range = {p.low(), p.high()};
            double start = Math.min(range[1], Math.max(range[0], log10 ? Math.log10(current) : current));
            var best = minimise(range[0], range[1], start, x -> {
                double v = log10 ? Math.pow(10, x) : x;
                return objective(lines, before.then(p.settings().apply(v)), String.format(Locale.ROOT, "%s %.4g", parameter, v), log);
            });
            double value = log10 ? Math.pow(10, best.getPoint()) : best.getPoint();
            done.add(new Fitted(parameter, names, value, best.getValue(), current, p.where()));
        }
        return new Fit(done);
    }

    /**
     * The settings of fitted parameters that apply to {@code lines}: drug and biology parameters
     * always, a line's own expression only to that line.
     */
    public ConfigChange settingsFor(List<Fitted> fitted, List<String> lines) {
        List<ConfigChange> o = new ArrayList<>();
        for (Fitted f : fitted) {
            if (!f.parameter().startsWith("expression.") || lines.containsAll(f.lines())) {
                o.add(settings(f.parameter(), f.lines(), f.value()));
            }
        }
        return ConfigChange.all(o);
    }

    /**
     * A fitted parameter, in one place: searched over [low, high] (log10 of the value when
     * {@code log10}), the settings that give it a value, where its default lives and what the
     * configs hold now.
     */
    private record Parameter(boolean log10, double low, double high, DoubleFunction<ConfigChange> settings, String where,
                             DoubleSupplier current) {
    }

    private Parameter parameter(String name, List<String> lines) {
        return switch (name) {
            case "lapatinib_target_ic50" -> new Parameter(true, -3, 0, Calibration::lapatinibIc50,
                    "configs/drugs.yaml: lapatinib.targets.her2_kinase.ic50 and egfr_kinase.ic50 (uM)",
                    () -> micromolar(lapatinibIc50("her2_kinase")));
            case "pik3ca_gain" -> new Parameter(false, 0, 3, v -> c -> c.withBiology(c.biology().withAttribute(PIK3CA_GAIN, v)),
                    "configs/biology/her2.yaml: the " + PIK3CA_GAIN + " attribute of the activating PIK3CA state", this::defaultPik3caGain);
            case "lapatinib_off_target_ic50" -> new Parameter(true, 0, 3,
                    v -> c -> c.withDrug("lapatinib", d -> d.withIc50("off_target", Concentration.of(v, "uM"))),
                    "configs/drugs.yaml: lapatinib.targets.off_target.ic50 (uM)",
                    () -> micromolar(lapatinibIc50("off_target")));
            default -> {
                // a line's own expression level (expression.ATTRIBUTE), fitted to that one line
                if (lines.size() != 1) {
                    throw new IllegalArgumentException(name + ": a line's expression is fitted to that one line, not " + lines);
                }
                String attribute = name.substring("expression.".length());
                yield new Parameter(false, 0.01, 3, v -> c -> {
                    Map<String, Double> expression = new LinkedHashMap<>(c.biology().expression());
                    expression.put(attribute, v);
                    return c.withBiology(c.biology().withExpression(expression));
                }, "configs/celllines: " + lines.get(0) + " " + name,
                        () -> CellLine.load(configs.resolve("celllines"), lines.get(0)).expression().getOrDefault(attribute, 1.0));
            }
        };
    }

    /** Lapatinib's IC50 on a target as the configs hold it (read only when asked: a fit evaluates settings many times). */
    private Concentration lapatinibIc50(String target) {
        return new ConfigLoader().load(configs.resolve("assays/dish.yaml"), List.of()).config().drugs().get("lapatinib").targets().get(target).ic50();
    }

    /** The settings that give a parameter a value (for a line's expression: that line only). */
    public ConfigChange settings(String parameter, List<String> lines, double value) {
        return parameter(parameter, lines).settings().apply(value);
    }

    /** Where the parameter's default lives, for the printout. */
    public String where(String parameter, List<String> lines) {
        return parameter(parameter, lines).where();
    }

    /** The value the configs hold now. */
    public double current(String parameter, List<String> lines) {
        return parameter(parameter, lines).current().getAsDouble();
    }

    private static double micromolar(Concentration c) {
        if (!c.molar()) {
            throw new IllegalStateException("lapatinib IC50s are molar in configs/drugs.yaml, found " + c);
        }
        return c.value();
    }

    private static UnivariatePointValuePair minimise(double lo, double hi, double start,
                                                                                              DoubleUnaryOperator f) {
        return new BrentOptimizer(1e-3, 1e-3).optimize(new MaxEval(40), GoalType.MINIMIZE, new SearchInterval(lo, hi, start),
                new UnivariateObjectiveFunction(f::applyAsDouble));
    }

    private double objective(List<Ic50> lines, ConfigChange settings, String label, Consumer<String> log) {
        double sum = 0;
        StringBuilder line = new StringBuilder(label + ":");
        for (Ic50 t : lines) {
            Ic50Row r = ic50(t, settings);
            // a line without an IC50 in the tested range counts as 10-fold off
            double d = Double.isNaN(r.simulated()) ? 1 : Math.log10(r.simulated() / t.value());
            sum += d * d;
            line.append(String.format(Locale.ROOT, " %s %.3g", t.line(), r.simulated()));
        }
        log.accept(line.append(String.format(Locale.ROOT, "; sum of squared log10 ratios %.4f", sum)).toString());
        return sum;
    }

    /** The settings path of the pik3ca_gain attribute of the activating PIK3CA state in the default biology. */
    /** The state attribute through which activating PIK3CA adds PI3K activity. */
    static final String PIK3CA_GAIN = "pik3ca_gain";

    /** The PIK3CA gain the biology holds now (the largest value the attribute takes in any state). */
    public double defaultPik3caGain() {
        return biology().markers().stream().flatMap(m -> m.states().stream()).filter(st -> st.attributes() != null)
                .mapToDouble(st -> st.attributes().getOrDefault(PIK3CA_GAIN, 0.0)).max()
                .orElseThrow(() -> new IllegalStateException("the biology has no " + PIK3CA_GAIN + " attribute to calibrate"));
    }

    private BiologyConfig biology() {
        return new ConfigLoader().load(configs.resolve("assays/dish.yaml"), List.of()).config().biology();
    }

    /**
     * Fits one factor on every mutation probability of the biology to the time it takes to make a
     * trastuzumab-resistant SKBR3 line (3 to more than 8 months): for each candidate factor the
     * resistant-line protocol runs over {@code seeds} seeds, and the factor whose median time ({@link #medianMonths}) is
     * nearest (on a log scale) to 4.9 months, the geometric middle of 3 and 8, is returned.
     */
    public double fitMutationScale(double[] factors, int seeds, Consumer<String> log) {
        double best = Double.NaN;
        double bestDistance = Double.MAX_VALUE;
        for (double f : factors) {
            List<Double> months = new ArrayList<>();
            for (int seed = 1; seed <= seeds; seed++) {
                var r = resistantLine(seed, mutationScaled(f));
                months.add(r.established() ? Units.months(r.establishedDay()) : NOT_ESTABLISHED_MONTHS);
            }
            double median = medianMonths(months);
            double distance = Math.abs(Math.log(median / Math.sqrt(3 * 8)));
            log.accept(String.format(Locale.ROOT, "mutation probabilities x %s: median %.1f months (%s)", f, median,
                    String.join(", ", months.stream().map(m -> String.format(Locale.ROOT, "%.1f", m)).toList())));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = f;
            }
        }
        return best;
    }

    /** Months a culture counts for when no resistant line is established within the year the protocol runs. */
    public static final double NOT_ESTABLISHED_MONTHS = 12.0;

    /**
     * The median time to a resistant line over seeds (mean of the middle two for an even count);
     * cultures without one count as {@link #NOT_ESTABLISHED_MONTHS}, which is exact for the median
     * as long as fewer than half of them are censored.
     */
    public static double medianMonths(List<Double> months) {
        List<Double> m = months.stream().sorted().toList();
        int n = m.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? m.get(n / 2) : (m.get(n / 2 - 1) + m.get(n / 2)) / 2;
    }

    /** The brief's protocol on SKBR3 under trastuzumab 5, 10, 15, 20 µg/mL, with extra settings. */
    public ResistantLineAssay.Result resistantLine(long seed, ConfigChange settings) {
        var spec = new ResistantLineAssay.Spec(CellLine.load(configs.resolve("celllines"), "SKBR3"), "trastuzumab", "ug/mL",
                new double[] {5, 10, 15, 20}, 3.5, 1e6, 0.1, 14, 365, 30, 7, 100_000, seed, settings);
        return ResistantLineAssay.run(configs.resolve("assays/dish.yaml"), "in_vitro", spec);
    }

    /** Every mutation probability of the biology multiplied by {@code factor}. */
    public static ConfigChange mutationScaled(double factor) {
        return c -> c.withBiology(c.biology().withMutationsScaled(factor));
    }

    /** The simulated IC50 of one target (with extra settings, e.g. a parameter being fitted). */
    public Ic50Row ic50(Ic50 t, ConfigChange settings) {
        double[] series = t.drug().equals("lapatinib") ? lapatinibSeries : new double[] {0.03, 0.1, 0.3, 1, 2, 3, 5, 10, 30, 100};
        var spec = new ViabilityAssay.Spec(CellLine.load(configs.resolve("celllines"), t.line()), List.of(t.drug()), List.of(), series,
                t.unit(), wells, 72, cells, 1);
        var r = ViabilityAssay.run(configs.resolve("assays/dish.yaml"), "in_vitro", spec,
                settings);
        if (r.fit() == null) {
            return new Ic50Row(t, Double.NaN, Double.NaN, Double.NaN, r.noFit());
        }
        if (t.kind().equals("relative")) {
            return new Ic50Row(t, r.fit().ic50(), r.fit().ic50Low(), r.fit().ic50High(), null);
        }
        if (Double.isNaN(r.fit().absoluteIc50())) {
            return new Ic50Row(t, Double.NaN, Double.NaN, Double.NaN, "viability stays above 50 % (bottom plateau "
                    + String.format(Locale.ROOT, "%.2f", r.fit().bottom()) + ")");
        }
        return new Ic50Row(t, r.fit().absoluteIc50(), r.fit().absoluteLow(), r.fit().absoluteHigh(), null);
    }

    /** The mean viability of one check's wells. */
    public ViabilityRow viability(Viability v, ConfigChange settings) {
        var spec = new ViabilityAssay.Spec(CellLine.load(configs.resolve("celllines"), v.line()), List.of(v.drug()), List.of(),
                new double[] {v.concentration()}, v.unit(), Math.max(3, wells), 72, 2000, 1);
        var r = ViabilityAssay.run(configs.resolve("assays/dish.yaml"), "in_vitro", spec,
                settings);
        double mean = Arrays.stream(r.viabilities()).average().orElse(Double.NaN);
        return new ViabilityRow(v, mean);
    }
}
