package org.her2sim.assay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Days;
import org.her2sim.config.EngineKind;
import org.her2sim.config.Origins;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.Units;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.SingleRun;
import org.her2sim.random.SeedTree;
import org.her2sim.report.AgreementChart;
import org.her2sim.report.Templates;

/**
 * docs/validation.md, generated: simulated against measured values (virtual assays at the
 * default parameters), the calibrated parameters, and analytic checks of the stochastic engine
 * against branching-process theory, each with its confidence interval; then what the model does
 * not reproduce. The reduced form (CI) uses fewer wells, cells and replicates.
 */
public final class ValidationReport {
    /** The lines of the report and whether every check that must pass did. */
    public record Report(String markdown, List<Calibration.Ic50Row> ic50, List<Calibration.ViabilityRow> viability, List<Check> checks,
                         List<AgreementChart.Point> clinicRates, List<AgreementChart.Point> clinicTimes) {
        /** Writes the clinic's two agreement charts as {@code dir/STEM-clinic-rates} and {@code -times} (PNG and SVG). */
        public void writeCharts(Path dir, String stem) throws IOException {
            AgreementChart.write(dir, stem + "-clinic-rates", "Rates and hazard ratios: simulated against published", "(fraction or ratio)",
                    clinicRates);
            AgreementChart.write(dir, stem + "-clinic-times", "Median times: simulated against published", "(months)", clinicTimes);
        }
    }

    /** An analytic check: simulated value with its 95 % CI, and the theory. */
    public record Check(String name, String setting, double simulated, double low, double high, double theory, double acceptLow,
                        double acceptHigh) {
        /** No evidence against the theory at α = 1e-4 (as the test suite's theory tests). */
        public boolean passes() {
            return theory >= acceptLow && theory <= acceptHigh;
        }
    }

    private final Path configs;
    private final boolean reduced;
    private double resistantLineMonths = Double.NaN;
    private final List<String> xenograftGaps = new ArrayList<>();
    private ClinicCalibration.Evaluation clinic;
    private String chartStem = "validation";
    private ClinicCalibration clinicCalibration;

    private static final Map<String, String> PARAMETER_TEXT = Map.of(
            "lapatinib_target_ic50", "lapatinib target IC50, µM (HER2 and EGFR kinase)",
            "pik3ca_gain", "PI3K activity added by PIK3CA activation",
            "lapatinib_off_target_ic50", "lapatinib HER-independent (off-target) IC50, µM");

    public ValidationReport(Path configs, boolean reduced) {
        this.configs = configs;
        this.reduced = reduced;
    }

    private static double lapatinib(List<Calibration.Ic50Row> rows, String line) {
        return rows.stream().filter(r -> r.target().line().equals(line) && r.target().drug().equals("lapatinib")).mapToDouble(Calibration.Ic50Row::simulated)
                .findFirst().orElse(Double.NaN);
    }

