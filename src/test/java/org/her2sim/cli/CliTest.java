package org.her2sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.her2sim.observe.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: exit codes, output, and what bad input leaves behind (nothing). */
class CliTest {
    @TempDir
    Path runs;


    @Test
    void runPrintsASummaryAndTheRunDirectoryLast() throws Exception {
        Cli.Outcome o = Cli.execute("run", Scenarios.configs().resolve("quickstart.yaml").toString(), "--runs-dir", runs.toString());
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().strip().split("\n");
        Path dir = Path.of(lines[lines.length - 1]);
        assertTrue(dir.startsWith(runs), o.out());
        assertTrue(o.out().contains("best response"), o.out());
        for (String f : new String[] {"config.yaml", "timeseries.csv", "totals.csv", "drugs.csv", "clones.csv", "events.csv", "summary.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        // the quickstart is a patient's story on patient time scales: years of growth to diagnosis,
        // a response, progression months after treatment starts, a doubling time in the measured range
        Summary s = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).readValue(dir.resolve("summary.json").toFile(), Summary.class);
        assertTrue(s.treatmentStartDays() > 365, "diagnosis after " + s.treatmentStartDays() + " days");
        assertTrue(s.bestResponse().equals("PR") || s.bestResponse().equals("CR"), "responds: " + s.bestResponse());
        double months = s.timeToProgressionDays() / 30.4375;
        assertTrue(months > 3 && months < 60, "progression " + months + " months after treatment start");
        double doubling = Scenarios.compile(Scenarios.configs().resolve("quickstart.yaml")).config().context().tumourKinetics().doublingTime().days();
        assertTrue(doubling >= 46 && doubling <= 825, "doubling time " + doubling + " d within the measured 46-825 d (Ryu et al. 2014)");
    }

    @Test
    void calibrateRefusesOptionsOfAnotherModeInsteadOfIgnoringThem() {
        String[][] refused = {
            {"calibrate", "--parameter", "gastric dependence", "--reduced"},
            {"calibrate", "--clinic", "--evaluate", "--parameter", "gastric dependence"},
            {"calibrate", "--clinic", "--trial", "toga"},
        };
        for (String[] args : refused) {
            Cli.Outcome o = Cli.execute(args);
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.out() + o.err());
            assertTrue(o.err().contains("--parameter") || o.err().contains("--trial"), o.err());
        }
    }

