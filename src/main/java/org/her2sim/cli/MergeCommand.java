package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.her2sim.experiment.Sweep;
import org.her2sim.experiment.SweepReportData;
import org.her2sim.experiment.SweepResults;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim merge DIR…}: combines shard outputs into a sweep's tables and report. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Combines the results directories of a sweep's shards into the tables and report a single-machine",
                "sweep would have written (results.csv, summary.csv, comparison.csv, report.html) in --out (default: the first DIR)."})
final class MergeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Results directories of one sweep")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the merged tables and report (default: the first DIR)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path first = dirs.get(0);
        Sweep sweep = Sweep.ofResults(first);
        SweepResults.Tasks tasks = SweepResults.readCompact(sweep, dirs);
        Path target = out != null ? out : first;
        Files.createDirectories(target);
        SweepResults.write(tasks, target);
        SweepReportData.write(tasks, target);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%d tasks from %d directories merged%n", tasks.results().size(), dirs.size());
        w.println(target);
        return 0;
    }
}
