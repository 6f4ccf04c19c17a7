package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.her2sim.Scenarios;
import org.her2sim.experiment.SingleRun;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;

/**
 * The agent engine in textbook mode against birth–death branching-process theory. Seeds are
 * fixed; each acceptance region is the central 1 − 1e-4 of the distribution the theory predicts
 * for the statistic (Commons Statistics quantiles), so a correct engine fails a test with
 * probability 1e-4.
 */
class BranchingTheoryTest {
    private static final SeedTree SEEDS = new SeedTree(20261122L);
    private static final double ALPHA = 1e-4;

    /** Asserts that a binomial count lies in the central 1 − ALPHA of Binomial(n, p). */
    static void assertBinomial(long count, int n, double p, String what) {
        BinomialDistribution b = BinomialDistribution.of(n, p);
        int low = b.inverseCumulativeProbability(ALPHA / 2);
        int high = b.inverseCumulativeProbability(1 - ALPHA / 2);
        assertTrue(count >= low && count <= high, what + ": " + count + " outside [" + low + ", " + high + "] of Binomial(" + n + ", " + p + ")");
    }

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
                assertEquals(StopReason.CEILING, r.summary().stopReason());
            }
        }
        // extinct lineages ~ Binomial(4000, 0.5): acceptance about 0.5 ± 0.031
        assertBinomial(extinct, n, 0.5, "extinct lineages");
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
        // the mean of 200 runs is close to normal: accept within the central 1 − ALPHA
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - ALPHA / 2);
        assertEquals(expected, mean, z * se, "mean " + mean);
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
        // given the divisions, mutant daughters ~ Binomial(2D, 1e-3)
        assertBinomial(mutants, Math.toIntExact(2 * divisions), 1e-3, "mutant daughters of " + divisions + " divisions");
    }

    @Test
    void adaptiveSwitchingFollowsItsRate() {
        // no division or death, switch rate k = 0.1/day: a cell switches with probability k·dt per
        // step (StepProbabilities, b = d), so after 120 steps 1 − (1 − k dt)^120 = 0.3941 have
        // switched (1 − e^{−0.5} = 0.3935 in continuous time); switched cells ~ Binomial(10 000, ·).
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"),
                "tumour.initial_cells=10000", "biology.explicit.0.division_per_day=0", "biology.explicit.0.death_per_day=0",
                "biology.explicit.1.division_per_day=0", "biology.explicit.1.death_per_day=0",
                "biology.markers.0.transitions=[{from: sensitive, to: resistant, rate_per_day: 0.1}]",
                "time.max=5d", "stop.max_cells=1e7");
        SingleRun.Result r = SingleRun.simulate(s, SEEDS.child("switch", 0).seed());
        int resistant = s.space().encode(java.util.Map.of("type", "resistant"), "t");
        double discrete = 1 - Math.pow(1 - 0.1 / 24, 120);
        assertEquals(1 - Math.exp(-0.5), discrete, 1e-3);
        assertBinomial(r.model().lineage().cellsInState(resistant), 10000, discrete, "switched cells");
        assertEquals(1, r.summary().clonesEver(), "adaptive switches do not found clones");
    }
}
