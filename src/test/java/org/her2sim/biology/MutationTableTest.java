package org.her2sim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.junit.jupiter.api.Test;

class MutationTableTest {
    @Test
    void anyMutationIsOneMinusTheProductOfStaying() {
        Scenario s = Scenarios.compile(Scenarios.configs().resolve("quickstart.yaml"));
        // founder: her2 1e-7, p95 1e-6, pten 2e-6, pik3ca 1e-6, her3 1e-6
        double expected = 1 - (1 - 1e-7) * (1 - 1e-6) * (1 - 2e-6) * (1 - 1e-6) * (1 - 1e-6);
        // the pten-lost + pik3ca-activating double mutant is excluded (probability 2e-12)
        expected -= 2e-6 * 1e-6 * (1 - 1e-7) * (1 - 1e-6) * (1 - 1e-6);
        assertEquals(expected, s.mutations().anyMutation(s.founder()), 1e-15);
    }

    @Test
    void mutantStatesFollowTheRelativeProbabilities() {
        Scenario s = Scenarios.compile(Scenarios.configs().resolve("quickstart.yaml"));
        int pten = s.space().encode(Map.of("pten", "lost"), "t");
        int n = 100_000;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (s.mutations().mutantState(s.founder(), (i + 0.5) / n) == pten) {
                hits++;
            }
        }
        // pten carries 2e-6 of the ~6.1e-6 total: the share of the unit interval it covers
        double share = 2e-6 / (s.mutations().anyMutation(s.founder()));
        assertEquals(share, hits / (double) n, 2e-5 + 1.0 / n);
    }
}
