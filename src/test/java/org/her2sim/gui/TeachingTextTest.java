package org.her2sim.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.her2sim.Scenarios;
import org.her2sim.experiment.Lesson;
import org.junit.jupiter.api.Test;

/** What the GUI says and how fast it goes, without a display. */
class TeachingTextTest {
    @Test
    void theAboutTabHasTheLessonsTitleTimeNoteAndQuestionsButNotItsAnswers() {
        Lesson lesson = Lesson.load(Scenarios.configs().resolve("lessons/01-p95her2.yaml"));
        String html = About.html(lesson, lesson.scenario(List.of(), null));
        assertTrue(html.contains("Lesson 1: an antibody that cannot see its target (p95HER2)"), html);
        assertTrue(html.contains("Time compressed ×"), "the compressed time is said plainly");
        assertTrue(html.contains("Sketch the tumour size over time"), "predict");
        assertTrue(html.contains("Why did the drug select the p95HER2 cells"), "discuss");
        assertFalse(html.contains("The tumour shrinks more than tenfold"), "what to observe is left for the run to show");
    }

    @Test
    void aLessonLastsAFewMinutesAtItsDefaultPaceAndEveryPaceIsOffered() {
        for (String name : List.of("01-p95her2", "02-pten-pi3k", "03-adaptive-her3", "04-sequential-vs-combined", "05-adaptive-therapy")) {
            Lesson lesson = Lesson.load(Scenarios.configs().resolve("lessons/" + name + ".yaml"));
            var time = lesson.scenario(List.of(), null).config().time();
            double pace = PaceControls.DAYS_PER_SECOND[PaceControls.defaultIndex(true, time.maxDays())];
            double minutes = time.maxDays() / pace / 60;
            assertTrue(minutes >= 1 && minutes <= 6, name + ": " + minutes + " minutes at most");
            // MASON sleeps after each step: at 2 days/s with hourly steps, about 21 ms
            long sleep = PaceControls.sleepMillis(time.dtDays(), pace);
            assertEquals(Math.round(1000 * time.dtDays() / pace), sleep);
            assertTrue(sleep > 0, name);
        }
        assertEquals(0, PaceControls.sleepMillis(1.0 / 24, Double.POSITIVE_INFINITY), "fastest: no delay");
        // a scenario's pace shows its span in about three minutes: the quickstart's ten years at 16 days/s
        double max = Scenarios.compile(Scenarios.configs().resolve("quickstart.yaml")).config().time().maxDays();
        assertEquals(16, PaceControls.DAYS_PER_SECOND[PaceControls.defaultIndex(false, max)]);
        assertEquals("2 days", PaceControls.days(2));
        assertEquals("12 h", PaceControls.days(0.5));
    }
}
