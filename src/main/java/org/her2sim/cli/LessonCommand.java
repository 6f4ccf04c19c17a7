package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.her2sim.config.ConfigException;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.Lesson;
import org.her2sim.experiment.SingleRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim lesson FILE}: a lesson without a display — questions, the run, what to look for. */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = {"Runs a lesson (configs/lessons/) headless: prints the questions to answer before running, runs the",
                "lesson's tumour (the same for the whole class: the lesson fixes its seed), prints the outcome and what",
                "students should observe, and writes a run directory with report.html. her2sim gui FILE shows it live."})
final class LessonCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Lesson YAML file, e.g. configs/lessons/01-p95her2.yaml")
    Path file;

    @picocli.CommandLine.Mixin
    ScenarioOptions.Settings settings;

    @Option(names = "--new-tumour", arity = "0..1", fallbackValue = "1", paramLabel = "K",
            description = "The lesson's K-th other tumour (default 1): the same for everyone who asks; its seed is printed")
    Integer newTumour;

    @picocli.CommandLine.Mixin
    ScenarioOptions.Seed seed;

    @picocli.CommandLine.Mixin
    ScenarioOptions.RunDirectory out;

    @Option(names = "--questions-only", description = "Print the lesson's questions and stop (hand them out before the run)")
    boolean questionsOnly;

    @Override
    public Integer call() throws Exception {
        Lesson lesson = Lesson.load(file);
        PrintWriter w = spec.commandLine().getOut();
        var s = lesson.spec();
        w.println(s.title());
        String note = lesson.timeNote();
        if (!note.isEmpty()) {
            w.println(note);
        }
        w.println();
        w.println("Predict first:");
        s.predict().forEach(q -> w.println("  - " + q));
        w.println();
        w.flush();
        if (questionsOnly) {
            return 0;
        }
        Long chosen = seed.seed;
        if (newTumour != null && chosen == null) {
            if (newTumour < 1) {
                throw new ConfigException("--new-tumour: expected a tumour number from 1, got " + newTumour);
            }
            chosen = lesson.newTumourSeed(newTumour);
            w.println("new tumour " + newTumour + ": seed " + chosen + " (share it with --seed " + chosen + ")");
        }
        Scenario scenario = lesson.scenario(settings.overrides, chosen);
        SingleRun.Result result = SingleRun.run(scenario, out.out, Her2sim.home().resolve("runs"), note);
        RunCommand.printSummary(w, result.summary(), scenario);
        w.println();
        w.println("What to look for (in the summary above and in report.html):");
        s.observe().forEach(q -> w.println("  - " + q));
        if (!s.discuss().isEmpty()) {
            w.println();
            w.println("Discuss:");
            s.discuss().forEach(q -> w.println("  - " + q));
        }
        w.println();
        w.println(result.directory());
        w.flush();
        return 0;
    }
}
