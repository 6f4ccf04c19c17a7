package org.her2sim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.her2sim.io.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Tumour volume curves per arm of a xenograft study: mean ± standard error, one colour per arm. */
public final class XenograftChart {
    /** One arm's curve: day, mean and standard error per day. */
    public record Arm(String name, double[] mean, double[] se) {
    }

    private XenograftChart() {
    }

    public static void write(Path dir, String name, String title, List<Arm> arms) throws IOException {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        int i = 0;
        for (Arm a : arms) {
            YIntervalSeries s = new YIntervalSeries(a.name());
            for (int d = 0; d < a.mean().length; d++) {
                s.add(d, a.mean()[d], a.mean()[d] - a.se()[d], a.mean()[d] + a.se()[d]);
            }
            data.addSeries(s);
            r.setSeriesPaint(i, i == 0 ? Palette.GREY : Palette.indexed(i - 1));
            i++;
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("days of treatment"), new NumberAxis("tumour volume (mm³), mean ± SE"), r);
        JFreeChart chart = ChartStyle.apply(new JFreeChart(title, ChartStyle.TITLE, plot, true));
        for (ChartFormat f : ChartFormat.values()) {
            AtomicFiles.write(dir.resolve(name + "." + f.extension()), out -> f.write(chart, 800, 560, out));
        }
    }
}
