package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.her2sim.Scenarios;
import org.her2sim.experiment.SingleRun;
import org.her2sim.observe.Summary;
import org.junit.jupiter.api.Test;

/** Who escapes, and whether the escaping clone was there before treatment. */
class EscapeTest {
    /** The quickstart under continuous trastuzumab from day 0, no adaptive HER3, no mutations unless asked. */
    private static final String[] BASE = {
        "tumour.initial_cells=100000", "time.max=400d", "stop.max_cells=1e6", "outcomes.detection_limit_cells=100",
        "regimen=" + Scenarios.configs().resolve("regimens/trastuzumab-q3w.yaml"),
        "biology.markers.0.mutations=[]", "biology.markers.1.mutations=[]", "biology.markers.2.mutations=[]",
        "biology.markers.3.mutations=[]", "biology.markers.4.mutations=[]", "biology.markers.4.transitions=[]"};

    private static String[] with(String... extra) {
        String[] all = java.util.Arrays.copyOf(BASE, BASE.length + extra.length);
        System.arraycopy(extra, 0, all, BASE.length, extra.length);
        return all;
    }

    @Test
    void aPreExistingP95Her2CloneEscapesTrastuzumab() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                with("tumour.clones=[{markers: {p95her2: present}, cells: 50}]"));
        Summary r = SingleRun.simulate(s, 1).summary();
        assertNotNull(r.progressionTimeDays(), "p95HER2 cells are invisible to trastuzumab and regrow");
        assertEquals("p95her2=present", r.dominantEscape());
        assertEquals("pre-existing", r.escapeOrigin());
        assertNotNull(r.resistanceTimeDays());
        assertTrue(r.resistanceTimeDays() <= r.progressionTimeDays() + 1e-9, "resistant cells dominate before the tumour regrows");
        assertEquals("PR", r.bestResponse());
    }

    @Test
    void aP95Her2CloneBornOnTreatmentIsAcquired() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                with("biology.markers.1.mutations=[{from: absent, to: present, probability: 1e-4}]"));
        Summary r = SingleRun.simulate(s, 2).summary();
        assertNotNull(r.progressionTimeDays());
        assertEquals("p95her2=present", r.dominantEscape());
        assertEquals("acquired", r.escapeOrigin());
    }

    @Test
    void withoutResistanceTheTumourIsCured() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), with());
        Summary r = SingleRun.simulate(s, 3).summary();
        assertTrue(r.extinct());
        assertEquals(StopReason.EXTINCTION, r.stopReason());
        assertEquals("CR", r.bestResponse());
        assertEquals(null, r.progressionTimeDays());
        assertEquals(null, r.dominantEscape());
    }
}
