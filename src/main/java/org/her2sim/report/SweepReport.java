package org.her2sim.report;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.her2sim.io.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A sweep's report.html and charts: Kaplan–Meier curves of time to progression per arm (one
 * chart per parameter point, up to {@link #MAX_CURVE_CHARTS}), escape mechanisms by arm, and
 * the summary and comparison tables. Built in a temporary folder and moved into place.
 */
public final class SweepReport {
    static final int MAX_CURVE_CHARTS = 6;

    /** One arm's Kaplan–Meier curve: S just after each event time; follow-up ends at {@code end}. */
    public record Curve(String arm, double[] times, double[] survival, double end) {
    }

    /** The curves of one parameter point. */
    public record Point(String label, List<Curve> curves) {
    }

    /** A table for the page. */
    public record Table(String caption, List<Map<String, Object>> rows) {
    }

    /** One virtual patient's course: phases relative to treatment start, progression, outcome. */
    public record Swimmer(String arm, String label, List<double[]> onDrug, List<double[]> offDrug, Double progression,
                          boolean cured, String bestResponse) {
    }

    /** What an arm gave: mean days on and off drug, mean cumulative dose per drug (mg). */
    public record Exposure(String arm, double daysOn, double daysOff, Map<String, Double> doseMg) {
    }

    /** Median time to progression over a 2-parameter grid, for one arm (NaN: not reached). */
    public record HeatMap(String arm, String xName, String yName, double[] xs, double[] ys, double[][] median) {
    }

    /** Everything the page shows. */
    public record Page(String title, String subtitle, List<Point> points, Map<String, Map<String, Integer>> escapesByArm,
                       Map<String, Map<String, Integer>> originsByArm, List<Swimmer> swimmers, List<Exposure> exposures,
                       List<HeatMap> heatMaps, List<Table> tables) {
    }

    private SweepReport() {
    }

    public static void write(Path dir, Page page) throws IOException {
        Path tmp = Files.createTempDirectory(dir, ".report-");
        try {
            Path charts = Files.createDirectory(tmp.resolve("charts"));
            List<HtmlPage.Figure> figures = new ArrayList<>();
            for (int i = 0; i < page.points().size() && i < MAX_CURVE_CHARTS; i++) {
                JFreeChart km = kaplanMeier(page.points().get(i));
                String name = "km-point-" + i;
                save(km, charts, name);
                figures.add(new HtmlPage.Figure("charts/" + name + ".png", "Time to progression by arm"
                        + (page.points().get(i).label().isEmpty() ? "" : " at " + page.points().get(i).label())
                        + " (Kaplan–Meier; ticks are not drawn, censoring is at the end of follow-up)."));
            }
            if (!page.escapesByArm().isEmpty()) {
                save(escapes(page.escapesByArm()), charts, "escapes");
                figures.add(new HtmlPage.Figure("charts/escapes.png", "Escape mechanism dominating at progression, by arm (all points)."));
                save(SweepCharts.origins(page.originsByArm()), charts, "escape-origin");
                figures.add(new HtmlPage.Figure("charts/escape-origin.png",
                        "Whether the escaping clone was already there at treatment start (pre-existing) or arose on treatment (acquired)."));
            }
            if (!page.exposures().isEmpty()) {
                save(SweepCharts.timeOnDrug(page.exposures()), charts, "time-on-drug");
                figures.add(new HtmlPage.Figure("charts/time-on-drug.png",
                        "Mean days on and off drug per virtual patient, by arm: what intermittent and adaptive schedules trade."));
                save(SweepCharts.dose(page.exposures()), charts, "dose");
                figures.add(new HtmlPage.Figure("charts/dose.png", "Mean cumulative dose per virtual patient, by arm and drug."));
            }
            if (!page.swimmers().isEmpty()) {
                int rows = page.swimmers().size();
                JFreeChart swim = SweepCharts.swimmer(page.swimmers());
                int height = Math.max(560, 16 * rows + 190);
                for (ChartFormat f : ChartFormat.values()) {
                    AtomicFiles.write(charts.resolve("swimmer." + f.extension()), out -> f.write(swim, 1000, height, out));
                }
                figures.add(new HtmlPage.Figure("charts/swimmer.png", "Swimmer plot: each virtual patient (first point), "
                        + "days since treatment start; bars on drug, grey off drug; ▲ progression, ● cured."));
            }
            for (int i = 0; i < page.heatMaps().size() && i < MAX_CURVE_CHARTS; i++) {
                save(SweepCharts.heatMap(page.heatMaps().get(i)), charts, "heatmap-" + i);
                figures.add(new HtmlPage.Figure("charts/heatmap-" + i + ".png", "Median time to progression (days) over the "
                        + "parameter grid, arm " + page.heatMaps().get(i).arm() + "; grey: median not reached."));
            }
            AtomicFiles.writeString(tmp.resolve("report.html"), html(page, figures));
            Path old = null;
            if (Files.exists(dir.resolve("charts"))) {
                old = Files.createTempDirectory(dir, ".charts-old-");
                Files.delete(old);
                Files.move(dir.resolve("charts"), old);
            }
            Files.move(charts, dir.resolve("charts"));
            AtomicFiles.move(tmp.resolve("report.html"), dir.resolve("report.html"));
            if (old != null) {
                AtomicFiles.deleteTree(old);
            }
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    private static void save(JFreeChart chart, Path charts, String name) throws IOException {
        for (ChartFormat f : ChartFormat.values()) {
            AtomicFiles.write(charts.resolve(name + "." + f.extension()), out -> f.write(chart, 1000, 560, out));
        }
    }

    static JFreeChart kaplanMeier(Point point) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYStepRenderer renderer = new XYStepRenderer();
        double end = 0;
        int i = 0;
        for (Curve c : point.curves()) {
            XYSeries s = new XYSeries(c.arm(), true, true);
            s.add(0.0, 1.0);
            for (int k = 0; k < c.times().length; k++) {
                s.add(c.times()[k], c.survival()[k]);
            }
            double last = c.survival().length == 0 ? 1.0 : c.survival()[c.survival().length - 1];
            s.add(c.end(), last);
            end = Math.max(end, c.end());
            dataset.addSeries(s);
            renderer.setSeriesPaint(i, Palette.indexed(i));
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
            i++;
        }
        NumberAxis y = new NumberAxis("progression-free (share of virtual patients)");
        y.setRange(0, 1.02);
        y.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance(Locale.ROOT));
        NumberAxis x = new NumberAxis("days since treatment start");
        x.setRange(0, Math.max(end, 1));
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        String title = "Time to progression" + (point.label().isEmpty() ? "" : " — " + point.label());
        return ChartStyle.apply(new JFreeChart(title, ChartStyle.TITLE, plot, true));
    }

    static JFreeChart escapes(Map<String, Map<String, Integer>> byArm) {
        Map<String, Double> totals = new LinkedHashMap<>();
        byArm.values().forEach(m -> m.forEach((k, v) -> totals.merge(k, (double) v, Double::sum)));
        Palette palette = new Palette(totals);
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<String> mechanisms = new ArrayList<>(totals.keySet());
        java.util.Collections.sort(mechanisms);
        for (String m : mechanisms) {
            for (Map.Entry<String, Map<String, Integer>> arm : byArm.entrySet()) {
                // arm names break where a reader would: at "+" and "-"
                String label = arm.getKey().replace("+", " + ").replace("-", " ");
                dataset.addValue(arm.getValue().getOrDefault(m, 0), Palette.label(m), label);
            }
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        for (int i = 0; i < mechanisms.size(); i++) {
            renderer.setSeriesPaint(i, palette.of(mechanisms.get(i)));
        }
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis("arm"), new NumberAxis("virtual patients progressing"), renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setRangeGridlinePaint(new java.awt.Color(0xDD, 0xDD, 0xDD));
        plot.getDomainAxis().setLabelFont(ChartStyle.LABEL);
        plot.getDomainAxis().setTickLabelFont(ChartStyle.TICK);
        plot.getRangeAxis().setLabelFont(ChartStyle.LABEL);
        plot.getRangeAxis().setTickLabelFont(ChartStyle.TICK);
        plot.getDomainAxis().setMaximumCategoryLabelLines(3);
        JFreeChart chart = new JFreeChart("Escape mechanism at progression", ChartStyle.TITLE, plot, true);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        chart.getLegend().setItemFont(ChartStyle.SMALL);
        return chart;
    }

    static String html(Page page, List<HtmlPage.Figure> figures) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>her2sim sweep — ")
                .append(HtmlPage.esc(page.title())).append("</title>\n<style>\n").append(HtmlPage.css())
                .append("table.data{border-collapse:collapse;font-size:.85em;margin-bottom:18px}\n")
                .append("table.data th,table.data td{border-bottom:1px solid #eee;padding:4px 10px;text-align:right}\n")
                .append("table.data th:first-child,table.data td:first-child{text-align:left}\n")
                .append(".scroll{overflow-x:auto}\n</style>\n</head>\n<body>\n<header><h1>")
                .append(HtmlPage.esc(page.title())).append("</h1>\n<p class=\"sub\">").append(HtmlPage.esc(page.subtitle()))
                .append("</p></header>\n");
        for (Table t : page.tables()) {
            h.append("<section><h2>").append(HtmlPage.esc(t.caption())).append("</h2>\n<div class=\"scroll\"><table class=\"data\">\n");
            if (!t.rows().isEmpty()) {
                h.append("<tr>");
                t.rows().get(0).keySet().forEach(k -> h.append("<th>").append(HtmlPage.esc(k)).append("</th>"));
                h.append("</tr>\n");
                for (Map<String, Object> r : t.rows()) {
                    h.append("<tr>");
                    r.values().forEach(v -> h.append("<td>").append(HtmlPage.esc(format(v))).append("</td>"));
                    h.append("</tr>\n");
                }
            }
            h.append("</table></div></section>\n");
        }
        h.append("<section><h2>Charts</h2>\n");
        for (HtmlPage.Figure f : figures) {
            h.append("<figure><img src=\"").append(HtmlPage.esc(f.file())).append("\" alt=\"").append(HtmlPage.esc(f.caption()))
                    .append("\"><figcaption>").append(HtmlPage.esc(f.caption())).append("</figcaption></figure>\n");
        }
        h.append("</section>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String format(Object v) {
        if (v == null) {
            return "—";
        }
        if (v instanceof Double d) {
            return Math.abs(d) >= 100 || d == Math.rint(d) ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.3g", d);
        }
        return v.toString();
    }
}
