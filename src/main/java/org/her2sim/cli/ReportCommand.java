package org.her2sim.cli;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.her2sim.report.ChartFormat;
import org.her2sim.report.ReportInputException;
import org.her2sim.report.Reporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim report DIR}: (re)makes a run directory's charts and report.html from its files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Makes the charts (charts/*.png, *.svg) and report.html of a run directory from its CSV/JSON files,",
                "e.g. for a run made on a cluster node. The previous report is replaced only when the new one is complete."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A run directory (made by her2sim run)")
    Path dir;

    @Option(names = "--width", description = "Chart width in pixels (default: ${DEFAULT-VALUE})", defaultValue = "1000")
    int width;

    @Option(names = "--height", description = "Chart height in pixels (default: ${DEFAULT-VALUE})", defaultValue = "560")
    int height;

    @Option(names = "--format", split = ",", description = "Chart formats: png, svg (default: ${DEFAULT-VALUE})", defaultValue = "png,svg")
    List<String> formats;

    @Option(names = "--charts", split = ",", description = "Charts to make (default: all: ${DEFAULT-VALUE})",
            defaultValue = "burden,muller,composition,resistance,drugs")
    List<String> charts;

    @Override
    public Integer call() throws Exception {
        Set<ChartFormat> f = new LinkedHashSet<>();
        for (String s : formats) {
            try {
                f.add(ChartFormat.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ReportInputException("--format: unknown chart format '" + s + "' (expected png or svg)");
            }
        }
        List<Path> written = Reporter.write(dir, new Reporter.Options(width, height, f, new LinkedHashSet<>(charts)));
        var out = spec.commandLine().getOut();
        out.printf("%d chart files in %s%n", written.size(), dir.resolve("charts"));
        out.println(dir.resolve("report.html"));
        return 0;
    }
}
