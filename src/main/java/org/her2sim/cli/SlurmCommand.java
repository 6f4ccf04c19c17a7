package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.her2sim.cluster.SlurmSweep;
import org.her2sim.experiment.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim slurm submit|status|resubmit}: sweeps as SLURM job arrays. */
@Command(name = "slurm", mixinStandardHelpOptions = true,
        description = "Runs a sweep as SLURM job arrays: submit, status, resubmit (then her2sim merge DIR).",
        subcommands = {SlurmCommand.Submit.class, SlurmCommand.Status.class, SlurmCommand.Resubmit.class})
final class SlurmCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Writes the sweep's task list and an sbatch array script into --out and submits it.",
                    "Each element runs its slice of the tasks with her2sim sweep --shard --resume."})
    static final class Submit implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "SPEC", description = "Sweep YAML file")
        Path file;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Results directory on storage the compute nodes share")
        Path out;

        @Option(names = "--tasks-per-job", defaultValue = "50", description = "Tasks per array element (default: ${DEFAULT-VALUE})")
        int tasksPerJob;

        @Option(names = "--threads", defaultValue = "1", description = "Worker threads per element = --cpus-per-task (default: ${DEFAULT-VALUE})")
        int threads;

        @Option(names = "--partition", description = "SLURM partition")
        String partition;

        @Option(names = "--time", description = "Wall time per element, [D-]HH:MM:SS")
        String time;

        @Option(names = "--mem", description = "Memory per element, e.g. 4G (default: from the calibration run, or 2G)")
        String mem;

        @Option(names = "--account", description = "SLURM account")
        String account;

        @Option(names = "--qos", description = "SLURM quality of service")
        String qos;

        @Option(names = "--throttle", description = "At most N elements running at once (%%N)")
        Integer throttle;

        @Option(names = "--sbatch", description = "An extra #SBATCH option, e.g. --sbatch=--constraint=skylake (repeatable)")
        List<String> extra = new ArrayList<>();

        @Option(names = "--setup", description = "A shell line run before the program, e.g. \"module load java/17\"")
        String setup;

        @Option(names = "--java-options", description = "JVM options for the elements, e.g. -Xmx3g")
        String javaOptions;

        @Option(names = "--dry-run", description = "Write the script without submitting")
        boolean dryRun;

        @Option(names = "--no-calibrate", negatable = true, description = "Skip the one-task timing run that advises --time and --mem")
        boolean calibrate = true;

        @Override
        public Integer call() throws Exception {
            Sweep sweep = Sweep.load(file);
            PrintWriter w = spec.commandLine().getOut();
            List<String> ids = SlurmSweep.submit(sweep, out, new SlurmSweep.Options(tasksPerJob, threads, partition, time, mem,
                    account, qos, throttle, extra, setup, javaOptions, dryRun, calibrate), w);
            w.println(out.toAbsolutePath().normalize());
            w.flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Tasks done, elements queued or running, elements failed.")
    static final class Status implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "Results directory of a submitted sweep")
        Path dir;

        @Override
        public Integer call() throws Exception {
            SlurmSweep.Status s = SlurmSweep.status(Sweep.ofResults(dir), dir.toAbsolutePath().normalize());
            PrintWriter w = spec.commandLine().getOut();
            w.printf("tasks     %d of %d done%n", s.doneTasks(), s.tasks());
            w.printf("elements  %d done, %d queued or running, %d failed or cancelled (of %d)%n", s.doneElements(),
                    s.queuedElements(), s.failedElements().size(), s.elements());
            w.printf("jobs      %s%n", s.jobs().isEmpty() ? "none" : String.join(", ", s.jobs()));
            if (!s.failedElements().isEmpty()) {
                w.println("next: her2sim slurm resubmit " + dir);
            } else if (s.missingTasks() == 0) {
                w.println("next: her2sim merge " + dir);
            }
            w.flush();
            return 0;
        }
    }

    @Command(name = "resubmit", mixinStandardHelpOptions = true,
            description = "Submits only the elements whose tasks are missing and that are not queued; nothing is done twice.")
    static final class Resubmit implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "Results directory of a submitted sweep")
        Path dir;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            SlurmSweep.resubmit(Sweep.ofResults(dir), dir, w);
            w.flush();
            return 0;
        }
    }
}
