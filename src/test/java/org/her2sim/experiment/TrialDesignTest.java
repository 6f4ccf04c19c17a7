package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigException;
import org.her2sim.observe.RunRecorder;
import org.her2sim.observe.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trial designs: randomisation at an event (arms share the tumour and its first line, then part),
 * parallel groups, eligibility with the trial's flow, and the sweep command's own settings.
 */
class TrialDesignTest {
    static final String LINE_A = "{name: A, drugs: [{drug: drug_a, concentration: 1 ug/mL}], end: progression}";

    @TempDir
    Path dir;

    /** A small stochastic tumour (agent engine): sensitive cells shrink on drug A, 20 resistant cells grow on it. */
    String spec(String name, String extra, String arms) {
        return String.join("\n",
                "name: " + name,
                "base: " + Scenarios.testScenario("endpoints.yaml"),
                "seed: 3",
                "replicates: 4",
                "set:",
                "  engine: agent",
                "  tumour.initial_cells: 20000",
                "  tumour.clones: [{markers: {type: resistant}, cells: 20}]",
                "  biology.explicit.1.under.drug_a.death_per_day: 0.02",
                "  outcomes.detection_limit_cells: 100",
                "  outcomes.lethal_cells: 2.0e6",
                "  stop.max_cells: 2.0e6",
                "  time.max: 400d",
                extra,
                "arms:",
                arms);
    }

    static String arm(String name, String second) {
        return "  " + name + ": {regimen: {phases: [" + LINE_A + ", " + second + "]}}";
    }

    static final String ON_B = "{name: B, drugs: [{drug: drug_b, concentration: 1 ug/mL}], end: never}";
    static final String ON_A = "{name: A again, drugs: [{drug: drug_a, concentration: 1 ug/mL}], end: never}";

    @Test
    void randomisationAtProgressionSharesTheHistoryUntilTheEventAndPartsAfter() throws Exception {
        Path file = Scenarios.write(dir, "rand.yaml", spec("rand", "randomise: {line: 2}",
                String.join("\n", arm("b-one", ON_B), arm("b-two", ON_B), arm("a-again", ON_A))));
        Sweep sweep = Sweep.load(file);
        int parted = 0;
        for (int r = 0; r < 4; r++) {
            final int rep = r;
            List<Sweep.Task> tasks = sweep.tasks().stream().filter(t -> t.replicate() == rep).toList();
            assertEquals(3, tasks.size());
            SingleRun.Result[] runs = new SingleRun.Result[3];
            for (int i = 0; i < 3; i++) {
                runs[i] = SingleRun.simulate(sweep.scenario(tasks.get(i)), tasks.get(i).seed());
            }
            Summary s0 = runs[0].summary();
            assertTrue(s0.lines().size() == 2, "line 1 progressed and line 2 began (replicate " + r + ")");
            double randomised = s0.lines().get(1).startDays();
            for (int i = 1; i < 3; i++) {
                Summary s = runs[i].summary();
                assertEquals(randomised, s.lines().get(1).startDays(), "the same randomisation day");
                assertEquals(s0.lines().get(0), s.lines().get(0), "the same first line");
                assertEquals(upTo(runs[0], randomised), upTo(runs[i], randomised), "the same history until randomisation");
            }
            // the two arms on drug B differ only by their random streams after randomisation
            if (!after(runs[0], randomised).equals(after(runs[1], randomised))) {
                parted++;
            }
        }
        assertEquals(4, parted, "independent streams after randomisation in every patient");
        // the same tables whatever the thread count
        SweepRunner.run(sweep, dir.resolve("one"), 1, false, null, false, null);
        SweepRunner.run(sweep, dir.resolve("two"), 2, false, null, false, null);
        for (Path out : List.of(dir.resolve("one"), dir.resolve("two"))) {
            SweepResults.write(SweepResults.read(sweep, List.of(out)), out);
        }
        for (String table : List.of("results.csv", "summary.csv", "comparison.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(table)), Files.readAllBytes(dir.resolve("two").resolve(table)), table);
        }
    }

    /** The rows before randomisation, and the cells on its day (which cells count as resistant depends on the arm's new drugs). */
    static List<Object> upTo(SingleRun.Result r, double day) {
        List<Object> out = new java.util.ArrayList<>(r.recorder().totalRows().stream().filter(x -> x.timeDays() < day).toList());
        out.add(r.recorder().totalRows().stream().filter(x -> x.timeDays() == day).findFirst().orElseThrow().cells());
        return out;
    }

    static List<Long> after(SingleRun.Result r, double day) {
        return r.recorder().totalRows().stream().filter(x -> x.timeDays() > day).map(RunRecorder.TotalRow::cells).toList();
    }

    @Test
    void armsRandomisedLaterMustShareTheirFirstLine() {
        String other = "  other: {regimen: {phases: [{name: B first, drugs: [{drug: drug_b, concentration: 1 ug/mL}], end: progression}, "
                + ON_A + "]}}";
        Path file = Scenarios.write(dir, "bad.yaml", spec("bad", "randomise: {line: 2}", String.join("\n", arm("b", ON_B), other)));
        ConfigException e = assertThrows(ConfigException.class, () -> Sweep.load(file));
        assertTrue(e.getMessage().contains("differ before line 2"), e.getMessage());
    }

    @Test
    void parallelGroupsTreatPatientsOfTheirOwnAndPairedArmsShareThem() {
        String arms = String.join("\n", arm("b", ON_B), arm("a", ON_A));
        Sweep paired = Sweep.load(Scenarios.write(dir, "paired.yaml", spec("paired", "", arms)));
        Sweep parallel = Sweep.load(Scenarios.write(dir, "parallel.yaml", spec("parallel", "allocation: parallel", arms)));
        for (int r = 0; r < 4; r++) {
            final int rep = r;
            List<Long> pairedSeeds = paired.tasks().stream().filter(t -> t.replicate() == rep).map(Sweep.Task::seed).distinct().toList();
            List<Long> parallelSeeds = parallel.tasks().stream().filter(t -> t.replicate() == rep).map(Sweep.Task::seed).distinct().toList();
            assertEquals(1, pairedSeeds.size(), "paired: one tumour per patient");
            assertEquals(2, parallelSeeds.size(), "parallel: a patient of its own in each arm");
        }
    }

    @Test
    void eligibilityFiltersTheRandomisedAndTheFlowCountsEachStage() throws Exception {
        // patients start with 3 or 300 resistant cells, so line 1 lasts ~2 or ~3 months; eligible:
        // progression on line 1 within 73 days
        Path file = Scenarios.write(dir, "elig.yaml", spec("elig", "randomise: {line: 2, progressed_within: 73d}\npatients:\n"
                        + "  - {path: tumour.clones.0.cells, distribution: categorical, values: {\"3\": 0.5, \"300\": 0.5}}",
                String.join("\n", arm("b", ON_B), arm("a", ON_A))).replace("replicates: 4\n", "replicates: 8\n"));
        Sweep sweep = Sweep.load(file);
        Path out = dir.resolve("out");
        SweepRunner.run(sweep, out, 2, false, null, false, null);
        SweepResults.Tasks tasks = SweepResults.read(sweep, List.of(out));
        List<Map<String, Object>> summary = SweepResults.summary(tasks, List.of(), List.of());
        for (Map<String, Object> row : summary) {
            long eligible = tasks.results().stream().filter(t -> t.arm().equals(row.get("arm"))).map(t -> t.summary().lines())
                    .filter(l -> l.size() >= 2 && l.get(0).pfsDays() <= 73).count();
            assertEquals((int) eligible, row.get("n"), "analysed = randomised and progressed within 73 days");
            assertEquals(8, row.get("n_patients"));
            assertTrue((long) row.get("n_randomised") >= eligible);
        }
        long filtered = summary.stream().mapToLong(r -> (long) r.get("n_randomised") - (int) r.get("n")).sum();
        assertTrue(filtered > 0 && summary.stream().mapToInt(r -> (int) r.get("n")).sum() > 0,
                "some randomised patients were not eligible, and some were: both paths ran");
        SweepReportData.write(tasks, out);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("the trial&#39;s flow") || html.contains("the trial's flow"), "the flow table is on the page");
    }

