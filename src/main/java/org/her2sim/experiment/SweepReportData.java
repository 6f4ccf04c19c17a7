package org.her2sim.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.her2sim.config.Units;
import org.her2sim.observe.Summary;
import org.her2sim.report.Palette;
import org.her2sim.report.SweepReport;

/**
 * Turns a finished sweep's tasks into the report page's data — the design and the trial's flow,
 * published figures beside the simulated ones, the per-arm and comparison tables, survival curves
 * per endpoint and point, escapes and their origin by arm, swimmer rows, exposure by arm, heat maps
 * — and has {@link SweepReport} draw it. Times are shown in months when follow-up is longer than a
 * year (or as the sweep file's time_unit says).
 */
public final class SweepReportData {
    private SweepReportData() {
    }

    /** Days per unit and the unit's name, for the page. */
    record TimeScale(double days, String label) {
        double of(double d) {
            return d / days;
        }
    }

    static TimeScale timeScale(SweepResults.Tasks tasks) {
        SweepSpec.TimeUnit unit = tasks.sweep().spec().timeUnit();
        if (unit == SweepSpec.TimeUnit.AUTO) {
            double longest = tasks.results().stream().filter(t -> t.summary().treatmentStartDays() != null)
                    .mapToDouble(t -> t.summary().finalTimeDays() - t.summary().treatmentStartDays()).max().orElse(0);
            unit = longest > Units.DAYS_PER_YEAR ? SweepSpec.TimeUnit.MONTHS : SweepSpec.TimeUnit.DAYS;
        }
        return unit == SweepSpec.TimeUnit.MONTHS ? new TimeScale(Units.DAYS_PER_MONTH, "months") : new TimeScale(1, "days");
    }

    /** The sweep's report page. */
    public static void write(SweepResults.Tasks tasks, Path dir) throws IOException {
        SweepSpec spec = tasks.sweep().spec();
        List<String> params = tasks.sweep().parameterPaths();
        List<String> drugs = tasks.drugs();
        TimeScale unit = timeScale(tasks);
        List<SweepReport.SurvivalPlot> plots = new ArrayList<>();
        for (int p = 0; p < tasks.sweep().points().size() && plots.size() < 3 * 6; p++) {
            for (String endpoint : SweepResults.ENDPOINTS) {
                // every endpoint at the first point; progression-free survival at the others
                if (p > 0 && !endpoint.equals("pfs")) {
                    continue;
                }
                List<SweepReport.Curve> curves = new ArrayList<>();
                for (String arm : spec.arms().keySet()) {
                    List<Survival.Subject> subjects = SweepResults.subjects(SweepResults.patients(tasks, p, arm), endpoint);
                    if (subjects == null) {
                        curves = null; // some patient's value is unknown (the OS proxy above the ceiling)
                        break;
                    }
                    curves.add(curve(arm, subjects, unit));
                }
                if (curves != null) {
                    plots.add(new SweepReport.SurvivalPlot(endpoint, p, pointLabel(tasks, p), curves));
                }
            }
        }
        Map<String, Map<String, Integer>> escapes = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> origins = new LinkedHashMap<>();
        for (String arm : spec.arms().keySet()) {
            escapes.put(arm, new TreeMap<>());
            origins.put(arm, new TreeMap<>());
        }
        for (TaskResult t : tasks.results()) {
            if (t.summary().dominantEscape() != null) {
                escapes.get(t.arm()).merge(t.summary().dominantEscape(), 1, Integer::sum);
            }
            if (t.summary().escapeOrigin() != null) {
                origins.get(t.arm()).merge(t.summary().escapeOrigin(), 1, Integer::sum);
            }
        }
        List<SweepReport.Exposure> exposures = new ArrayList<>();
        for (String arm : spec.arms().keySet()) {
            List<TaskResult> g = tasks.results().stream().filter(t -> t.arm().equals(arm)).toList();
            double on = 0;
            double off = 0;
            Map<String, Double> dose = new TreeMap<>();
            for (TaskResult t : g) {
                Summary s = t.summary();
                double follow = s.treatmentStartDays() == null ? 0 : s.finalTimeDays() - s.treatmentStartDays();
                on += s.daysOnTreatment();
                off += Math.max(0, follow - s.daysOnTreatment());
                s.cumulativeDose().forEach((d, mg) -> dose.merge(d, mg, Double::sum));
            }
            int n = Math.max(1, g.size());
            dose.replaceAll((d, mg) -> mg / n);
            exposures.add(new SweepReport.Exposure(arm, on / n, off / n, dose));
        }
        String subtitle = String.format(Locale.ROOT, "%d arms x %d points x %d virtual patients; %s allocation; master seed %d; "
                + "reference arm %s", spec.arms().size(), tasks.sweep().points().size(), spec.replicates(), spec.allocation(),
                spec.seed(), spec.referenceArm());
        List<SweepReport.Table> tables = new ArrayList<>();
        tables.add(new SweepReport.Table("Patients (the trial's flow)", consort(tasks), true,
                "patients: virtual patients simulated per arm; treated: treatment began (the tumour reached its diagnosis size); "
                        + "randomised: the line of randomisation began; analysed: randomised and eligible."));
        if (spec.published() != null) {
            tables.add(new SweepReport.Table("Published and simulated (" + spec.published().source() + ")",
                    published(tasks), false, (spec.published().note().isEmpty() ? "" : spec.published().note() + " ")
                    + "Simulated rates with exact 95 % intervals, medians and hazard ratios with 95 % intervals. A simulated "
                    + "figure agrees when it lies inside the published 95 % interval, or, where none is published, within "
                    + "25 % of a median or ratio and 10 percentage points of a rate. The published figures enter no computation."));
        }
        List<Map<String, Object>> summary = SweepResults.summary(tasks, params, drugs);
        tables.add(new SweepReport.Table("Per arm (summary.csv)", readable(summary, unit), true,
                "Times in " + unit.label() + " since randomisation; [low, high] are 95 % intervals (exact for rates, "
                        + "log-log Kaplan–Meier for survival)."));
        tables.add(new SweepReport.Table("Against the reference arm (comparison.csv)", compact(SweepResults.comparison(tasks, params)),
                false, "Cox proportional-hazards ratio (Efron ties) with its 95 % interval and Wald p; log-rank p; with paired "
                + "allocation, in how many patients the arm's time was longer or shorter than the reference's (sign test)."));
        SweepReport.write(dir, new SweepReport.Page(spec.name(), subtitle, design(tasks), unit.label(), plots, escapes, origins,
                swimmers(tasks, unit), exposures, heatMaps(tasks, unit), tables, Palette.of(tasks.sweep().space())));
    }

