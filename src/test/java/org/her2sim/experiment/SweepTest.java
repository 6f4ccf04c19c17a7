package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigException;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.StopReason;
import org.her2sim.observe.RunRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps: the same tables whatever the threads or shards; resume; paired arms; bad specs. */
class SweepTest {
    static final Path SMALL = Scenarios.home().resolve("src/test/resources/sweeps/small.yaml");
    static final List<String> TABLES = List.of("results.csv", "summary.csv", "comparison.csv");

    @TempDir
    Path dir;

    static void complete(Sweep sweep, Path out) throws Exception {
        SweepResults.write(SweepResults.read(sweep, List.of(out)), out);
    }

    /** Runs the whole sweep into {@code out} and returns its results.csv. */
    static byte[] finished(Sweep sweep, Path out) throws Exception {
        SweepRunner.run(sweep, out, 2, false, null, false, null);
        complete(sweep, out);
        return Files.readAllBytes(out.resolve("results.csv"));
    }

    @Test
    void oneTwoThreadsAndThreeMergedShardsGiveIdenticalTables() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        assertEquals(12, sweep.tasks().size());
        SweepRunner.run(sweep, dir.resolve("one"), 1, false, null, false, null);
        complete(sweep, dir.resolve("one"));
        SweepRunner.run(sweep, dir.resolve("two"), 2, false, null, false, null);
        complete(sweep, dir.resolve("two"));
        List<Path> shards = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path s = dir.resolve("shard" + i);
            SweepRunner.Outcome o = SweepRunner.run(sweep, s, 2, false, new SweepRunner.Shard(i, 3), false, null);
            assertEquals(4, o.ran());
            assertEquals(8, o.missing());
            shards.add(s);
        }
        // merged from compact results (results.csv re-read from the files), as her2sim merge does
        Path merged = dir.resolve("merged");
        Files.createDirectories(merged);
        SweepResults.Tasks compact = SweepResults.readCompact(sweep, shards);
        assertTrue(compact.results().stream().allMatch(t -> t.summary().markerCells().isEmpty() && t.overrides().isEmpty()),
                "the compact results hold no cells per marker state and no overrides");
        assertTrue(SweepResults.read(sweep, shards).results().stream().allMatch(t -> !t.summary().markerCells().isEmpty()),
                "the whole results do");
        SweepResults.write(compact, merged);
        for (String table : TABLES) {
            byte[] one = Files.readAllBytes(dir.resolve("one").resolve(table));
            assertArrayEquals(one, Files.readAllBytes(dir.resolve("two").resolve(table)), table + ": 1 vs 2 threads");
            assertArrayEquals(one, Files.readAllBytes(merged.resolve(table)), table + ": merged shards");
        }
        assertEquals(13, Files.readAllLines(dir.resolve("one/results.csv")).size());
    }

    @Test
    void aThousandShardsMergeIntoTheTablesOfOneRun() throws Exception {
        // the textbook extinction sweep, 3 arms x 334 one-cell lineages: 1 002 quick tasks
        Path file = Scenarios.home().resolve("configs/textbook/extinction-sweep.yaml");
        Sweep sweep = Sweep.load(file, null, null, new Sweep.Overrides(List.of(), 334));
        assertEquals(1002, sweep.tasks().size());
        Path whole = dir.resolve("whole");
        SweepRunner.run(sweep, whole, 2, false, null, false, null);
        complete(sweep, whole);
        List<String> args = new ArrayList<>(List.of("merge"));
        int ran = 0;
        for (int i = 1; i <= 1000; i++) {
            Path s = dir.resolve("shard" + i);
            ran += SweepRunner.run(sweep, s, 1, false, new SweepRunner.Shard(i, 1000), false, null).ran();
            args.add(s.toString());
        }
        assertEquals(1002, ran, "every task ran in exactly one shard");
        Path merged = dir.resolve("merged");
        args.addAll(List.of("--out", merged.toString()));
        Cli.Outcome o = Cli.execute(args.toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("1002 tasks from 1000 directories merged"), o.out());
        for (String table : TABLES) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(table)), Files.readAllBytes(merged.resolve(table)), table + ": 1 000 merged shards");
        }
        assertEquals(1003, Files.readAllLines(merged.resolve("results.csv")).size());
        // a shard missing from the merge is named, not silently dropped
        Cli.Outcome short_ = Cli.execute(args.subList(0, args.size() - 3).toArray(String[]::new));
        assertEquals(2, short_.code());
        assertTrue(short_.err().contains("the sweep is incomplete"), short_.err());
    }

    @Test
    void resumeRunsOnlyTheMissingTasks() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        Path out = dir.resolve("out");
        byte[] before = finished(sweep, out);
        // lose three finished tasks and leave a half-written temporary file behind
        for (int id : new int[] {0, 5, 11}) {
            Files.delete(SweepRunner.taskFile(out.resolve("tasks"), id));
        }
        Files.writeString(out.resolve("tasks/.000005.json.123.tmp"), "{\"task_id\": 5, \"arm\"");
        assertThrows(ConfigException.class, () -> SweepRunner.run(sweep, out, 2, false, null, false, null), "needs --resume");
        SweepRunner.Outcome o = SweepRunner.run(sweep, out, 2, true, null, false, null);
        assertEquals(3, o.ran());
        assertEquals(9, o.alreadyDone());
        complete(sweep, out);
        assertArrayEquals(before, Files.readAllBytes(out.resolve("results.csv")));
        try (var files = Files.list(out.resolve("tasks"))) {
            assertEquals(12, files.count(), "no duplicates, no temporary files");
        }
    }

    @Test
    void editedTruncatedOrSwappedTaskFilesAreFoundAndTheirTasksRunAgain() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        Path out = dir.resolve("out");
        byte[] before = finished(sweep, out);
        Path tasks = out.resolve("tasks");
        // an edited value, a truncated file, and two files swapped
        Path edited = SweepRunner.taskFile(tasks, 1);
        String text = Files.readString(edited);
        String changed = text.replaceFirst("\"final_cells\" : [0-9.eE+-]+", "\"final_cells\" : 12345");
        assertTrue(!changed.equals(text), "the edit changed the file");
        Files.writeString(edited, changed);
        Path truncated = SweepRunner.taskFile(tasks, 2);
        Files.writeString(truncated, Files.readString(truncated).substring(0, 100));
        Path a = SweepRunner.taskFile(tasks, 3);
        Path b = SweepRunner.taskFile(tasks, 4);
        Path swap = tasks.resolve("swap");
        Files.move(a, swap);
        Files.move(b, a);
        Files.move(swap, b);
        // merging refuses them, naming the file
        ConfigException e = assertThrows(ConfigException.class, () -> SweepResults.read(sweep, List.of(out)));
        assertTrue(e.getMessage().contains("000001.json: does not match its checksum"), e.getMessage());
        // resuming says so and runs those four tasks again: the tables are as before
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        SweepRunner.Outcome o = SweepRunner.run(sweep, out, 2, true, null, false, new PrintStream(said, true));
        assertEquals(4, o.ran(), said.toString());
        assertEquals(8, o.alreadyDone());
        String log = said.toString();
        assertTrue(log.contains("000001.json does not match its checksum") && log.contains("000002.json is not a complete task file")
                && log.contains("000003.json holds task 4") && log.contains("000004.json holds task 3"), log);
        complete(sweep, out);
        assertArrayEquals(before, Files.readAllBytes(out.resolve("results.csv")));
    }

    @Test
    void aResultsDirectoryOfAnotherSweepIsRefused() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        Path out = dir.resolve("out");
        SweepRunner.run(sweep, out, 2, false, new SweepRunner.Shard(1, 12), false, null);
        Path other = Scenarios.writeSweep(dir, "other.yaml", SMALL,
                Files.readString(SMALL).replace("seed: 11", "seed: 12"));
        try {
            Sweep different = Sweep.load(other);
            ConfigException e = assertThrows(ConfigException.class, () -> SweepRunner.run(different, out, 1, true, null, false, null));
            assertTrue(e.getMessage().contains("different sweep"), e.getMessage());
        } finally {
            Files.deleteIfExists(other);
        }
    }

    @Test
    void armsOfOneVirtualPatientShareTheTumourAtDiagnosis() {
        Sweep sweep = Sweep.load(SMALL);
        Sweep.Task a = sweep.tasks().get(0);
        Sweep.Task b = sweep.tasks().get(1);
        assertEquals(a.seed(), b.seed());
        assertNotEquals(a.arm(), b.arm());
        SingleRun.Result ra = SingleRun.simulate(sweep.scenario(a), a.seed());
        SingleRun.Result rb = SingleRun.simulate(sweep.scenario(b), b.seed());
        double diagnosis = ra.summary().treatmentStartDays();
        assertEquals(diagnosis, rb.summary().treatmentStartDays());
        assertEquals(ra.summary().baselineCells(), rb.summary().baselineCells());
        List<RunRecorder.CloneRow> before = ra.recorder().cloneRows().stream().filter(r -> r.timeDays() <= diagnosis).toList();
        assertEquals(before, rb.recorder().cloneRows().stream().filter(r -> r.timeDays() <= diagnosis).toList(),
                "identical clones up to diagnosis");
        assertNotEquals(ra.recorder().totalRows().get(ra.recorder().totalRows().size() - 1),
                rb.recorder().totalRows().get(rb.recorder().totalRows().size() - 1));
    }

    @Test
    void aTaskCanBeRerunAloneFromItsRecordedSeedAndOverrides() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        Path out = dir.resolve("out");
        SweepRunner.run(sweep, out, 2, false, new SweepRunner.Shard(1, 12), false, null);
        TaskResult t = TaskFiles.read(SweepRunner.taskFile(out.resolve("tasks"), 0));
        Scenario alone = Scenarios.compile(sweep.baseFile(), t.overrides().toArray(String[]::new));
        SingleRun.Result r = SingleRun.simulate(alone, alone.config().seed());
        assertEquals(t.summary().finalCells(), r.summary().finalCells());
        assertEquals(t.summary().progressionTimeDays(), r.summary().progressionTimeDays());
        assertEquals(t.summary().configSha256(), r.summary().configSha256());
    }

    @Test
    void virtualPatientsDrawTheirOwnPkSharedByTheirArms() throws Exception {
        int n = 200;
        Path spec = patientSweep("patients", n, "{a: {time.max: 5d}, b: {time.max: 6d}}",
                "{path: drugs.trastuzumab.pk.clearance_l_per_day, distribution: lognormal, median: 0.225, cv: 0.43}",
                "{path: tumour.founder.pten, distribution: categorical, values: {intact: 0.8, lost: 0.2}}");
        Sweep sweep = Sweep.load(spec);
        String path = "drugs.trastuzumab.pk.clearance_l_per_day";
        double sum = 0;
        double sumSq = 0;
        int lost = 0;
        for (int r = 0; r < n; r++) {
            Sweep.Task a = sweep.tasks().get(2 * r);
            Sweep.Task b = sweep.tasks().get(2 * r + 1);
            assertEquals(a.parameters(), b.parameters(), "both arms treat the same patient");
            double x = Math.log(Double.parseDouble(a.parameters().get(path)));
            sum += x;
            sumSq += x * x;
            if (a.parameters().get("tumour.founder.pten").equals("lost")) {
                lost++;
            }
        }
        // ln CL ~ Normal(ln 0.225, sigma^2), sigma^2 = ln(1 + 0.43^2) = 0.169: the mean of 200 has
        // SE 0.029, the sample variance SE sigma^2 sqrt(2/(n-1)) = 0.017; 4-SE bands
        double sigma2 = Math.log1p(0.43 * 0.43);
        double mean = sum / n;
        double var = (sumSq - n * mean * mean) / (n - 1);
        assertEquals(Math.log(0.225), mean, 4 * Math.sqrt(sigma2 / n));
        assertEquals(sigma2, var, 4 * sigma2 * Math.sqrt(2.0 / (n - 1)));
        // PTEN-lost founders ~ Binomial(200, 0.2): mean 40, SD 5.7
        assertEquals(40, lost, 4 * Math.sqrt(n * 0.2 * 0.8));
    }

    @Test
    void anArmThatSetsADrawnCharacteristicReplacesTheDrawAndACategoryBringsItsSettings() throws Exception {
        int n = 100;
        Path spec = patientSweep("eligibility", n, "{drawn: {time.max: 5d}, lost: {time.max: 5d, tumour.founder.pten: lost}}",
                "{path: tumour.founder.pten, distribution: categorical, values: {intact: 0.8, lost: 0.2},"
                        + " with: {lost: {drugs.trastuzumab.pk.clearance_l_per_day: 0.5}}}");
        Sweep sweep = Sweep.load(spec);
        String clearance = "drugs.trastuzumab.pk.clearance_l_per_day";
        int lostDrawn = 0;
        for (int r = 0; r < n; r++) {
            Sweep.Task drawn = sweep.tasks().get(2 * r);
            Sweep.Task lost = sweep.tasks().get(2 * r + 1);
            assertEquals("lost", lost.parameters().get("tumour.founder.pten"), "the arm's value is recorded, not the draw");
            assertEquals("lost", sweep.scenario(lost).config().tumour().founder().get("pten"));
            // the category's further settings come with the arm's value as with a drawn one
            assertEquals("0.5", lost.parameters().get(clearance));
            assertEquals(0.5, sweep.scenario(lost).config().drugs().get("trastuzumab").pk().clearanceLPerDay());
            if (drawn.parameters().get("tumour.founder.pten").equals("lost")) {
                lostDrawn++;
                assertEquals("lost", sweep.scenario(drawn).config().tumour().founder().get("pten"));
                assertEquals("0.5", drawn.parameters().get(clearance));
            } else {
                assertEquals(null, drawn.parameters().get(clearance), "an intact founder's patient takes no further setting");
            }
        }
        // an arm that sets a setting enclosing a category's further setting overrides it, and the record says so
        Sweep enclosing = Sweep.load(patientSweep("enclosing", 4,
                "{a: {time.max: 5d, drugs.trastuzumab.pk: {model: one_compartment, route: iv, half_life: 20d, central_volume_l: 3.0}}}",
                "{path: tumour.founder.pten, distribution: categorical, values: {intact: 0.5, lost: 0.5},"
                        + " with: {lost: {drugs.trastuzumab.pk.clearance_l_per_day: 0.5}, intact: {drugs.trastuzumab.pk.clearance_l_per_day: 0.2}}}"));
        for (Sweep.Task t : enclosing.tasks()) {
            assertEquals(null, t.parameters().get(clearance), t.parameters().toString());
            assertEquals(3.0, enclosing.scenario(t).config().drugs().get("trastuzumab").pk().centralVolumeL());
        }
        // the other arm still draws: PTEN-lost founders ~ Binomial(100, 0.2), mean 20, SD 4; a 4-SD band,
        // which also shows the loop above met drawn patients of both kinds
        assertEquals(20, lostDrawn, 4 * Math.sqrt(n * 0.2 * 0.8));
    }

    @Test
    void aCategorysSettingsMustNameOneOfItsValues() {
        Path spec = patientSweep("bad-with", 2, "{a: {time.max: 5d}}",
                "{path: tumour.founder.pten, distribution: categorical, values: {intact: 0.8, lost: 0.2}, with: {gone: {time.max: 6d}}}");
        ConfigException e = assertThrows(ConfigException.class, () -> Sweep.load(spec));
        assertTrue(e.getMessage().contains("with.gone") && e.getMessage().contains("intact, lost"), e.getMessage());
        assertTrue(e.getMessage().contains("bad-with.yaml"), e.getMessage());
        // a category no checked patient is likely to draw still has its settings checked when the sweep is read
        Path rare = patientSweep("rare-with", 2, "{a: {time.max: 5d}}",
                "{path: tumour.founder.pten, distribution: categorical, values: {intact: 0.999999, lost: 0.000001},"
                        + " with: {lost: {time.max: soon}}}");
        ConfigException r = assertThrows(ConfigException.class, () -> Sweep.load(rare));
        assertTrue(r.getMessage().contains("with.lost") && r.getMessage().contains("time.max"), r.getMessage());
    }

    @Test
    void aTwoParameterGridGetsAHeatMapPerArm() throws Exception {
        Path spec = Scenarios.writeSweep(dir, "grid.yaml", SMALL, uncheckedRead().replace(
                "    - {path: biology.markers.2.mutations.0.probability, values: [2.0e-6, 2.0e-4]}",
                "    - {path: biology.markers.2.mutations.0.probability, values: [2.0e-6, 2.0e-4]}\n"
                        + "    - {path: biology.rates.division_max_per_day, range: {from: 0.4, to: 0.5, steps: 2}}")
                .replace("replicates: 3", "replicates: 2"));
        try {
            Sweep sweep = Sweep.load(spec);
            assertEquals(4, sweep.points().size());
            Path out = dir.resolve("grid");
            SweepRunner.run(sweep, out, 2, false, null, false, null);
            SweepResults.Tasks tasks = SweepResults.read(sweep, List.of(out));
            SweepReportData.write(tasks, out);
            for (String f : List.of("heatmap-0.png", "heatmap-1.png", "heatmap-0.svg")) {
                assertTrue(Files.isRegularFile(out.resolve("charts").resolve(f)), f);
            }
            org.her2sim.report.ReportTest.assertPicture(out.resolve("charts/heatmap-0.png"), 1000, 560);
        } finally {
            Files.deleteIfExists(spec);
        }
    }

    @Test
    void keepRunsKeepsEachTasksFullRunDirectory() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        Path out = dir.resolve("kept");
        SweepRunner.run(sweep, out, 1, false, new SweepRunner.Shard(1, 6), true, null);
        for (int id : new int[] {0, 6}) {
            Path run = out.resolve(String.format("runs/%06d", id));
            assertTrue(Files.isRegularFile(run.resolve("timeseries.csv")), run.toString());
            assertTrue(Files.isRegularFile(run.resolve("report.html")), run.toString());
            TaskResult t = TaskFiles.read(SweepRunner.taskFile(out.resolve("tasks"), id));
            String summary = Files.readString(run.resolve("summary.json"));
            assertTrue(summary.contains("\"final_cells\" : " + t.summary().finalCells()), summary);
        }
    }

    @Test
    void aSingleArmSweepHasNothingToCompareButCompletes() throws Exception {
        Path spec = Scenarios.write(dir, "one-arm.yaml", String.join("\n",
                "name: one-arm", "base: " + Scenarios.testScenario("culture-tumour.yaml"), "replicates: 2",
                "arms: {only: {time.max: 3d}}"));
        Sweep sweep = Sweep.load(spec);
        Path out = dir.resolve("one");
        SweepRunner.run(sweep, out, 1, false, null, false, null);
        SweepResults.write(SweepResults.read(sweep, List.of(out)), out);
        assertEquals(1, Files.readAllLines(out.resolve("comparison.csv")).size(), "header only");
        assertEquals(3, Files.readAllLines(out.resolve("results.csv")).size());
        assertTrue(Files.isRegularFile(out.resolve("results.parquet")));
    }

    @Test
    void cellsPerStateAddUpToTheTumourAtEachMoment() throws Exception {
        // every state of every marker has its columns (the first state's included), treated or not
        Sweep sweep = Sweep.load(Scenarios.configs().resolve("textbook/one-drug-sweep.yaml"), null, null, new Sweep.Overrides(
                List.of("stop.max_cells=2e5", "time.max=40d"), 30));
        Path out = dir.resolve("states");
        byte[] csv = finished(sweep, out);
        List<Map<String, String>> rows = new ArrayList<>();
        try (var it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(csv)) {
            it.forEachRemaining(rows::add);
        }
        int treated = 0;
        for (Map<String, String> r : rows) {
            long end = Long.parseLong(r.get("cells_end_type_sensitive")) + Long.parseLong(r.get("cells_end_type_resistant"));
            assertEquals(Long.parseLong(r.get("final_cells")), end, "end: " + r);
            if (!r.get("treatment_start_days").isEmpty()) {
                treated++;
                long start = Long.parseLong(r.get("cells_treatment_start_type_sensitive"))
                        + Long.parseLong(r.get("cells_treatment_start_type_resistant"));
                assertEquals(Double.parseDouble(r.get("baseline_cells")), start, 0.5, "treatment start: " + r);
            }
        }
        assertEquals(60, rows.size());
        assertTrue(treated >= 15, "about half the tumours reach treatment (d/b = 0.5): " + treated);
    }

    @Test
    void aVeryLargeSweepSaysWhatItWillCostBeforeItStarts() throws Exception {
        String body = String.join("\n", "name: big", "base: " + Scenarios.testScenario("culture-tumour.yaml"),
                "arms: {only: {time.max: 1d, tumour.initial_cells: 100}}");
        Path big = Scenarios.write(dir, "big.yaml", body + "\nreplicates: " + (Sweep.LARGE + 1));
        Path fine = Scenarios.write(dir, "fine.yaml", body + "\nreplicates: " + Sweep.LARGE);
        Cli.Outcome v = Cli.execute("validate", big.toString());
        assertEquals(0, v.code(), v.err());
        assertEquals("her2sim: warning: 100,001 tasks: about 0.4 GB of task files", v.err().strip().substring(0, 59), v.err());
        Cli.Outcome quiet = Cli.execute("validate", fine.toString());
        assertEquals("", quiet.err(), "at the threshold: no warning");
        // the sweep itself warns before its first task (one shard of one task runs here)
        Cli.Outcome o = Cli.execute("sweep", big.toString(), "--out", dir.resolve("big").toString(), "--shard", "1/" + (Sweep.LARGE + 1),
                "-q");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().startsWith("her2sim: warning: 100,001 tasks"), o.err());
        try (var files = Files.list(dir.resolve("big/tasks"))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".json")).count(), "the one task of the shard ran");
        }
    }

    @Test
    void aTaskOverItsWallClockLimitIsKeptAndMarked() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        Path out = dir.resolve("limited");
        SweepRunner.run(sweep, out, 1, false, new SweepRunner.Shard(1, 12), false, null, 1e-9);
        TaskResult t = TaskFiles.read(SweepRunner.taskFile(out.resolve("tasks"), 0));
        assertEquals(StopReason.WALL_TIME_LIMIT, t.summary().stopReason());
        assertEquals(0.0, t.summary().finalTimeDays());
    }

    @Test
    void latinHypercubePutsOneSampleInEachStratum() throws Exception {
        Path spec = Scenarios.write(dir, "lhs.yaml", String.join("\n",
                "name: lhs", "base: " + Scenarios.testScenario("culture-tumour.yaml"), "replicates: 1",
                "arms: {a: {time.max: 5d}}",
                "parameters:", "  design: lhs", "  points: 10", "  vary:",
                "    - {path: biology.rates.death_basal_per_day, range: {from: 0.01, to: 0.1, log: true}}",
                "    - {path: biology.rates.apoptosis_max_per_day, range: {from: 0.5, to: 1.5}}"));
        Sweep sweep = Sweep.load(spec);
        assertEquals(10, sweep.points().size());
        boolean[] strata = new boolean[10];
        for (Map<String, String> p : sweep.points()) {
            double v = Double.parseDouble(p.get("biology.rates.apoptosis_max_per_day"));
            strata[(int) Math.floor((v - 0.5) / 0.1)] = true;
            double w = Double.parseDouble(p.get("biology.rates.death_basal_per_day"));
            assertTrue(w >= 0.01 && w <= 0.1);
        }
        for (boolean s : strata) {
            assertTrue(s, "every tenth of the range holds one point");
        }
    }

    @Test
    void badSpecsAreRefusedBeforeAnyTaskRuns() {
        String[][] cases = {
            {"replicates: 3", "replicates: 0", "replicates: expected at least 1"},
            {"trastuzumab: {regimen: ../../../../configs/regimens/trastuzumab-q3w.yaml}", "trastuzumab: {}", "overrides nothing"},
            {"biology.markers.2.mutations.0.probability", "biology.markers.2.mutations.0.probabilty", "did you mean 'probability'"},
            {"values: [2.0e-6, 2.0e-4]", "values: []", "values is empty"},
            {"reference_arm: trastuzumab", "reference_arm: trastuzamab", "did you mean 'trastuzumab'"},
        };
        for (String[] c : cases) {
            Path p = Scenarios.writeSweep(dir, "bad.yaml", SMALL, uncheckedRead().replace(c[0], c[1]));
            try {
                ConfigException e = assertThrows(ConfigException.class, () -> Sweep.load(p), c[1]);
                assertTrue(e.getMessage().contains(c[2]), c[1] + " -> " + e.getMessage());
            } finally {
                p.toFile().delete();
            }
        }
        Path empty = Scenarios.write(dir, "range.yaml", String.join("\n", "name: r", "base: " + Scenarios.testScenario("culture-tumour.yaml"),
                "arms: {a: {time.max: 5d}}", "parameters: {vary: [{path: seed, range: {from: 2, to: 2}}]}"));
        ConfigException e = assertThrows(ConfigException.class, () -> Sweep.load(empty));
        assertTrue(e.getMessage().contains("empty range"), e.getMessage());
    }

    static String uncheckedRead() {
        try {
            return Files.readString(SMALL);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A sweep of the culture-tumour test scenario with these arms and patient draws (one YAML line each). */
    private Path patientSweep(String name, int replicates, String arms, String... draws) {
        List<String> lines = new ArrayList<>(List.of("name: " + name, "base: " + Scenarios.testScenario("culture-tumour.yaml"),
                "replicates: " + replicates, "arms: " + arms, "patients:"));
        for (String d : draws) {
            lines.add("  - " + d);
        }
        return Scenarios.write(dir, name + ".yaml", String.join("\n", lines));
    }
}
