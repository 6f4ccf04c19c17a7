package org.her2sim.report;

import java.awt.Color;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.her2sim.observe.CloneInfo;
import org.her2sim.observe.RunRecorder.CloneRow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The Muller (fish) plot: at each time each clone is a band whose width is its share of the
 * tumour including its descendants; a child's band lies inside its parent's, its parent's own
 * cells split evenly on either side. Bands are coloured by the clone's escape mechanism.
 * Clones that never reach {@link #MIN_PEAK_SHARE} of the tumour are drawn as part of their
 * nearest shown ancestor (as Muller plots usually do), which keeps the picture readable.
 */
final class MullerChart implements ChartKind {
    static final double MIN_PEAK_SHARE = 0.002;

    @Override
    public String name() {
        return "muller";
    }

    @Override
    public String caption() {
        return "Muller plot: each clone a band inside its parent's, width = share of the tumour, colour = escape mechanism.";
    }

    @Override
    public JFreeChart build(RunData data, Palette palette) {
        List<CloneInfo> clones = data.cloneInfo();
        int n = clones.size();
        int[] parent = new int[n];
        for (CloneInfo c : clones) {
            parent[c.cloneId()] = c.parentId() == null ? -1 : c.parentId();
        }
        // sizes per time, and which clones are large enough to show
        TreeMap<Double, long[]> sizes = new TreeMap<>();
        for (CloneRow r : data.clones()) {
            sizes.computeIfAbsent(r.timeDays(), t -> new long[n])[r.cloneId()] += r.cells();
        }
        boolean[] shown = new boolean[n];
        for (long[] s : sizes.values()) {
            long total = 0;
            for (long x : s) {
                total += x;
            }
            for (int c = 0; c < n; c++) {
                if (total > 0 && s[c] >= MIN_PEAK_SHARE * total) {
                    shown[c] = true;
                }
            }
        }
        for (int c = 0; c < n; c++) {
            if (parent[c] < 0) {
                shown[c] = true; // founders are always drawn
            }
        }
        int[] drawnAs = new int[n];
        for (int c = 0; c < n; c++) {
            int a = c;
            while (!shown[a]) {
                a = parent[a];
            }
            drawnAs[c] = a;
        }
        List<List<Integer>> children = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            children.add(new ArrayList<>());
        }
        List<Integer> roots = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (!shown[c]) {
                continue;
            }
            int p = parent[c] < 0 ? -1 : drawnAs[parent[c]];
            if (p < 0) {
                roots.add(c);
            } else {
                children.get(p).add(c);
            }
        }
        YIntervalSeries[] bands = new YIntervalSeries[n];
        for (int c = 0; c < n; c++) {
            if (shown[c]) {
                // times come once each and in order: no search for duplicates (quadratic over a run of years)
                bands[c] = new YIntervalSeries("clone " + c, false, true);
            }
        }
        for (Map.Entry<Double, long[]> e : sizes.entrySet()) {
            long[] own = new long[n];
            long total = 0;
            for (int c = 0; c < n; c++) {
                own[drawnAs[c]] += e.getValue()[c];
                total += e.getValue()[c];
            }
            if (total == 0) {
                continue;
            }
            long[] cumulative = own.clone();
            for (int c = n - 1; c >= 0; c--) {
                // children are born after their parents, so their ids are larger
                if (shown[c] && parent[c] >= 0) {
                    cumulative[drawnAs[parent[c]]] += cumulative[c];
                }
            }
            double lower = 0;
            for (int root : roots) {
                lower = place(root, lower, e.getKey(), own, cumulative, total, children, bands);
            }
        }
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(false, false);
        renderer.setAlpha(1.0f);
        int i = 0;
        for (int c = 0; c < n; c++) {
            if (!shown[c]) {
                continue;
            }
            dataset.addSeries(bands[c]);
            Color colour = shade(palette.of(clones.get(c).escape()), c);
            renderer.setSeriesPaint(i, colour);
            renderer.setSeriesFillPaint(i, colour);
            i++;
        }
        NumberAxis y = new NumberAxis("share of the tumour");
        y.setRange(0, 1);
        y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
        XYPlot plot = new XYPlot(dataset, ChartStyle.daysAxis(data.summary().finalTimeDays()), y, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        // clones are coloured by the heritable change they were founded with; when most of their
        // cells have switched an adaptive state since, the legend says so in the words the
        // composition chart and the summary use ("pten=lost, now pten=lost + her3=adaptive_up")
        Set<String> drawn = new HashSet<>();
        Map<String, CloneInfo> largestAtEnd = new HashMap<>();
        for (int c = 0; c < n; c++) {
            if (shown[c]) {
                CloneInfo k = clones.get(c);
                drawn.add(k.escape());
                largestAtEnd.merge(k.escape(), k, (a, b) -> b.finalCells() > a.finalCells() ? b : a);
            }
        }
        plot.setFixedLegendItems(ChartStyle.legend(palette.legend(drawn, m -> {
            CloneInfo k = largestAtEnd.get(m);
            String now = k == null || k.finalCells() == 0 ? m : k.shownEscape();
            return now.equals(m) ? Palette.label(m) : Palette.label(m) + ", now " + Palette.label(now);
        })));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return ChartStyle.apply(new JFreeChart("Clonal evolution (Muller plot)", ChartStyle.TITLE, plot, true));
    }

    /** Lays out a clone's band from {@code lower}; returns the upper edge of the band. */
    private static double place(int c, double lower, double t, long[] own, long[] cumulative, long total,
                                List<List<Integer>> children, YIntervalSeries[] bands) {
        double width = cumulative[c] / (double) total;
        double upper = lower + width;
        bands[c].add(t, (lower + upper) / 2, lower, upper);
        double y = lower + own[c] / (2.0 * total);
        for (int child : children.get(c)) {
            y = place(child, y, t, own, cumulative, total, children, bands);
        }
        return upper;
    }

    /** Clones of one mechanism differ slightly in lightness so neighbouring bands stay apart. */
    private static Color shade(Color base, int clone) {
        double amount = (clone % 3) * 0.12;
        return Palette.tint(base, amount);
    }
}
