package org.her2sim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.junit.jupiter.api.Test;

class MutationTableTest {
    @Test
    void anyMutationIsOneMinusTheProductOfStaying() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"));
        // founder: her2 2e-9, p95 2e-8, pten 4e-8, pik3ca 2e-8, her3 2e-8, met 2e-8, chemo 1e-7
        double expected = 1 - (1 - 2e-9) * (1 - 2e-8) * (1 - 4e-8) * (1 - 2e-8) * (1 - 2e-8) * (1 - 2e-8) * (1 - 1e-7);
        // the pten-lost + pik3ca-activating double mutant is excluded (probability 8e-16)
        expected -= 4e-8 * 2e-8 * (1 - 2e-9) * (1 - 2e-8) * (1 - 2e-8) * (1 - 2e-8) * (1 - 1e-7);
        assertEquals(expected, s.mutations().anyMutation(s.founder()), 1e-15);
    }

    @Test
    void aProbabilityPerDivisionIsHalvedForEachDaughter() {
        Scenario daughter = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "biology.markers.0.mutations.0.probability=1e-4");
        Scenario division = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "biology.markers.0.mutations.0.probability=1e-4",
                "biology.markers.0.mutations.0.per=division");
        assertEquals(1e-4, daughter.mutations().anyMutation(daughter.founder()), 1e-18);
        assertEquals(5e-5, division.mutations().anyMutation(division.founder()), 1e-18);
    }

    @Test
    void mutantStatesFollowTheRelativeProbabilities() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"));
        int pten = s.space().encode(Map.of("pten", "lost"), "t");
        int n = 100_000;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (s.mutations().mutantState(s.founder(), (i + 0.5) / n) == pten) {
                hits++;
            }
        }
        // pten carries 4e-8 of the ~2.2e-7 total: the share of the unit interval it covers
        double share = 4e-8 / (s.mutations().anyMutation(s.founder()));
        assertEquals(share, hits / (double) n, 2e-5 + 1.0 / n);
    }
}
