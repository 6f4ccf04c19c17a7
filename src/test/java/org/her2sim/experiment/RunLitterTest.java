package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.her2sim.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted run leaves nothing behind: Ctrl-C or a kill removes the unfinished run and says
 * so; a {@code kill -9} (no chance to clean) leaves its hidden working directory, which the next
 * run in the same folder removes. Real processes, real signals.
 */
class RunLitterTest {
    @TempDir
    Path dir;

    private Process startRun(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "org.her2sim.cli.Her2sim", "run",
                Scenarios.testScenario("culture-tumour.yaml").toString(), "--set", "time.max=20000d", "--set", "stop.max_cells=1e9",
                "--set", "engine=clone", "--out", dir.resolve(name).toString(), "-q"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline && hidden(name).isEmpty()) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive() && !hidden(name).isEmpty(), "the run is under way: " + Files.readString(dir.resolve(name + ".log")));
        return p;
    }

    private List<Path> hidden(String name) throws Exception {
        try (var list = Files.list(dir)) {
            return list.filter(f -> f.getFileName().toString().startsWith("." + name + ".")).toList();
        }
    }

    @Test
    void aKilledRunLeavesNothingAndSaysSo() throws Exception {
        Process p = startRun("terminated");
        p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: shutdown hooks run
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(hidden("terminated").isEmpty(), "the working directory is removed");
        assertFalse(Files.exists(dir.resolve("terminated")));
        assertTrue(Files.readString(dir.resolve("terminated.log")).contains("interrupted; the unfinished run was removed"),
                Files.readString(dir.resolve("terminated.log")));
    }

    @Test
    void whatAKillNineLeavesTheNextRunRemoves() throws Exception {
        Process p = startRun("killed");
        assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, hidden("killed").size(), "kill -9 gives no chance to clean");
        SingleRun.run(Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.max=5d"), dir.resolve("next"), dir);
        assertTrue(hidden("killed").isEmpty(), "the next run in the folder removed it");
        assertTrue(Files.isDirectory(dir.resolve("next")));
    }
}