    private static String pointLabel(SweepResults.Tasks tasks, int p) {
        StringBuilder label = new StringBuilder();
        tasks.sweep().points().get(p).forEach((k, v) -> label.append(label.length() > 0 ? ", " : "").append(k).append(" = ").append(v));
        return label.toString();
    }

    static SweepReport.Curve curve(String arm, List<Survival.Subject> subjects, TimeScale unit) {
        Survival.Curve km = Survival.kaplanMeier(subjects);
        double[] times = km.times().clone();
        for (int i = 0; i < times.length; i++) {
            times[i] = unit.of(times[i]);
        }
        double[] censored = subjects.stream().filter(s -> !s.event()).mapToDouble(s -> unit.of(s.time())).sorted().toArray();
        double[] followUp = subjects.stream().mapToDouble(s -> unit.of(s.time())).toArray();
        return new SweepReport.Curve(arm, times, km.survival(), km.lower(), km.upper(), censored, followUp);
    }

    private static String design(SweepResults.Tasks tasks) {
        SweepSpec spec = tasks.sweep().spec();
        StringBuilder d = new StringBuilder();
        d.append(spec.allocation() == SweepSpec.Allocation.PAIRED
                ? "Paired arms: every arm treats the same virtual patients (the same tumour until randomisation, its own random stream after it). "
                : "Parallel groups: each arm treats patients of its own, as a trial randomises. ");
        if (spec.randomise().line() > 1) {
            d.append("Patients are randomised when line ").append(spec.randomise().line()).append(" of therapy begins");
            if (spec.randomise().progressedWithin() != null) {
                d.append(", if line ").append(spec.randomise().line() - 1).append(" ended in progression within ")
                        .append(spec.randomise().progressedWithin());
            }
            d.append("; endpoints are measured from that day. ");
        } else {
            d.append("Patients are randomised at treatment start; endpoints are measured from it. ");
        }
        d.append("Progression-free survival ends at RECIST-like progression, regrowth past the failure threshold on a planned holiday, "
                + "the lethal burden or the cell ceiling; a run that reaches the ceiling has failed and is never censored.");
        return d.toString();
    }

