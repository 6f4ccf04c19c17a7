package org.her2sim.report;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** How a chart is written: PNG for reading, SVG (JFreeSVG) for papers. */
public enum ChartFormat {
    PNG("png") {
        @Override
        void write(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        }
    },
    SVG("svg") {
        @Override
        void write(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
            SVGGraphics2D g2 = new SVGGraphics2D(width, height);
            // the default prefix of clip-path and gradient ids is the clock's: same chart, same bytes
            g2.setDefsKeyPrefix("her2sim");
            chart.draw(g2, new Rectangle(0, 0, width, height));
            out.write(g2.getSVGDocument().getBytes(StandardCharsets.UTF_8));
        }
    };

    private final String extension;

    ChartFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    abstract void write(JFreeChart chart, int width, int height, OutputStream out) throws IOException;
}
