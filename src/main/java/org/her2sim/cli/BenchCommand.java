package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.her2sim.bench.EngineBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code her2sim bench}: cell-updates per second and bytes per cell, with baselines. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the well-mixed agent engine (cell-updates/s, bytes per cell) at several tumour sizes,",
                "next to a MASON Steppable per cell and a bare array loop running the same rule.",
                "Prints a Markdown table for docs/performance.md."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--cells", split = ",", description = "Tumour sizes (default: ${DEFAULT-VALUE})", defaultValue = "1e4,1e5,1e6")
    List<Double> cells;

    @Option(names = "--seconds", description = "Measuring time per row (default: ${DEFAULT-VALUE})", defaultValue = "3")
    double seconds;

    @Option(names = "--no-baselines", negatable = true, description = "Skip the baselines")
    boolean baselines = true;

    @Option(names = "--scenario", description = "Scenario whose biology is measured (default: configs/quickstart.yaml)")
    Path scenario;

    @Option(names = "--report", description = "Measure report making (all charts and the page) for a 2-year run with ~500 clones instead")
    boolean report;

    @Override
    public Integer call() throws Exception {
        if (report) {
            var r = org.her2sim.bench.ReportBenchmark.run(Her2sim.home().resolve("configs/textbook-two-types.yaml"), 5);
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "report of a 730-day run with %d clones (%,d timeseries rows): median %.2f s over %d repeats (%s)%n",
                    r.clones(), r.rows(), org.her2sim.bench.ReportBenchmark.median(r.seconds()), r.seconds().length,
                    java.util.Arrays.toString(java.util.Arrays.stream(r.seconds()).map(x -> Math.round(x * 100) / 100.0).toArray()));
            return 0;
        }
        Path file = scenario != null ? scenario : Her2sim.home().resolve("configs/quickstart.yaml");
        EngineBenchmark bench = new EngineBenchmark(file, Her2sim.home().resolve("configs/textbook-two-types.yaml"), seconds);
        PrintWriter w = spec.commandLine().getOut();
        w.println("| design | cells at end | event probability per update | cell-updates/s | heap bytes/cell |");
        w.println("|---|---:|---:|---:|---:|");
        w.flush();
        for (double n : cells) {
            for (EngineBenchmark.Row r : bench.run((long) n, baselines)) {
                w.printf(Locale.ROOT, "| %s | %,d | %.3f | %,.0f | %.1f |%n", r.design(), r.cells(), r.eventsPerUpdate(),
                        r.updatesPerSecond(), r.bytesPerCell());
                w.flush();
            }
        }
        return 0;
    }
}
