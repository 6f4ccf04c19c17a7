package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.her2sim.Scenarios;
import org.her2sim.experiment.SingleRun;
import org.her2sim.observe.RunRecorder.EventRow;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;

/** The hybrid engine switches between agents and counts at a threshold, logs it, and loses nothing. */
class HybridEngineTest {
    @Test
    void extinctionProbabilityHoldsAcrossTheSwitch() {
        // b = 1, d = 0.5 from one cell; the switch to counts at 50 cells happens in every
        // surviving lineage before the 200-cell ceiling: extinction probability stays d/b = 0.5
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "engine=hybrid", "engine_switch_cells=50");
        int n = 4000;
        int extinct = 0;
        SeedTree seeds = new SeedTree(91);
        for (int i = 0; i < n; i++) {
            if (SingleRun.simulate(s, seeds.child("hybrid", i).seed()).summary().extinct()) {
                extinct++;
            }
        }
        BranchingTheoryTest.assertBinomial(extinct, n, 0.5, "extinct lineages (hybrid engine)");
    }

    @Test
    void growthAboveAndShrinkageBelowTheThresholdSwitchBothWaysAndLoseNoCells() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "engine=hybrid", "engine_switch_cells=1e4",
                "tumour.initial_cells=2000", "stop.max_cells=1e7", "time.max=40d",
                "regimen.phases=[{name: grow, end: {burden_above: 10}}, {name: treat, drugs: [{drug: drug_a, concentration: 1 ug/mL}], end: never}]");
        SingleRun.Result r = SingleRun.simulate(s, 5);
        List<EventRow> switches = r.recorder().eventRows().stream().filter(e -> e.event() == EventKind.ENGINE_SWITCH).toList();
        assertTrue(switches.size() >= 2, "expected a switch up and one down: " + switches);
        assertTrue(switches.get(0).detail().startsWith("to the clone engine"), switches.get(0).detail());
        assertTrue(switches.stream().anyMatch(e -> e.detail().startsWith("to the agent engine")), switches.toString());
        // nothing lost: at every observation the clones add up to the total
        for (var total : r.recorder().totalRows()) {
            long sum = r.recorder().cloneRows().stream().filter(c -> c.timeDays() == total.timeDays()).mapToLong(c -> c.cells()).sum();
            assertEquals(total.cells(), sum, "day " + total.timeDays());
        }
        assertEquals("hybrid", r.summary().engine());
        // work is counted as what it is: cells on agent steps, variants on clone steps
        assertTrue(r.summary().cellUpdates() >= 2000, "agent steps updated cells: " + r.summary().cellUpdates());
        assertTrue(r.summary().variantSteps() > 0, "clone steps stepped variants");

        SingleRun.Result clone = SingleRun.simulate(Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "engine=clone",
                "tumour.initial_cells=2000", "stop.max_cells=1e7", "time.max=10d"), 5);
        assertEquals(0, clone.summary().cellUpdates(), "the clone engine updates no single cell");
        assertTrue(clone.summary().variantSteps() > 0);
        SingleRun.Result agent = SingleRun.simulate(Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "engine=agent",
                "tumour.initial_cells=2000", "stop.max_cells=1e7", "time.max=10d"), 5);
        assertEquals(0, agent.summary().variantSteps(), "the agent engine steps no variant counts");
        assertTrue(agent.summary().cellUpdates() >= 2000 * 10);
        assertTrue(clone.summary().variantSteps() * 100 < agent.summary().cellUpdates(), "counts: far less work than every cell: "
                + clone.summary().variantSteps() + " variant-steps vs " + agent.summary().cellUpdates() + " cell-updates");
    }
}
