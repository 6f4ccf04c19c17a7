package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.her2sim.Scenarios;
import org.junit.jupiter.api.Test;

/** The engines count the events they act on (the benchmark's cost per event divides by them). */
class EventCountTest {
    @Test
    void eventsPerUpdateAreTheRulesProbability() {
        for (String space : new String[] {"well_mixed", "lattice2d"}) {
            // b = d = 1/day in hourly steps, no crowding in a dish: each cell-update is an event
            // (division or death) with probability p = 2 · dt = 1/12, whether or not a blocked
            // division then happens. With N updates the count has SD √(N p (1 − p)); 5 SD allowed.
            Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "space=" + space, "engine=agent",
                    "lattice.width=300", "lattice.height=300", "tumour.initial_cells=5000", "stop.max_cells=1e6",
                    "biology.explicit.0.division_per_day=1", "biology.explicit.0.death_per_day=1", "time.max=30d");
            TumourModel m = new TumourModel(s, 17, null);
            m.start();
            for (int i = 0; i < 24 * 10 && m.schedule.step(m); i++) {
                // ten days
            }
            long n = m.cellUpdates();
            long events = m.cellEvents();
            double p = 2.0 / 24;
            assertTrue(n > 500_000, space + ": " + n + " updates");
            double sd = Math.sqrt(n * p * (1 - p));
            assertEquals(n * p, events, 5 * sd, space + ": " + events + " events in " + n + " updates");
        }
    }
}
