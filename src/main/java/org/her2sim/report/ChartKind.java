package org.her2sim.report;

import org.jfree.chart.JFreeChart;

/** One kind of chart a report can hold. */
public interface ChartKind {
    /** The file name (without extension) and the option value, e.g. "burden". */
    String name();

    /** A caption for the report page. */
    String caption();

    /** Builds the chart, or returns null when the run has nothing to show (e.g. no drugs). */
    JFreeChart build(RunData data, Palette palette);
}
