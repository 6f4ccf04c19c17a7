package org.her2sim.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.her2sim.Scenarios;
import org.her2sim.config.SimulationConfig;
import org.her2sim.engine.Scenario;
import org.junit.jupiter.api.Test;
import sim.util.Properties;

/** The Console's model inspector offers every mutation the biology defines, and what a student sets is what the next run uses. */
class SettingsTest {
    @Test
    void everyMutationOfTheBiologyIsOfferedAndApplied() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"));
        Properties p = Properties.getProperties(new Settings(s));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < p.numProperties(); i++) {
            names.add(p.getName(i));
        }
        long mutations = s.config().biology().markers().stream().mapToLong(m -> m.mutations().size()).sum();
        assertEquals(4 + mutations, p.numProperties(), names.toString());
        assertTrue(names.contains("Mutation chemo sensitive -> resistant (per daughter)"), names.toString());
        assertTrue(names.contains("Mutation met normal -> amplified (per daughter)"), names.toString());

        // what a student types is what the next start uses
        Settings settings = new Settings(s);
        Properties inspector = Properties.getProperties(settings);
        inspector.setValue(names.indexOf("Mutation met normal -> amplified (per daughter)"), "0.001");
        inspector.setValue(names.indexOf("InitialCells"), "500");
        SimulationConfig next = settings.change().apply(s.config());
        assertEquals(0.001, next.biology().markers().stream().filter(m -> m.name().equals("met")).findFirst().orElseThrow()
                .mutations().get(0).probability(), 0);
        assertEquals(500, next.tumour().initialCells());
    }

    @Test
    void theTextbookModeHidesTheSignallingRates() {
        Properties p = Properties.getProperties(new Settings(Scenarios.compile(Scenarios.testScenario("textbook.yaml"))));
        assertTrue(p.isHidden(1) && p.isHidden(2), "division and apoptosis maxima belong to the signalling mode");
        assertEquals("Mutation type sensitive -> resistant (per daughter)", p.getName(4));
    }
}
