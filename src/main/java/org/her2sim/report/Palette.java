package org.her2sim.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Colours that colour-blind readers can tell apart: the Okabe–Ito palette (Okabe &amp; Ito 2008,
 * "Color Universal Design"). Founder-like cells are grey; escape mechanisms take the palette
 * in order of their size, the same mechanism the same colour in every chart of a run.
 */
public final class Palette {
    public static final Color GREY = new Color(0x99, 0x99, 0x99);
    private static final Color[] OKABE_ITO = {
        new Color(0xE6, 0x9F, 0x00), // orange
        new Color(0x56, 0xB4, 0xE9), // sky blue
        new Color(0x00, 0x9E, 0x73), // bluish green
        new Color(0xCC, 0x79, 0xA7), // reddish purple
        new Color(0x00, 0x72, 0xB2), // blue
        new Color(0xD5, 0x5E, 0x00), // vermillion
        new Color(0xF0, 0xE4, 0x42), // yellow
        new Color(0x00, 0x00, 0x00), // black
    };
    /** Mechanisms beyond the palette share this colour and the legend entry "other". */
    public static final Color OTHER = new Color(0x5A, 0x5A, 0x5A);
    public static final String FOUNDER = "none";

    private final Map<String, Color> colours = new LinkedHashMap<>();

    /** Assigns colours to mechanisms ranked by a size (e.g. peak cells); "none" is always grey. */
    public Palette(Map<String, Double> sizeByMechanism) {
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(sizeByMechanism.entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        int next = 0;
        if (sizeByMechanism.containsKey(FOUNDER)) {
            colours.put(FOUNDER, GREY);
        }
        for (Map.Entry<String, Double> e : ranked) {
            if (e.getKey().equals(FOUNDER)) {
                continue;
            }
            colours.put(e.getKey(), next < OKABE_ITO.length ? OKABE_ITO[next] : OTHER);
            next++;
        }
    }

    public Color of(String mechanism) {
        return colours.getOrDefault(mechanism, OTHER);
    }

    /** The legend for the mechanisms a chart shows: own colours first, then "other" if some share it. */
    public Map<String, Color> legend(Set<String> shown) {
        Map<String, Color> legend = new LinkedHashMap<>();
        boolean other = false;
        for (Map.Entry<String, Color> e : colours.entrySet()) {
            if (!shown.contains(e.getKey())) {
                continue;
            }
            if (e.getValue() == OTHER) {
                other = true;
            } else {
                legend.put(label(e.getKey()), e.getValue());
            }
        }
        if (other) {
            legend.put("other mechanisms", OTHER);
        }
        return legend;
    }

    /** A mechanism as a reader wants it: "founder-like" for none, markers joined by " + ". */
    public static String label(String mechanism) {
        return mechanism.equals(FOUNDER) ? "founder's own markers (no new escape)" : mechanism.replace("+", " + ");
    }

    /** The i-th palette colour, for drugs. */
    public static Color indexed(int i) {
        return OKABE_ITO[i % OKABE_ITO.length];
    }

    /** A lighter tint, for shaded bands. */
    public static Color tint(Color c, double amount) {
        int r = (int) Math.round(c.getRed() + (255 - c.getRed()) * amount);
        int g = (int) Math.round(c.getGreen() + (255 - c.getGreen()) * amount);
        int b = (int) Math.round(c.getBlue() + (255 - c.getBlue()) * amount);
        return new Color(r, g, b);
    }
}
