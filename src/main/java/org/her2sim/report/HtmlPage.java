package org.her2sim.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.her2sim.observe.Summary;

/**
 * report.html: one self-contained page (no network; images are files beside it) telling the
 * run's story: scenario, regimen timeline, key outcomes, charts, and the resolved
 * configuration, filled into the template run-report.html.mustache. Every text that comes from
 * the run is HTML-escaped.
 */
public final class HtmlPage {
    /** A chart on the page: its file (relative to the page) and caption. */
    record Figure(String file, String caption) {
    }

    private HtmlPage() {
    }

    static String render(RunData data, List<Figure> figures) {
        Summary s = data.summary();
        Map<String, Object> page = new HashMap<>();
        page.put("scenario", s.scenario());
        page.put("regimen", data.scenario().regimen().name());
        page.put("seed", s.seed());
        page.put("engine", s.engine());
        page.put("version", s.version());
        page.put("notes", data.notes().isEmpty() ? null : data.notes());
        page.put("phases", timeline(data));
        page.put("lastDay", String.format(Locale.ROOT, "%.0f", s.finalTimeDays()));
        page.put("regimenDescription", data.scenario().config().regimen().description());
        page.put("outcomes", outcomes(s));
        page.put("figures", figures);
        page.put("config", data.configText());
        return Templates.html("run-report.html.mustache", page);
    }

    /** A treatment phase on the timeline: its share of the run, colour and label. */
    record TimelinePhase(String name, String width, String colour, String from, String to, boolean labelled) {
    }

    private static List<TimelinePhase> timeline(RunData data) {
        Phases phases = Phases.of(data);
        double span = Math.max(data.summary().finalTimeDays(), 1e-9);
        Map<String, String> colours = new HashMap<>();
        List<TimelinePhase> out = new ArrayList<>();
        for (Phases.Phase p : phases.intervals()) {
            double width = 100 * (p.end() - p.start()) / span;
            if (width <= 0) {
                continue;
            }
            String colour = p.treating()
                    ? colours.computeIfAbsent(p.name(), n -> Palette.hex(Palette.tint(Palette.indexed(colours.size() + 1), 0.55)))
                    : "#eeeeee";
            out.add(new TimelinePhase(p.name(), String.format(Locale.ROOT, "%.3f", width), colour,
                    String.format(Locale.ROOT, "%.1f", p.start()), String.format(Locale.ROOT, "%.1f", p.end()), width > 7));
        }
        return out;
    }

    /** A line of the outcomes table. */
    record Outcome(String name, String value) {
    }

    private static List<Outcome> outcomes(Summary s) {
        List<Outcome> rows = new ArrayList<>();
        rows.add(new Outcome("Best response", s.bestResponse() == null ? "no treatment given" : s.bestResponse()));
        rows.add(new Outcome("Time to progression", s.timeToProgressionDays() == null ? "no progression"
                : String.format(Locale.ROOT, "%.0f days after treatment start (day %.0f)", s.timeToProgressionDays(), s.progressionTimeDays())));
        rows.add(new Outcome("Time to resistance", s.timeToResistanceDays() == null ? "resistant cells never a majority under treatment"
                : String.format(Locale.ROOT, "%.0f days after treatment start (day %.0f)", s.timeToResistanceDays(), s.resistanceTimeDays())));
        rows.add(new Outcome("Dominant escape", s.dominantEscape() == null ? "—"
                : Palette.label(s.dominantEscape()) + (s.escapeOrigin() == null ? "" : " (" + s.escapeOrigin() + ")")));
        rows.add(new Outcome("Nadir", s.nadirCells() == null ? "—"
                : String.format(Locale.ROOT, "%,.0f cells on day %.0f", s.nadirCells(), s.nadirTimeDays())));
        rows.add(new Outcome("Baseline", s.baselineCells() == null ? "—"
                : String.format(Locale.ROOT, "%,.0f cells at day %.0f", s.baselineCells(), s.treatmentStartDays())));
        rows.add(new Outcome("End", String.format(Locale.ROOT, "%s at day %.1f with %,d cells", s.stopReason(), s.finalTimeDays(), s.finalCells())));
        rows.add(new Outcome("Days on treatment", String.format(Locale.ROOT, "%.0f", s.daysOnTreatment())));
        StringBuilder dose = new StringBuilder();
        s.cumulativeDose().forEach((d, mg) -> dose.append(dose.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%s %,.0f mg", d, mg)));
        rows.add(new Outcome("Cumulative dose", dose.length() == 0 ? "—" : dose.toString()));
        rows.add(new Outcome("Clones founded", String.format(Locale.ROOT, "%,d", s.clonesEver())));
        return rows;
    }

    /** HTML-escapes text for element content and attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The pages' shared style sheet (the template partial style.css). */
    static String css() {
        return Templates.markdown("style.css.mustache", Map.of());
    }
}
