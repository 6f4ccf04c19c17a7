package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.her2sim.Scenarios;
import org.her2sim.experiment.SingleRun;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;

/**
 * The clone engine runs the agent engine's process: the same branching-process theory holds,
 * and the two engines agree on the distribution of resistant cells. Acceptance regions are the
 * central 1 − 1e-4 of the distributions theory predicts (see BranchingTheoryTest).
 */
class CloneEngineTest {
    private static final SeedTree SEEDS = new SeedTree(77);
    private static final double Z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - 1e-4 / 2);

    @Test
    void lineageOfOneCellDiesOutWithProbabilityDOverB() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "engine=clone");
        int n = 4000;
        int extinct = 0;
        for (int i = 0; i < n; i++) {
            if (SingleRun.simulate(s, SEEDS.child("extinction", i).seed()).summary().extinct()) {
                extinct++;
            }
        }
        BranchingTheoryTest.assertBinomial(extinct, n, 0.5, "extinct lineages (clone engine)");
    }

    @Test
    void meanPopulationGrowsAsExpOfBMinusDTimesT() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "engine=clone",
                "tumour.initial_cells=1000", "biology.explicit.0.division_per_day=0.6",
                "biology.explicit.0.death_per_day=0.2", "time.max=10d", "stop.max_cells=1e7");
        int n = 200;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += SingleRun.simulate(s, SEEDS.child("growth", i).seed()).summary().finalCells();
        }
        double var = 1000 * (0.8 / 0.4) * Math.exp(4) * (Math.exp(4) - 1);
        assertEquals(1000 * Math.exp(4), sum / n, Z * Math.sqrt(var / n));
    }

    /**
     * Without a carrying capacity there is no crowding at any size: 1e11 cells with b = 1, d = 0.5
     * grow as e^{(b−d)t} over two days. The relative standard deviation of N(t)/E[N(t)] is
     * sqrt((b+d)/((b−d) N₀)) ≈ 5e-6; the tolerance 1e-4 is 20 of them, while a capacity of 1e12
     * would slow growth by about 15 %.
     */
    @Test
    void withoutACarryingCapacityLargeTumoursGrowAsTheBranchingProcess() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "engine=clone", "tumour.initial_cells=100000000000",
                "stop.max_cells=1e14", "time.max=2d", "regimen.phases=[{name: untreated, end: never}]");
        assertEquals(null, s.config().context().carryingCapacity(), "no capacity unless one is set");
        double n = SingleRun.simulate(s, 11).summary().finalCells();
        assertEquals(1.0, n / (1e11 * Math.exp(0.5 * 2)), 1e-4, "N(2 d) = " + n);
    }

    @Test
    void dailyStepsSplitIntoSubstepsKeepTheTheory() {
        // a day is too long for b = 1.0, d = 0.5 per day; the sub-steps keep mean growth and d/b
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "engine=clone", "time.dt=1d",
                "tumour.initial_cells=1000", "time.max=8d", "stop.max_cells=1e7", "observe.every=1d");
        assertTrue(s.substeps() > 1, "sub-steps " + s.substeps());
        int n = 200;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += SingleRun.simulate(s, SEEDS.child("daily", i).seed()).summary().finalCells();
        }
        double var = 1000 * (1.5 / 0.5) * Math.exp(4) * (Math.exp(4) - 1);
        assertEquals(1000 * Math.exp(4), sum / n, Z * Math.sqrt(var / n));
        Scenario one = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "engine=clone", "time.dt=1d", "observe.every=1d");
        int extinct = 0;
        for (int i = 0; i < 4000; i++) {
            if (SingleRun.simulate(one, SEEDS.child("daily-extinction", i).seed()).summary().extinct()) {
                extinct++;
            }
        }
        BranchingTheoryTest.assertBinomial(extinct, 4000, 0.5, "extinct lineages in daily steps");
    }

    @Test
    void adaptiveSwitchingFollowsItsRate() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "engine=clone",
                "tumour.initial_cells=10000", "biology.explicit.0.division_per_day=0", "biology.explicit.0.death_per_day=0",
                "biology.explicit.1.division_per_day=0", "biology.explicit.1.death_per_day=0",
                "biology.markers.0.transitions=[{from: sensitive, to: resistant, rate_per_day: 0.1}]",
                "time.max=5d", "stop.max_cells=1e7");
        SingleRun.Result r = SingleRun.simulate(s, SEEDS.child("switch").seed());
        int resistant = s.space().encode(Map.of("type", "resistant"), "t");
        BranchingTheoryTest.assertBinomial(r.model().lineage().cellsInState(resistant), 10000, 1 - Math.pow(1 - 0.1 / 24, 120),
                "switched cells (clone engine)");
    }

    @Test
    void agentAndCloneEnginesAgreeOnResistantCells() {
        // growth with mutation both ways: the resistant count after 6 days, 300 runs per engine;
        // the difference of means must lie within Z standard errors of the two samples
        String[] common = {"tumour.initial_cells=2000", "biology.explicit.0.division_per_day=0.7",
            "biology.explicit.0.death_per_day=0.3", "biology.explicit.1.division_per_day=0.9", "biology.explicit.1.death_per_day=0.3",
            "biology.markers.0.mutations=[{from: sensitive, to: resistant, probability: 1e-3}]", "time.max=6d", "stop.max_cells=1e7"};
        double[] agent = resistantCounts(Scenarios.compile(Scenarios.testScenario("textbook.yaml"), common), "agent");
        String[] clone = java.util.Arrays.copyOf(common, common.length + 1);
        clone[common.length] = "engine=clone";
        double[] cloned = resistantCounts(Scenarios.compile(Scenarios.testScenario("textbook.yaml"), clone), "clone");
        double se = Math.sqrt(variance(agent) / agent.length + variance(cloned) / cloned.length);
        assertTrue(mean(agent) > 10, "the test needs resistant cells: " + mean(agent));
        assertEquals(mean(agent), mean(cloned), Z * se, "mean resistant cells, agent vs clone engine");
    }

    private static double[] resistantCounts(Scenario s, String label) {
        int resistant = s.space().encode(Map.of("type", "resistant"), "t");
        double[] out = new double[300];
        for (int i = 0; i < out.length; i++) {
            out[i] = SingleRun.simulate(s, SEEDS.child(label, i).seed()).model().lineage().cellsInState(resistant);
        }
        return out;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
