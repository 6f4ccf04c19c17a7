package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.her2sim.experiment.ResultsDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim query DIR "SQL"}: SQL over a sweep's tables. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Answers SQL over a sweep's tables (views results, summary, comparison), e.g.",
                "her2sim query runs/seq-vs-combo \"SELECT arm, avg(time_to_progression_days) FROM results GROUP BY arm\""})
final class QueryCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A sweep results directory")
    Path dir;

    @Parameters(index = "1", paramLabel = "SQL", description = "The query (DuckDB SQL)")
    String sql;

    @Option(names = "--csv", description = "Print CSV instead of an aligned table")
    boolean csv;

    @Override
    public Integer call() {
        ResultsDatabase.Answer raw = ResultsDatabase.query(dir, sql);
        // what a query prints cannot drive the terminal: control characters in values become '?'
        ResultsDatabase.Answer a = new ResultsDatabase.Answer(raw.columns().stream().map(Her2sim::plain).toList(),
                raw.rows().stream().map(r -> r.stream().map(Her2sim::plain).toList()).toList());
        PrintWriter w = spec.commandLine().getOut();
        if (csv) {
            w.println(String.join(",", a.columns().stream().map(QueryCommand::quote).toList()));
            a.rows().forEach(r -> w.println(String.join(",", r.stream().map(QueryCommand::quote).toList())));
        } else {
            int[] width = new int[a.columns().size()];
            for (int i = 0; i < width.length; i++) {
                width[i] = a.columns().get(i).length();
                for (List<String> r : a.rows()) {
                    width[i] = Math.max(width[i], r.get(i).length());
                }
            }
            w.println(line(a.columns(), width));
            StringBuilder rule = new StringBuilder();
            for (int x : width) {
                rule.append(rule.length() > 0 ? "  " : "").append("-".repeat(x));
            }
            w.println(rule);
            a.rows().forEach(r -> w.println(line(r, width)));
            w.printf("(%d rows)%n", a.rows().size());
        }
        w.flush();
        return 0;
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append("  ");
            }
            b.append(String.format("%-" + width[i] + "s", cells.get(i)));
        }
        return b.toString().stripTrailing();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
