package org.her2sim.gui;

import java.awt.Color;
import org.her2sim.engine.TumourModel;
import sim.util.gui.ColorMap;

/**
 * Colours lattice sites for MASON's FastValueGridPortrayal2D: a site holds its cell's variant
 * + 1 (0 = empty); the colour is that of the cell's marker combination. Colours are cached per
 * state (a few dozen) since the portrayal asks for every site at every repaint.
 */
final class StateColourMap implements ColorMap {
    private static final Color EMPTY = Color.WHITE;
    private final MechanismColours colours;
    private TumourModel model;
    private Color[] byState = new Color[0];

    StateColourMap(MechanismColours colours) {
        this.colours = colours;
    }

    void setModel(TumourModel m) {
        model = m;
        byState = new Color[m.lineage().states()];
    }

    @Override
    public Color getColor(double level) {
        int v = (int) level - 1;
        if (v < 0 || model == null) {
            return EMPTY;
        }
        int s = model.lineage().stateOfVariant(v);
        Color c = byState[s];
        if (c == null) {
            c = colours.of(model.scenario().space().difference(s, model.scenario().founder()));
            byState[s] = c;
        }
        return c;
    }

    @Override
    public int getRGB(double level) {
        return getColor(level).getRGB();
    }

    @Override
    public int getAlpha(double level) {
        return 255;
    }

    @Override
    public boolean validLevel(double level) {
        return true;
    }

    @Override
    public double defaultValue() {
        return 0;
    }
}
