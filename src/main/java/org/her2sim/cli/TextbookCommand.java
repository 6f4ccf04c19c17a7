package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.her2sim.assay.Textbook;
import org.her2sim.config.ConfigException;
import org.her2sim.experiment.Version;
import org.her2sim.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code her2sim textbook}: runs configs/textbook/ and writes docs/textbook.md (simulated against theory). */
@Command(name = "textbook", mixinStandardHelpOptions = true,
        description = {"Runs the classic branching-process results in configs/textbook/ (extinction, Luria-Delbrueck,",
                "pre-existing resistance, one-drug cure, two drugs together or one after the other) and writes the",
                "simulated values beside the analytic ones with 95 %% intervals. Exit 1 if a theory value lies outside",
                "the simulated 99.9 %% interval."})
final class TextbookCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "docs/textbook.md", description = "Markdown file (default: ${DEFAULT-VALUE}, in the project)")
    Path out;

    @Option(names = "--replicates", paramLabel = "N", description = "Tumours per arm (default: each sweep file's own)")
    Integer replicates;

    @Option(names = "--threads", description = "Worker threads (default: all cores)", defaultValue = "0")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (replicates != null && replicates < 10) {
            throw new ConfigException("--replicates: expected at least 10, got " + replicates);
        }
        Path target = out.isAbsolute() ? out : Her2sim.home().resolve(out);
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Path work = Files.createTempDirectory("her2sim-textbook-");
        long t0 = System.nanoTime();
        List<Textbook.Row> rows;
        try {
            rows = new Textbook(Her2sim.home().resolve("configs/textbook"), replicates, n).run(work, quiet ? null : System.err);
        } finally {
            AtomicFiles.deleteTree(work);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String command = "./her2sim textbook" + (replicates == null ? "" : " --replicates " + replicates);
        AtomicFiles.writeString(target, Textbook.markdown(rows, Version.get(), command, seconds));
        long failed = rows.stream().filter(r -> !r.agreesStrictly()).count();
        PrintWriter w = spec.commandLine().getOut();
        for (Textbook.Row r : rows) {
            w.printf(Locale.ROOT, "%-15s %-17s %-34s theory %.4g  simulated %.4g (%.4g-%.4g)  n %d%s%n", r.classic(), r.arm(),
                    r.quantity(), r.theory(), r.simulated(), r.lower(), r.upper(), r.n(), r.agrees() ? "" : "  outside the 95 % interval");
        }
        w.println((failed == 0 ? "" : failed + " theory value(s) outside the 99.9 % interval; ") + target);
        w.flush();
        return failed == 0 ? 0 : 1;
    }
}
