package org.her2sim;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.her2sim.cli.Her2sim;
import picocli.CommandLine;

/** Test helper: runs the command line in this JVM and captures exit code, stdout and stderr. */
public final class Cli {
    private Cli() {
    }

    /** What a command did. */
    public record Outcome(int code, String out, String err) {
    }

    public static Outcome execute(String... args) {
        CommandLine cl = Her2sim.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
