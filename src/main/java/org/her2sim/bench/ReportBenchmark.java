package org.her2sim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.her2sim.config.BiologyConfig;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Days;
import org.her2sim.config.RegimenSpec;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.SingleRun;
import org.her2sim.report.Reporter;

/**
 * Time to make a report (all charts, PNG and SVG, and the page) for a two-year run with about
 * 500 clones: the textbook scenario held at 10⁴ cells, mutating both ways at 1.2·10⁻⁴ per
 * daughter, observed daily.
 */
public final class ReportBenchmark {
    /** What was measured: clones founded, rows of timeseries.csv, and the seconds each report took. */
    public record Result(int clones, long rows, double[] seconds) {
    }

    private ReportBenchmark() {
    }

    public static Result run(Path textbook, int repeats) throws IOException {
        List<BiologyConfig.MutationSpec> bothWays = List.of(new BiologyConfig.MutationSpec("sensitive", "resistant", 1.2e-4, null),
                new BiologyConfig.MutationSpec("resistant", "sensitive", 1.2e-4, null));
        ConfigLoader.Loaded l = new ConfigLoader().load(textbook, List.of()).with(c -> {
            var type = c.biology().markers().get(0).withMutations(bothWays);
            return c.withTumour(c.tumour().withInitialCells(10_000L))
                    .withContext(c.context().withCarryingCapacity(25_000.0))
                    .withTime(c.time().withMax(Days.of(730)))
                    .withStop(c.stop().withMaxCells(1e6))
                    .withBiology(c.biology().withExplicitRates(1, 0.5, 0.3).withMarkers(List.of(type)))
                    .withRegimen(RegimenSpec.untreated());
        });
        Scenario s = Scenario.compile(l.config(), l.origins());
        Path dir = Files.createTempDirectory("her2sim-report-bench");
        try {
            SingleRun.Result r = SingleRun.run(s, dir.resolve("run"), dir);
            long rows;
            try (var lines = Files.lines(r.directory().resolve("timeseries.csv"))) {
                rows = lines.count() - 1;
            }
            double[] seconds = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                Reporter.write(r.directory(), Reporter.Options.defaults());
                seconds[i] = (System.nanoTime() - t0) / 1e9;
            }
            return new Result(r.summary().clonesEver(), rows, seconds);
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The median of the measured times. */
    public static double median(double[] seconds) {
        double[] s = seconds.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