    /** The trial's flow per arm: simulated, treated, randomised, analysed. */
    private static List<Map<String, Object>> consort(SweepResults.Tasks tasks) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String arm : tasks.sweep().spec().arms().keySet()) {
            List<TrialPatient> all = new ArrayList<>();
            for (int p = 0; p < tasks.sweep().points().size(); p++) {
                all.addAll(SweepResults.patients(tasks, p, arm));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("arm", arm);
            r.put("patients", all.size());
            r.put("treated", all.stream().filter(TrialPatient::treated).count());
            r.put("randomised", all.stream().filter(TrialPatient::randomised).count());
            r.put("not eligible", all.stream().filter(x -> x.randomised() && !x.eligible()).count());
            r.put("analysed", all.stream().filter(TrialPatient::eligible).count());
            rows.add(r);
        }
        return rows;
    }

    /** Published figures beside the simulated ones at the first point. */
    private static List<Map<String, Object>> published(SweepResults.Tasks tasks) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PublishedFigures.Row f : PublishedFigures.rows(tasks)) {
            boolean hr = f.endpoint().startsWith(PublishedFigures.HAZARD_RATIO);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("arm", hr ? f.arm() + " vs " + tasks.sweep().spec().referenceArm() : f.arm());
            r.put("endpoint", hr ? f.endpoint().substring(PublishedFigures.HAZARD_RATIO.length()) + " hazard ratio" : f.endpoint());
            r.put("published", figure(f.published().value(), f.published().low(), f.published().high()));
            r.put("simulated", f.simulated() == null ? "—" : figure(f.simulated()[0], f.simulated()[1], f.simulated()[2]));
            r.put("n simulated", f.n());
            r.put("agrees", f.simulated() == null ? "—" : f.agrees() ? "yes" : "no");
            rows.add(r);
        }
        return rows;
    }

    private static String figure(double v, Double low, Double high) {
        if (Double.isNaN(v)) {
            return "not reached";
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (low != null && high != null) {
            s += String.format(Locale.ROOT, " [%s, %s]", Double.isNaN(low) ? "—" : String.format(Locale.ROOT, "%.3g", low),
                    Double.isNaN(high) ? "not reached" : String.format(Locale.ROOT, "%.3g", high));
        }
        return s;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The per-arm table for reading: times in the page's unit, intervals beside their value. */
    private static List<Map<String, Object>> readable(List<Map<String, Object>> summary, TimeScale unit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : summary) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (var e : r.entrySet()) {
                String k = e.getKey();
                if (k.endsWith("_ci_low") || k.endsWith("_ci_high")) {
                    continue;
                }
                Object v = e.getValue();
                boolean time = k.startsWith("median_") && k.endsWith("_days") || k.startsWith("mean_days");
                String base = k.endsWith("_days") ? k.substring(0, k.length() - 5) : k;
                if (r.containsKey(base + "_ci_low") || r.containsKey(k + "_ci_low")) {
                    String ciKey = r.containsKey(base + "_ci_low") ? base : k;
                    double scale = time ? unit.days() : 1;
                    v = figure(num(v) / scale, num(r.get(ciKey + "_ci_low")) / scale, num(r.get(ciKey + "_ci_high")) / scale);
                    k = time ? base + " (" + unit.label() + ")" : k;
                } else if (time && v instanceof Number n) {
                    v = n.doubleValue() / unit.days();
                    k = k.replace("days", unit.label());
                }
                m.put(k, v);
            }
            out.add(m);
        }
        return out;
    }

    /** The comparison table for reading: the interval beside the hazard ratio. */
    private static List<Map<String, Object>> compact(List<Map<String, Object>> comparison) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : comparison) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arm", r.get("arm") + " vs " + r.get("reference"));
            r.forEach((k, v) -> {
                if (!List.of("arm", "reference", "hazard_ratio", "hazard_ratio_ci_low", "hazard_ratio_ci_high", "peto_hazard_ratio",
                        "logrank_chi2", "n_reference", "events_reference").contains(k)) {
                    m.put(k, v);
                }
            });
            m.put("hazard ratio [95 % CI]", figure(num(r.get("hazard_ratio")), num(r.get("hazard_ratio_ci_low")),
                    num(r.get("hazard_ratio_ci_high"))));
            out.add(m);
        }
        return out;
    }

    /** Swimmer rows: the first point's patients, at most 200 rows, arm by arm. */
    private static List<SweepReport.Swimmer> swimmers(SweepResults.Tasks tasks, TimeScale unit) {
        var spec = tasks.sweep().spec();
        int perArm = Math.max(1, Math.min(spec.replicates(), 200 / spec.arms().size()));
        List<SweepReport.Swimmer> rows = new ArrayList<>();
        for (String arm : spec.arms().keySet()) {
            for (TaskResult t : tasks.results()) {
                if (!t.arm().equals(arm) || t.point() != 0 || t.replicate() >= perArm) {
                    continue;
                }
                Summary s = t.summary();
                if (s.treatmentStartDays() == null) {
                    continue;
                }
                double start = s.treatmentStartDays();
                List<double[]> on = new ArrayList<>();
                List<double[]> off = new ArrayList<>();
                for (TaskResult.PhaseSpan p : t.phases()) {
                    if (p.endDays() <= start) {
                        continue;
                    }
                    // the line a span belongs to: the last line begun by its start
                    long line = s.lines().stream().filter(l -> l.startDays() <= p.startDays() + 1e-9).count();
                    double[] span = {unit.of(Math.max(0, p.startDays() - start)), unit.of(p.endDays() - start), Math.max(1, line)};
                    (p.treating() ? on : off).add(span);
                }
                List<Double> lineStarts = s.lines().stream().skip(1).map(l -> unit.of(l.startDays() - start)).toList();
                Double failure = Boolean.TRUE.equals(s.ttfEvent()) ? unit.of(s.ttfDays()) : null;
                Double progression = s.timeToProgressionDays() == null ? null : unit.of(s.timeToProgressionDays());
                rows.add(new SweepReport.Swimmer(arm, arm + " #" + (t.replicate() + 1), on, off, progression, lineStarts, failure,
                        s.extinct(), s.bestResponse()));
            }
        }
        return rows;
    }

    /** For a 2-parameter grid: median progression-free survival per cell, one map per arm. */
    private static List<SweepReport.HeatMap> heatMaps(SweepResults.Tasks tasks, TimeScale unit) {
        List<String> params = tasks.sweep().parameterPaths();
        if (params.size() != 2 || !tasks.sweep().spec().parameters().design().equals("grid")) {
            return List.of();
        }
        List<String> xs = axis(tasks, params.get(0));
        List<String> ys = axis(tasks, params.get(1));
        if (xs == null || ys == null) {
            return List.of(); // a parameter whose values are not numbers (with or without a unit): no heat map
        }
        List<SweepReport.HeatMap> maps = new ArrayList<>();
        for (String arm : tasks.sweep().spec().arms().keySet()) {
            double[][] median = new double[xs.size()][ys.size()];
            for (double[] row : median) {
                Arrays.fill(row, Double.NaN);
            }
            for (int p = 0; p < tasks.sweep().points().size(); p++) {
                Map<String, String> point = tasks.sweep().points().get(p);
                int i = xs.indexOf(point.get(params.get(0)));
                int j = ys.indexOf(point.get(params.get(1)));
                List<Survival.Subject> subjects = SweepResults.subjects(SweepResults.patients(tasks, p, arm), "pfs");
                median[i][j] = subjects == null ? Double.NaN : unit.of(Survival.kaplanMeier(subjects).median());
            }
            maps.add(new SweepReport.HeatMap(arm, params.get(0), params.get(1), xs.toArray(String[]::new), ys.toArray(String[]::new),
                    median, unit.label()));
        }
        return maps;
    }

    /** A parameter's distinct values as written, ordered by their number (units allowed, e.g. 4 mg/kg); null if not numeric. */
    private static List<String> axis(SweepResults.Tasks tasks, String path) {
        List<String> values = tasks.sweep().points().stream().map(p -> p.get(path)).distinct().toList();
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (String v : values) {
            try {
                numbers.put(v, Units.parse(v).value());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingDouble(numbers::get));
        return sorted;
    }
}
