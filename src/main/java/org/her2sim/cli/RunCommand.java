package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.her2sim.config.Check;
import org.her2sim.config.ConfigLoader;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.RunProgress;
import org.her2sim.experiment.SingleRun;
import org.her2sim.observe.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim run CONFIG}: one simulation into a run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one scenario and writes a run directory (config.yaml, timeseries.csv, totals.csv, "
                + "drugs.csv, clones.csv, events.csv, mechanisms.csv, summary.json; with --parquet also TABLE.parquet).",
                "Prints a summary; the last line of output is the run directory."})
final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "Scenario YAML file, e.g. configs/quickstart.yaml")
    Path config;

    @picocli.CommandLine.Mixin
    ScenarioOptions.Settings settings;

    @picocli.CommandLine.Mixin
    ScenarioOptions.Seed seed;

    @picocli.CommandLine.Mixin
    ScenarioOptions.RunDirectory out;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Where default run directories go (default: runs/ of the project)")
    Path runsDir;

    @Option(names = {"-q", "--quiet"}, description = "Print only the run directory")
    boolean quiet;

    @Option(names = "--checkpoint-every", paramLabel = "DURATION",
            description = "Save a checkpoint every DURATION of simulated time (e.g. 30d) in DIR.partial; her2sim resume continues it")
    String checkpointEvery;

    @Option(names = "--no-report", description = "Write the tables and summary only: no charts, no report.html (her2sim report DIR makes them later)")
    boolean noReport;

    @Option(names = "--parquet", description = "Also write each table as TABLE.parquet beside its CSV (typed columns)")
    boolean parquet;

    @Override
    public Integer call() throws Exception {
        Long chosen = seed.seed;
        ConfigLoader.Loaded loaded = new ConfigLoader().load(config, settings.overrides).with(c -> chosen == null ? c : c.withSeed(chosen));
        Scenario scenario = Scenario.compile(loaded);
        Path runs = runsDir != null ? runsDir : Her2sim.home().resolve("runs");
        SingleRun.Result result;
        RunProgress progress = quiet ? null : RunProgress.onTerminal(System.err);
        try {
            if (checkpointEvery != null) {
                double every = Check.durationOption("--checkpoint-every", checkpointEvery);
                result = SingleRun.runWithCheckpoints(scenario, out.out, runs, every, progress, parquet, !noReport);
            } else {
                result = SingleRun.run(scenario, out.out, runs, "", progress, parquet, !noReport);
            }
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        if (!quiet) {
            printSummary(w, result.summary(), scenario);
        }
        w.println(result.directory());
        w.flush();
        return 0;
    }

    static void printSummary(PrintWriter w, Summary s, Scenario scenario) {
        w.printf(Locale.ROOT, "scenario        %s (seed %d, %s engine)%n", s.scenario(), s.seed(), s.engine());
        w.printf(Locale.ROOT, "regimen         %s%n", scenario.regimen().name());
        w.printf(Locale.ROOT, "stopped         %s at day %.1f with %,d cells%n", s.stopReason(), s.finalTimeDays(), s.finalCells());
        if (s.treatmentStartDays() != null) {
            w.printf(Locale.ROOT, "treatment       from day %.1f, baseline %,.0f cells, %.0f days on drugs%n",
                    s.treatmentStartDays(), s.baselineCells(), s.daysOnTreatment());
            w.printf(Locale.ROOT, "best response   %s (nadir %,.0f cells on day %.1f)%n", s.bestResponse(), s.nadirCells(), s.nadirTimeDays());
        }
        w.printf(Locale.ROOT, "progression     %s%n", s.timeToProgressionDays() == null ? "none"
                : String.format(Locale.ROOT, "day %.1f (%.1f days after treatment start)", s.progressionTimeDays(), s.timeToProgressionDays()));
        w.printf(Locale.ROOT, "resistance      %s%n", s.timeToResistanceDays() == null ? "none"
                : String.format(Locale.ROOT, "day %.1f (%.1f days after treatment start)", s.resistanceTimeDays(), s.timeToResistanceDays()));
        if (s.dominantEscape() != null) {
            w.printf(Locale.ROOT, "escape          %s%s%n", s.dominantEscape(), s.escapeOrigin() == null ? "" : " (" + s.escapeOrigin() + ")");
        }
        if (s.extinct()) {
            w.printf(Locale.ROOT, "extinct         day %.1f%n", s.extinctionTimeDays());
        }
        s.cumulativeDose().forEach((d, mg) -> w.printf(Locale.ROOT, "dose            %s %,.0f mg in total%n", d, mg));
        w.printf(Locale.ROOT, "clones          %,d founded%n", s.clonesEver());
        // agent steps update every cell; clone steps draw per variant, whatever its size: count each as what it is
        StringBuilder work = new StringBuilder();
        if (s.cellUpdates() > 0) {
            work.append(String.format(Locale.ROOT, ", %,d cell-updates (agent steps)", s.cellUpdates()));
        }
        if (s.variantSteps() > 0) {
            work.append(String.format(Locale.ROOT, ", %,d variant-steps (clone steps)", s.variantSteps()));
        }
        w.printf(Locale.ROOT, "compute         %.2f s%s%n", s.wallSeconds(), work);
    }
}
