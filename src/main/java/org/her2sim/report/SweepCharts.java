package org.her2sim.report;

import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The sweep's arm-comparison charts beyond the survival curves. */
final class SweepCharts {
    private SweepCharts() {
    }

    static JFreeChart swimmer(List<SweepReport.Swimmer> patients, String timeLabel) {
        // on drug, one series per line of therapy (colours tell the lines apart); off drug
        int lineCount = 1;
        for (SweepReport.Swimmer p : patients) {
            for (double[] span : p.onDrug()) {
                lineCount = Math.max(lineCount, (int) span[2]);
            }
        }
        List<XYIntervalSeries> on = new ArrayList<>();
        for (int k = 1; k <= lineCount; k++) {
            on.add(new XYIntervalSeries(lineCount == 1 ? "on drug" : "line " + k + " on drug"));
        }
        XYIntervalSeries off = new XYIntervalSeries("off drug");
        XYSeries progressed = new XYSeries("progression", false, true);
        XYSeries cured = new XYSeries("cured (extinct)", false, true);
        XYSeries lines = new XYSeries("new line of therapy", false, true);
        XYSeries failed = new XYSeries("strategy failure", false, true);
        String[] labels = new String[patients.size()];
        double end = 1;
        for (int i = 0; i < patients.size(); i++) {
            SweepReport.Swimmer p = patients.get(i);
            int row = patients.size() - 1 - i; // first patient on top
            labels[row] = p.label();
            for (double[] span : p.onDrug()) {
                on.get(Math.max(1, (int) span[2]) - 1).add(span[0], span[0], span[1], row, row - 0.35, row + 0.35);
                end = Math.max(end, span[1]);
            }
            for (double[] span : p.offDrug()) {
                off.add(span[0], span[0], span[1], row, row - 0.2, row + 0.2);
                end = Math.max(end, span[1]);
            }
            double last = 0;
            for (double[] span : p.onDrug()) {
                last = Math.max(last, span[1]);
            }
            for (double[] span : p.offDrug()) {
                last = Math.max(last, span[1]);
            }
            if (p.progression() != null) {
                progressed.add((double) p.progression(), (double) row);
            }
            for (double start : p.lineStarts()) {
                lines.add(start, (double) row);
            }
            if (p.failure() != null) {
                failed.add((double) p.failure(), (double) row);
            }
            if (p.cured()) {
                cured.add(last, (double) row);
            }
        }
        XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
        XYBarRenderer barRenderer = new XYBarRenderer();
        for (int k = 0; k < on.size(); k++) {
            bars.addSeries(on.get(k));
            barRenderer.setSeriesPaint(k, k == 0 ? Palette.indexed(4) : Palette.indexed(5 + k));
        }
        bars.addSeries(off);
        barRenderer.setSeriesPaint(on.size(), new Color(0xCC, 0xCC, 0xCC));
        barRenderer.setUseYInterval(true);
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        SymbolAxis y = new SymbolAxis("virtual patient", labels);
        y.setTickLabelFont(ChartStyle.SMALL);
        y.setGridBandsVisible(false);
        NumberAxis x = new NumberAxis(timeLabel + " since treatment start");
        x.setRange(0, end * 1.02);
        XYPlot plot = new XYPlot(bars, x, y, barRenderer);
        XYSeriesCollection marks = new XYSeriesCollection();
        marks.addSeries(progressed);
        marks.addSeries(cured);
        marks.addSeries(lines);
        marks.addSeries(failed);
        XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
        markRenderer.setSeriesShape(0, triangle(6));
        markRenderer.setSeriesPaint(0, new Color(0xD5, 0x5E, 0x00));
        markRenderer.setSeriesShape(1, new Ellipse2D.Double(-5, -5, 10, 10));
        markRenderer.setSeriesPaint(1, new Color(0x00, 0x9E, 0x73));
        markRenderer.setSeriesShape(2, diamond(8));
        markRenderer.setSeriesPaint(2, Color.BLACK);
        markRenderer.setSeriesShapesFilled(2, false); // an outline, so progression at the same time still shows
        markRenderer.setSeriesShape(3, cross(6));
        markRenderer.setSeriesPaint(3, Color.BLACK);
        plot.setDataset(1, marks);
        plot.setRenderer(1, markRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        return ChartStyle.apply(new JFreeChart("Virtual patients (swimmer plot)", ChartStyle.TITLE, plot, true));
    }

    private static Path2D diamond(double r) {
        Path2D d = new Path2D.Double();
        d.moveTo(0, -r);
        d.lineTo(r, 0);
        d.lineTo(0, r);
        d.lineTo(-r, 0);
        d.closePath();
        return d;
    }

    /** An ✕, as a closed outline (renderers fill shapes). */
    private static Shape cross(double r) {
        Area a = new Area(AffineTransform.getRotateInstance(Math.PI / 4)
                .createTransformedShape(new Rectangle2D.Double(-r, -r / 4, 2 * r, r / 2)));
        a.add(new Area(AffineTransform.getRotateInstance(-Math.PI / 4)
                .createTransformedShape(new Rectangle2D.Double(-r, -r / 4, 2 * r, r / 2))));
        return a;
    }

    private static Path2D triangle(double r) {
        Path2D t = new Path2D.Double();
        t.moveTo(0, -r);
        t.lineTo(r, r);
        t.lineTo(-r, r);
        t.closePath();
        return t;
    }

    static JFreeChart timeOnDrug(List<SweepReport.Exposure> exposures) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (SweepReport.Exposure e : exposures) {
            String arm = label(e.arm());
            d.addValue(e.daysOn(), "days on drug", arm);
            d.addValue(e.daysOff(), "days off drug", arm);
        }
        StackedBarRenderer r = new StackedBarRenderer();
        r.setSeriesPaint(0, Palette.indexed(4));
        r.setSeriesPaint(1, new Color(0xCC, 0xCC, 0xCC));
        return category("Time on and off drug per virtual patient", "arm", "mean days after treatment start", d, r);
    }

