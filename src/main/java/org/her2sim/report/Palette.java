package org.her2sim.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.her2sim.biology.StateSpace;

/**
 * Colours that colour-blind readers can tell apart: the Okabe–Ito palette (Okabe &amp; Ito 2008,
 * "Color Universal Design"). Founder-like cells are grey; each marker change has one fixed
 * colour from the biology ({@link #of(StateSpace)}), the same in every chart, report and window.
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
    /** A change the biology does not name (or beyond the palette). */
    public static final Color OTHER = new Color(0x5A, 0x5A, 0x5A);
    public static final String FOUNDER = "none";

    /** How much darker a combination is drawn for each change beyond its first. */
    private static final double DARKER_PER_CHANGE = 0.7;

    private final Map<String, Color> changes = new LinkedHashMap<>(); // "marker=state" -> colour, biology order

    private Palette() {
    }

    /**
     * The fixed colours of a biology: each change ("marker=state" other than a marker's first)
     * takes the colour its state declares ({@code colour:} in the biology file), else the next
     * Okabe–Ito colour no state declared, in the biology's order. The same biology gives the same
     * colours in every lesson, run, sweep and window.
     */
    public static Palette of(StateSpace space) {
        Palette p = new Palette();
        Map<String, String> declared = space.colours();
        List<Color> free = new ArrayList<>();
        for (Color c : OKABE_ITO) {
            if (declared.values().stream().noneMatch(h -> Color.decode(h).equals(c))) {
                free.add(c);
            }
        }
        int next = 0;
        for (String change : space.changes()) {
            String hex = declared.get(change);
            p.changes.put(change, hex != null ? Color.decode(hex) : next < free.size() ? free.get(next++) : OTHER);
        }
        return p;
    }

    /**
     * A mechanism's colour: grey for the founder's own markers; otherwise the colour of its first
     * change (biology order), darker for each further change ("pten=lost+her3=adaptive_up" is a
     * darker pten=lost).
     */
    public Color of(String mechanism) {
        if (mechanism.equals(FOUNDER)) {
            return GREY;
        }
        String[] parts = mechanism.split("\\+");
        Color base = changes.get(parts[0]);
        if (base == null) {
            return OTHER;
        }
        double f = Math.pow(DARKER_PER_CHANGE, parts.length - 1);
        return new Color((int) Math.round(base.getRed() * f), (int) Math.round(base.getGreen() * f), (int) Math.round(base.getBlue() * f));
    }

    /** The legend for the mechanisms a chart shows, founder first, then in the biology's order of their first change. */
    public Map<String, Color> legend(Set<String> shown) {
        return legend(shown, Palette::label);
    }

    /** As above, with each mechanism's entry worded by {@code labeller}. */
    public Map<String, Color> legend(Set<String> shown, Function<String, String> labeller) {
        List<String> order = new ArrayList<>(changes.keySet());
        List<String> sorted = new ArrayList<>(shown);
        sorted.sort(Comparator.<String>comparingInt(m -> m.equals(FOUNDER) ? -1 : rank(order, m.split("\\+")[0]))
                .thenComparingInt(m -> m.split("\\+").length).thenComparing(Comparator.naturalOrder()));
        Map<String, Color> legend = new LinkedHashMap<>();
        for (String m : sorted) {
            legend.put(labeller.apply(m), of(m));
        }
        return legend;
    }

    private static int rank(List<String> order, String change) {
        int i = order.indexOf(change);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** A mechanism as a reader wants it: "founder-like" for none, markers joined by " + ". */
    public static String label(String mechanism) {
        return mechanism.equals(FOUNDER) ? "founder's own markers (no new escape)" : mechanism.replace("+", " + ");
    }

    /** Drug line colours: the k-th drug a chart shows (in the drug library's order), Okabe–Ito from blue on. */
    public static Color drug(int k) {
        int[] order = {4, 5, 6, 0, 1, 2, 3};
        return indexed(order[k % order.length]);
    }

    /** The i-th palette colour, for drugs. */
    public static Color indexed(int i) {
        return OKABE_ITO[i % OKABE_ITO.length];
    }

    /** A colour as CSS writes it, "#rrggbb" (pages, the classroom's legend). */
    public static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** A lighter tint, for shaded bands. */
    public static Color tint(Color c, double amount) {
        int r = (int) Math.round(c.getRed() + (255 - c.getRed()) * amount);
        int g = (int) Math.round(c.getGreen() + (255 - c.getGreen()) * amount);
        int b = (int) Math.round(c.getBlue() + (255 - c.getBlue()) * amount);
        return new Color(r, g, b);
    }
}
