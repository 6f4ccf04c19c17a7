package org.her2sim.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.swing.JPanel;
import org.her2sim.observe.LiveData;
import org.her2sim.pharmacology.Drug;
import org.her2sim.report.ChartStyle;
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
    private final double maxDays;
    private final double maxCells;
    private final ChartPanel composition;
    private final ChartPanel burden;
    private final ChartPanel concentrations;
    final JPanel panel = new JPanel(new GridLayout(1, 3, 4, 0));

    /** Charts for a run of at most {@code maxDays} that stops at {@code maxCells}: the axes are set from the start. */
    LiveCharts(MechanismColours colours, List<Drug> drugs, double maxDays, double maxCells) {
        this.colours = colours;
        this.drugs = drugs;
        this.maxDays = maxDays;
        this.maxCells = maxCells;
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
        XYPlot plot = new XYPlot(data, dayAxis(), y, r);
        return chart("Clonal composition", plot, false);
    }

    private JFreeChart burdenChart() {
        XYSeries cells = new XYSeries("cells");
        for (LiveData.Point p : history) {
            if (p.cells() > 0) {
                cells.add(p.day(), p.cells());
            }
        }
        // whole decades from 1 cell to the run's ceiling (or the largest tumour seen), from the first frame
        LogAxis y = ChartStyle.logAxis("cells");
        double top = cells.getItemCount() > 0 ? Math.max(cells.getMaxY() * 2, 100) : 100;
        ChartStyle.logRange(y, 1, Double.isFinite(maxCells) && maxCells < 1e15 ? Math.max(maxCells, top) : top);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, Color.BLACK);
        XYPlot plot = new XYPlot(new XYSeriesCollection(cells), dayAxis(), y, r);
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

    /**
     * Concentrations on a log axis, so a drug at 2 mg/L shows beside one at 100 mg/L; each drug
     * its own colour, in the order of the drug library among the drugs given (as in the run report).
     */
    private JFreeChart drugChart() {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        int k = 0;
        for (Drug d : drugs) {
            XYSeries s = new XYSeries(d.name());
            for (LiveData.Point p : history) {
                double c = p.concentrations()[d.bit()];
                if (c > 1e-6) {
                    s.add(p.day(), c);
                }
            }
            if (s.getItemCount() > 0) {
                data.addSeries(s);
                r.setSeriesPaint(k, Palette.drug(k));
                r.setSeriesStroke(k++, new BasicStroke(2f));
            }
        }
        LogAxis y = ChartStyle.logAxis("concentration (mg/L, log scale)");
        ChartStyle.logRange(y, 0.01, 1000);
        XYPlot plot = new XYPlot(data, dayAxis(), y, r);
        return chart("Drug concentrations", plot, true);
    }

    /** Days from 0 to a little past the last observation (at least a month, at most the run's end): stable, never empty. */
    private NumberAxis dayAxis() {
        double last = history.isEmpty() ? 0 : history.get(history.size() - 1).day();
        double upper = Math.min(maxDays, Math.max(30, Math.ceil(last * 1.25 / 10) * 10));
        NumberAxis x = new NumberAxis("day");
        x.setRange(0, Math.max(upper, 1));
        return x;
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
