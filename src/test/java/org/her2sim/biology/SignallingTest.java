package org.her2sim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default network behaves as the biology in the brief says it should. */
class SignallingTest {
    static Scenario scenario;
    static SignallingNetwork network;

    @BeforeAll
    static void load() {
        scenario = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"));
        network = scenario.signalling().network();
    }

    static int state(Map<String, String> markers) {
        return scenario.space().encode(markers, "test");
    }

    static double node(int state, Exposure e, String node) {
        return scenario.signalling().nodes(state, e)[network.indexOf(node)];
    }

    static Exposure with(Map<String, Double> concentrationUgPerMl) {
        double[] c = new double[scenario.drugs().drugs().size()];
        long mask = 0;
        for (var e : concentrationUgPerMl.entrySet()) {
            int bit = scenario.drugs().get(e.getKey()).bit();
            c[bit] = e.getValue();
            mask |= 1L << bit;
        }
        return scenario.drugs().exposure(c, mask, false);
    }

    @Test
    void trastuzumabDoesNotBindP95Her2() {
        int p95 = state(Map.of("p95her2", "present"));
        Exposure none = Exposure.none(scenario.drugs().targets().size());
        Exposure trastuzumab = with(Map.of("trastuzumab", 100.0));
        assertEquals(node(p95, none, "p95_signal"), node(p95, trastuzumab, "p95_signal"), 1e-12);
        assertTrue(node(p95, trastuzumab, "her2_homodimer") < 0.3 * node(p95, none, "her2_homodimer"));
    }

    @Test
    void lapatinibReachesP95Her2() {
        int p95 = state(Map.of("p95her2", "present"));
        Exposure none = Exposure.none(scenario.drugs().targets().size());
        Exposure lapatinib = with(Map.of("lapatinib", 5.0));
        assertTrue(node(p95, lapatinib, "p95_signal") < 0.1 * node(p95, none, "p95_signal"));
    }

    @Test
    void trastuzumabBarelyBlocksHer2Her3DimersButPertuzumabDoes() {
        int founder = scenario.founder();
        Exposure none = Exposure.none(scenario.drugs().targets().size());
        double base = node(founder, none, "her2_her3");
        assertEquals(base, node(founder, with(Map.of("trastuzumab", 100.0)), "her2_her3"), 1e-12);
        assertTrue(node(founder, with(Map.of("pertuzumab", 100.0)), "her2_her3") < 0.2 * base);
    }

    @Test
    void ptenLossAndPik3caActivationRaisePi3kActivity() {
        Exposure none = Exposure.none(scenario.drugs().targets().size());
        double founder = node(scenario.founder(), none, "pi3k_activity");
        assertTrue(node(state(Map.of("pten", "lost")), none, "pi3k_activity") > 1.5 * founder);
        assertTrue(node(state(Map.of("pik3ca", "activating")), none, "pi3k_activity") > founder);
    }

    @Test
    void founderIsSensitiveToTrastuzumabAndP95OrPtenLossEscape() {
        Exposure trastuzumab = with(Map.of("trastuzumab", 40.0));
        RateModel rates = scenario.rates();
        assertTrue(rates.rates(scenario.founder(), Exposure.none(scenario.drugs().targets().size())).netGrowthPerDay() > 0);
        assertTrue(rates.rates(scenario.founder(), trastuzumab).netGrowthPerDay() < 0);
        assertTrue(rates.rates(state(Map.of("p95her2", "present")), trastuzumab).netGrowthPerDay() > 0);
        assertTrue(rates.rates(state(Map.of("pten", "lost")), trastuzumab).netGrowthPerDay() > 0);
    }

    @Test
    void adaptiveHer3IsInducedUnderHer2BlockadeAndRevertsWithout() {
        Exposure none = Exposure.none(scenario.drugs().targets().size());
        Exposure trastuzumab = with(Map.of("trastuzumab", 40.0));
        int basal = scenario.founder();
        int adaptive = state(Map.of("her3", "adaptive_up"));
        assertEquals(0.0, scenario.rates().rates(basal, none).switchTotal(), 1e-12);
        assertTrue(scenario.rates().rates(basal, trastuzumab).switchTotal() > 0);
        assertTrue(scenario.rates().rates(adaptive, none).switchTotal() > scenario.rates().rates(adaptive, trastuzumab).switchTotal());
    }

    @Test
    void ratesAreComputedOncePerStateAndExposure() {
        RateCache cache = new RateCache(scenario.signalling(), scenario.space().size());
        Exposure e = with(Map.of("trastuzumab", 12.0));
        for (int i = 0; i < 1000; i++) {
            cache.rates(scenario.founder(), e);
            cache.rates(scenario.founder(), with(Map.of("trastuzumab", 12.0)));
        }
        assertEquals(1, cache.evaluations());
    }

    @Test
    void exclusivityForbidsPtenLossWithPik3caActivation() {
        int both = state(Map.of("pten", "lost", "pik3ca", "activating"));
        assertTrue(!scenario.space().allowed(both));
        int pten = state(Map.of("pten", "lost"));
        for (int i = 0; i < 100; i++) {
            int m = scenario.mutations().mutantState(pten, i / 100.0);
            assertTrue(scenario.space().allowed(m));
        }
        Scenario open = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "biology.enforce_exclusive=false");
        assertTrue(open.space().allowed(both));
    }
}
