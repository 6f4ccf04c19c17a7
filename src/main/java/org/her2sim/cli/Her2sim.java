package org.her2sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.her2sim.config.ConfigException;
import org.her2sim.engine.PopulationLimitException;
import org.her2sim.experiment.Version;
import org.her2sim.io.IoFailure;
import org.her2sim.report.ReportInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The command line. Commands only parse, call and print; exit codes: 0 done, 2 bad input
 * (a one-line message naming file, path and expectation), 1 anything else.
 */
@Command(name = "her2sim", mixinStandardHelpOptions = true, versionProvider = Her2sim.VersionProvider.class,
        description = "Simulates tumour clone evolution under HER2-targeted therapy.",
        subcommands = {RunCommand.class, ResumeCommand.class, SweepCommand.class, MergeCommand.class, QueryCommand.class, SlurmCommand.class, ReportCommand.class, ValidateCommand.class, DrugsCommand.class, BenchCommand.class, LessonCommand.class, GuiCommand.class, ClassroomCommand.class, AssayCommand.class, CalibrateCommand.class, ValidationCommand.class, TextbookCommand.class,
                CommandLine.HelpCommand.class})
public final class Her2sim implements Runnable {
    public static final int EXIT_INPUT = 2;
    /** Returned by gui: the windows are open and keep the program running until the Console quits. */
    static final int GUI_OPEN = -1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println(outOfMemory(args.length == 0 ? "" : args[0]));
            code = 1;
        }
        if (code != GUI_OPEN) {
            System.exit(code);
        }
    }

    /** What to do when a command ran out of memory: what that command can use less of, then more memory. */
    static String outOfMemory(String command) {
        String less = switch (command) {
            case "run", "resume", "gui", "lesson" -> "lower stop.max_cells or use engine: clone for a large tumour, or ";
            case "sweep", "slurm", "calibrate", "validation", "assay" -> "run fewer tasks at once (--threads), or ";
            case "report", "merge", "query" -> "observe less often (observe.every) so the tables are smaller, or ";
            default -> "";
        };
        return "her2sim: out of memory; " + less + "give Java more memory (HER2SIM_JAVA_OPTS=-Xmx8g)";
    }

    /** The configured command line (tests call {@code execute} on it). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Her2sim());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (e instanceof ConfigException || e instanceof ReportInputException) {
                err.println("her2sim: " + plain(e.getMessage()));
                return EXIT_INPUT;
            }
            if (e instanceof PopulationLimitException) {
                err.println("her2sim: " + plain(e.getMessage()));
                return 1;
            }
            if (e instanceof IOException io) {
                err.println("her2sim: " + plain(IoFailure.describe(io)));
                return 1;
            }
            err.println("her2sim: internal error: " + e);
            if (System.getenv("HER2SIM_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("her2sim: set HER2SIM_DEBUG=1 for the stack trace, and please report it");
            }
            return 1;
        });
        return cl;
    }

    /**
     * A message as the terminal may show it: control characters other than line breaks and tabs
     * (terminal escape sequences a configuration could carry) become '?'.
     */
    static String plain(String message) {
        return message == null ? "" : message.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "?");
    }

    /** The project directory (configs/, runs/), set by the launcher; the working directory otherwise. */
    static Path home() {
        String h = System.getProperty("her2sim.home");
        return h == null ? Path.of("") : Path.of(h);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"her2sim " + Version.get()};
        }
    }
}
