package org.her2sim.gui;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Map;
import org.her2sim.report.Palette;

/**
 * Colours of marker combinations (as differences from the founder, the reports' "mechanisms"):
 * the founder's own markers grey, others the Okabe–Ito palette in order of first appearance, so
 * a clone keeps its colour for the whole run and matches the legend.
 */
final class MechanismColours {
    private final Map<String, Color> colours = new LinkedHashMap<>();
    private int next;

    MechanismColours() {
        colours.put(Palette.FOUNDER, Palette.GREY);
    }

    synchronized Color of(String mechanism) {
        return colours.computeIfAbsent(mechanism, m -> next < 8 ? Palette.indexed(next++) : Palette.OTHER);
    }

    /** Every colour given so far, in order (for the legend). */
    synchronized Map<String, Color> all() {
        return new LinkedHashMap<>(colours);
    }
}
