package org.her2sim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.her2sim.io.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Simulated against published figures, one point each with its intervals (the published 95 %
 * interval across, the simulated one up), fitted and checked figures in two colours, and the
 * identity line: a point on the line is reproduced exactly.
 */
public final class AgreementChart {
    /** One figure: published and simulated values with their intervals (NaN bounds: none), and whether it was fitted. */
    public record Point(double published, double publishedLow, double publishedHigh, double simulated, double simulatedLow,
                        double simulatedHigh, boolean fitted) {
    }

    private AgreementChart() {
    }

    /** Writes {@code dir/name.png} and {@code .svg}. */
    public static void write(Path dir, String name, String title, String unit, List<Point> points) throws IOException {
        XYIntervalSeries fitted = new XYIntervalSeries("fitted");
        XYIntervalSeries checked = new XYIntervalSeries("checked (not fitted)");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            if (!Double.isFinite(p.simulated())) {
                continue; // a median not reached has no place on the axis
            }
            double xl = Double.isFinite(p.publishedLow()) ? p.publishedLow() : p.published();
            double xh = Double.isFinite(p.publishedHigh()) ? p.publishedHigh() : p.published();
            double yl = Double.isFinite(p.simulatedLow()) ? p.simulatedLow() : p.simulated();
            double yh = Double.isFinite(p.simulatedHigh()) ? p.simulatedHigh() : p.simulated();
            (p.fitted() ? fitted : checked).add(p.published(), xl, xh, p.simulated(), yl, yh);
            lo = Math.min(lo, Math.min(xl, yl));
            hi = Math.max(hi, Math.max(xh, yh));
        }
        lo = Double.isFinite(lo) ? Math.min(0, lo) : 0;
        hi = Double.isFinite(hi) ? Math.max(1, hi * 1.05) : 1;
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(fitted);
        data.addSeries(checked);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(false);
        r.setDefaultShapesVisible(true);
        r.setSeriesPaint(0, Palette.indexed(0));
        r.setSeriesPaint(1, Palette.indexed(1));
        ValueAxis x = axis("published " + unit, lo, hi);
        ValueAxis y = axis("simulated " + unit, lo, hi);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.addAnnotation(new XYLineAnnotation(lo, lo, hi, hi, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {4f, 4f}, 0f), Color.GRAY));
        JFreeChart chart = ChartStyle.apply(new JFreeChart(title, ChartStyle.TITLE, plot, true));
        for (ChartFormat f : ChartFormat.values()) {
            AtomicFiles.write(dir.resolve(name + "." + f.extension()), out -> f.write(chart, 640, 600, out));
        }
    }

    private static ValueAxis axis(String label, double lo, double hi) {
        ValueAxis a = new NumberAxis(label);
        a.setRange(lo, hi);
        return a;
    }
}