    static JFreeChart origins(Map<String, Map<String, Integer>> byArm) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (var arm : byArm.entrySet()) {
            for (String origin : List.of("pre-existing", "acquired")) {
                d.addValue(arm.getValue().getOrDefault(origin, 0), origin, label(arm.getKey()));
            }
        }
        StackedBarRenderer r = new StackedBarRenderer();
        r.setSeriesPaint(0, Palette.indexed(5));
        r.setSeriesPaint(1, Palette.indexed(1));
        return category("Origin of the escaping clone", "arm", "virtual patients progressing", d, r);
    }

    static JFreeChart dose(List<SweepReport.Exposure> exposures) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        TreeSet<String> drugs = new TreeSet<>();
        exposures.forEach(e -> drugs.addAll(e.doseMg().keySet()));
        BarRenderer r = new BarRenderer();
        int i = 0;
        for (String drug : drugs) {
            for (SweepReport.Exposure e : exposures) {
                d.addValue(e.doseMg().getOrDefault(drug, 0.0) / 1000.0, drug, label(e.arm()));
            }
            r.setSeriesPaint(i, Palette.indexed(i + 4));
            i++;
        }
        return category("Cumulative dose per virtual patient", "arm", "mean cumulative dose (g)", d, r);
    }

    private static JFreeChart category(String title, String xLabel, String yLabel, DefaultCategoryDataset d, BarRenderer r) {
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        CategoryPlot plot = new CategoryPlot(d, new CategoryAxis(xLabel), new NumberAxis(yLabel), r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.getDomainAxis().setMaximumCategoryLabelLines(3);
        plot.getDomainAxis().setLabelFont(ChartStyle.LABEL);
        plot.getDomainAxis().setTickLabelFont(ChartStyle.TICK);
        plot.getRangeAxis().setLabelFont(ChartStyle.LABEL);
        plot.getRangeAxis().setTickLabelFont(ChartStyle.TICK);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(ChartStyle.SMALL);
        return chart;
    }

    /** Arm names break where a reader would: at "+" and "-". */
    static String label(String arm) {
        return arm.replace("+", " + ").replace("-", " ");
    }

    static JFreeChart heatMap(SweepReport.HeatMap h) {
        List<double[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < h.xs().length; i++) {
            for (int j = 0; j < h.ys().length; j++) {
                double v = h.median()[i][j];
                cells.add(new double[] {i, j, v});
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(max > min)) {
            // one value (or none): a scale around it, so the colour still reads
            double centre = Double.isFinite(min) ? min : 0;
            min = centre - Math.max(1, Math.abs(centre) * 0.1);
            max = centre + Math.max(1, Math.abs(centre) * 0.1);
        }
        double[][] series = new double[3][cells.size()];
        for (int k = 0; k < cells.size(); k++) {
            series[0][k] = cells.get(k)[0];
            series[1][k] = cells.get(k)[1];
            series[2][k] = cells.get(k)[2];
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("median progression-free survival", series);
        XYBlockRenderer r = new XYBlockRenderer();
        Viridis scale = new Viridis(min, max);
        r.setPaintScale(scale);
        SymbolAxis x = new SymbolAxis(h.xName(), h.xs());
        SymbolAxis y = new SymbolAxis(h.yName(), h.ys());
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        for (double[] c : cells) {
            String text = Double.isNaN(c[2]) ? "not reached" : String.format(Locale.ROOT, "%.3g", c[2]);
            XYTextAnnotation a = new XYTextAnnotation(text, c[0], c[1]);
            a.setFont(ChartStyle.LABEL);
            // dark text on the light end of the scale, white on the dark end
            a.setPaint(Double.isNaN(c[2]) || (c[2] - min) / (max - min) > 0.6 ? Color.BLACK : Color.WHITE);
            plot.addAnnotation(a);
        }
        JFreeChart chart = new JFreeChart("Median progression-free survival — " + h.arm(), ChartStyle.TITLE, plot, false);
        NumberAxis scaleAxis = new NumberAxis(h.unit());
        scaleAxis.setRange(min, max);
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The viridis colour map (perceptually uniform, colour-blind safe); NaN is light grey. */
    static final class Viridis implements PaintScale {
        private static final int[] ANCHORS = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};
        private final double low;
        private final double high;

        Viridis(double low, double high) {
            this.low = low;
            this.high = high;
        }

        @Override
        public double getLowerBound() {
            return low;
        }

        @Override
        public double getUpperBound() {
            return high;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return new Color(0xEE, 0xEE, 0xEE);
            }
            double u = Math.max(0, Math.min(1, (value - low) / (high - low))) * (ANCHORS.length - 1);
            int k = Math.min((int) u, ANCHORS.length - 2);
            double f = u - k;
            Color a = new Color(ANCHORS[k]);
            Color b = new Color(ANCHORS[k + 1]);
            return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                    (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                    (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
        }
    }
}