    @Test
    void aRunWritesParquetWhenAskedWithTheRowsAndTypesOfItsCsvTables() throws Exception {
        Path plain = runs.resolve("plain");
        Path both = runs.resolve("both");
        Path checkpointed = runs.resolve("checkpointed");
        String config = Scenarios.configs().resolve("quickstart.yaml").toString();
        assertEquals(0, Cli.execute("run", config, "--out", plain.toString(), "-q").code());
        assertEquals(0, Cli.execute("run", config, "--out", both.toString(), "-q", "--parquet").code());
        assertEquals(0, Cli.execute("run", config, "--out", checkpointed.toString(), "-q", "--parquet", "--checkpoint-every", "1y").code());
        try (var files = Files.list(plain)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".parquet")), "only when asked");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); java.sql.Statement st = c.createStatement()) {
            for (Path dir : List.of(both, checkpointed)) {
                for (String table : org.her2sim.experiment.RunOutputs.TABLES) {
                    Path parquet = dir.resolve(table + ".parquet");
                    assertTrue(Files.isRegularFile(parquet), parquet.toString());
                    long csvRows = Files.readAllLines(dir.resolve(table + ".csv")).size() - 1;
                    try (java.sql.ResultSet r = st.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
                        r.next();
                        assertEquals(csvRows, r.getLong(1), parquet.toString());
                    }
                }
                // typed columns: numbers stay numbers
                try (java.sql.ResultSet r = st.executeQuery("SELECT any_value(typeof(time_days)), any_value(typeof(cells)), max(cells) FROM read_parquet('"
                        + dir.resolve("totals.parquet") + "')")) {
                    r.next();
                    assertEquals("DOUBLE", r.getString(1));
                    assertEquals("BIGINT", r.getString(2));
                    assertTrue(r.getLong(3) > 1_000_000_000L);
                }
            }
        }
    }

    @Test
    void aRunWithoutItsReportGetsTheSameReportLater() throws Exception {
        Path quiet = runs.resolve("no-report");
        Path full = runs.resolve("full");
        String config = Scenarios.configs().resolve("textbook-two-types.yaml").toString();
        assertEquals(0, Cli.execute("run", config, "--out", quiet.toString(), "-q", "--no-report").code());
        assertEquals(0, Cli.execute("run", config, "--out", full.toString(), "-q").code());
        assertTrue(Files.isRegularFile(quiet.resolve("summary.json")) && !Files.exists(quiet.resolve("report.html"))
                && !Files.exists(quiet.resolve("charts")), "tables only");
        assertEquals(0, Cli.execute("report", quiet.toString()).code());
        for (String chart : List.of("burden.png", "muller.svg", "composition.png")) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(full.resolve("charts").resolve(chart)),
                    Files.readAllBytes(quiet.resolve("charts").resolve(chart))), chart);
        }
    }

    @Test
    void everyCommandsHelpFormats() {
        // picocli treats descriptions as format strings: a bare "%" is reported on stderr and printed raw
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true));
        List<String> names = new java.util.ArrayList<>();
        try {
            java.util.Deque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(List.of(org.her2sim.cli.Her2sim.commandLine()));
            while (!todo.isEmpty()) {
                picocli.CommandLine c = todo.pop();
                names.add(c.getCommandName());
                assertTrue(!c.getUsageMessage().isBlank());
                todo.addAll(c.getSubcommands().values());
            }
        } finally {
            System.setErr(old);
        }
        assertTrue(names.size() > 15, names.toString());
        assertEquals("", err.toString(), "usage warnings");
    }

    @Test
    void helpExplainsTheOptions() {
        Cli.Outcome o = Cli.execute("run", "--help");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("--set"));
        assertTrue(o.out().contains("--out"));
        assertEquals(0, Cli.execute("--help").code());
    }

    @Test
    void badInputExitsWithTwoAndOneLineAndLeavesNoRunDirectory() throws Exception {
        String[][] cases = {
            {"run", runs.resolve("missing.yaml").toString()},
            {"run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--set", "tumour.inital_cells=5"},
            {"run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--set", "biology.rates.death_basal_per_day=-1"},
            {"run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--set", "regimen.phases.1.drugs.0.drug=herceptin"},
            {"run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--set", "time.dt=2 furlongs"},
            {"run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--set", "biology.markers.1.mutations.0.probability=2"},
            {"validate", Scenarios.testScenario("culture-tumour.yaml").toString(), "--set", "regimen.phases.0.end=never"},
        };
        for (String[] args : cases) {
            String[] withRuns = java.util.Arrays.copyOf(args, args.length + 2);
            if (args[0].equals("run")) {
                withRuns[args.length] = "--runs-dir";
                withRuns[args.length + 1] = runs.toString();
            } else {
                withRuns = args;
            }
            Cli.Outcome o = Cli.execute(withRuns);
            assertEquals(2, o.code(), String.join(" ", args) + " -> " + o.err());
            assertEquals(1, o.err().strip().split("\n").length, o.err());
            assertTrue(o.err().startsWith("her2sim: "), o.err());
            assertFalse(o.err().contains("Exception"), o.err());
            try (var list = Files.list(runs)) {
                assertEquals(0, list.count(), "a failed run must leave nothing behind");
            }
        }
    }

    @Test
    void reportRemakesChartsAndRefusesWhatIsNotARun() throws Exception {
        Cli.Outcome run = Cli.execute("run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--runs-dir", runs.toString(),
                "--set", "time.max=35d", "-q");
        assertEquals(0, run.code(), run.err());
        Path dir = Path.of(run.out().strip());
        Cli.Outcome o = Cli.execute("report", dir.toString(), "--format", "svg", "--charts", "burden", "--width", "640", "--height", "400");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().strip().endsWith("report.html"), o.out());
        assertTrue(Files.readString(dir.resolve("charts/burden.svg")).contains("width='640.0'"));

        Cli.Outcome bad = Cli.execute("report", runs.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("not a run directory"), bad.err());
        Cli.Outcome chart = Cli.execute("report", dir.toString(), "--charts", "mueller");
        assertEquals(2, chart.code());
        assertTrue(chart.err().contains("did you mean 'muller'"), chart.err());
        Cli.Outcome format = Cli.execute("report", dir.toString(), "--format", "pdf");
        assertEquals(2, format.code());
        assertTrue(format.err().contains("expected png or svg"), format.err());
    }

    @Test
    void sweepQueryAndMergeFromTheCommandLine() throws Exception {
        Path spec = Scenarios.home().resolve("src/test/resources/sweeps/small.yaml");
        Path out = runs.resolve("sweep");
        Cli.Outcome o = Cli.execute("sweep", spec.toString(), "--out", out.toString(), "--threads", "2", "-q");
        assertEquals(0, o.code(), o.err());
        String[] lines = o.out().strip().split("\n");
        assertEquals(out.toString(), lines[lines.length - 1]);
        for (String f : new String[] {"results.csv", "summary.csv", "comparison.csv", "results.parquet", "report.html",
            "charts/km-pfs-point-0.png", "charts/km-ttf-point-0.png", "charts/km-pfs-point-1.png", "charts/escapes.png", "charts/swimmer.png", "charts/time-on-drug.png",
            "charts/dose.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        Cli.Outcome q = Cli.execute("query", out.toString(), "SELECT count(*) AS n, count(DISTINCT seed) AS patients FROM results", "--csv");
        assertEquals(0, q.code(), q.err());
        assertEquals("n,patients\n12,6", q.out().strip());
        Cli.Outcome bad = Cli.execute("query", out.toString(), "SELECT nonsense FROM results");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("her2sim: query:"), bad.err());
        // read-only: no file is read or written, no extension installed, no database attached
        Path outside = runs.resolve("outside.txt");
        Files.writeString(outside, "a,b\n1,2\n");
        for (String sql : new String[] {"COPY results TO '" + runs.resolve("copied.csv") + "'", "SELECT * FROM read_csv('" + outside + "')",
            "ATTACH '" + runs.resolve("other.db") + "'", "INSTALL httpfs", "SET enable_external_access = true"}) {
            Cli.Outcome refused = Cli.execute("query", out.toString(), sql);
            assertEquals(2, refused.code(), sql);
            assertTrue(refused.err().contains("Permission Error") || refused.err().contains("locked"), sql + ": " + refused.err());
        }
        assertTrue(!Files.exists(runs.resolve("copied.csv")) && !Files.exists(runs.resolve("other.db")));
        Cli.Outcome noRows = Cli.execute("query", out.toString(), "CREATE TABLE t AS SELECT 1");
        assertEquals(2, noRows.code());
        assertTrue(noRows.err().contains("returns no rows"), noRows.err());
        assertEquals(2, Cli.execute("sweep", spec.toString(), "--out", out.toString()).code(), "exists: needs --resume");
        Cli.Outcome resumed = Cli.execute("sweep", spec.toString(), "--out", out.toString(), "--resume", "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("0 tasks run, 12 already done"), resumed.out());
        assertEquals(0, Cli.execute("merge", out.toString()).code());
        assertEquals(2, Cli.execute("merge", runs.toString()).code(), "not a sweep directory");
        assertEquals(2, Cli.execute("sweep", spec.toString(), "--shard", "4/3").code());
    }

    @Test
    void anUnwritableOutputGivesOneLineAndLeavesEarlierRunsIntact() throws Exception {
        Cli.Outcome first = Cli.execute("run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--runs-dir", runs.toString(),
                "--set", "time.max=5d", "-q");
        assertEquals(0, first.code(), first.err());
        Path earlier = Path.of(first.out().strip());
        byte[] summary = Files.readAllBytes(earlier.resolve("summary.json"));
        Path blocker = Files.writeString(runs.resolve("not-a-directory"), "a file where a directory should be");
        Cli.Outcome o = Cli.execute("run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--out",
                blocker.resolve("run").toString(), "--set", "time.max=5d");
        assertEquals(1, o.code());
        assertEquals(1, o.err().strip().split("\n").length, o.err());
        assertTrue(o.err().startsWith("her2sim: ") && !o.err().contains("Exception"), o.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(summary, Files.readAllBytes(earlier.resolve("summary.json")));
    }

    @Test
    void aFullDiskGivesOneLineAndLeavesNothingHalfWritten() throws Exception {
        Path small = runs.resolve("small-disk");
        withSmallDisk(small, "256k", () -> {
            Cli.Outcome o = Cli.execute("run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--out",
                    small.resolve("run").toString(), "--set", "time.max=80d");
            assertEquals(1, o.code());
            assertEquals(1, o.err().strip().split("\n").length, o.err());
            // the file system's own words, whichever writer meets the full disk first (CSV or chart)
            assertTrue(o.err().contains("cannot write the run to " + small + ": No space left on device"), o.err());
            try (var left = Files.list(small)) {
                assertEquals(0, left.count(), "nothing half-written left on the full disk");
            }
        });
    }

    /** A real small file system (tmpfs; the suite runs as root), unmounted after the body. */
    private void withSmallDisk(Path at, String size, DiskBody body) throws Exception {
        Files.createDirectories(at);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
                .redirectErrorStream(true).start();
        String why = new String(mount.getInputStream().readAllBytes());
        assertEquals(0, mount.waitFor(), "cannot mount a small tmpfs (the test needs root): " + why);
        try {
            body.run();
        } finally {
            new ProcessBuilder("umount", at.toString()).start().waitFor();
        }
    }

    @FunctionalInterface
    private interface DiskBody {
        void run() throws Exception;
    }

    private static void growDisk(Path at, String size) throws Exception {
        Process p = new ProcessBuilder("mount", "-o", "remount,size=" + size, at.toString()).redirectErrorStream(true).start();
        String why = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), why);
    }

    @Test
    void aCheckpointedRunOnAFullDiskKeepsItsCheckpointAndResumesWhenThereIsSpace() throws Exception {
        Path small = runs.resolve("small-disk-cp");
        withSmallDisk(small, "256k", () -> {
            Cli.Outcome o = Cli.execute("run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--out",
                    small.resolve("run").toString(), "--set", "time.max=80d", "--checkpoint-every", "5d", "-q");
            assertEquals(1, o.code(), o.err());
            assertEquals("her2sim: cannot write the run to " + small.resolve("run.partial") + ": No space left on device; its last "
                    + "checkpoint is kept: free some space, then her2sim resume " + small.resolve("run"), o.err().strip());
            growDisk(small, "16m");
            Cli.Outcome r = Cli.execute("resume", small.resolve("run").toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(small.resolve("run/report.html")));
            try (var left = Files.list(small.resolve("run"))) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                        "no temporary report folders left");
            }
        });
    }

    @Test
    void aSweepOnAFullDiskSaysWhatIsKeptInOneLine() throws Exception {
        Path small = runs.resolve("small-disk-sweep");
        Path spec = runs.resolve("full.yaml");
        Files.writeString(spec, String.join("\n", "name: full", "base: " + Scenarios.testScenario("culture-tumour.yaml"), "seed: 5",
                "replicates: 40", "reference_arm: a", "set: {time.max: 30d, tumour.initial_cells: 1000, stop.max_cells: 2.0e5}",
                "arms:", "  a: {regimen: " + Scenarios.configs().resolve("regimens/trastuzumab-q3w.yaml") + "}"));
        withSmallDisk(small, "256k", () -> {
            Cli.Outcome o = Cli.execute("sweep", spec.toString(), "--out", small.resolve("sw").toString(), "--threads", "2", "-q");
            assertEquals(1, o.code(), o.err());
            assertEquals(1, o.err().strip().split("\n").length, o.err());
            assertTrue(o.err().contains(": No space left on device; every finished task is kept in " + small.resolve("sw/tasks")
                    + ": free some space, then her2sim merge " + small.resolve("sw")), o.err());
            growDisk(small, "16m");
            Cli.Outcome m = Cli.execute("merge", small.resolve("sw").toString());
            assertEquals(0, m.code(), m.err());
            assertTrue(Files.isRegularFile(small.resolve("sw/report.html")));
            try (var left = Files.list(small.resolve("sw"))) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                        "the failed report left no temporary folder");
            }
        });
    }

    @Test
    void aLongRunShowsItsProgressOnATerminal() throws Exception {
        // a real terminal (script(1) gives the program a pseudo-terminal); a run of several seconds
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", javaBin, "-cp", System.getProperty("java.class.path"), "org.her2sim.cli.Her2sim", "run",
                Scenarios.testScenario("culture-tumour.yaml").toString(), "--runs-dir", runs.toString(), "--set", "engine=agent",
                "--set", "tumour.initial_cells=1e5", "--set", "stop.max_cells=4e7", "--set", "context.carrying_capacity=3e7",
                "--set", "'regimen.phases=[{name: untreated, end: never}]'", "--set", "time.max=50d");
        Process p = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.matches("(?s)\\rday \\d+\\.\\d of at most 50 \\(\\d+ %\\), [\\d,]+ cells, \\d+ s so far.*"), out);
        // cleared before the summary, which stands on its own line
        assertTrue(out.contains("\r" + " ".repeat(20)) && out.contains("\rscenario        culture-tumour"), out);
    }

    @Test
    void aTumourOutgrowingMemoryStopsWithAMessageNotAnOutOfMemoryError() throws Exception {
        // the agent engine in a JVM with 96 MiB and a ceiling far above what fits: it must stop by itself
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx96m", "-cp", System.getProperty("java.class.path"), "org.her2sim.cli.Her2sim",
                "run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--runs-dir", runs.toString(), "-q",
                "--set", "engine=agent", "--set", "stop.max_cells=1e10", "--set", "context.carrying_capacity=1e12",
                "--set", "tumour.initial_cells=2e6",
                "--set", "regimen.phases=[{name: untreated, end: never}]", "--set", "time.max=200d")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("more than the agent engine can hold in this JVM's memory"), out);
        assertTrue(!out.contains("OutOfMemoryError") && !out.contains("\tat "), out);
        try (var left = Files.list(runs)) {
            assertEquals(0, left.count(), "no run directory left");
        }
    }

    @Test
    void validateReportsOk() {
        Cli.Outcome o = Cli.execute("validate", Scenarios.testScenario("culture-tumour.yaml").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("ok (7 markers, 192 states"), o.out());
        // every mutation with its per-daughter and per-division figures
        assertTrue(o.out().contains("mutation chemo sensitive -> resistant: 1.00e-07 per daughter = 2.00e-07 mutant daughters per division"),
                o.out());
    }

    @Test
    void aFileSystemFailureIsNamedNotJustItsPath() throws Exception {
        Path file = runs.resolve("a-file");
        Files.writeString(file, "x");
        Cli.Outcome o = Cli.execute("run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--set", "time.max=2d",
                "--out", file.resolve("run").toString());
        assertEquals(1, o.code(), o.err());
        assertEquals("her2sim: " + file + ": a file is in the way where a directory is needed", o.err().strip());
    }

    @Test
    void theOutOfMemoryHintFitsTheCommand() {
        assertTrue(Her2sim.outOfMemory("run").contains("stop.max_cells"));
        assertTrue(Her2sim.outOfMemory("sweep").contains("--threads") && !Her2sim.outOfMemory("sweep").contains("stop.max_cells"));
        assertTrue(Her2sim.outOfMemory("report").contains("observe.every") && !Her2sim.outOfMemory("report").contains("stop.max_cells"));
        assertTrue(Her2sim.outOfMemory("drugs").endsWith("give Java more memory (HER2SIM_JAVA_OPTS=-Xmx8g)"));
    }

    @Test
    void terminalEscapesInAConfigurationDoNotReachTheTerminal() {
        Cli.Outcome o = Cli.execute("validate", Scenarios.testScenario("culture-tumour.yaml").toString(),
                "--set", "tumour.founder={her2: \u001b[31mred}");
        assertEquals(2, o.code(), o.err());
        assertTrue(!o.err().contains("\u001b") && o.err().contains("?[31mred"), o.err());
    }

    @Test
    void drugsListsTheLibraryWithPk() {
        Cli.Outcome o = Cli.execute("drugs", Scenarios.configs().resolve("drugs.yaml").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("trastuzumab"));
        assertTrue(o.out().contains("two-compartment iv"));
        assertTrue(o.out().contains("lapatinib"));
    }
}
