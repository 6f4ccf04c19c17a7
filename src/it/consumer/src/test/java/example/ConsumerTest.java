package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.her2sim.api.Progress;
import org.her2sim.api.Run;
import org.her2sim.api.Simulation;
import org.junit.jupiter.api.Test;

/** Runs scenarios through the API of the installed library, as a user's project would. */
class ConsumerTest {
    static final Path CONFIGS = Path.of(System.getProperty("her2sim.configs"));

    @Test
    void runsAScenarioThroughTheInstalledLibrary() throws Exception {
        Run run = Simulation.load(CONFIGS.resolve("quickstart.yaml")).run();
        assertEquals("quickstart", run.summary().scenario());
        assertTrue(run.summary().timeToProgressionDays() > 30, "the quickstart patient responds for months");
        assertTrue(run.totals().size() > 100);
    }

    @Test
    void theLibraryIsThePlainJarWithItsDependenciesDeclared() throws Exception {
        String library = Simulation.class.getProtectionDomain().getCodeSource().getLocation().toString();
        // from the local repository, not the shaded program (her2sim-VERSION-cli.jar)
        assertTrue(library.matches(".*/org/her2sim/her2sim/[^/]+/her2sim-[^/-]+\\.jar"), library);
        String jackson = com.fasterxml.jackson.databind.ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(jackson.contains("/com/fasterxml/jackson/core/jackson-databind/"), jackson);
    }

    @Test
    void replicatesRunInParallel() {
        Simulation sim = Simulation.load(CONFIGS.resolve("textbook/extinction.yaml"));
        List<Run> runs = sim.runReplicates(8, 2, Progress.none());
        assertEquals(8, runs.size());
        assertEquals(sim.replicateSeed(7), runs.get(7).seed());
    }
}
