package org.her2sim.gui;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.swing.JPanel;
import org.her2sim.pharmacology.Drug;
import org.her2sim.report.Palette;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The live charts beside the lattice: clonal composition (shares of marker combinations,
 * stacked), tumour burden on a log axis with treatment shaded, and drug concentrations.
 * Rebuilt on the Swing thread from the observations so far (a few hundred points: cheap).
 */
final class LiveCharts {
    private final List<LiveData.Point> history = new ArrayList<>();
    private final MechanismColours colours;
    private final List<Drug> drugs;
    private final ChartPanel composition;
    private final ChartPanel burden;
    private final ChartPanel concentrations;
    final JPanel panel = new JPanel(new GridLayout(1, 3, 4, 0));

    LiveCharts(MechanismColours colours, List<Drug> drugs) {
        this.colours = colours;
        this.drugs = drugs;
        composition = chartPanel();
        burden = chartPanel();
        concentrations = chartPanel();
        panel.add(composition);
        panel.add(burden);
        panel.add(concentrations);
        clear();
    }

    private static ChartPanel chartPanel() {
        ChartPanel p = new ChartPanel(null, 360, 240, 200, 150, 2000, 2000, true, false, false, false, false, false);
        p.setPreferredSize(new Dimension(360, 240));
        return p;
    }

    void clear() {
        history.clear();
        redraw();
    }

    /** Adds observations (on the Swing thread) and redraws if there were any. */
    void add(List<LiveData.Point> points) {
        if (points.isEmpty()) {
            return;
        }
        history.addAll(points);
        redraw();
    }

    private void redraw() {
        composition.setChart(compositionChart());
        burden.setChart(burdenChart());
        concentrations.setChart(drugChart());
    }

    private JFreeChart compositionChart() {
        Set<String> mechanisms = new LinkedHashSet<>(colours.all().keySet());
        history.forEach(p -> mechanisms.addAll(p.byMechanism().keySet()));
        DefaultTableXYDataset data = new DefaultTableXYDataset();
        StackedXYAreaRenderer2 r = new StackedXYAreaRenderer2();
        int i = 0;
        for (String m : mechanisms) {
            XYSeries s = new XYSeries(Palette.label(m), false, false);
            boolean any = false;
            for (LiveData.Point p : history) {
                long n = p.byMechanism().getOrDefault(m, 0L);
                any |= n > 0;
                s.add(p.day(), p.cells() == 0 ? 0.0 : n / (double) p.cells(), false);
            }
            if (!any) {
                continue;
            }
            data.addSeries(s);
            r.setSeriesPaint(i++, colours.of(m));
        }
        NumberAxis y = new NumberAxis("share of cells");
        y.setRange(0, 1);
        XYPlot plot = new XYPlot(data, new NumberAxis("day"), y, r);
        return chart("Clonal composition", plot, false);
    }

    private JFreeChart burdenChart() {
        XYSeries cells = new XYSeries("cells");
        for (LiveData.Point p : history) {
            if (p.cells() > 0) {
                cells.add(p.day(), p.cells());
            }
        }
        LogAxis y = new LogAxis("cells");
        y.setSmallestValue(1);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, Color.BLACK);
        XYPlot plot = new XYPlot(new XYSeriesCollection(cells), new NumberAxis("day"), y, r);
        // treatment bands: consecutive observations with drugs given, labelled by phase
        double start = Double.NaN;
        String phase = null;
        for (int i = 0; i <= history.size(); i++) {
            LiveData.Point p = i < history.size() ? history.get(i) : null;
            boolean on = p != null && p.treating();
            if (on && Double.isNaN(start)) {
                start = p.day();
                phase = p.phase();
            } else if ((!on || !p.phase().equals(phase)) && !Double.isNaN(start)) {
                double end = p == null ? history.get(history.size() - 1).day() : p.day();
                IntervalMarker band = new IntervalMarker(start, end, Palette.tint(Palette.indexed(1), 0.75));
                band.setLabel(phase);
                band.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.addDomainMarker(band, Layer.BACKGROUND);
                start = on ? p.day() : Double.NaN;
                phase = on ? p.phase() : null;
            }
        }
        return chart("Tumour burden (treatment shaded)", plot, false);
    }

    private JFreeChart drugChart() {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        int k = 0;
        for (Drug d : drugs) {
            XYSeries s = new XYSeries(d.name());
            boolean any = false;
            for (LiveData.Point p : history) {
                double c = p.concentrations()[d.bit()];
                any |= c > 0;
                s.add(p.day(), c);
            }
            if (any) {
                data.addSeries(s);
                r.setSeriesPaint(k++, Palette.indexed(d.bit() + 2));
            }
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("day"), new NumberAxis("concentration (mg/L)"), r);
        return chart("Drug concentrations", plot, true);
    }

    private static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart c = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 12), plot, legend);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }
}
