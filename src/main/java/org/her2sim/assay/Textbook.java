package org.her2sim.assay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.her2sim.config.BiologyConfig.ExplicitRateSpec;
import org.her2sim.config.BiologyConfig.MarkerSpec;
import org.her2sim.config.SimulationConfig;
import org.her2sim.engine.StopReason;
import org.her2sim.experiment.Survival;
import org.her2sim.experiment.Sweep;
import org.her2sim.experiment.SweepResults;
import org.her2sim.experiment.SweepRunner;
import org.her2sim.experiment.TaskResult;
import org.her2sim.observe.Summary;
import org.her2sim.report.Templates;

/**
 * Classic branching-process results as runnable sweeps (configs/textbook/), each simulated and
 * set beside its analytic answer: extinction of a lineage, the Luria–Delbrück fluctuation test,
 * resistance present at detection, the cure probability of one drug, and two drugs together or
 * one after the other with and without a cross-resistance mutation. The rates, mutation
 * probabilities and sizes in the formulas are read from the compiled scenarios, never repeated
 * here; each tumour's own size at treatment start enters its formula.
 */
public final class Textbook {
    /** One comparison: theory against the simulated share (or median) with its 95 % interval. */
    public record Row(String classic, String arm, String quantity, double theory, double simulated, double lower, double upper,
                      double strictLower, double strictUpper, int n, String note) {
        /** The theory inside the simulated 95 % interval (what the page shows). */
        public boolean agrees() {
            return theory >= lower && theory <= upper;
        }

        /** The theory inside the 99.9 % interval: with about fifteen rows, a family-wise error near 1.5 % (Bonferroni). */
        public boolean agreesStrictly() {
            return theory >= strictLower && theory <= strictUpper;
        }
    }

    static final double STRICT = 0.999;

    private final Path dir;
    private final Integer replicates;
    private final int threads;

    /**
     * @param dir        configs/textbook
     * @param replicates tumours per arm (null: each sweep file's own)
     */
    public Textbook(Path dir, Integer replicates, int threads) {
        this.dir = dir;
        this.replicates = replicates;
        this.threads = threads;
    }

