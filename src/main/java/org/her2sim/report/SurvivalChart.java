package org.her2sim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A Kaplan–Meier chart as trials print it: one step curve per arm with its 95 % band, a tick at
 * each censored time, and the numbers at risk under the time axis at each labelled time.
 */
final class SurvivalChart {
    private SurvivalChart() {
    }

    /** One arm's curve, in the chart's time unit: S just after each event time, its limits, the censored times. */
    record Curve(String arm, double[] times, double[] survival, double[] lower, double[] upper, double[] censored,
                 double[] followUp) {
        /** Subjects still followed at time t (time ≥ t). */
        int atRisk(double t) {
            int n = 0;
            for (double f : followUp) {
                if (f >= t - 1e-9) {
                    n++;
                }
            }
            return n;
        }
    }

    static JFreeChart draw(String title, String yLabel, String timeLabel, List<Curve> curves) {
        double end = 1e-9;
        for (Curve c : curves) {
            for (double f : c.followUp()) {
                end = Math.max(end, f);
            }
        }
        double step = niceStep(end / 6);
        NumberAxis x = new NumberAxis(timeLabel);
        double upper = Math.max(step, Math.ceil(end / step) * step);
        // a little room either side, so the numbers at risk at the first and last ticks are whole
        x.setRange(-0.04 * upper, 1.04 * upper);
        x.setTickUnit(new NumberTickUnit(step));
        x.setLabelFont(ChartStyle.LABEL);
        x.setTickLabelFont(ChartStyle.TICK);

        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        XYSeriesCollection lines = new XYSeriesCollection();
        XYSeriesCollection ticks = new XYSeriesCollection();
        DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
        XYStepRenderer lineRenderer = new XYStepRenderer();
        XYLineAndShapeRenderer tickRenderer = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            Color colour = Palette.indexed(i);
            YIntervalSeries band = new YIntervalSeries(c.arm() + " 95% CI", false, true);
            XYSeries line = new XYSeries(c.arm(), false, true);
            XYSeries tick = new XYSeries(c.arm() + " censored", false, true);
            double s = 1;
            double lo = 1;
            double hi = 1;
            band.add(0, 1, 1, 1);
            line.add(0, 1);
            for (int k = 0; k < c.times().length; k++) {
                double t = c.times()[k];
                band.add(t, s, lo, hi); // a step: the previous value up to the event time
                s = c.survival()[k];
                lo = c.lower()[k];
                hi = c.upper()[k];
                band.add(t, s, lo, hi);
                line.add(t, s);
            }
            double last = 0;
            for (double f : c.followUp()) {
                last = Math.max(last, f);
            }
            band.add(last, s, lo, hi);
            line.add(last, s);
            for (double t : c.censored()) {
                tick.add(t, valueAt(c, t));
            }
            bands.addSeries(band);
            lines.addSeries(line);
            ticks.addSeries(tick);
            bandRenderer.setSeriesPaint(i, colour);
            bandRenderer.setSeriesFillPaint(i, colour);
            bandRenderer.setSeriesStroke(i, new BasicStroke(0f));
            bandRenderer.setSeriesVisibleInLegend(i, false);
            lineRenderer.setSeriesPaint(i, colour);
            lineRenderer.setSeriesStroke(i, new BasicStroke(2.2f));
            tickRenderer.setSeriesPaint(i, colour);
            tickRenderer.setSeriesShape(i, new Rectangle2D.Double(-0.75, -6, 1.5, 12));
            tickRenderer.setSeriesVisibleInLegend(i, false);
        }
        bandRenderer.setAlpha(0.15f);
        NumberAxis y = new NumberAxis(yLabel);
        y.setRange(0, 1.02);
        y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        y.setLabelFont(ChartStyle.LABEL);
        y.setTickLabelFont(ChartStyle.TICK);
        XYPlot km = new XYPlot(lines, null, y, lineRenderer);
        km.setDataset(1, ticks);
        km.setRenderer(1, tickRenderer);
        km.setDataset(2, bands);
        km.setRenderer(2, bandRenderer);
        km.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        km.setBackgroundPaint(Color.WHITE);
        km.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        km.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));

        String[] arms = new String[curves.size()];
        for (int i = 0; i < curves.size(); i++) {
            arms[curves.size() - 1 - i] = curves.get(i).arm();
        }
        SymbolAxis armAxis = new SymbolAxis("at risk", arms);
        armAxis.setGridBandsVisible(false);
        armAxis.setTickLabelFont(ChartStyle.SMALL);
        armAxis.setLabelFont(ChartStyle.SMALL);
        armAxis.setRange(-0.6, curves.size() - 0.4);
        XYPlot table = new XYPlot(new XYSeriesCollection(), null, armAxis, new XYLineAndShapeRenderer(false, false));
        table.setBackgroundPaint(Color.WHITE);
        table.setDomainGridlinesVisible(false);
        table.setRangeGridlinesVisible(false);
        table.setOutlineVisible(false);
        Font font = ChartStyle.SMALL;
        for (int i = 0; i < curves.size(); i++) {
            for (double t = 0; t <= upper + 1e-9; t += step) {
                XYTextAnnotation a = new XYTextAnnotation(Integer.toString(curves.get(i).atRisk(t)), t, curves.size() - 1 - i);
                a.setFont(font);
                a.setPaint(Palette.indexed(i));
                a.setTextAnchor(TextAnchor.CENTER);
                table.addAnnotation(a);
            }
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(6);
        plot.add(km, 12);
        plot.add(table, Math.max(2, curves.size()));
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(ChartStyle.SMALL);
        return chart;
    }

    private static double valueAt(Curve c, double t) {
        double s = 1;
        for (int k = 0; k < c.times().length && c.times()[k] <= t + 1e-9; k++) {
            s = c.survival()[k];
        }
        return s;
    }

    /** A round step (1, 2, 3, 6, 12 … months or 1, 2, 5 × 10^k days) near {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 3, 5, 6, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
