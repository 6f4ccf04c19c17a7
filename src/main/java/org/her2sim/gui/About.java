package org.her2sim.gui;

import java.util.List;
import java.util.Locale;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.Lesson;
import org.her2sim.report.HtmlPage;

/**
 * The Console's About tab: for a lesson its title, the compressed-time note, what to predict
 * and what to discuss (what students will observe is left for the run to show); for a scenario
 * its name, regimen and time span.
 */
final class About {
    private About() {
    }

    static String html(Lesson lesson, Scenario scenario) {
        StringBuilder b = new StringBuilder("<html><body style='font-family:sans-serif; margin:8px'>");
        if (lesson != null) {
            b.append("<h2>").append(HtmlPage.esc(lesson.spec().title())).append("</h2>");
            String note = lesson.timeNote();
            if (!note.isEmpty()) {
                b.append("<p><i>").append(HtmlPage.esc(note)).append("</i></p>");
            }
            section(b, "Predict before you press play", lesson.spec().predict());
            section(b, "Discuss afterwards", lesson.spec().discuss());
            b.append("<p>Play, Pause, Step and the speed are at the top of the lesson window; the treatment panel gives ")
                    .append("or stops drugs while the tumour grows. File: ").append(HtmlPage.esc(lesson.file().toString())).append("</p>");
        } else {
            b.append("<h2>").append(HtmlPage.esc(scenario.config().name())).append("</h2>");
            b.append(String.format(Locale.ROOT, "<p>Regimen: %s. Up to %.0f days in steps of %.2g days.</p>",
                    HtmlPage.esc(scenario.regimen().name()), scenario.config().time().maxDays(), scenario.config().time().dtDays()));
        }
        b.append("<p>her2sim: tumour clone evolution under HER2-targeted therapy (docs/teaching.md).</p></body></html>");
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("<h3>").append(HtmlPage.esc(title)).append("</h3><ul>");
        items.forEach(i -> b.append("<li>").append(HtmlPage.esc(i)).append("</li>"));
        b.append("</ul>");
    }
}