    /** Runs the four sweeps in {@code work} (one folder each) and returns every comparison. */
    public List<Row> run(Path work, PrintStream progress) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        rows.addAll(extinction(results("extinction", work, progress)));
        rows.addAll(luriaDelbruck(results("luria-delbruck", work, progress)));
        rows.addAll(oneDrug(results("one-drug", work, progress)));
        rows.addAll(twoDrugs(results("two-drugs", work, progress)));
        return rows;
    }

    private SweepResults.Tasks results(String name, Path work, PrintStream progress) throws IOException, InterruptedException {
        Sweep sweep = Sweep.load(dir.resolve(name + "-sweep.yaml"), null, null, new Sweep.Overrides(List.of(), replicates));
        Path out = work.resolve(name);
        SweepRunner.run(sweep, out, threads, false, null, false, progress);
        return SweepResults.read(sweep, List.of(out));
    }

    /** An arm's results with its compiled configuration (the formulas' parameters). */
    private record Arm(String name, SimulationConfig config, List<Summary> runs) {
    }

    private static List<Arm> arms(SweepResults.Tasks tasks) {
        List<Arm> out = new ArrayList<>();
        for (String arm : tasks.sweep().spec().arms().keySet()) {
            List<TaskResult> mine = tasks.results().stream().filter(t -> t.arm().equals(arm)).toList();
            Sweep.Task first = tasks.sweep().tasks().stream().filter(t -> t.arm().equals(arm)).findFirst().orElseThrow();
            out.add(new Arm(arm, tasks.sweep().scenario(first).config(), mine.stream().map(TaskResult::summary).toList()));
        }
        return out;
    }

    // ---- the classics ------------------------------------------------------------------------

    static List<Row> extinction(SweepResults.Tasks tasks) {
        List<Row> rows = new ArrayList<>();
        for (Arm a : arms(tasks)) {
            ExplicitRateSpec cell = a.config().biology().explicit().get(0);
            double b = cell.divisionPerDay();
            double d = cell.deathPerDay();
            int k = (int) a.runs().stream().filter(Summary::extinct).count();
            rows.add(share("extinction", a.name(), "P(lineage of one cell dies out)", d / b, k, a.runs().size(),
                    String.format(Locale.ROOT, "d/b with b = %s, d = %s", num(b), num(d))));
        }
        return rows;
    }

    static List<Row> luriaDelbruck(SweepResults.Tasks tasks) {
        List<Row> rows = new ArrayList<>();
        for (Arm a : arms(tasks)) {
            double u = mutation(a.config(), 0);
            List<Summary> runs = a.runs().stream().filter(s -> s.finalCells() > 0).toList();
            double meanN = runs.stream().mapToLong(Summary::finalCells).average().orElse(Double.NaN);
            double p0 = runs.stream().mapToDouble(s -> Math.exp(-u * (s.finalCells() - 1))).average().orElse(Double.NaN);
            long[] mutants = runs.stream().mapToLong(s -> cells(s, "end", stateName(a.config(), 0, 1))).sorted().toArray();
            int zero = (int) Arrays.stream(mutants).filter(x -> x == 0).count();
            double m = u * (meanN - 1);
            rows.add(share("luria-delbruck", a.name(), "P(no mutant in a culture)", p0, zero, runs.size(),
                    String.format(Locale.ROOT, "exp(−m), m = u(N − 1) = %.3g (u = %s per division, mean N = %.4g)", m, num(u), meanN)));
            rows.add(median("luria-delbruck", a.name(), "median mutants per culture", leaCoulsonMedian(m), mutants,
                    "r solving r/m − ln m = 1.24 (Lea and Coulson 1949)"));
        }
        return rows;
    }

    static List<Row> oneDrug(SweepResults.Tasks tasks) {
        List<Row> rows = new ArrayList<>();
        for (Arm a : arms(tasks)) {
            Rates r = Rates.of(a.config(), "drug");
            double u = mutation(a.config(), 0);
            List<Summary> treated = treated(a.runs());
            String resistant = stateName(a.config(), 0, 1);
            int present = (int) treated.stream().filter(s -> cells(s, "treatment_start", resistant) > 0).count();
            double pPresent = mean(treated, s -> 1 - Math.exp(-u * s.baselineCells() * r.b / r.d * Math.log(r.b / (r.b - r.d))));
            double meanM = mean(treated, Summary::baselineCells);
            rows.add(share("one-drug", a.name(), "P(resistance present at M)", pPresent, present, treated.size(),
                    String.format(Locale.ROOT, "1 − exp(−u M (b/d) ln(b/(b − d))) with u = %s per division, %s, mean M = %.4g "
                            + "(Iwasa, Nowak and Michor 2006)", num(u), r.describe(), meanM)));
            int cured = (int) treated.stream().filter(Summary::extinct).count();
            double pCure = mean(treated, s -> Math.exp(-r.lambda(u, s.baselineCells())));
            rows.add(share("one-drug", a.name(), "P(cure)", pCure, cured, treated.size(),
                    "exp(−u M s [b/(b − d) + b′/(d′ − b′)]), s = 1 − d/b, " + r.describe() + undecided(treated)));
        }
        return rows;
    }

    static List<Row> twoDrugs(SweepResults.Tasks tasks) {
        List<Row> rows = new ArrayList<>();
        for (Arm a : arms(tasks)) {
            SimulationConfig c = a.config();
            boolean sequential = c.regimen().phases().size() > 2;
            Rates r = Rates.of(c, sequential ? "drug_a" : "drug_a+drug_b");
            double ua = mutation(c, 0);
            double ub = mutation(c, 1);
            double ux = mutation(c, 2);
            List<Summary> treated = treated(a.runs());
            int cured = (int) treated.stream().filter(Summary::extinct).count();
            double theory;
            String formula;
            if (!sequential) {
                // cross-resistant lineages, and double mutants made before treatment (leading order)
                theory = mean(treated, s -> Math.exp(-r.lambda(ux, s.baselineCells()) - r.doubleMutants(ua, ub, s.baselineCells())));
                formula = "exp(−λ_x(M) − λ_ab(M)), λ(M) = u M s [b/(b − d) + b′/(d′ − b′)], "
                        + "λ_ab = 2 u_a u_b s (b/(b − d))² M (ln M − 1)";
            } else {
                double regrowth = c.regimen().phases().get(1).end().burdenAbove();
                theory = mean(treated, s -> {
                    double m = s.baselineCells();
                    double la = r.lambda(ua, m);
                    double lx = r.lambda(ux, m);
                    double later = r.lambda(ub, regrowth * m) + r.lambda(ux, regrowth * m);
                    return Math.exp(-la - lx) + Math.exp(-lx) * (1 - Math.exp(-la)) * Math.exp(-later);
                });
                formula = String.format(Locale.ROOT, "e^(−λ_a − λ_x) + e^(−λ_x) (1 − e^(−λ_a)) e^(−λ_b(M′) − λ_x(M′)), M′ = %s M", num(regrowth));
            }
            rows.add(share("two-drugs", a.name(), "P(cure)", theory, cured, treated.size(),
                    formula + String.format(Locale.ROOT, "; u_a = %s, u_b = %s, u_x = %s, %s", num(ua), num(ub), num(ux), r.describe())
                            + undecided(treated)));
        }
        return rows;
    }

    // ---- theory ------------------------------------------------------------------------------

    /**
     * Rates of the textbook scenarios: growth (b, d) of every cell before treatment and of a cell
     * resistant to what is given; (b′, d′) of a sensitive cell under the drugs.
     */
    record Rates(double b, double d, double bt, double dt) {
        /** From the first entry with rates under these drugs (in the textbook scenarios every sensitive entry has the same). */
        static Rates of(SimulationConfig c, String under) {
            for (ExplicitRateSpec e : c.biology().explicit()) {
                var t = e.under().get(under);
                if (t != null) {
                    return new Rates(e.divisionPerDay(), e.deathPerDay(), t.divisionPerDay(), t.deathPerDay());
                }
            }
            throw new IllegalStateException("the textbook scenario gives no rates of a sensitive cell under " + under);
        }

        String describe() {
            return "b = " + num(b) + ", d = " + num(d) + ", b′ = " + num(bt) + ", d′ = " + num(dt);
        }

        /** Surviving mutant lineages expected from M cells: made while growing to M, and while dying out under treatment. */
        double lambda(double u, double m) {
            return u * m * (1 - d / b) * (b / (b - d) + bt / (dt - bt));
        }

        /** Surviving double mutants made before treatment (both orders), to leading order. */
        double doubleMutants(double ua, double ub, double m) {
            return 2 * ua * ub * (1 - d / b) * Math.pow(b / (b - d), 2) * m * (Math.log(m) - 1);
        }
    }

    /** The median of the Luria–Delbrück distribution for m expected mutations (Lea–Coulson). */
    static double leaCoulsonMedian(double m) {
        // r/m − ln m = 1.24 is linear in r
        return m * (1.24 + Math.log(m));
    }

    // ---- statistics --------------------------------------------------------------------------

    static Row share(String classic, String arm, String quantity, double theory, int k, int n, String note) {
        double[] ci = Survival.clopperPearson(k, n, 0.95);
        double[] strict = Survival.clopperPearson(k, n, STRICT);
        return new Row(classic, arm, quantity, theory, n == 0 ? Double.NaN : k / (double) n, ci[0], ci[1], strict[0], strict[1], n, note);
    }

    /** A median with its distribution-free interval: order statistics from the Binomial(n, 1/2) quantiles. */
    static Row median(String classic, String arm, String quantity, double theory, long[] sorted, String note) {
        int n = sorted.length;
        double med = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        // a count's median is a whole number and the formula's a real one: the interval is widened
        // by half a count each side, as a rounded theory value would need
        double[] ci = widen(medianInterval(sorted, 0.95));
        double[] strict = widen(medianInterval(sorted, STRICT));
        return new Row(classic, arm, quantity, theory, med, ci[0], ci[1], strict[0], strict[1], n, note);
    }

    private static double[] widen(double[] ci) {
        return new double[] {ci[0] - 0.5, ci[1] + 0.5};
    }

    static double[] medianInterval(long[] sorted, double level) {
        int n = sorted.length;
        BinomialDistribution half = BinomialDistribution.of(n, 0.5);
        int j = Math.max(half.inverseCumulativeProbability((1 - level) / 2), 1); // P(X < j) ≤ tail
        int k = Math.min(n - j + 1, n);
        return new double[] {sorted[j - 1], sorted[k - 1]};
    }

    // ---- reading the runs --------------------------------------------------------------------

    private static List<Summary> treated(List<Summary> runs) {
        return runs.stream().filter(s -> s.treatmentStartDays() != null && s.baselineCells() != null).toList();
    }

    private static double mean(List<Summary> runs, ToDoubleFunction<Summary> f) {
        return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static long cells(Summary s, String moment, String state) {
        Map<String, Long> at = s.markerCells().get(moment);
        return at == null ? 0 : at.getOrDefault(state, 0L);
    }

    /** "marker=state" of a marker's k-th state. */
    private static String stateName(SimulationConfig c, int marker, int k) {
        MarkerSpec m = c.biology().markers().get(marker);
        return m.name() + "=" + m.states().get(k).name();
    }

    /** Mutant daughters per division of a marker's first mutation. */
    private static double mutation(SimulationConfig c, int marker) {
        return c.biology().markers().get(marker).mutations().get(0).perDivision();
    }

    /** Runs that ended with cells still present and the tumour below the ceiling (neither cured nor failed yet). */
    private static String undecided(List<Summary> treated) {
        long open = treated.stream().filter(s -> !s.extinct() && s.stopReason() != StopReason.CEILING).count();
        return open == 0 ? "" : "; " + open + " run(s) undecided at time.max, counted as not cured";
    }

    static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e6 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.3g", x);
    }

    // ---- the page ----------------------------------------------------------------------------

    /** docs/textbook.md, from the template textbook.md.mustache. */
    public static String markdown(List<Row> rows, String version, String command, double seconds) {
        Map<String, Object> page = new HashMap<>();
        page.put("command", command);
        page.put("version", version);
        page.put("seconds", String.format(Locale.ROOT, "%.0f", seconds));
        List<Map<String, Object>> table = new ArrayList<>();
        List<Row> formulas = new ArrayList<>();
        for (Row r : rows) {
            table.add(Map.of("classic", r.classic(), "arm", r.arm(), "quantity", r.quantity(), "theory", fmt(r.theory()),
                    "simulated", fmt(r.simulated()), "lower", fmt(r.lower()), "upper", fmt(r.upper()), "n", r.n(),
                    "agrees", r.agrees() ? "yes" : "**no**"));
            if (formulas.isEmpty() || !same(formulas.get(formulas.size() - 1), r)) {
                formulas.add(r);
            }
        }
        page.put("rows", table);
        page.put("formulas", formulas);
        page.put("count", rows.size());
        page.put("inside", rows.stream().filter(Row::agrees).count());
        page.put("strict", rows.stream().filter(Row::agreesStrictly).count());
        page.put("falseAlarm", String.format(Locale.ROOT, "%.0f", 100 * rows.size() * (1 - STRICT)));
        return Templates.markdown("textbook.md.mustache", page);
    }

    private static boolean same(Row a, Row b) {
        return a.classic().equals(b.classic()) && a.arm().equals(b.arm()) && a.quantity().equals(b.quantity());
    }

    private static String fmt(double x) {
        if (Double.isNaN(x)) {
            return "–";
        }
        return Math.abs(x) >= 10 ? String.format(Locale.ROOT, "%.1f", x) : String.format(Locale.ROOT, "%.3f", x);
    }
}
