package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.her2sim.Scenarios;
import org.her2sim.experiment.SingleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same configuration and seed: the same files, byte for byte (wall time aside). */
class DeterminismTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedGivesIdenticalOutputs() throws Exception {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.max=45d");
        SingleRun.run(s, dir.resolve("a"), dir);
        SingleRun.run(Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.max=45d"), dir.resolve("b"), dir);
        for (String f : List.of("config.yaml", "timeseries.csv", "totals.csv", "drugs.csv", "clones.csv", "events.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        assertEquals(withoutWallTime(dir.resolve("a/summary.json")), withoutWallTime(dir.resolve("b/summary.json")));
    }

    @Test
    void anotherSeedGivesAnotherRun() throws Exception {
        SingleRun.run(Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.max=20d"), dir.resolve("a"), dir);
        SingleRun.run(Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.max=20d", "seed=2"), dir.resolve("b"), dir);
        assertNotEquals(Files.readString(dir.resolve("a/timeseries.csv")), Files.readString(dir.resolve("b/timeseries.csv")));
    }

    private static String withoutWallTime(Path p) throws Exception {
        return String.join("\n", Files.readAllLines(p).stream().filter(l -> !l.contains("wall_seconds")).toList());
    }
}
