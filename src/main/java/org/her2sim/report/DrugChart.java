package org.her2sim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.her2sim.observe.RunRecorder.DrugRow;
import org.her2sim.pharmacology.Drug;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Drug exposure: the concentration that acts (free plasma concentration in vivo, medium
 * concentration in a dish) of each drug over time, on a log axis, against the IC50 of each of
 * its targets drawn as a dashed line in the drug's colour.
 */
final class DrugChart implements ChartKind {
    @Override
    public String name() {
        return "drugs";
    }

    @Override
    public String caption() {
        return "Drug exposure: acting (free) concentration of each drug against the IC50 of its targets.";
    }

    @Override
    public JFreeChart build(RunData data, Palette palette) {
        if (data.drugs().isEmpty()) {
            return null;
        }
        boolean free = data.scenario().config().context().pk();
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (DrugRow r : data.drugs()) {
            Drug d = data.scenario().drugs().get(r.drug());
            if (d == null) {
                throw new ReportInputException(data.directory().resolve("drugs.csv") + ": drug '" + r.drug()
                        + "' is not in config.yaml");
            }
            double c = free ? r.concentrationUgPerMl() * d.actingFraction() : r.concentrationUgPerMl();
            XYSeries s = series.computeIfAbsent(r.drug(), k -> new XYSeries(k + (free && d.actingFraction() < 1 ? label(d) : ""), false, true));
            if (c > 0) {
                s.add(r.timeDays(), c);
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        LogAxis y = ChartStyle.logAxis((free ? "free concentration" : "concentration") + " (µg/mL, log scale)");
        XYPlot plot = new XYPlot(dataset, ChartStyle.daysAxis(data.summary().finalTimeDays()), y, renderer);
        double low = Double.MAX_VALUE;
        double high = 0;
        int i = 0;
        for (Map.Entry<String, XYSeries> e : series.entrySet()) {
            dataset.addSeries(e.getValue());
            if (e.getValue().getItemCount() > 0) {
                low = Math.min(low, e.getValue().getMinY());
                high = Math.max(high, e.getValue().getMaxY());
            }
            Color colour = Palette.drug(i);
            renderer.setSeriesPaint(i, colour);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            Drug d = data.scenario().drugs().get(e.getKey());
            // targets with the same IC50 share one line and one label
            Map<Double, List<String>> byIc50 = new TreeMap<>();
            for (int k = 0; k < d.targetCount(); k++) {
                byIc50.computeIfAbsent(d.ic50MgPerL(k), x -> new ArrayList<>())
                        .add(data.scenario().drugs().targets().names().get(d.target(k)));
            }
            int k = 0;
            for (Map.Entry<Double, List<String>> t : byIc50.entrySet()) {
                double value = t.getKey();
                low = Math.min(low, value);
                high = Math.max(high, value);
                ValueMarker ic50 = new ValueMarker(value, colour, ChartStyle.DASHED);
                ic50.setLabel(String.format(Locale.ROOT, "%s IC50 on %s: %.3g µg/mL", d.name(), String.join(", ", t.getValue()), value));
                ic50.setLabelFont(ChartStyle.SMALL);
                ic50.setLabelPaint(colour.darker());
                ic50.setLabelAnchor(k % 2 == 0 ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.BOTTOM_RIGHT);
                ic50.setLabelTextAnchor(k % 2 == 0 ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_RIGHT);
                plot.addRangeMarker(ic50);
                k++;
            }
            i++;
        }
        if (high > 0) {
            // the IC50 lines are part of the range, so a drug far above or below its IC50 shows it
            ChartStyle.logRange(y, low, high);
        }
        return ChartStyle.apply(new JFreeChart("Drug exposure against IC50", ChartStyle.TITLE, plot, true));
    }

    /** What the plotted concentration is: the free part, and the part reaching the tumour. */
    private static String label(Drug d) {
        if (d.tumourPenetration() == 1) {
            return String.format(Locale.ROOT, " (free, %.0f %% unbound)", 100 * d.fractionUnbound());
        }
        return String.format(Locale.ROOT, " (at the tumour, %.0f %% of plasma)", 100 * d.actingFraction());
    }
}
