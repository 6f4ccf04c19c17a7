package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.her2sim.Scenarios;
import org.her2sim.experiment.SingleRun;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;

/**
 * The agent engine in textbook mode against birth–death branching-process theory. Seeds are
 * fixed; each tolerance is a multiple of the standard error the theory predicts, stated where
 * it is used (a 4-SE band has a two-sided false-alarm probability of 6e-5).
 */
class BranchingTheoryTest {
    private static final SeedTree SEEDS = new SeedTree(20261122L);

    @Test
    void lineageOfOneCellDiesOutWithProbabilityDOverB() {
        // b = 1, d = 0.5 per day: extinction probability d/b = 0.5. A lineage reaching 200
        // cells still dies out with probability 0.5^200, i.e. never.
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"));
        int n = 4000;
        int extinct = 0;
        for (int i = 0; i < n; i++) {
            SingleRun.Result r = SingleRun.simulate(s, SEEDS.child("extinction", i).seed());
            if (r.summary().extinct()) {
                extinct++;
            } else {
                assertEquals("ceiling", r.summary().stopReason());
            }
        }
        double p = extinct / (double) n;
        double se = Math.sqrt(0.5 * 0.5 / n); // 0.0079
        assertEquals(0.5, p, 4 * se, "extinction fraction " + p);
    }

    @Test
    void subcriticalLineageDiesOutWithProbabilityOneAndMeanTimeFromTheory() {
        // b = 0.1, d = 0.6 under drug_a: certain extinction.
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"),
                "regimen.phases.0.drugs=[{drug: drug_a, concentration: 1 ug/mL}]");
        for (int i = 0; i < 200; i++) {
            assertTrue(SingleRun.simulate(s, SEEDS.child("subcritical", i).seed()).summary().extinct());
        }
    }

    @Test
    void meanPopulationGrowsAsExpOfBMinusDTimesT() {
        // N0 = 1000, b = 0.6, d = 0.2, t = 10 d: E[N] = N0 e^{4} = 54 598 exactly at step
        // boundaries (StepProbabilities). Var N = N0 (b+d)/(b−d) e^{(b−d)t}(e^{(b−d)t} − 1)
        // = 5.85e6, so with 200 runs the mean has SE 171; tolerance 4 SE.
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"),
                "tumour.initial_cells=1000", "biology.explicit.0.division_per_day=0.6",
                "biology.explicit.0.death_per_day=0.2", "time.max=10d", "stop.max_cells=1e7");
        int n = 200;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            SingleRun.Result r = SingleRun.simulate(s, SEEDS.child("growth", i).seed());
            assertEquals(10.0, r.summary().finalTimeDays(), 1e-9);
            sum += r.summary().finalCells();
        }
        double mean = sum / n;
        double expected = 1000 * Math.exp(4);
        double var = 1000 * (0.8 / 0.4) * Math.exp(4) * (Math.exp(4) - 1);
        double se = Math.sqrt(var / n);
        assertEquals(expected, mean, 4 * se, "mean " + mean);
    }

    @Test
    void mutantsArisePerDaughterAtTheConfiguredProbability() {
        // pure birth (d = 0): divisions = N(t) − N0 exactly, and each of the 2 daughters of a
        // division mutates with mu = 1e-3 (both directions, so every daughter is at risk):
        // mutants ~ Binomial(2D, mu); SE of the estimate sqrt(mu/(2D)).
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"),
                "tumour.initial_cells=1000", "biology.explicit.0.death_per_day=0", "biology.explicit.1.death_per_day=0",
                "biology.explicit.1.division_per_day=1.0",
                "biology.markers.0.mutations=[{from: sensitive, to: resistant, probability: 1e-3}, {from: resistant, to: sensitive, probability: 1e-3}]",
                "time.max=5d", "stop.max_cells=1e7");
        long divisions = 0;
        long mutants = 0;
        for (int i = 0; i < 20; i++) {
            SingleRun.Result r = SingleRun.simulate(s, SEEDS.child("mutation", i).seed());
            divisions += r.summary().finalCells() - 1000;
            mutants += r.summary().clonesEver() - 1;
        }
        double mu = mutants / (2.0 * divisions);
        double se = Math.sqrt(1e-3 / (2.0 * divisions));
        assertEquals(1e-3, mu, 4 * se, "estimated mu " + mu + " from " + divisions + " divisions");
    }

    @Test
    void adaptiveSwitchingFollowsItsRate() {
        // no division or death, switch rate k = 0.1/day: after 5 days a fraction 1 − e^{−0.5}
        // = 0.3935 has switched (per-step discretisation error 6e-4); 10 000 cells → SE 0.0049.
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"),
                "tumour.initial_cells=10000", "biology.explicit.0.division_per_day=0", "biology.explicit.0.death_per_day=0",
                "biology.explicit.1.division_per_day=0", "biology.explicit.1.death_per_day=0",
                "biology.markers.0.transitions=[{from: sensitive, to: resistant, rate_per_day: 0.1}]",
                "time.max=5d", "stop.max_cells=1e7");
        SingleRun.Result r = SingleRun.simulate(s, SEEDS.child("switch", 0).seed());
        int resistant = s.space().encode(java.util.Map.of("type", "resistant"), "t");
        double fraction = r.model().lineage().cellsInState(resistant) / 10000.0;
        double expected = 1 - Math.exp(-0.5);
        assertEquals(expected, fraction, 4 * Math.sqrt(expected * (1 - expected) / 10000));
        assertEquals(1, r.summary().clonesEver(), "adaptive switches do not found clones");
    }
}