    /** Builds the report; {@code chartStem} names the clinic's charts beside the markdown file ({@code validation}). */
    public Report build(String version, String chartStem) {
        this.chartStem = chartStem;
        Calibration cal = new Calibration(configs, reduced);
        Calibration.Targets targets = cal.targets();
        List<Calibration.Ic50Row> ic50 = new ArrayList<>();
        for (Calibration.Ic50 t : targets.ic50()) {
            ic50.add(cal.ic50(t, ConfigChange.none()));
        }
        List<Calibration.ViabilityRow> viability = new ArrayList<>();
        for (Calibration.Viability v : targets.viability()) {
            viability.add(cal.viability(v, ConfigChange.none()));
        }
        List<Check> checks = analyticChecks();
        Map<String, Object> page = new HashMap<>();
        page.put("reduced", reduced);
        page.put("version", version);
        Map<String, List<String>> fittedTo = new LinkedHashMap<>();
        for (Calibration.Ic50 t : targets.ic50()) {
            if (t.fitted()) {
                fittedTo.computeIfAbsent(t.fit(), k -> new ArrayList<>()).add(t.line());
            }
        }
        List<Map<String, Object>> cellLineParameters = new ArrayList<>();
        fittedTo.forEach((parameter, lines) -> cellLineParameters.add(Map.of(
                "text", PARAMETER_TEXT.getOrDefault(parameter, parameter.startsWith("expression.")
                        ? "the line's own " + parameter.substring("expression.".length()) + " level relative to the marker state (`expression` in its file)"
                        : parameter),
                "where", cal.where(parameter, lines), "value", fmt(cal.current(parameter, lines)), "lines", String.join(" and ", lines),
                "pik3ca", parameter.equals("pik3ca_gain"))));
        page.put("cellLineParameters", cellLineParameters);
        clinicCalibration = new ClinicCalibration(configs.resolve("calibration/clinic.yaml"), Runtime.getRuntime().availableProcessors());
        double[] clinicValues = clinicCalibration.current();
        List<Map<String, Object>> clinicParameters = new ArrayList<>();
        for (int i = 0; i < clinicValues.length; i++) {
            ClinicCalibration.Parameter p = clinicCalibration.spec().parameters().get(i);
            clinicParameters.add(Map.of("meaning", p.meaning(), "where", (p.draw() != null ? "the " + p.field() + " of the patient draw `"
                    + p.draw() + "`" : "`" + String.join("`, `", p.set()) + "`") + " in " + p.file(), "value", fmt(clinicValues[i])));
        }
        page.put("clinicParameters", clinicParameters);
        List<Map<String, Object>> ic50Rows = new ArrayList<>();
        for (Calibration.Ic50Row r : ic50) {
            var t = r.target();
            Map<String, Object> row = new HashMap<>();
            row.put("line", t.line());
            row.put("drug", t.drug());
            row.put("kind", t.kind());
            row.put("measured", fmt(t.value()) + " ± " + fmt(t.sd()) + " " + t.unit());
            if (Double.isNaN(r.simulated())) {
                row.put("noFit", r.noFit());
            } else {
                row.put("simulated", fmt(r.simulated()));
                row.put("low", fmt(r.low()));
                row.put("high", fmt(r.high()));
                row.put("fold", String.format(Locale.ROOT, "%.2f", r.fold()));
                row.put("within", r.within2Fold() ? "yes" : "**no**");
            }
            row.put("role", t.fitted() ? "fitted" : "check (not fitted)");
            ic50Rows.add(row);
        }
        page.put("ic50", ic50Rows);
        page.put("orderMeasured", order(ic50, false));
        page.put("orderSimulated", order(ic50, true));
        page.put("viability", viability.stream().map(v -> Map.of("line", v.target().line(), "drug", v.target().drug(),
                "concentration", fmt(v.target().concentration()) + " " + v.target().unit(), "above", fmt(v.target().above()),
                "simulated", String.format(Locale.ROOT, "%.2f", v.simulated()), "passes", v.passes() ? "yes" : "**no**")).toList());
        resistantLines(page);
        xenografts(page);
        clinic(page);
        page.put("checks", checks.stream().map(c -> Map.of("name", c.name(), "setting", c.setting(), "simulated", fmt(c.simulated()),
                "low", fmt(c.low()), "high", fmt(c.high()), "theory", fmt(c.theory()), "passes", c.passes() ? "yes" : "**no**")).toList());
        // what the model does not reproduce: measured values missed; the explanations stand in the template
        List<String> ic50Gaps = new ArrayList<>();
        for (Calibration.Ic50Row r : ic50) {
            if (Double.isNaN(r.simulated()) || !r.within2Fold()) {
                ic50Gaps.add(r.target().line() + " " + r.target().drug() + " IC50: measured " + fmt(r.target().value()) + " " + r.target().unit()
                        + ", simulated " + (Double.isNaN(r.simulated()) ? "none (" + r.noFit() + ")" : fmt(r.simulated()) + " (×"
                        + String.format(Locale.ROOT, "%.2f", r.fold()) + ")") + ".");
            }
        }
        page.put("ic50Gaps", ic50Gaps);
        double bt474 = lapatinib(ic50, "BT474");
        double skbr3 = lapatinib(ic50, "SKBR3");
        page.put("bt474Ordered", bt474 < skbr3);
        page.put("bt474", fmt(bt474));
        page.put("skbr3", fmt(skbr3));
        List<String> otherGaps = new ArrayList<>(xenograftGaps);
        for (ClinicCalibration.FigureRow f : clinic.figures()) {
            if (f.figure().simulated() != null && !f.figure().agrees()) {
                String note = clinicCalibration.spec().note(f.trial() + "." + f.figure().key());
                otherGaps.add(f.trial() + ", " + f.figure().arm() + ", " + f.figure().endpoint() + " (" + (f.fitted() ? "fitted" : "a check")
                        + "): published " + figure(f.figure().published().value(), f.figure().published().low(), f.figure().published().high())
                        + ", simulated " + figure(f.figure().simulated()[0], f.figure().simulated()[1], f.figure().simulated()[2])
                        + (note.isEmpty() ? "." : ". " + note));
            }
        }
        for (ClinicCalibration.OrderingRow o : clinic.orderings()) {
            if (!o.holds()) {
                otherGaps.add("Ordering not kept: " + o.ordering().text() + " (simulated " + fmt(o.better()) + " against " + fmt(o.than()) + ").");
            }
        }
        page.put("otherGaps", otherGaps);
        List<AgreementChart.Point> rates = new ArrayList<>();
        List<AgreementChart.Point> times = new ArrayList<>();
        for (ClinicCalibration.FigureRow f : clinic.figures()) {
            var r = f.figure();
            if (r.simulated() == null) {
                continue;
            }
            var pub = r.published();
            AgreementChart.Point p = new AgreementChart.Point(pub.value(), pub.low() == null ? Double.NaN : pub.low(),
                    pub.high() == null ? Double.NaN : pub.high(), r.simulated()[0], r.simulated()[1], r.simulated()[2], f.fitted());
            (r.endpoint().startsWith("median_") ? times : rates).add(p);
        }
        return new Report(Templates.markdown("validation.md.mustache", page), ic50, viability, checks, rates, times);
    }

