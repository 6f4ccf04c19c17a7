package org.her2sim.report;

import java.awt.Color;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.her2sim.observe.RunRecorder.MechanismRow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Shares of the tumour by marker combination, stacked: the composition chart, and (with
 * resistant cells only) the resistant fraction by mechanism.
 */
final class CompositionChart implements ChartKind {
    private final boolean resistantOnly;

    CompositionChart(boolean resistantOnly) {
        this.resistantOnly = resistantOnly;
    }

    @Override
    public String name() {
        return resistantOnly ? "resistance" : "composition";
    }

    @Override
    public String caption() {
        return resistantOnly
                ? "Resistant fraction of the tumour by escape mechanism: cells that grow under the drugs present."
                : "Clonal composition by marker combination (share of all cells).";
    }

    @Override
    public JFreeChart build(RunData data, Palette palette) {
        ToLongFunction<MechanismRow> count = resistantOnly ? MechanismRow::growingCells : MechanismRow::cells;
        Map<Double, Map<String, Long>> byTime = new TreeMap<>();
        Map<Double, Long> totals = new TreeMap<>();
        // whether drugs were given at each observation, as recorded with it
        Map<Double, Boolean> treating = new HashMap<>();
        data.totals().forEach(t -> treating.put(t.timeDays(), t.treating()));
        Map<String, Double> peakShare = new HashMap<>();
        for (MechanismRow r : data.mechanisms()) {
            if (resistantOnly && !treating.getOrDefault(r.timeDays(), false)) {
                continue; // resistance is defined against the drugs given
            }
            byTime.computeIfAbsent(r.timeDays(), t -> new LinkedHashMap<>()).merge(r.mechanism(), count.applyAsLong(r), Long::sum);
            totals.merge(r.timeDays(), r.cells(), Long::sum);
        }
        for (Map.Entry<Double, Map<String, Long>> e : byTime.entrySet()) {
            long n = totals.get(e.getKey());
            e.getValue().forEach((m, k) -> peakShare.merge(m, n == 0 ? 0.0 : k / (double) n, Math::max));
        }
        List<String> mechanisms = peakShare.keySet().stream().sorted().toList();
        Set<String> visible = new HashSet<>();
        peakShare.forEach((m, share) -> {
            if (share >= MullerChart.MIN_PEAK_SHARE) {
                visible.add(m);
            }
        });
        // one band (a single polygon) per mechanism between the shares stacked below it and its
        // own top: a stacked area drawn per observation made SVGs of tens of megabytes
        DeviationRenderer renderer = new DeviationRenderer(false, false);
        renderer.setAlpha(1.0f);
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        List<YIntervalSeries> bands = new ArrayList<>();
        for (String m : mechanisms) {
            bands.add(new YIntervalSeries(Palette.label(m), false, true));
        }
        int times = byTime.size();
        double[] days = new double[times];
        double[][] share = new double[mechanisms.size()][times];
        int t = 0;
        for (Map.Entry<Double, Map<String, Long>> e : byTime.entrySet()) {
            days[t] = e.getKey();
            long n = totals.get(e.getKey());
            for (int k = 0; k < mechanisms.size(); k++) {
                share[k][t] = n == 0 ? 0.0 : e.getValue().getOrDefault(mechanisms.get(k), 0L) / (double) n;
            }
            t++;
        }
        double[] below = new double[times];
        for (int k = 0; k < mechanisms.size(); k++) {
            double[] s = share[k];
            for (t = 0; t < times; t++) {
                // inside a stretch where the mechanism is absent the band has no area: its ends suffice
                boolean inside = s[t] == 0 && t > 0 && t < times - 1 && s[t - 1] == 0 && s[t + 1] == 0;
                if (!inside) {
                    bands.get(k).add(days[t], below[t] + s[t] / 2, below[t], below[t] + s[t]);
                }
            }
            for (t = 0; t < times; t++) {
                below[t] += s[t];
            }
        }
        for (int k = 0; k < mechanisms.size(); k++) {
            dataset.addSeries(bands.get(k));
            renderer.setSeriesPaint(k, palette.of(mechanisms.get(k)));
            renderer.setSeriesFillPaint(k, palette.of(mechanisms.get(k)));
        }
        NumberAxis y = new NumberAxis(resistantOnly ? "resistant share of all cells" : "share of all cells");
        y.setRange(0, 1.0);
        y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        XYPlot plot = new XYPlot(dataset, ChartStyle.daysAxis(data.summary().finalTimeDays()), y, renderer);
        plot.setFixedLegendItems(ChartStyle.legend(palette.legend(visible)));
        if (resistantOnly) {
            double threshold = data.scenario().config().outcomes().resistantFraction();
            ValueMarker line = new ValueMarker(threshold, Color.DARK_GRAY, ChartStyle.DASHED);
            line.setLabel("resistance threshold");
            line.setLabelFont(ChartStyle.SMALL);
            line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(line);
        }
        String title = resistantOnly ? "Resistant fraction by escape mechanism" : "Clonal composition by marker combination";
        return ChartStyle.apply(new JFreeChart(title, ChartStyle.TITLE, plot, true));
    }
}
