package org.her2sim.gui;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.util.Locale;
import java.util.Map;
import javax.swing.JComponent;
import org.her2sim.observe.LiveData;

/**
 * A well-mixed tumour has no positions to draw, so its view is a 50 × 50 "dish" of squares, each
 * 1/2500 of the tumour, coloured by marker combination in proportion to the cells (largest
 * first), with the total written above.
 */
final class CompositionView extends JComponent {
    private static final int SIDE = 50;
    private final MechanismColours colours;
    private volatile LiveData.Point latest;

    CompositionView(MechanismColours colours) {
        this.colours = colours;
        setPreferredSize(new Dimension(600, 600));
    }

    void show(LiveData.Point p) {
        latest = p;
        repaint();
    }

    @Override
    protected void paintComponent(Graphics g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, getWidth(), getHeight());
        LiveData.Point p = latest;
        if (p == null || p.cells() == 0) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(p == null ? "press play" : "no cells left", 20, 30);
            return;
        }
        int top = 30;
        int cell = Math.max(1, Math.min(getWidth(), getHeight() - top) / SIDE);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "day %.0f: %,d cells, well mixed (each square 1/2500 of them)", p.day(), p.cells()), 10, 20);
        int k = 0;
        var sorted = p.byMechanism().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        double carried = 0;
        for (var e : sorted) {
            carried += e.getValue() * (double) SIDE * SIDE / p.cells();
            int until = (int) Math.round(carried);
            // a combination with any cells gets at least one square
            until = Math.max(until, Math.min(SIDE * SIDE, k + 1));
            g.setColor(colours.of(e.getKey()));
            for (; k < until && k < SIDE * SIDE; k++) {
                g.fillRect((k % SIDE) * cell, top + (k / SIDE) * cell, cell - 1, cell - 1);
            }
        }
    }
}