    /** The brief's resistant-line protocol, SKBR3 under rising trastuzumab, over several seeds. */
    private void resistantLines(Map<String, Object> page) {
        List<Double> months = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int seed = 1; seed <= (reduced ? 3 : 8); seed++) {
            ResistantLineAssay.Result r = resistantLine(seed);
            months.add(r.established() ? Units.months(r.establishedDay()) : Calibration.NOT_ESTABLISHED_MONTHS);
            rows.add(Map.of("seed", seed, "established", r.established() ? String.format(Locale.ROOT, "%.1f", Units.months(r.establishedDay()))
                    : "not within a year", "mechanism", r.mechanism(), "afterWithdrawal", r.established() ? r.mechanismAfterWithdrawal() : "—",
                    "persists", r.established() ? (r.persists() ? "yes" : "no") : "—"));
        }
        double median = Calibration.medianMonths(months);
        resistantLineMonths = median;
        page.put("resistantLines", rows);
        page.put("resistantLineMedian", fmt(median));
        page.put("notEstablished", fmt(Calibration.NOT_ESTABLISHED_MONTHS));
        page.put("resistantLineInRange", median >= 3 && median <= 8);
    }

    /** A published xenograft study (configs/calibration/xenograft.yaml). */
    public record XenograftStudy(String source, String line, String arms, Integer days, Double startVolumeMm3, Integer mice,
                                 Map<String, MeanSd> volumeMm3, Map<String, Double> growthInhibition) {
    }

    /** A published mean and standard deviation. */
    public record MeanSd(double mean, double sd) {
    }

    /** The published NCI-N87 study, then the brief's xenograft arms (predictions: the brief has no response data). */
    private void xenografts(Map<String, Object> page) {
        Path file = configs.resolve("calibration/xenograft.yaml");
        ConfigLoader loader = new ConfigLoader();
        XenograftStudy study = loader.bind(loader.readTree(file), XenograftStudy.class, new Origins(file.toString()));
        int mice = reduced ? 4 : study.mice();
        var xg = XenograftAssay.run(configs.resolve("assays/dish.yaml"), "xenograft",
                new XenograftAssay.Spec(CellLine.load(configs.resolve("celllines"), study.line()),
                        XenograftAssay.arms(file.getParent().resolve(study.arms()).normalize()), mice, study.days(), study.startVolumeMm3(), 1));
        List<Map<String, Object>> arms = new ArrayList<>();
        for (String arm : xg.volumes().keySet()) {
            double[] ms = xg.meanSe(arm, study.days());
            double sd = ms[1] * Math.sqrt(mice);
            MeanSd pub = study.volumeMm3().get(arm);
            boolean within = pub != null && Math.abs(ms[0] - pub.mean()) <= pub.sd();
            int regressing = 0;
            for (double[] mouse : xg.volumes().get(arm)) {
                regressing += mouse[study.days()] < mouse[0] ? 1 : 0;
            }
            Double gi = study.growthInhibition().get(arm);
            arms.add(Map.of("arm", arm, "published", pub == null ? "—" : fmt(pub.mean()) + " ± " + fmt(pub.sd()),
                    "simulated", fmt(ms[0]) + " ± " + fmt(sd), "within", pub == null ? "—" : within ? "yes" : "**no**",
                    "publishedInhibition", gi == null ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * gi),
                    "inhibition", arm.equals("control") ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * xg.growthInhibition(arm)),
                    "regressing", regressing, "mice", mice));
            if (pub != null && !within) {
                xenograftGaps.add("Xenograft " + study.line() + ", " + arm + ": day-" + study.days() + " volume " + fmt(ms[0]) + " mm³ against "
                        + fmt(pub.mean()) + " ± " + fmt(pub.sd()) + " published.");
            }
        }
        page.put("xenograft", Map.of("line", study.line(), "armsFile", Path.of(study.arms()).getFileName().toString(), "days", study.days(),
                "mice", mice, "startVolume", fmt(study.startVolumeMm3()), "source", study.source(), "arms", arms));
        int briefMice = reduced ? 2 : 8;
        var brief = XenograftAssay.run(configs.resolve("assays/dish.yaml"), "xenograft",
                new XenograftAssay.Spec(CellLine.load(configs.resolve("celllines"), "NCI-N87"),
                        XenograftAssay.arms(configs.resolve("assays/xenograft-arms.yaml")), briefMice, 28, 100, 1));
        List<Map<String, Object>> briefArms = new ArrayList<>();
        for (String arm : brief.volumes().keySet()) {
            double[] end = brief.meanSe(arm, 28);
            briefArms.add(Map.of("arm", arm, "start", fmt(brief.meanSe(arm, 0)[0]), "end", fmt(end[0]), "se", fmt(end[1]),
                    "inhibition", arm.equals("control") ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * brief.growthInhibition(arm))));
        }
        page.put("briefMice", briefMice);
        page.put("briefArms", briefArms);
    }

    /** The clinic's training set at the defaults: every published figure beside the simulated one, and the orderings. */
    private void clinic(Map<String, Object> page) {
        int n = reduced ? 20 : clinicCalibration.spec().search().confirm();
        clinic = clinicCalibration.evaluate(clinicCalibration.current(), n);
        var spec = clinicCalibration.spec();
        long fitted = clinic.fittedCount();
        long agree = clinic.figures().stream().filter(f -> f.figure().agrees()).count();
        long agreeFitted = clinic.figures().stream().filter(f -> f.fitted() && f.figure().agrees()).count();
        Map<String, Object> c = new HashMap<>();
        c.put("description", spec.description());
        c.put("parameters", spec.parameters().size());
        c.put("fitted", fitted);
        c.put("figures", clinic.figures().size());
        c.put("perArm", n);
        c.put("patients", clinic.patients());
        c.put("seconds", String.format(Locale.ROOT, "%.0f", clinic.seconds()));
        c.put("agree", agree);
        c.put("agreeFitted", agreeFitted);
        c.put("agreeChecks", agree - agreeFitted);
        c.put("checks", clinic.figures().size() - fitted);
        c.put("orderingsKept", clinic.orderings().stream().filter(ClinicCalibration.OrderingRow::holds).count());
        c.put("orderings", clinic.orderings().size());
        page.put("clinic", c);
        List<Map<String, Object>> fits = new ArrayList<>();
        List<ClinicCalibration.FitRecord> kept = clinicCalibration.fits();
        for (ClinicCalibration.FitRecord r : kept) {
            boolean all = r.every();
            java.util.Set<String> names = new java.util.LinkedHashSet<>(r.values().keySet());
            names.addAll(r.refitted());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", r.version());
            m.put("date", r.date());
            m.put("evaluations", r.evaluations());
            m.put("patients", r.patients());
            m.put("minutes", String.format(Locale.ROOT, "%.0f", r.seconds() / 60));
            m.put("threads", r.threads());
            m.put("objective", String.format(Locale.ROOT, "%.1f", r.objective()));
            m.put("what", all ? "every parameter of the time (" + names.size() + ") on every trial"
                    : names.size() + (names.size() == 1 ? " parameter" : " parameters") + " on " + String.join(", ", r.trials())
                    + " (the trials " + (names.size() == 1 ? "it applies" : "they apply") + " to), the others held at their defaults");
            m.put("command", all ? "her2sim calibrate --clinic" : "her2sim calibrate --clinic" + names.stream()
                    .map(name -> " --parameter '" + name + "'").collect(java.util.stream.Collectors.joining()));
            m.put("values", r.values().entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4g", e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ")));
            m.put("current", clinicCalibration.isCurrent(r));
            m.put("refitted", r.refitted().isEmpty() ? null : String.join(", ", r.refitted()));
            fits.add(m);
        }
        page.put("fits", fits.isEmpty() ? null : fits);
        page.put("severalFits", kept.size() > 1);
        page.put("kinetics", clinicCalibration.kinetics().stream().map(k -> Map.of("what", k.what(), "published", k.published(),
                "model", fmt(k.simulated()) + (Double.isNaN(k.low()) ? "" : " (" + fmt(k.low()) + " to " + fmt(k.high()) + ")"),
                "role", k.role(), "agrees", k.agrees() ? "yes" : "**no**", "source", k.source())).toList());
        List<Map<String, Object>> trials = new ArrayList<>();
        List<Map<String, Object>> rows = null;
        String trial = null;
        for (ClinicCalibration.FigureRow f : clinic.figures()) {
            if (!f.trial().equals(trial)) {
                trial = f.trial();
                rows = new ArrayList<>();
                trials.add(Map.of("trial", trial, "figures", rows));
            }
            var r = f.figure();
            rows.add(Map.of("arm", r.arm(), "endpoint", r.endpoint(),
                    "published", figure(r.published().value(), r.published().low(), r.published().high()),
                    "simulated", r.simulated() == null ? "—" : figure(r.simulated()[0], r.simulated()[1], r.simulated()[2]),
                    "n", r.n(), "role", f.fitted() ? String.format(Locale.ROOT, "fitted (r = %+.2f)", f.residual()) : "check",
                    "agrees", r.agrees() ? "yes" : "**no**"));
        }
        page.put("trials", trials);
        page.put("chartStem", chartStem);
        page.put("orderings", clinic.orderings().stream().map(o -> Map.of("trial", o.ordering().trial(), "better", o.ordering().better(),
                "than", o.ordering().than(), "endpoint", o.ordering().endpoint(), "simulatedBetter", fmt(o.better()),
                "simulatedThan", fmt(o.than()), "kept", o.holds() ? "yes" : "**no**")).toList());
    }

    private static String figure(double v, Double low, Double high) {
        String s = Double.isNaN(v) ? "not reached" : String.format(Locale.ROOT, "%.3g", v);
        if (low != null && high != null) {
            s += " (" + (Double.isNaN(low) ? "—" : String.format(Locale.ROOT, "%.3g", low)) + "–"
                    + (Double.isNaN(high) ? "not reached" : String.format(Locale.ROOT, "%.3g", high)) + ")";
        }
        return s;
    }

    private ResistantLineAssay.Result resistantLine(long seed) {
        return new Calibration(configs, reduced).resistantLine(seed, ConfigChange.none());
    }

    private static String order(List<Calibration.Ic50Row> rows, boolean simulated) {
        return String.join(" < ", rows.stream().filter(r -> r.target().drug().equals("lapatinib"))
                .sorted(Comparator.comparingDouble(r -> simulated ? (Double.isNaN(r.simulated()) ? Double.MAX_VALUE : r.simulated())
                        : r.target().value()))
                .map(r -> r.target().line()).toList());
    }

    /** Extinction probability, mean growth and the Luria–Delbrück p0 (no pre-existing resistance at size N). */
    private List<Check> analyticChecks() {
        Path textbook = configs.resolve("textbook-two-types.yaml");
        SeedTree seeds = new SeedTree(2026);
        List<Check> out = new ArrayList<>();
        int n = reduced ? 1000 : 4000;
        Scenario ext = branching(textbook, 1, 1.0, 0.5, 0, 200, 60, ConfigChange.none());
        int extinct = 0;
        for (int i = 0; i < n; i++) {
            if (SingleRun.simulate(ext, seeds.child("extinction", i).seed()).summary().extinct()) {
                extinct++;
            }
        }
        out.add(proportion("extinction probability of one cell's lineage", "b = 1, d = 0.5 per day; " + n + " lineages", extinct, n, 0.5));
        int m = reduced ? 100 : 400;
        Scenario growth = branching(textbook, 1000, 0.6, 0.2, 0, 1e7, 10, ConfigChange.none());
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < m; i++) {
            double x = SingleRun.simulate(growth, seeds.child("growth", i).seed()).summary().finalCells();
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / m;
        double se = Math.sqrt((sumSq / m - mean * mean) / (m - 1));
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);
        double z4 = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - 0.5e-4);
        out.add(new Check("mean population N₀e^{(b−d)t}", "N₀ = 1000, b = 0.6, d = 0.2, t = 10 d; " + m + " runs", mean, mean - z * se,
                mean + z * se, 1000 * Math.exp(4), mean - z4 * se, mean + z4 * se));
        // pure birth from one cell to N cells with mutation probability μ per daughter:
        // P(no resistant cell at size N) = (1 − μ)^{2(N − 1)}, averaged over the sizes the runs stop at
        int k = reduced ? 400 : 2000;
        double mu = 5e-4;
        int size = 1000;
        Scenario ld = branching(textbook, 1, 1.0, 0, mu, size - 1, 60, c -> c.withBiology(c.biology().withExplicitRates(1, 1.0, 0)));
        int resistantState = ld.space().encode(Map.of("type", "resistant"), "t");
        int none = 0;
        int one = 0;
        int jackpot = 0;
        double theory = 0;
        double theoryOne = 0;
        double theoryJackpot = 0;
        for (int i = 0; i < k; i++) {
            var r = SingleRun.simulate(ld, seeds.child("luria-delbruck", i).seed());
            long mutants = r.model().lineage().cellsInState(resistantState);
            none += mutants == 0 ? 1 : 0;
            one += mutants == 1 ? 1 : 0;
            jackpot += mutants > JACKPOT ? 1 : 0;
            // pure birth: N cells took N − 1 divisions, 2(N − 1) daughters, each a mutant with probability μ
            long cellsAtStop = r.summary().finalCells();
            theory += Math.pow(1 - mu, 2.0 * (cellsAtStop - 1)) / k;
            double[] lc = leaCoulson(2 * mu * (cellsAtStop - 1), JACKPOT);
            theoryOne += lc[1] / k;
            double upTo = 0;
            for (double p : lc) {
                upTo += p;
            }
            theoryJackpot += (1 - upTo) / k;
        }
        String setting = "pure birth, μ = " + mu + " per daughter, N ≈ " + size + "; " + k + " tumours";
        out.add(proportion("Luria–Delbrück p₀ = P(no pre-existing resistant cell at size N)", setting, none, k, theory));
        out.add(proportion("Luria–Delbrück mutant count: P(exactly 1 resistant cell)", setting + "; Lea–Coulson, m = 2μ(N − 1)", one, k,
                theoryOne));
        out.add(proportion("Luria–Delbrück mutant count: P(more than " + JACKPOT + " resistant cells, a jackpot)", setting
                + "; Lea–Coulson, m = 2μ(N − 1)", jackpot, k, theoryJackpot));
        return out;
    }

    /** Counts above this are a "jackpot" in the mutant-count check. */
    private static final int JACKPOT = 8;

    /**
     * The Lea–Coulson (Luria–Delbrück) distribution of the number of mutant cells, P(0..max), for
     * m expected mutations, by the Ma–Sandri–Sarkar recursion p₀ = e^{−m},
     * pₙ = (m/n) Σ_{i&lt;n} pᵢ / (n − i + 1).
     */
    static double[] leaCoulson(double m, int max) {
        double[] p = new double[max + 1];
        p[0] = Math.exp(-m);
        for (int n = 1; n <= max; n++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += p[i] / (n - i + 1);
            }
            p[n] = m / n * s;
        }
        return p;
    }

    private static Check proportion(String name, String setting, int x, int n, double theory) {
        return new Check(name, setting, x / (double) n, clopperPearson(x, n, 0.025), clopperPearson(x, n, 0.975), theory,
                clopperPearson(x, n, 0.5e-4), clopperPearson(x, n, 1 - 0.5e-4));
    }

    /** The Clopper–Pearson bound at cumulative probability q (lower for q &lt; ½, upper above). */
    private static double clopperPearson(int x, int n, double q) {
        if (q < 0.5) {
            return x == 0 ? 0 : BetaDistribution.of(x, n - x + 1).inverseCumulativeProbability(q);
        }
        return x == n ? 1 : BetaDistribution.of(x + 1, n - x).inverseCumulativeProbability(q);
    }

    /**
     * The textbook scenario as a pure branching process: {@code cells} founder (sensitive) cells
     * dividing at {@code b} and dying at {@code d} per day, each daughter mutating to the resistant
     * type with probability {@code mu}, untreated and uncrowded, on the agent engine, until
     * {@code maxCells} or {@code days}; {@code more} changes the rest (the resistant type's rates).
     */
    private static Scenario branching(Path textbook, long cells, double b, double d, double mu, double maxCells, double days, ConfigChange more) {
        ConfigLoader.Loaded l = new ConfigLoader().load(textbook, List.of()).with(c -> c
                .withEngine(EngineKind.AGENT)
                .withTumour(c.tumour().withInitialCells(cells).withClones(List.of()))
                .withBiology(c.biology().withExplicitRates(0, b, d).withMutationProbability("type", 0, mu))
                .withStop(c.stop().withMaxCells(maxCells))
                .withContext(c.context().withCarryingCapacity(null))
                .withTime(c.time().withMax(Days.of(days)))
                .withRegimen(RegimenSpec.untreated())
                .withOutcomes(c.outcomes().withDetectionLimitCells(0.0))).with(more);
        return Scenario.compile(l.config(), l.origins());
    }

    private static String fmt(double x) {
        if (Double.isNaN(x)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.3g", x);
    }
}
