package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.her2sim.observe.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lesson loads, runs headless with its fixed seed, and shows what its "observe" section
 * tells students they will see (the claims are checked here on the class's tumour).
 */
class LessonTest {
    private static final Path LESSONS = Scenarios.configs().resolve("lessons");

    private static Summary run(String lesson, String... sets) {
        Lesson l = Lesson.load(LESSONS.resolve(lesson));
        Scenario s = l.scenario(List.of(sets), null);
        return SingleRun.simulate(s, s.config().seed()).summary();
    }

    @Test
    void everyLessonLoadsWithQuestionsAndControls() throws Exception {
        try (Stream<Path> files = Files.list(LESSONS)) {
            List<Path> lessons = files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.yaml")).sorted().toList();
            assertEquals(5, lessons.size(), lessons.toString());
            for (Path f : lessons) {
                assertTrue(Lesson.isLesson(f), f.toString());
                Lesson l = Lesson.load(f);
                assertTrue(!l.spec().predict().isEmpty() && !l.spec().observe().isEmpty() && !l.spec().controls().isEmpty(), f.toString());
                assertNotNull(l.spec().seed(), f + " fixes its seed so the class sees one tumour");
            }
        }
        assertTrue(!Lesson.isLesson(LESSONS.resolve("tumour.yaml")));
    }

    @Test
    void lesson1TrastuzumabSelectsThePreExistingP95Clone() {
        Summary s = run("01-p95her2.yaml");
        assertEquals("p95her2=present", s.dominantEscape());
        assertEquals("pre-existing", s.escapeOrigin());
        assertTrue(s.timeToProgressionDays() < 60, "progression " + s.timeToProgressionDays());
        assertTrue(s.nadirCells() < s.baselineCells() / 5, "the tumour first shrinks");
        Summary lap = run("01-p95her2.yaml", "regimen=../regimens/trastuzumab-then-lapatinib.yaml");
        assertTrue(lap.extinct(), "lapatinib after progression clears the p95HER2 cells");
    }

    @Test
    void lesson2PtenLossEscapesAndAlpelisibOnlySlowsIt() {
        Summary alone = run("02-pten-pi3k.yaml");
        assertTrue(alone.dominantEscape().contains("pten=lost"), alone.dominantEscape());
        Summary pi3k = run("02-pten-pi3k.yaml", "regimen.phases.1.drugs=[{drug: trastuzumab, loading_dose: 8 mg/kg, dose: 6 mg/kg, "
                + "every: 21d}, {drug: alpelisib, dose: 300 mg, every: 1d}]");
        assertTrue(!pi3k.extinct() && pi3k.finalTimeDays() > 1.5 * alone.finalTimeDays(),
                "alpelisib delays the ceiling: " + pi3k.finalTimeDays() + " vs " + alone.finalTimeDays() + " days");
    }

    @Test
    void lesson3AdaptiveHer3PersistsOnDrugAndFadesOff() {
        Lesson l = Lesson.load(LESSONS.resolve("03-adaptive-her3.yaml"));
        Scenario s = l.scenario(List.of(), null);
        SingleRun.Result r = SingleRun.simulate(s, s.config().seed());
        var rows = r.recorder().mechanismRows();
        // HER3-high share: up at the end of the first course, down by the end of the break, up again after the second
        double start = r.summary().treatmentStartDays();
        double first = share(rows, start + 28, "her3=adaptive_up");
        double holiday = share(rows, start + 56, "her3=adaptive_up");
        double second = share(rows, start + 84, "her3=adaptive_up");
        assertTrue(first > 0.1 && holiday < 0.6 * first && second > 1.5 * holiday, first + " " + holiday + " " + second);
        assertNull(r.summary().escapeOrigin(), "no heritable escape: " + r.summary().dominantEscape());
    }

    private static double share(List<org.her2sim.observe.RunRecorder.MechanismRow> rows, double day, String mechanism) {
        double t = rows.stream().mapToDouble(org.her2sim.observe.RunRecorder.MechanismRow::timeDays)
                .filter(x -> x <= day + 1e-9).max().orElseThrow();
        long all = rows.stream().filter(m -> m.timeDays() == t).mapToLong(org.her2sim.observe.RunRecorder.MechanismRow::cells).sum();
        long it = rows.stream().filter(m -> m.timeDays() == t && m.mechanism().equals(mechanism))
                .mapToLong(org.her2sim.observe.RunRecorder.MechanismRow::cells).sum();
        return it / (double) all;
    }

    @Test
    void lesson4CombinedBeatsSequential() {
        Summary seq = run("04-sequential-vs-combined.yaml");
        Summary combo = run("04-sequential-vs-combined.yaml", "regimen=../regimens/trastuzumab-lapatinib-combined.yaml");
        assertTrue(!seq.extinct() && seq.timeToProgressionDays() != null, "sequential: the tumour comes back");
        assertTrue(combo.extinct(), "combined: the tumour dies out");
    }

    @Test
    void theCloneTableNamesTheEscapeAsTheCompositionAndSummaryDo() {
        // lesson 4: PTEN-lost cells that switched HER3 on escape; the clone table names them so,
        // not only by the PTEN loss they were founded with
        Lesson l = Lesson.load(LESSONS.resolve("04-sequential-vs-combined.yaml"));
        Scenario s = l.scenario(List.of(), null);
        SingleRun.Result r = SingleRun.simulate(s, s.config().seed());
        String escape = r.summary().dominantEscape();
        assertEquals("pten=lost+her3=adaptive_up", escape, "the lesson's escape");
        List<org.her2sim.observe.CloneInfo> clones = org.her2sim.observe.CloneInfo.of(r.model());
        org.her2sim.observe.CloneInfo largest = clones.stream().max(java.util.Comparator.comparingLong(
                org.her2sim.observe.CloneInfo::finalCells)).orElseThrow();
        assertEquals(escape, largest.shownEscape(), "the largest clone at the end carries the summary's escape");
        assertEquals("pten=lost", largest.escape(), "founded by PTEN loss; HER3 switched on since");
        java.util.Set<String> mechanisms = new java.util.HashSet<>();
        r.recorder().mechanismRows().forEach(m -> mechanisms.add(m.mechanism()));
        assertTrue(mechanisms.contains(largest.shownEscape()), "the composition chart's name");
    }

    @Test
    void lesson5AdaptiveTherapyDelaysProgressionWithLessDrug() {
        Summary adaptive = run("05-adaptive-therapy.yaml");
        Summary continuous = run("05-adaptive-therapy.yaml", "regimen=../regimens/trastuzumab-q3w.yaml");
        // the continuous comparison starts treatment at once; compare times from treatment start
        assertTrue(adaptive.timeToProgressionDays() > continuous.timeToProgressionDays() + 30,
                "progression " + adaptive.timeToProgressionDays() + " vs " + continuous.timeToProgressionDays());
        assertTrue(adaptive.daysOnTreatment() < continuous.daysOnTreatment(), "fewer days on drug");
    }

    @Test
    void headlessLessonPrintsQuestionsFirstAndWritesARun(@TempDir Path dir) {
        Cli.Outcome o = Cli.execute("lesson", LESSONS.resolve("01-p95her2.yaml").toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().indexOf("Predict first:") < o.out().indexOf("escape"), o.out());
        assertTrue(o.out().contains("What to look for"), o.out());
        assertTrue(Files.exists(dir.resolve("run/report.html")));
    }

    /** The classroom tumour lives faster than a patient's: the lesson says so first, and its report too. */
    @Test
    void aLessonSaysPlainlyThatItsTimeIsCompressed(@TempDir Path dir) throws Exception {
        Lesson l = Lesson.load(LESSONS.resolve("01-p95her2.yaml"));
        double k = l.timeCompression();
        assertTrue(k > 10 && k < 100, "the classroom tumour doubles in days, a patient's in months: x" + k);
        String note = l.timeNote();
        assertTrue(note.startsWith(String.format(java.util.Locale.ROOT, "Time compressed ×%.0f", k)), note);
        Cli.Outcome o = Cli.execute("lesson", LESSONS.resolve("01-p95her2.yaml").toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().indexOf(note) < o.out().indexOf("Predict first:"), o.out());
        assertTrue(Files.readString(dir.resolve("run/report.html")).contains(note.substring(0, 20)), "the report shows it");
    }

    @Test
    void badLessonsAndNoDisplayAreInputErrors(@TempDir Path dir) throws Exception {
        Path lesson = dir.resolve("bad.yaml");
        Files.writeString(lesson, "title: t\nscenario: nowhere.yaml\npredict: [q]\n");
        Cli.Outcome o = Cli.execute("lesson", lesson.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("scenario: scenario file 'nowhere.yaml' not found"), o.err());
        Files.writeString(lesson, "title: t\nscenario: " + LESSONS.resolve("tumour.yaml") + "\npredict: [q]\ncontrols: [{drug: aspirin, dose: 1 mg, every: 1d}]\n");
        o = Cli.execute("lesson", lesson.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("controls[0].drug: unknown drug 'aspirin'"), o.err());
        // the test JVM is headless (java.awt.headless=true), as on a machine without a display
        o = Cli.execute("gui", LESSONS.resolve("01-p95her2.yaml").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("no display available") && o.err().contains("her2sim lesson"), o.err());
    }
}
