package org.her2sim.gui;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.her2sim.report.Palette;

/**
 * Colours of marker combinations (as differences from the founder, the reports' "mechanisms"):
 * the biology's fixed colours ({@link Palette#of}), the same in every lesson, report and window.
 * Remembers which combinations have been drawn, for the legend.
 */
final class MechanismColours {
    private final Palette palette;
    private final Set<String> seen = new LinkedHashSet<>();

    MechanismColours(Palette palette) {
        this.palette = palette;
        seen.add(Palette.FOUNDER);
    }

    synchronized Color of(String mechanism) {
        seen.add(mechanism);
        return palette.of(mechanism);
    }

    /** Every combination drawn so far with its colour, in the legend's order (keys are mechanisms, not labels). */
    synchronized Map<String, Color> all() {
        Map<String, Color> out = new LinkedHashMap<>();
        Map<String, Color> byLabel = palette.legend(seen);
        for (String label : byLabel.keySet()) {
            for (String m : seen) {
                if (Palette.label(m).equals(label)) {
                    out.put(m, byLabel.get(label));
                }
            }
        }
        return out;
    }
}
