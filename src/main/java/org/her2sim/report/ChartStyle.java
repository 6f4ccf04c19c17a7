package org.her2sim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/** The look all charts share: white, light grid, readable fonts, legend below. */
public final class ChartStyle {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private ChartStyle() {
    }

    static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TITLE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setOutlinePaint(new Color(0x88, 0x88, 0x88));
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            plot.getDomainAxis(i).setLabelFont(LABEL);
            plot.getDomainAxis(i).setTickLabelFont(TICK);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            plot.getRangeAxis(i).setLabelFont(LABEL);
            plot.getRangeAxis(i).setTickLabelFont(TICK);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(SMALL);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(BlockBorder.NONE);
        }
        return chart;
    }

    public static NumberAxis daysAxis() {
        NumberAxis x = new NumberAxis("time (days)");
        x.setAutoRangeIncludesZero(false);
        return x;
    }

    public static LogAxis logAxis(String label) {
        LogAxis y = new LogAxis(label);
        y.setBase(10);
        y.setSmallestValue(1e-9);
        return y;
    }

    /**
     * Fixes a log axis to [low, high] with readable ticks: whole decades (10^k) when the range
     * spans two decades or more, otherwise automatic ticks written as plain numbers.
     */
    public static void logRange(LogAxis axis, double low, double high) {
        double lo = Math.pow(10, Math.floor(Math.log10(low)));
        double hi = Math.pow(10, Math.ceil(Math.log10(high)));
        if (Math.log10(high / low) >= 2) {
            axis.setRange(lo, hi);
            axis.setTickUnit(new NumberTickUnit(Math.log10(hi / lo) > 8 ? 2 : 1));
        } else {
            axis.setRange(low / 1.3, high * 1.3);
            axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        }
    }

    /** The time axis of a run: from 0 to its last observation, without margins. */
    public static NumberAxis daysAxis(double lastDay) {
        NumberAxis x = daysAxis();
        x.setRange(0, Math.max(lastDay, 1e-6));
        return x;
    }

    public static LegendItemCollection legend(Map<String, Color> entries) {
        LegendItemCollection items = new LegendItemCollection();
        for (Map.Entry<String, Color> e : entries.entrySet()) {
            LegendItem item = new LegendItem(e.getKey(), e.getValue());
            item.setLabelFont(SMALL);
            items.add(item);
        }
        return items;
    }
}
