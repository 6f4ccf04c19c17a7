package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.her2sim.bench.ClassroomLoad;
import org.her2sim.classroom.Classroom;
import org.her2sim.bench.CloneBenchmark;
import org.her2sim.bench.EngineBenchmark;
import org.her2sim.bench.MergeBenchmark;
import org.her2sim.bench.ReportBenchmark;
import org.her2sim.config.ConfigException;
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

    @Option(names = "--scenario", description = "Scenario whose biology is measured (default: configs/benchmark.yaml)")
    Path scenario;

    @Option(names = "--report", description = "Measure report making (all charts and the page) for a 2-year run with ~500 clones instead")
    boolean report;

    @Option(names = "--clone", description = "Measure the clone engine instead: cost per step against cell count and clone count, "
            + "and the 10^11-cell two-year treated run in hourly and daily steps")
    boolean clone;

    @Option(names = "--days", description = "Simulated days timed per clone-engine row (default: ${DEFAULT-VALUE})", defaultValue = "60")
    double days;

    @Option(names = "--classroom", description = "Measure the classroom instead: --students clients on loopback, each running its own "
            + "lesson tumour at --pace and reading its frames, for --class-seconds")
    boolean classroom;

    @Option(names = "--students", description = "Students in the --classroom measurement (default: ${DEFAULT-VALUE})", defaultValue = "30")
    int students;

    @Option(names = "--pace", description = "Days per second each --classroom student runs at (default: ${DEFAULT-VALUE}, the page's)",
            defaultValue = "2")
    double pace;

    @Option(names = "--merge", paramLabel = "DIR", description = "Measure instead the heap a merge holds per task of the finished "
            + "results directory DIR, its tasks read whole and compact")
    Path merge;

    @Option(names = "--class-seconds", description = "How long the --classroom measurement runs (default: ${DEFAULT-VALUE})", defaultValue = "30")
    double classSeconds;

    @Override
    public Integer call() throws Exception {
        if (classroom) {
            if (students < 1 || !(classSeconds > 0)) {
                throw new ConfigException("--students and --class-seconds: expected positive numbers");
            }
            if (Arrays.stream(Classroom.paces()).noneMatch(p -> p == pace)) {
                throw new ConfigException("--pace: expected one of the page's paces " + Arrays.toString(Classroom.paces()) + ", got " + pace);
            }
            var r = ClassroomLoad.run(Her2sim.home().resolve("configs/lessons"), students, classSeconds, pace);
            spec.commandLine().getOut().println(r.text());
            return 0;
        }
        if (clone) {
            return cloneEngine();
        }
        if (merge != null) {
            var r = MergeBenchmark.run(merge);
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "%,d tasks: %,.0f bytes of heap per task read whole, %,.0f compact (as merge and sweep hold them); "
                            + "a million tasks: %.1f GB compact%n", r.tasks(), r.wholeBytesPerTask(), r.compactBytesPerTask(),
                    r.compactBytesPerTask() * 1e6 / 1e9);
            return 0;
        }
        if (report) {
            var r = ReportBenchmark.run(Her2sim.home().resolve("configs/textbook-two-types.yaml"), 5);
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "report of a 730-day run with %d clones (%,d timeseries rows): median %.2f s over %d repeats (%s)%n",
                    r.clones(), r.rows(), ReportBenchmark.median(r.seconds()), r.seconds().length,
                    Arrays.toString(Arrays.stream(r.seconds()).map(x -> Math.round(x * 100) / 100.0).toArray()));
            return 0;
        }
        Path file = scenario != null ? scenario : Her2sim.home().resolve("configs/benchmark.yaml");
        EngineBenchmark bench = new EngineBenchmark(file, Her2sim.home().resolve("configs/textbook-two-types.yaml"), seconds);
        PrintWriter w = spec.commandLine().getOut();
        w.println("| design | cells at end | events per update | cell-updates/s | ns per event | heap bytes/cell |");
        w.println("|---|---:|---:|---:|---:|---:|");
        w.flush();
        for (double n : cells) {
            for (EngineBenchmark.Row r : bench.run((long) n, baselines)) {
                w.printf(Locale.ROOT, "| %s | %,d | %.4f | %,.0f | %.1f | %.1f |%n", r.design(), r.cells(), r.eventsPerUpdate(),
                        r.updatesPerSecond(), r.nanosPerEvent(), r.bytesPerCell());
                w.flush();
            }
        }
        return 0;
    }

    private Integer cloneEngine() {
        PrintWriter w = spec.commandLine().getOut();
        Path file = scenario != null ? scenario : Her2sim.home().resolve("configs/benchmark.yaml");
        CloneBenchmark bench = new CloneBenchmark(file);
        w.println("| cells | clones at start | variants at end | steps timed | microseconds per step |");
        w.println("|---:|---:|---:|---:|---:|");
        w.flush();
        for (double n : List.of(1e3, 1e6, 1e9, 1e12)) {
            row(w, bench.measure((long) n, 1, days));
        }
        for (int k : new int[] {10, 100, 1000, 10_000}) {
            row(w, bench.measure((long) 1e9, k, days));
        }
        w.println();
        w.println("| 10^11 cells, trastuzumab q3w, 730 days | sub-steps per step | steps | seconds | final cells | clones |");
        w.println("|---|---:|---:|---:|---:|---:|");
        for (String dt : List.of("1h", "1d", "1h", "1d")) {
            var r = CloneBenchmark.patient(file, dt);
            w.printf(Locale.ROOT, "| dt %s | %d | %,d | %.3f | %.3g | %d |%n", r.dt(), r.substeps(), r.steps(), r.seconds(), (double) r.finalCells(),
                    r.clones());
            w.flush();
        }
        return 0;
    }

    private static void row(PrintWriter w, CloneBenchmark.Row r) {
        w.printf(Locale.ROOT, "| %.0e | %,d | %,d | %,d | %.1f |%n", (double) r.cells(), r.clones(), r.variantsAtEnd(), r.steps(), r.microsPerStep());
        w.flush();
    }
}
