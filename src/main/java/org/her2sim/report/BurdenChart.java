package org.her2sim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.her2sim.observe.RunRecorder.TotalRow;
import org.her2sim.observe.Summary;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Tumour burden on a log axis, with treatment phases as shaded bands labelled by drug, the
 * nadir, progression and time to resistance marked, and the detection limit as a line.
 */
final class BurdenChart implements ChartKind {
    @Override
    public String name() {
        return "burden";
    }

    @Override
    public String caption() {
        return "Tumour burden (cells, log scale) with treatment phases, nadir, progression and resistance.";
    }

    @Override
    public JFreeChart build(RunData data, Palette palette) {
        XYSeries total = new XYSeries("all cells", false, true);
        XYSeries resistant = new XYSeries("cells growing under the drugs given", false, true);
        double low = Double.MAX_VALUE;
        double high = 1;
        for (TotalRow r : data.totals()) {
            if (r.cells() > 0) {
                total.add(r.timeDays(), r.cells());
                low = Math.min(low, r.cells());
                high = Math.max(high, r.cells());
            }
            // resistance is defined against the drugs given: shown only while treating, with a
            // gap (a null point) where treatment pauses
            if (r.treating() && r.growingCells() > 0) {
                resistant.add(r.timeDays(), r.growingCells());
                low = Math.min(low, r.growingCells());
            } else if (resistant.getItemCount() > 0 && resistant.getY(resistant.getItemCount() - 1) != null) {
                resistant.add(r.timeDays(), null);
            }
        }
        double detection = data.scenario().config().outcomes().detectionLimitCells();
        if (detection > 0) {
            low = Math.min(low, detection);
        }
        if (low == Double.MAX_VALUE) {
            low = 1;
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(total);
        dataset.addSeries(resistant);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, Color.BLACK);
        renderer.setSeriesStroke(0, new BasicStroke(2.2f));
        renderer.setSeriesPaint(1, new Color(0xD5, 0x5E, 0x00));
        renderer.setSeriesStroke(1, ChartStyle.DASHED);
        LogAxis y = ChartStyle.logAxis("tumour cells (log scale)");
        ChartStyle.logRange(y, Math.max(low, 1), high);
        XYPlot plot = new XYPlot(dataset, ChartStyle.daysAxis(data.summary().finalTimeDays()), y, renderer);
        LegendItemCollection legend = new LegendItemCollection();
        legend.addAll(renderer.getLegendItems());
        for (Map.Entry<String, Color> band : addPhases(plot, data).entrySet()) {
            LegendItem item = new LegendItem(band.getKey() + " given", band.getValue());
            item.setLabelFont(ChartStyle.SMALL);
            legend.add(item);
        }
        plot.setFixedLegendItems(legend);
        addMarkers(plot, data);
        JFreeChart chart = new JFreeChart("Tumour burden — " + data.summary().scenario(), ChartStyle.TITLE, plot, true);
        return ChartStyle.apply(chart);
    }

    /** Shades the phases that give drugs; returns each phase name's colour for the legend. */
    private static Map<String, Color> addPhases(XYPlot plot, RunData data) {
        Phases phases = Phases.of(data);
        double span = data.summary().finalTimeDays();
        Map<String, Color> colours = new LinkedHashMap<>();
        Map<String, Boolean> labelled = new HashMap<>();
        for (Phases.Phase p : phases.intervals()) {
            if (!p.treating() || p.end() <= p.start()) {
                continue;
            }
            Color c = colours.computeIfAbsent(p.name(), n -> Palette.tint(Palette.indexed(colours.size() + 1), 0.78));
            IntervalMarker band = new IntervalMarker(p.start(), p.end(), c);
            band.setAlpha(0.85f);
            // label each drug once, and only where the band is wide enough to hold it
            if (!labelled.containsKey(p.name()) && (p.end() - p.start()) > 0.06 * span) {
                band.setLabel(p.name());
                band.setLabelFont(ChartStyle.SMALL);
                band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                band.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
                labelled.put(p.name(), true);
            }
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
        return colours;
    }

    private static void addMarkers(XYPlot plot, RunData data) {
        Summary s = data.summary();
        double detection = data.scenario().config().outcomes().detectionLimitCells();
        if (detection > 0) {
            ValueMarker limit = new ValueMarker(detection, new Color(0x55, 0x55, 0x55), ChartStyle.DASHED);
            limit.setLabel("detection limit");
            limit.setLabelFont(ChartStyle.SMALL);
            limit.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            limit.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addRangeMarker(limit);
        }
        if (s.progressionTimeDays() != null) {
            ValueMarker m = new ValueMarker(s.progressionTimeDays(), new Color(0xD5, 0x5E, 0x00), new BasicStroke(2f));
            m.setLabel(String.format(Locale.ROOT, "progression, day %.0f", s.progressionTimeDays()));
            m.setLabelFont(ChartStyle.SMALL);
            boolean nearRightEdge = s.progressionTimeDays() > 0.8 * s.finalTimeDays();
            m.setLabelAnchor(nearRightEdge ? RectangleAnchor.BOTTOM_LEFT : RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(nearRightEdge ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(m);
        }
        if (s.resistanceTimeDays() != null) {
            ValueMarker m = new ValueMarker(s.resistanceTimeDays(), new Color(0x00, 0x72, 0xB2), ChartStyle.DASHED);
            m.setLabel(String.format(Locale.ROOT, "resistant majority, day %.0f", s.resistanceTimeDays()));
            m.setLabelFont(ChartStyle.SMALL);
            // the resistance label sits higher than the progression label, on the side with room
            boolean nearLeftEdge = s.resistanceTimeDays() < 0.25 * s.finalTimeDays();
            m.setLabelAnchor(nearLeftEdge ? RectangleAnchor.BOTTOM_RIGHT : RectangleAnchor.BOTTOM_LEFT);
            m.setLabelTextAnchor(nearLeftEdge ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT);
            m.setLabelOffset(new RectangleInsets(22, 4, 22, 4));
            plot.addDomainMarker(m);
        }
        if (s.extinct() && s.extinctionTimeDays() != null) {
            ValueMarker m = new ValueMarker(s.extinctionTimeDays(), new Color(0x00, 0x9E, 0x73), new BasicStroke(2f));
            m.setLabel(String.format(Locale.ROOT, "extinct, day %.1f", s.extinctionTimeDays()));
            m.setLabelFont(ChartStyle.SMALL);
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(m);
        }
        if (s.nadirCells() != null && s.nadirCells() > 0 && s.nadirTimeDays() != null) {
            XYPointerAnnotation nadir = new XYPointerAnnotation(
                    String.format(Locale.ROOT, "nadir %,.0f cells", s.nadirCells()), s.nadirTimeDays(), s.nadirCells(), Math.PI / 2);
            nadir.setFont(ChartStyle.SMALL);
            nadir.setTipRadius(3);
            nadir.setBaseRadius(28);
            nadir.setTextAnchor(TextAnchor.TOP_CENTER);
            plot.addAnnotation(nadir);
        }
    }
}
