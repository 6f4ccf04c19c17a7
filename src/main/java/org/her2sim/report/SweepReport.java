package org.her2sim.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A sweep's report.html and charts: the trial's flow (CONSORT-like counts), published figures
 * beside the simulated ones, the per-arm and comparison tables, Kaplan–Meier curves of each
 * time-to-event endpoint per arm (with 95 % bands, censoring ticks and numbers at risk; up to
 * {@link #MAX_CURVE_CHARTS} parameter points), escape mechanisms, a swimmer plot, exposure and
 * heat maps. Built in a temporary folder and moved into place.
 */
public final class SweepReport {
    static final int MAX_CURVE_CHARTS = 6;

    /**
     * One arm's Kaplan–Meier curve in the page's time unit: S just after each event time with its
     * 95 % limits, the censored times, and every subject's follow-up (for the numbers at risk).
     */
    public record Curve(String arm, double[] times, double[] survival, double[] lower, double[] upper, double[] censored,
                        double[] followUp) {
    }

    /** The curves of one endpoint at one parameter point. */
    public record SurvivalPlot(String endpoint, int point, String label, List<Curve> curves) {
    }

    /** A table for the page; a transposed one shows its rows as columns (one column per arm). */
    public record Table(String caption, List<Map<String, Object>> rows, boolean transposed, String note) {
        public Table(String caption, List<Map<String, Object>> rows) {
            this(caption, rows, false, "");
        }
    }

    /**
     * One virtual patient's course, in the page's time unit since treatment start: phases on drug
     * ({start, end, line}) and off drug ({start, end}), the start of each later line, progression,
     * strategy failure, and whether cured.
     */
    public record Swimmer(String arm, String label, List<double[]> onDrug, List<double[]> offDrug, Double progression,
                          List<Double> lineStarts, Double failure, boolean cured, String bestResponse) {
    }

    /** What an arm gave: mean days on and off drug, mean cumulative dose per drug (mg). */
    public record Exposure(String arm, double daysOn, double daysOff, Map<String, Double> doseMg) {
    }

    /**
     * Median progression-free survival over a 2-parameter grid, for one arm (NaN: not reached);
     * the axes show the values as written (a dose with its unit), ordered by their numbers.
     */
    public record HeatMap(String arm, String xName, String yName, String[] xs, String[] ys, double[][] median, String unit) {
    }

    /** Everything the page shows; times are in {@code timeLabel} (days or months). */
    public record Page(String title, String subtitle, String design, String timeLabel, List<SurvivalPlot> plots,
                       Map<String, Map<String, Integer>> escapesByArm, Map<String, Map<String, Integer>> originsByArm,
                       List<Swimmer> swimmers, List<Exposure> exposures, List<HeatMap> heatMaps, List<Table> tables,
                       Palette palette) {
    }

    /** What an endpoint is called on the page. */
    static String endpointName(String endpoint) {
        return switch (endpoint) {
            case "pfs" -> "Progression-free survival";
            case "ttf" -> "Time to strategy failure";
            case "os" -> "Overall survival (lethal-burden proxy)";
            default -> endpoint;
        };
    }

    private SweepReport() {
    }

    public static void write(Path dir, Page page) throws IOException {
        ReportFolder.write(dir, tmp -> {
            Path charts = Files.createDirectory(tmp.resolve("charts"));
            List<HtmlPage.Figure> figures = new ArrayList<>();
            for (SurvivalPlot plot : page.plots()) {
                String title = endpointName(plot.endpoint()) + (plot.label().isEmpty() ? "" : " — " + plot.label());
                List<SurvivalChart.Curve> curves = plot.curves().stream().map(c -> new SurvivalChart.Curve(c.arm(), c.times(),
                        c.survival(), c.lower(), c.upper(), c.censored(), c.followUp())).toList();
                JFreeChart km = SurvivalChart.draw(title, "share of patients without the event", page.timeLabel() + " since randomisation",
                        curves);
                String name = "km-" + plot.endpoint() + "-point-" + plot.point();
                int height = 600 + 22 * curves.size();
                for (ChartFormat f : ChartFormat.values()) {
                    AtomicFiles.write(charts.resolve(name + "." + f.extension()), out -> f.write(km, 1000, height, out));
                }
                figures.add(new HtmlPage.Figure("charts/" + name + ".png", title + " by arm (Kaplan–Meier, 95 % bands; "
                        + "a tick marks a censored patient; the numbers at risk stand under the time axis)."));
            }
            if (!page.escapesByArm().isEmpty()) {
                save(escapes(page.escapesByArm(), page.palette()), charts, "escapes");
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
                JFreeChart swim = SweepCharts.swimmer(page.swimmers(), page.timeLabel());
                int height = Math.max(560, 16 * rows + 190);
                for (ChartFormat f : ChartFormat.values()) {
                    AtomicFiles.write(charts.resolve("swimmer." + f.extension()), out -> f.write(swim, 1000, height, out));
                }
                figures.add(new HtmlPage.Figure("charts/swimmer.png", "Swimmer plot: each virtual patient (first point), "
                        + page.timeLabel() + " since treatment start; bars on drug (a colour per line of therapy), grey off drug; ◇ a new line of therapy, "
                        + "▲ progression, ✕ strategy failure, ● cured."));
            }
            for (int i = 0; i < page.heatMaps().size() && i < MAX_CURVE_CHARTS; i++) {
                save(SweepCharts.heatMap(page.heatMaps().get(i)), charts, "heatmap-" + i);
                figures.add(new HtmlPage.Figure("charts/heatmap-" + i + ".png", "Median progression-free survival ("
                        + page.heatMaps().get(i).unit() + ") over the parameter grid, arm " + page.heatMaps().get(i).arm()
                        + "; grey: median not reached."));
            }
            AtomicFiles.writeString(tmp.resolve("report.html"), html(page, figures));
        });
    }

    private static void save(JFreeChart chart, Path charts, String name) throws IOException {
        for (ChartFormat f : ChartFormat.values()) {
            AtomicFiles.write(charts.resolve(name + "." + f.extension()), out -> f.write(chart, 1000, 560, out));
        }
    }

    static JFreeChart escapes(Map<String, Map<String, Integer>> byArm, Palette palette) {
        Map<String, Double> totals = new LinkedHashMap<>();
        byArm.values().forEach(m -> m.forEach((k, v) -> totals.merge(k, (double) v, Double::sum)));
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<String> mechanisms = new ArrayList<>(totals.keySet());
        Collections.sort(mechanisms);
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
        renderer.setBarPainter(new StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis("arm"), new NumberAxis("virtual patients progressing"), renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.getDomainAxis().setLabelFont(ChartStyle.LABEL);
        plot.getDomainAxis().setTickLabelFont(ChartStyle.TICK);
        plot.getRangeAxis().setLabelFont(ChartStyle.LABEL);
        plot.getRangeAxis().setTickLabelFont(ChartStyle.TICK);
        plot.getDomainAxis().setMaximumCategoryLabelLines(3);
        JFreeChart chart = new JFreeChart("Escape mechanism at progression", ChartStyle.TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(ChartStyle.SMALL);
        return chart;
    }

    static String html(Page page, List<HtmlPage.Figure> figures) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("title", page.title());
        scope.put("subtitle", page.subtitle());
        scope.put("design", page.design().isEmpty() ? null : page.design());
        List<Map<String, Object>> tables = new ArrayList<>();
        for (Table t : page.tables()) {
            Map<String, Object> table = new HashMap<>();
            table.put("caption", t.caption());
            table.put("rows", rows(t));
            table.put("note", t.note().isEmpty() ? null : t.note());
            tables.add(table);
        }
        scope.put("tables", tables);
        scope.put("figures", figures);
        return Templates.html("sweep-report.html.mustache", scope);
    }

    /** A cell of a page table: a heading or a value. */
    record Cell(String text, boolean header) {
    }

    /** Row by row as the page shows it: transposed (one column per arm, the arm heading each) or as it is. */
    private static List<Map<String, List<Cell>>> rows(Table t) {
        List<Map<String, List<Cell>>> out = new ArrayList<>();
        if (t.rows().isEmpty()) {
            return out;
        }
        if (t.transposed()) {
            for (String key : t.rows().get(0).keySet()) {
                List<Cell> cells = new ArrayList<>(List.of(new Cell(key, true)));
                t.rows().forEach(r -> cells.add(new Cell(format(r.get(key)), key.equals("arm"))));
                out.add(Map.of("cells", cells));
            }
        } else {
            out.add(Map.of("cells", t.rows().get(0).keySet().stream().map(k -> new Cell(k, true)).toList()));
            for (Map<String, Object> r : t.rows()) {
                out.add(Map.of("cells", r.values().stream().map(v -> new Cell(format(v), false)).toList()));
            }
        }
        return out;
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
