package org.her2sim.report;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** How a chart is written: PNG for reading, SVG (JFreeSVG) for papers. */
public enum ChartFormat {
    PNG("png") {
        @Override
        void write(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
            // encoded in memory, then written: a full disk fails with the file system's own error,
            // not ImageIO's "I/O error writing PNG file!" (and no ImageIO cache file is left open)
            ByteArrayOutputStream png = new ByteArrayOutputStream(1 << 16);
            ChartUtils.writeChartAsPNG(png, chart, width, height);
            png.writeTo(out);
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

    static {
        // ImageIO otherwise buffers each image in a temporary file whose closing thread prints a
        // stack trace when the disk is full
        ImageIO.setUseCache(false);
    }

    private final String extension;

    ChartFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    abstract void write(JFreeChart chart, int width, int height, OutputStream out) throws IOException;
}