    @Test
    void theSweepCommandTakesSettingsAndReplicatesAndKeepsThemWithTheResults() throws Exception {
        Path specDir = Files.createDirectories(dir.resolve("copied"));
        // a regimen beside the sweep file, not beside the base scenario
        Scenarios.write(specDir, "regimens/only-b.yaml", "phases: [" + ON_B + "]\n");
        Path file = Scenarios.write(specDir, "s.yaml", spec("cli", "", "  b: {regimen: regimens/only-b.yaml}\n  a: {regimen: {phases: ["
                + LINE_A + "]}}"));
        Path out = dir.resolve("cli-out");
        Cli.Outcome o = Cli.execute("sweep", file.toString(), "--set", "time.max=60d", "--replicates", "2", "--out", out.toString(), "-q");
        assertEquals(0, o.code(), o.err());
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(1 + 2 * 2, rows.size(), "2 replicates x 2 arms");
        String kept = Files.readString(out.resolve("sweep.yaml"));
        assertTrue(kept.contains("time.max") && kept.contains("60d") && kept.contains("replicates: 2"), kept);
        assertTrue(Files.readString(out.resolve("tasks/000000.json")).contains("only-b.yaml"));
        // resuming the same command finds everything done; a different --set is another sweep
        Cli.Outcome again = Cli.execute("sweep", file.toString(), "--set", "time.max=60d", "--replicates", "2", "--out", out.toString(),
                "-q", "--resume");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 tasks run, 4 already done"), again.out());
        Cli.Outcome other = Cli.execute("sweep", file.toString(), "--set", "time.max=70d", "--replicates", "2", "--out", out.toString(),
                "-q", "--resume");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("different sweep"), other.err());
        Cli.Outcome valid = Cli.execute("validate", file.toString());
        assertEquals(0, valid.code(), valid.err());
        assertTrue(valid.out().contains("a sweep: 8 tasks"), valid.out());
    }

    @Test
    void aHeatMapIsDrawnForAGridOfValuesWithUnits() throws Exception {
        Path file = Scenarios.write(dir, "grid.yaml", spec("grid", String.join("\n", "replicates: 1",
                "parameters:",
                "  vary:",
                "    - {path: regimen.phases.0.drugs.0.concentration, values: [\"2 ug/mL\", \"500 ng/mL\"]}",
                "    - {path: biology.explicit.1.under.drug_a.death_per_day, values: [0.02, 0.04]}"),
                "  a: {regimen: {phases: [" + LINE_A.replace("progression", "never") + "]}}").replace("replicates: 4\n", ""));
        Path out = dir.resolve("grid-out");
        Cli.Outcome o = Cli.execute("sweep", file.toString(), "--out", out.toString(), "-q");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.isRegularFile(out.resolve("charts/heatmap-0.png")), "a heat map despite the units");
    }
}
