package org.her2sim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigException;
import org.her2sim.config.EngineKind;
import org.her2sim.experiment.Survival;
import org.her2sim.experiment.TaskResult;
import org.her2sim.observe.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTest {
    static final Path EXTINCTION = Scenarios.configs().resolve("textbook/extinction.yaml");
    static final Path QUICKSTART = Scenarios.configs().resolve("quickstart.yaml");

    @TempDir
    Path tmp;

    @Test
    void aRunInMemoryHasTheNumbersAndRowsOfTheRunDirectoryTheCommandLineWrites() throws IOException {
        Simulation sim = Simulation.load(QUICKSTART);
        Run memory = sim.run();
        Run written = sim.write(tmp.resolve("run"));
        Path dir = written.directory().orElseThrow();
        assertTrue(memory.directory().isEmpty());
        assertEquals(memory.summary().withoutRunInfo(), written.summary().withoutRunInfo());
        assertEquals(sim.seed(), memory.seed());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(memory.summary().finalCells(), json.get("final_cells").asLong());
        assertEquals(memory.summary().timeToProgressionDays(), json.get("time_to_progression_days").asDouble(), 1e-9);
        // every table's rows, one per line after the header
        assertEquals(memory.totals().size(), Files.readAllLines(dir.resolve("totals.csv")).size() - 1);
        assertEquals(memory.clonesOverTime().size(), Files.readAllLines(dir.resolve("timeseries.csv")).size() - 1);
        assertEquals(memory.drugs().size(), Files.readAllLines(dir.resolve("drugs.csv")).size() - 1);
        assertEquals(memory.clones().size(), Files.readAllLines(dir.resolve("clones.csv")).size() - 1);
        assertEquals(memory.mechanisms().size(), Files.readAllLines(dir.resolve("mechanisms.csv")).size() - 1);
        assertTrue(memory.totals().size() > 100 && !memory.drugs().isEmpty() && memory.clones().size() >= 3,
                "the quickstart patient is observed daily for years, on trastuzumab, with its founder and two subclones");
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        assertEquals(sim.yaml(), Files.readString(dir.resolve("config.yaml")));
    }

    @Test
    void typedChangesMakeVariantsAndAreCheckedAsAFileIs() {
        Simulation sim = Simulation.load(QUICKSTART);
        Simulation agent = sim.with(c -> c.withEngine(EngineKind.AGENT).withTumour(c.tumour().withInitialCells(200L)
                .withDiagnosisCells(null))).with(c -> c.withStop(c.stop().withMaxCells(2_000.0)));
        assertEquals(EngineKind.AGENT, agent.config().engine());
        assertEquals(1_000_000L, sim.config().tumour().initialCells(), "the original is unchanged");
        Run r = agent.withSeed(3).run();
        assertEquals(3, r.seed());
        assertEquals("agent", r.summary().engine());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> sim.with(c -> c.withTumour(c.tumour().withInitialCells(-5L))));
        assertTrue(bad.getMessage().contains("initial_cells"), bad.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> Simulation.load(tmp.resolve("none.yaml")));
        assertTrue(missing.getMessage().contains("none.yaml"), missing.getMessage());
        ConfigException set = assertThrows(ConfigException.class,
                () -> Simulation.load(EXTINCTION, List.of("tumour.initial_cells=many")));
        assertTrue(set.getMessage().contains("tumour.initial_cells"), set.getMessage());
    }

    @Test
    void replicatesDoNotDependOnThreadsAndDieOutAtTheTheoreticalRate() {
        Simulation sim = Simulation.load(EXTINCTION);
        List<int[]> told = Collections.synchronizedList(new ArrayList<>());
        List<Run> one = sim.runReplicates(400, 1, (done, total) -> told.add(new int[] {done, total}));
        List<Run> two = sim.runReplicates(400, 2, Progress.none());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(sim.replicateSeed(i), one.get(i).seed());
            assertEquals(one.get(i).summary().withoutRunInfo(), two.get(i).summary().withoutRunInfo());
        }
        assertEquals(400, told.size());
        for (int i = 0; i < told.size(); i++) {
            assertEquals(i + 1, told.get(i)[0]);
            assertEquals(400, told.get(i)[1]);
        }
        // b = 1, d = 0.5 per day: a one-cell lineage dies out with probability d/b = 0.5. With 400
        // lineages the fraction's standard deviation is sqrt(0.25/400) = 0.025; 4 SD = 0.1.
        long extinct = one.stream().filter(r -> r.summary().extinct()).count();
        assertEquals(0.5, extinct / 400.0, 0.1);
        assertTrue(extinct > 0 && extinct < 400, "both fates occur");
        assertNotEquals(one.get(0).summary().finalTimeDays(), one.get(1).summary().finalTimeDays());
    }

    @Test
    void aStudyInMemoryMatchesItsResultsDirectoryAndTheSimulationsReplicates() throws IOException {
        Path spec = tmp.resolve("study.yaml");
        Files.writeString(spec, "name: api-study\nbase: " + EXTINCTION + "\nseed: 1\nreplicates: 30\n"
                + "arms:\n  slow-death: {biology.explicit.0.death_per_day: 0.5}\n  fast-death: {biology.explicit.0.death_per_day: 0.9}\n");
        Study study = Study.load(spec).withReplicates(20);
        assertEquals(List.of("slow-death", "fast-death"), study.arms());
        assertEquals(40, study.tasks().size());
        List<Integer> told = Collections.synchronizedList(new ArrayList<>());
        StudyResult memory = study.run(2, (done, total) -> told.add(done));
        assertEquals(40, told.size());
        StudyResult written = study.write(tmp.resolve("out"), 2, Progress.none());
        Path dir = written.directory().orElseThrow();
        assertEquals(memory.summary(), written.summary());
        assertEquals(memory.comparison(), written.comparison());
        assertEquals(40, memory.results().size());
        assertEquals(41, Files.readAllLines(dir.resolve("results.csv")).size());
        assertEquals(3, Files.readAllLines(dir.resolve("summary.csv")).size());
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        // the paired arm with the scenario's own rates is the scenario's replicates: same seeds, same numbers
        Simulation sim = Simulation.load(EXTINCTION);
        List<TaskResult> slow = memory.arm("slow-death");
        List<Run> runs = sim.runReplicates(20, 2, Progress.none());
        for (int i = 0; i < 20; i++) {
            assertEquals(runs.get(i).seed(), slow.get(i).seed());
            Summary a = runs.get(i).summary().withoutRunInfo();
            assertEquals(a.finalCells(), slow.get(i).summary().finalCells());
            assertEquals(a.finalTimeDays(), slow.get(i).summary().finalTimeDays());
        }
        Map<String, Object> row = memory.summary().get(0);
        assertEquals("slow-death", row.get("arm"));
        assertEquals(20, ((Number) row.get("n_patients")).intValue());
        // extinction trials are untreated: no survival curve, said as empty rather than made up
        assertTrue(memory.curve("slow-death", "pfs").isEmpty());
        assertTrue(Double.isNaN(memory.medianPfsDays("slow-death")));
        assertThrows(ConfigException.class, () -> memory.curve("slow-death", "dfs"));
        ConfigException typo = assertThrows(ConfigException.class, () -> memory.medianPfsDays("slow_death"));
        assertTrue(typo.getMessage().contains("slow-death, fast-death"), typo.getMessage());
    }

    @Test
    void aTreatedStudyHasSurvivalCurves() {
        Study study = Study.load(Scenarios.configs().resolve("experiments/seq-vs-combo.yaml")).withReplicates(3);
        StudyResult r = study.run(2, Progress.none());
        Survival.Curve km = r.curve("trastuzumab+lapatinib", "pfs").orElseThrow();
        assertEquals(3, km.subjects());
        assertFalse(r.comparison().isEmpty());
    }
}
