package org.her2sim.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.her2sim.io.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A dose–response chart: each well's viability, the fitted Hill curve and the IC50, on a log concentration axis. */
public final class DoseResponseChart {
    private DoseResponseChart() {
    }

    /**
     * Writes NAME.png and NAME.svg into {@code dir}; {@code curve} is null when no fit was possible,
     * {@code ic50} NaN then.
     */
    public static void write(Path dir, String name, String title, String unit, double[] c, double[] v, DoubleUnaryOperator curve,
                             double ic50) throws IOException {
        XYSeries wells = new XYSeries("wells");
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int i = 0; i < c.length; i++) {
            wells.add(c[i], v[i]);
            lo = Math.min(lo, c[i]);
            hi = Math.max(hi, c[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection(wells);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, Palette.indexed(4));
        if (curve != null) {
            XYSeries fit = new XYSeries("four-parameter Hill fit");
            for (int k = 0; k <= 200; k++) {
                double x = lo / 3 * Math.pow(hi * 3 / (lo / 3), k / 200.0);
                fit.add(x, curve.applyAsDouble(x));
            }
            data.addSeries(fit);
            r.setSeriesLinesVisible(1, true);
            r.setSeriesShapesVisible(1, false);
            r.setSeriesPaint(1, Palette.indexed(5));
        }
        LogAxis x = new LogAxis("concentration (" + unit + ")");
        x.setSmallestValue(lo / 10);
        x.setRange(lo / 3, hi * 3);
        NumberAxis y = new NumberAxis("viability relative to untreated");
        y.setRange(0, Math.max(1.2, wells.getMaxY() * 1.05));
        XYPlot plot = new XYPlot(data, x, y, r);
        if (!Double.isNaN(ic50)) {
            ValueMarker m = new ValueMarker(ic50, Color.DARK_GRAY, ChartStyle.DASHED);
            m.setLabel("IC50 " + String.format(Locale.ROOT, "%.3g", ic50) + " " + unit);
            m.setLabelFont(ChartStyle.SMALL);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m);
        }
        JFreeChart chart = ChartStyle.apply(new JFreeChart(title, ChartStyle.TITLE, plot, true));
        for (ChartFormat f : ChartFormat.values()) {
            AtomicFiles.write(dir.resolve(name + "." + f.extension()), out -> f.write(chart, 800, 560, out));
        }
    }
}
