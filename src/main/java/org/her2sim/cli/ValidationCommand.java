package org.her2sim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.her2sim.assay.ValidationReport;
import org.her2sim.io.AtomicFiles;
import org.her2sim.experiment.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code her2sim validation}: writes docs/validation.md from virtual assays and analytic checks. */
@Command(name = "validation", mixinStandardHelpOptions = true,
        description = {"Generates the validation report: simulated against measured cell-line values",
                "(configs/calibration/targets.yaml), the calibrated parameters, analytic checks of the engine with",
                "confidence intervals, and what the model does not reproduce. Exit 1 if an analytic check fails."})
final class ValidationCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "docs/validation.md", description = "Markdown file (default: ${DEFAULT-VALUE}, in the project)")
    Path out;

    @Option(names = "--reduced", description = "Fewer wells, cells and replicates (minutes become seconds)")
    boolean reduced;

    @Override
    public Integer call() throws Exception {
        Path target = out.isAbsolute() ? out : Her2sim.home().resolve(out);
        String stem = target.getFileName().toString().replaceFirst("\\.md$", "");
        var report = new ValidationReport(Her2sim.home().resolve("configs"), reduced).build(Version.get(), stem);
        report.writeCharts(target.toAbsolutePath().getParent(), stem);
        AtomicFiles.writeString(target, report.markdown());
        long failed = report.checks().stream().filter(c -> !c.passes()).count();
        spec.commandLine().getOut().println((failed == 0 ? "" : failed + " analytic check(s) failed; ") + target);
        spec.commandLine().getOut().flush();
        return failed == 0 ? 0 : 1;
    }
}
