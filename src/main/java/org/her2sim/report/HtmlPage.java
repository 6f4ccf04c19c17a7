package org.her2sim.report;

import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.her2sim.observe.Summary;

/**
 * report.html: one self-contained page (no network; images are files beside it) telling the
 * run's story: scenario, regimen timeline, key outcomes, charts, and the resolved
 * configuration. Every text that comes from the run is HTML-escaped.
 */
final class HtmlPage {
    /** A chart on the page: its file (relative to the page) and caption. */
    record Figure(String file, String caption) {
    }

    private HtmlPage() {
    }

    static String render(RunData data, List<Figure> figures) {
        Summary s = data.summary();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>her2sim — ").append(esc(s.scenario())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(esc(s.scenario())).append("</h1>\n<p class=\"sub\">")
                .append(esc(data.scenario().regimen().name())).append(" · seed ").append(s.seed()).append(" · ")
                .append(esc(s.engine())).append(" engine · her2sim ").append(esc(s.version())).append("</p>");
        if (!data.notes().isEmpty()) {
            h.append("<p class=\"note\">").append(esc(data.notes())).append("</p>");
        }
        h.append("</header>\n");
        h.append("<section><h2>Regimen</h2>\n").append(timeline(data)).append("</section>\n");
        h.append("<section><h2>Outcomes</h2>\n").append(outcomes(data)).append("</section>\n");
        h.append("<section><h2>Charts</h2>\n");
        for (Figure f : figures) {
            h.append("<figure><img src=\"").append(esc(f.file())).append("\" alt=\"").append(esc(f.caption()))
                    .append("\"><figcaption>").append(esc(f.caption())).append("</figcaption></figure>\n");
        }
        h.append("</section>\n");
        h.append("<section><h2>Resolved configuration</h2>\n<details><summary>config.yaml (every default filled in)</summary><pre>")
                .append(esc(data.configText())).append("</pre></details></section>\n");
        // lets a browser test (and a reader) see that every image loaded
        h.append("<script>window.addEventListener('load',function(){var i=document.images,ok=0;")
                .append("for(var k=0;k<i.length;k++){if(i[k].complete&&i[k].naturalWidth>0)ok++;}")
                .append("document.body.setAttribute('data-images-loaded',ok+'/'+i.length);});</script>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String timeline(RunData data) {
        Phases phases = Phases.of(data);
        double span = Math.max(data.summary().finalTimeDays(), 1e-9);
        StringBuilder h = new StringBuilder("<div class=\"timeline\">");
        Map<String, String> colours = new HashMap<>();
        for (Phases.Phase p : phases.intervals()) {
            double width = 100 * (p.end() - p.start()) / span;
            if (width <= 0) {
                continue;
            }
            String colour = p.treating()
                    ? colours.computeIfAbsent(p.name(), n -> hex(Palette.tint(Palette.indexed(colours.size() + 1), 0.55)))
                    : "#eeeeee";
            h.append(String.format(Locale.ROOT, "<div class=\"phase\" style=\"width:%.3f%%;background:%s\" title=\"%s: day %.1f–%.1f\">",
                    width, colour, esc(p.name()), p.start(), p.end()));
            if (width > 7) {
                h.append("<span>").append(esc(p.name())).append("</span>");
            }
            h.append("</div>");
        }
        h.append("</div>\n<div class=\"axis\"><span>day 0</span><span>day ")
                .append(String.format(Locale.ROOT, "%.0f", data.summary().finalTimeDays())).append("</span></div>\n");
        h.append("<p class=\"note\">").append(esc(data.scenario().config().regimen().description())).append("</p>\n");
        return h.toString();
    }

    private static String outcomes(RunData data) {
        Summary s = data.summary();
        StringBuilder h = new StringBuilder("<table class=\"outcomes\" id=\"outcomes\">\n");
        row(h, "Best response", s.bestResponse() == null ? "no treatment given" : s.bestResponse());
        row(h, "Time to progression", s.timeToProgressionDays() == null ? "no progression"
                : String.format(Locale.ROOT, "%.0f days after treatment start (day %.0f)", s.timeToProgressionDays(), s.progressionTimeDays()));
        row(h, "Time to resistance", s.timeToResistanceDays() == null ? "resistant cells never a majority under treatment"
                : String.format(Locale.ROOT, "%.0f days after treatment start (day %.0f)", s.timeToResistanceDays(), s.resistanceTimeDays()));
        row(h, "Dominant escape", s.dominantEscape() == null ? "—"
                : Palette.label(s.dominantEscape()) + (s.escapeOrigin() == null ? "" : " (" + s.escapeOrigin() + ")"));
        row(h, "Nadir", s.nadirCells() == null ? "—" : String.format(Locale.ROOT, "%,.0f cells on day %.0f", s.nadirCells(), s.nadirTimeDays()));
        row(h, "Baseline", s.baselineCells() == null ? "—" : String.format(Locale.ROOT, "%,.0f cells at day %.0f", s.baselineCells(), s.treatmentStartDays()));
        row(h, "End", String.format(Locale.ROOT, "%s at day %.1f with %,d cells", s.stopReason(), s.finalTimeDays(), s.finalCells()));
        row(h, "Days on treatment", String.format(Locale.ROOT, "%.0f", s.daysOnTreatment()));
        StringBuilder dose = new StringBuilder();
        s.cumulativeDose().forEach((d, mg) -> dose.append(dose.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%s %,.0f mg", d, mg)));
        row(h, "Cumulative dose", dose.length() == 0 ? "—" : dose.toString());
        row(h, "Clones founded", String.format(Locale.ROOT, "%,d", s.clonesEver()));
        h.append("</table>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** HTML-escapes text for element content and attribute values. */
    static String esc(String s) {
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

    static String css() {
        return CSS;
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;max-width:1080px;padding:0 24px 48px;color:#222;background:#fff}
            header{border-bottom:1px solid #ddd;margin-bottom:8px}
            .note{background:#fff6dd;border-left:4px solid #e0a800;padding:6px 10px;margin:8px 0}
            h1{font-size:1.8em;margin:24px 0 4px}
            h2{font-size:1.25em;margin:28px 0 10px}
            .sub,.note{color:#555;margin:4px 0 14px}
            .timeline{display:flex;height:34px;border:1px solid #bbb;border-radius:4px;overflow:hidden}
            .phase{display:flex;align-items:center;overflow:hidden;white-space:nowrap;border-right:1px solid #fff;box-sizing:border-box}
            .phase span{padding:0 6px;font-size:.85em}
            .axis{display:flex;justify-content:space-between;font-size:.8em;color:#666;margin-top:2px}
            table.outcomes{border-collapse:collapse;min-width:60%}
            table.outcomes th{text-align:left;font-weight:600;padding:6px 18px 6px 0;border-bottom:1px solid #eee;white-space:nowrap;vertical-align:top}
            table.outcomes td{padding:6px 0;border-bottom:1px solid #eee}
            figure{margin:18px 0 26px}
            figure img{width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#555;font-size:.9em;margin-top:4px}
            pre{background:#f7f7f7;padding:12px;overflow:auto;font-size:.8em;max-height:480px}
            """;
}
