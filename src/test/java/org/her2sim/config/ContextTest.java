package org.her2sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.her2sim.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario names its context; the context fills in what the scenario does not say, and --set wins over both. */
class ContextTest {
    @TempDir
    Path dir;

    Path scenario(String context) {
        Scenarios.write(dir, "contexts/clinic.yaml", String.join("\n",
                "description: a test clinic",
                "set:",
                "  context.tumour_kinetics.division_per_day: 0.5",
                "  context.tumour_kinetics.doubling_time: 100d",
                "  context.tumour_kinetics.apoptosis_per_day: 0.3",
                "  context.carrying_capacity: 1.0e13",
                "  biology.rates.death_basal_per_day: 0.2"));
        String quickstart = Scenarios.configs().resolve("quickstart.yaml").toString();
        return Scenarios.write(dir, "trials/s.yaml", String.join("\n",
                "name: s",
                "biology: " + Scenarios.configs().resolve("biology/her2.yaml"),
                "drugs: " + Scenarios.configs().resolve("drugs.yaml"),
                "regimen: " + Scenarios.configs().resolve("regimens/trastuzumab-q3w.yaml"),
                context,
                "# " + quickstart));
    }

    @Test
    void theContextFillsInWhatTheScenarioLeavesOpen() {
        SimulationConfig c = new ConfigLoader().load(scenario("context: {from: clinic, carrying_capacity: 5.0e12}"), List.of()).config();
        assertEquals(0.5, c.context().tumourKinetics().divisionPerDay());
        assertEquals(100, c.context().tumourKinetics().doublingTime().days());
        assertEquals(5e12, c.context().carryingCapacity(), "the scenario's own value wins");
        assertEquals(0.2, c.biology().rates().deathBasalPerDay(), "a context may set values of the included biology");
        assertEquals("clinic", c.context().name());
        // the resolved configuration holds every value, so it loads again without the context file
        Path resolved = Scenarios.write(dir, "elsewhere/config.yaml", ConfigLoader.resolvedYaml(c));
        SimulationConfig again = new ConfigLoader().load(resolved, List.of()).config();
        assertEquals(ConfigLoader.resolvedYaml(c), ConfigLoader.resolvedYaml(again));
    }

    @Test
    void aContextNamedOnTheCommandLineKeepsTheScenariosOwnSettings() {
        Path s = scenario("context: {carrying_capacity: 5.0e12}");
        SimulationConfig c = new ConfigLoader().load(s, List.of("context=clinic", "context.tumour_kinetics.apoptosis_per_day=0.25")).config();
        assertEquals(0.25, c.context().tumourKinetics().apoptosisPerDay(), "--set wins over the context");
        assertEquals(0.5, c.context().tumourKinetics().divisionPerDay(), "the context fills in the rest of the same section");
        assertEquals(5e12, c.context().carryingCapacity());
        assertEquals(0.2, c.biology().rates().deathBasalPerDay());
    }

    @Test
    void anUnknownContextIsNamedWithWhereItWasLookedFor() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(scenario("context: clinik"), List.of()));
        assertTrue(e.getMessage().contains("s.yaml") && e.getMessage().contains("context") && e.getMessage().contains("clinik"), e.getMessage());
    }
}
