package org.her2sim.assay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Origins;

/**
 * Calibration against the measured values of configs/calibration/targets.yaml, and the
 * checks of the values not fitted. The fit: lapatinib's target IC50 (HER2 and EGFR kinase, one
 * value) minimising Σ (log10 simulated IC50 − log10 measured IC50)² over the lines marked
 * {@code fit: true}, each simulated IC50 from the virtual 72 h viability assay; Brent's method
 * over log10 of the target IC50 between 1 nM and 1 µM.
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
     * reports for a drug that only partly inhibits growth).
     */
    public record Ic50(String line, String drug, double value, double sd, String unit, Boolean fit, String kind, String source) {
        public Ic50 {
            kind = kind == null ? "absolute" : kind;
            if (!kind.equals("absolute") && !kind.equals("relative")) {
                throw new IllegalArgumentException("kind: expected absolute or relative, got " + kind);
            }
        }

        public boolean fitted() {
            return Boolean.TRUE.equals(fit);
        }
    }

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
     * The fitted parameters: lapatinib's target IC50 (µM) and the PI3K activity a PIK3CA-activating
     * mutation adds (the network attribute pik3ca_gain), with the objective at each.
     */
    public record Fit(double lapatinibTargetIc50Um, double objectiveSensitive, double pik3caGain, double objectivePik3ca) {
        public List<String> settings(Calibration c) {
            List<String> s = new ArrayList<>(lapatinibSetting(lapatinibTargetIc50Um));
            s.add(c.pik3caGainPath() + "=" + String.format(Locale.ROOT, "%.4g", pik3caGain));
            return s;
        }
    }

    private final Path configs;
    private final int wells;
    private final long cells;
    private final double[] lapatinibSeries;

    /** {@code reduced}: 2 wells of 2 000 cells and 10 concentrations per assay instead of 3 of 20 000 and 13 (for CI). */
    public Calibration(Path configs, boolean reduced) {
        this.configs = configs;
        this.wells = reduced ? 2 : 3;
        // 20 000 cells a well keep the per-well noise near 1 % so the objective is smooth enough for Brent
        this.cells = reduced ? 2000 : 20_000;
        this.lapatinibSeries = reduced ? new double[] {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30}
            : new double[] {0.0003, 0.001, 0.003, 0.01, 0.02, 0.03, 0.06, 0.1, 0.3, 1, 3, 10, 30};
    }

    public Targets targets() {
        Path f = configs.resolve("calibration/targets.yaml");
        ConfigLoader loader = new ConfigLoader();
        return loader.bind(loader.readTree(f), Targets.class, new Origins(f.toString()));
    }

    /** The lapatinib target-IC50 setting as overrides of a scenario. */
    public static List<String> lapatinibSetting(double ic50Um) {
        String v = String.format(Locale.ROOT, "'%.6g uM'", ic50Um);
        return List.of("drugs.lapatinib.targets.her2_kinase.ic50=" + v, "drugs.lapatinib.targets.egfr_kinase.ic50=" + v);
    }

    /**
     * Fits in two steps, each one parameter by Brent's method on the sum of squared log10 ratios:
     * lapatinib's target IC50 to the fitted lines without a PIK3CA mutation (they do not depend on
     * the second parameter), then pik3ca_gain to the fitted PIK3CA-activated lines given the first.
     * {@code log} receives one line per evaluation.
     */
    public Fit fit(Consumer<String> log) {
        List<Ic50> fitted = targets().ic50().stream().filter(t -> t.fitted() && t.drug().equals("lapatinib")).toList();
        List<Ic50> receptor = fitted.stream().filter(t -> !pik3caActivated(t.line())).toList();
        List<Ic50> pik3ca = fitted.stream().filter(t -> pik3caActivated(t.line())).toList();
        double gain0 = defaultPik3caGain();
        var first = minimise(-3, 0, Math.log10(0.036), x -> objective(receptor, lapatinibSetting(Math.pow(10, x)), gain0,
                String.format(Locale.ROOT, "target IC50 %.4g uM", Math.pow(10, x)), log));
        double ic50 = Math.pow(10, first.getPoint());
        var second = minimise(0, 3, gain0, g -> objective(pik3ca, lapatinibSetting(ic50), g,
                String.format(Locale.ROOT, "pik3ca_gain %.4g (target IC50 %.4g uM)", g, ic50), log));
        return new Fit(ic50, first.getValue(), second.getPoint(), second.getValue());
    }

    private static org.apache.commons.math3.optim.univariate.UnivariatePointValuePair minimise(double lo, double hi, double start,
                                                                                              java.util.function.DoubleUnaryOperator f) {
        return new BrentOptimizer(1e-3, 1e-3).optimize(new MaxEval(40), GoalType.MINIMIZE, new SearchInterval(lo, hi, start),
                new UnivariateObjectiveFunction(f::applyAsDouble));
    }

    private double objective(List<Ic50> lines, List<String> settings, double gain, String label, Consumer<String> log) {
        List<String> all = new ArrayList<>(settings);
        all.add(pik3caGainPath() + "=" + String.format(Locale.ROOT, "%.6g", gain));
        double sum = 0;
        StringBuilder line = new StringBuilder(label + ":");
        for (Ic50 t : lines) {
            Ic50Row r = ic50(t, all);
            // a line without an IC50 in the tested range counts as 10-fold off
            double d = Double.isNaN(r.simulated()) ? 1 : Math.log10(r.simulated() / t.value());
            sum += d * d;
            line.append(String.format(Locale.ROOT, " %s %.3g", t.line(), r.simulated()));
        }
        log.accept(line.append(String.format(Locale.ROOT, "; sum of squared log10 ratios %.4f", sum)).toString());
        return sum;
    }

    private boolean pik3caActivated(String line) {
        return "activating".equals(CellLine.load(configs.resolve("celllines"), line).markers().get("pik3ca"));
    }

    /** The settings path of the pik3ca_gain attribute of the activating PIK3CA state in the default biology. */
    public String pik3caGainPath() {
        var markers = biology().markers();
        for (int m = 0; m < markers.size(); m++) {
            var states = markers.get(m).states();
            for (int s = 0; s < states.size(); s++) {
                if (states.get(s).attributes() != null && states.get(s).attributes().containsKey("pik3ca_gain") && s > 0) {
                    return "biology.markers." + m + ".states." + s + ".attributes.pik3ca_gain";
                }
            }
        }
        throw new IllegalStateException("the biology has no pik3ca_gain attribute to calibrate");
    }

    private double defaultPik3caGain() {
        String[] p = pik3caGainPath().split("\\.");
        return biology().markers().get(Integer.parseInt(p[2])).states().get(Integer.parseInt(p[4])).attributes().get("pik3ca_gain");
    }

    private org.her2sim.config.BiologyConfig biology() {
        return new ConfigLoader().load(configs.resolve("assays/dish.yaml"), List.of()).config().biology();
    }

    /**
     * Fits one factor on every mutation probability of the biology to the time it takes to make a
     * trastuzumab-resistant SKBR3 line (3 to more than 8 months): for each candidate factor the
     * resistant-line protocol runs over {@code seeds} seeds, and the factor whose median time is
     * nearest (on a log scale) to 4.9 months, the geometric middle of 3 and 8, is returned.
     */
    public double fitMutationScale(double[] factors, int seeds, Consumer<String> log) {
        double best = Double.NaN;
        double bestDistance = Double.MAX_VALUE;
        for (double f : factors) {
            List<Double> months = new ArrayList<>();
            for (int seed = 1; seed <= seeds; seed++) {
                var r = resistantLine(seed, mutationScaled(f));
                months.add(r.established() ? r.establishedDay() / 30.44 : 12.0);
            }
            months.sort(null);
            double median = months.get(months.size() / 2);
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

    /** The brief's protocol on SKBR3 under trastuzumab 5, 10, 15, 20 µg/mL, with extra settings. */
    public ResistantLineAssay.Result resistantLine(long seed, List<String> settings) {
        var spec = new ResistantLineAssay.Spec(CellLine.load(configs.resolve("celllines"), "SKBR3"), "trastuzumab", "ug/mL",
                new double[] {5, 10, 15, 20}, 3.5, 1e6, 0.1, 14, 365, 30, 7, 100_000, seed, settings);
        return ResistantLineAssay.run(configs.resolve("assays/dish.yaml"), CellLine.context(configs.resolve("contexts"), "in_vitro"), spec);
    }

    /** Settings multiplying every mutation probability of the default biology by {@code factor}. */
    public List<String> mutationScaled(double factor) {
        List<String> o = new ArrayList<>();
        var markers = biology().markers();
        for (int m = 0; m < markers.size(); m++) {
            var mutations = markers.get(m).mutations();
            for (int k = 0; k < mutations.size(); k++) {
                o.add(String.format(Locale.ROOT, "biology.markers.%d.mutations.%d.probability=%.6g", m, k, mutations.get(k).probability() * factor));
            }
        }
        return o;
    }

    /** The simulated IC50 of one target (with extra settings, e.g. a parameter being fitted). */
    public Ic50Row ic50(Ic50 t, List<String> settings) {
        double[] series = t.drug().equals("lapatinib") ? lapatinibSeries : new double[] {0.03, 0.1, 0.3, 1, 2, 3, 5, 10, 30, 100};
        var spec = new ViabilityAssay.Spec(CellLine.load(configs.resolve("celllines"), t.line()), List.of(t.drug()), List.of(), series,
                t.unit(), wells, 72, cells, 1);
        var r = ViabilityAssay.run(configs.resolve("assays/dish.yaml"), CellLine.context(configs.resolve("contexts"), "in_vitro"), spec,
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
    public ViabilityRow viability(Viability v, List<String> settings) {
        var spec = new ViabilityAssay.Spec(CellLine.load(configs.resolve("celllines"), v.line()), List.of(v.drug()), List.of(),
                new double[] {v.concentration()}, v.unit(), Math.max(3, wells), 72, 2000, 1);
        var r = ViabilityAssay.run(configs.resolve("assays/dish.yaml"), CellLine.context(configs.resolve("contexts"), "in_vitro"), spec,
                settings);
        double mean = java.util.Arrays.stream(r.viabilities()).average().orElse(Double.NaN);
        return new ViabilityRow(v, mean);
    }
}
