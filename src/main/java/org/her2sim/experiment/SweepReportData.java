package org.her2sim.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.her2sim.observe.Summary;

/**
 * Turns a finished sweep's tasks into the report page's data (Kaplan–Meier curves per point,
 * escapes and their origin by arm, swimmer rows, exposure by arm, heat maps, the tables) and
 * has {@link org.her2sim.report.SweepReport} draw it.
 */
public final class SweepReportData {
    private SweepReportData() {
    }

    /** The sweep's report page: Kaplan–Meier curves per point, escapes by arm, the tables. */
    public static void write(SweepResults.Tasks tasks, Path dir) throws IOException {
        List<String> params = tasks.sweep().parameterPaths();
        TreeSet<String> drugs = new TreeSet<>();
        tasks.results().forEach(t -> drugs.addAll(t.summary().cumulativeDose().keySet()));
        Map<String, List<TaskResult>> groups = SweepResults.groups(tasks);
        List<org.her2sim.report.SweepReport.Point> points = new ArrayList<>();
        for (int p = 0; p < tasks.sweep().points().size(); p++) {
            List<org.her2sim.report.SweepReport.Curve> curves = new ArrayList<>();
            for (String arm : tasks.sweep().spec().arms().keySet()) {
                List<Survival.Subject> subjects = groups.getOrDefault(p + "\u0000" + arm, List.of()).stream()
                        .map(t -> SweepResults.subject(t.summary())).filter(java.util.Objects::nonNull).toList();
                Survival.Curve km = Survival.kaplanMeier(subjects);
                double end = subjects.stream().mapToDouble(Survival.Subject::time).max().orElse(0);
                curves.add(new org.her2sim.report.SweepReport.Curve(arm, km.times(), km.survival(), end));
            }
            StringBuilder label = new StringBuilder();
            tasks.sweep().points().get(p).forEach((k, v) -> label.append(label.length() > 0 ? ", " : "").append(k).append(" = ").append(v));
            points.add(new org.her2sim.report.SweepReport.Point(label.toString(), curves));
        }
        Map<String, Map<String, Integer>> escapes = new LinkedHashMap<>();
        for (String arm : tasks.sweep().spec().arms().keySet()) {
            escapes.put(arm, new TreeMap<>());
        }
        Map<String, Map<String, Integer>> origins = new LinkedHashMap<>();
        for (String arm : tasks.sweep().spec().arms().keySet()) {
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
        var spec = tasks.sweep().spec();
        List<org.her2sim.report.SweepReport.Swimmer> swimmers = swimmers(tasks);
        List<org.her2sim.report.SweepReport.Exposure> exposures = new ArrayList<>();
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
            exposures.add(new org.her2sim.report.SweepReport.Exposure(arm, on / n, off / n, dose));
        }
        String subtitle = String.format(Locale.ROOT, "%d arms x %d points x %d virtual patients; master seed %d; reference arm %s",
                spec.arms().size(), tasks.sweep().points().size(), spec.replicates(), spec.seed(), spec.referenceArm());
        org.her2sim.report.SweepReport.write(dir, new org.her2sim.report.SweepReport.Page(spec.name(), subtitle, points, escapes,
                origins, swimmers, exposures, heatMaps(tasks), List.of(new org.her2sim.report.SweepReport.Table("Per arm (summary.csv)", SweepResults.summary(tasks, params, List.copyOf(drugs))),
                        new org.her2sim.report.SweepReport.Table("Against the reference arm (comparison.csv)", SweepResults.comparison(tasks, params)))));
    }

    /** Swimmer rows: the first point's patients, at most 200 rows, arm by arm. */
    private static List<org.her2sim.report.SweepReport.Swimmer> swimmers(SweepResults.Tasks tasks) {
        var spec = tasks.sweep().spec();
        int perArm = Math.max(1, Math.min(spec.replicates(), 200 / spec.arms().size()));
        List<org.her2sim.report.SweepReport.Swimmer> rows = new ArrayList<>();
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
                    double[] span = {Math.max(0, p.startDays() - start), p.endDays() - start};
                    (p.treating() ? on : off).add(span);
                }
                rows.add(new org.her2sim.report.SweepReport.Swimmer(arm, arm + " #" + (t.replicate() + 1), on, off,
                        s.timeToProgressionDays(), s.extinct(), s.bestResponse()));
            }
        }
        return rows;
    }

    /** For a 2-parameter grid: median time to progression per cell, one map per arm. */
    private static List<org.her2sim.report.SweepReport.HeatMap> heatMaps(SweepResults.Tasks tasks) {
        List<String> params = tasks.sweep().parameterPaths();
        if (params.size() != 2 || !tasks.sweep().spec().parameters().design().equals("grid")) {
            return List.of();
        }
        List<org.her2sim.report.SweepReport.HeatMap> maps = new ArrayList<>();
        try {
            double[] xs = tasks.sweep().points().stream().mapToDouble(p -> Double.parseDouble(p.get(params.get(0)))).distinct().sorted().toArray();
            double[] ys = tasks.sweep().points().stream().mapToDouble(p -> Double.parseDouble(p.get(params.get(1)))).distinct().sorted().toArray();
            Map<String, List<TaskResult>> groups = SweepResults.groups(tasks);
            for (String arm : tasks.sweep().spec().arms().keySet()) {
                double[][] median = new double[xs.length][ys.length];
                for (double[] row : median) {
                    java.util.Arrays.fill(row, Double.NaN);
                }
                for (int p = 0; p < tasks.sweep().points().size(); p++) {
                    Map<String, String> point = tasks.sweep().points().get(p);
                    int i = java.util.Arrays.binarySearch(xs, Double.parseDouble(point.get(params.get(0))));
                    int j = java.util.Arrays.binarySearch(ys, Double.parseDouble(point.get(params.get(1))));
                    List<Survival.Subject> subjects = groups.getOrDefault(p + "\u0000" + arm, List.of()).stream()
                            .map(t -> SweepResults.subject(t.summary())).filter(java.util.Objects::nonNull).toList();
                    median[i][j] = Survival.kaplanMeier(subjects).median();
                }
                maps.add(new org.her2sim.report.SweepReport.HeatMap(arm, params.get(0), params.get(1), xs, ys, median));
            }
        } catch (NumberFormatException e) {
            return List.of(); // a parameter with non-numeric values: no heat map
        }
        return maps;
    }

}
