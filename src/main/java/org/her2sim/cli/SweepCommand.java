package org.her2sim.cli;


import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.her2sim.config.Check;
import org.her2sim.config.ConfigException;
import org.her2sim.experiment.Sweep;
import org.her2sim.experiment.SweepReportData;
import org.her2sim.experiment.SweepResults;
import org.her2sim.experiment.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim sweep SPEC}: arms × parameter points × replicates on local cores. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs every arm x parameter point x replicate of a sweep file on a thread pool and writes a results",
                "directory: results.csv, summary.csv, comparison.csv, report.html and charts/. Finished tasks are kept in",
                "tasks/; --resume runs only the missing ones. The last line of output is the results directory."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "Sweep YAML file, e.g. configs/experiments/seq-vs-combo.yaml")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: runs/NAME)")
    Path out;

    @Option(names = "--threads", description = "Worker threads (default: all cores, ${DEFAULT-VALUE})", defaultValue = "0")
    int threads;

    @Option(names = "--resume", description = "Continue an interrupted sweep in --out: run only the tasks without a result")
    boolean resume;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only the I-th of N disjoint slices of the tasks (for clusters)")
    String shard;

    @Option(names = "--keep-runs", description = "Also keep every task's full run directory (time series, charts) under runs/")
    boolean keepRuns;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar")
    boolean quiet;

    @Option(names = "--progress-lines", description = "Instead of the bar, one line 'progress DONE/TOTAL' on stderr per finished task "
            + "(for programs that draw their own progress, e.g. the Python package)")
    boolean progressLines;

    @Option(names = "--task-time-limit", paramLabel = "DURATION",
            description = "Stop any task running longer than this wall-clock time (e.g. 10min); it is kept, marked wall_time_limit")
    String taskTimeLimit;

    @Option(names = "--base", hidden = true, description = "The base scenario, when SPEC is the copy kept in a results directory")
    Path base;

    @picocli.CommandLine.Mixin
    ScenarioOptions.Settings settings;

    @Option(names = "--replicates", paramLabel = "N", description = "Virtual patients per arm and point (overrides the sweep file's)")
    Integer replicates;

    @Override
    public Integer call() throws Exception {
        if (replicates != null && replicates < 1) {
            throw new ConfigException("--replicates: expected at least 1, got " + replicates);
        }
        Sweep sweep = Sweep.load(file, base == null ? null : base.toAbsolutePath(), null, new Sweep.Overrides(settings.overrides, replicates));
        SweepRunner.Shard s = shard == null ? null : SweepRunner.Shard.parse(shard);
        Path dir = (out != null ? out : Her2sim.home().resolve("runs").resolve(sweep.spec().name())).toAbsolutePath().normalize();
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter w = spec.commandLine().getOut();
        w.printf("sweep %s: %d tasks (%d arms x %d points x %d replicates), %d threads%s%n", sweep.spec().name(),
                sweep.tasks().size(), sweep.spec().arms().size(), sweep.points().size(), sweep.spec().replicates(), n,
                s == null ? "" : ", shard " + s.index() + "/" + s.count());
        w.flush();
        sweep.sizeWarning().ifPresent(warning -> spec.commandLine().getErr().println("her2sim: " + warning));
        String again = settings.overrides.stream().map(o -> " --set " + o).reduce("", String::concat)
                + (replicates == null ? "" : " --replicates " + replicates);
        Thread hook = new Thread(() -> System.err.println("\nher2sim: interrupted; finished tasks are kept. Resume with: her2sim sweep "
                + file + again + " --out " + dir + " --resume" + (shard == null ? "" : " --shard " + shard)));
        Runtime.getRuntime().addShutdownHook(hook);
        SweepRunner.Outcome o;
        try {
            double limit = taskTimeLimit == null ? Double.POSITIVE_INFINITY
                    : Check.durationOption("--task-time-limit", taskTimeLimit) * 86_400;
            PrintStream err = System.err;
            o = SweepRunner.run(sweep, dir, n, resume, s, keepRuns, quiet || progressLines ? null : err, limit,
                    progressLines ? (done, total) -> {
                        err.println("progress " + done + "/" + total);
                        err.flush();
                    } : null);
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        w.printf("%d tasks run, %d already done%n", o.ran(), o.alreadyDone());
        if (s != null) {
            // shards may finish together (array elements): merging is a separate, single step
            w.printf("shard done; %d tasks of the sweep still missing%s%n", o.missing(),
                    o.missing() == 0 ? "; next: her2sim merge " + dir : "");
        } else if (o.missing() > 0) {
            w.printf("%d tasks still missing; run again with --resume%n", o.missing());
        } else {
            SweepResults.Tasks tasks = SweepResults.readCompact(sweep, List.of(dir));
            try {
                SweepResults.write(tasks, dir);
                SweepReportData.write(tasks, dir);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "; every finished task is kept in " + dir.resolve("tasks")
                        + ": free some space, then her2sim merge " + dir, e);
            }
            w.println("results.csv, summary.csv, comparison.csv and report.html written");
        }
        w.println(dir);
        w.flush();
        return 0;
    }
}
