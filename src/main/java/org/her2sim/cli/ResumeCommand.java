package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.her2sim.experiment.RunProgress;
import org.her2sim.experiment.SingleRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim resume DIR}: continues a checkpointed run after a crash or kill. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continues a run started with --checkpoint-every from its last checkpoint (DIR or DIR.partial)",
                "and writes the same outputs an uninterrupted run would have written."})
final class ResumeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The run directory (or its .partial folder)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        RunProgress progress = RunProgress.onTerminal(System.err);
        SingleRun.Result r;
        try {
            r = SingleRun.resume(dir, progress);
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        RunCommand.printSummary(w, r.summary(), r.model().scenario());
        w.println(r.directory());
        w.flush();
        return 0;
    }
}
