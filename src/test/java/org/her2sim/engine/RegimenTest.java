package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.her2sim.Scenarios;
import org.her2sim.experiment.SingleRun;
import org.her2sim.observe.RunRecorder.EventRow;
import org.her2sim.observe.RunRecorder.TotalRow;
import org.junit.jupiter.api.Test;

/** Regimens do what they say: switch at progression, cycle adaptively, alternate on/off. */
class RegimenTest {
    private static final String TWO_TYPES = "tumour.clones=[{markers: {type: resistant}, cells: 20}]";

    @Test
    void sequentialRegimenSwitchesAtProgression() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"),
                "tumour.initial_cells=20000", TWO_TYPES, "time.max=200d", "stop.max_cells=1e7", "outcomes.detection_limit_cells=100",
                "regimen.phases=[{name: first, drugs: [{drug: drug_a, concentration: 1 ug/mL}], end: progression},"
                        + "{name: second, drugs: [{drug: drug_b, concentration: 1 ug/mL}], end: never}]");
        SingleRun.Result r = SingleRun.simulate(s, 11);
        Double progression = r.summary().progressionTimeDays();
        assertNotNull(progression, "the resistant clone must regrow under drug_a");
        List<EventRow> ends = r.recorder().eventRows().stream().filter(e -> e.event() == EventKind.PHASE_END).toList();
        assertEquals(1, ends.size());
        assertEquals(progression, ends.get(0).timeDays(), 1e-9, "the switch happens at the progression assessment");
        assertTrue(ends.get(0).detail().contains("progression"));
        // under drug_b the resistant clone (clone 1, present from the start) shrinks
        long atSwitch = cloneAt(r, 1, progression);
        long later = cloneAt(r, 1, progression + 10);
        assertTrue(later < atSwitch / 5, "resistant clone after the switch " + later + " vs " + atSwitch);
    }

    @Test
    void adaptiveTherapyCyclesBetweenHalfAndFullBaseline() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"),
                "tumour.initial_cells=20000", "time.max=300d", "stop.max_cells=1e7",
                "regimen.phases=[{name: treat, drugs: [{drug: drug_a, concentration: 1 ug/mL}], end: {burden_below: 0.5}},"
                        + "{name: holiday, end: {burden_above: 1.0}}]", "regimen.repeat_from=0");
        SingleRun.Result r = SingleRun.simulate(s, 5);
        List<EventRow> ends = r.recorder().eventRows().stream().filter(e -> e.event() == EventKind.PHASE_END).toList();
        assertTrue(ends.size() >= 6, "expected at least three on/off cycles, saw " + ends.size() + " phase ends");
        double baseline = r.summary().baselineCells();
        for (EventRow e : ends) {
            long n = at(r.recorder().totalRows(), e.timeDays()).cells();
            if (e.detail().startsWith("treat:")) {
                assertTrue(n < 0.5 * baseline, "on-phase ended at " + n);
            } else {
                assertTrue(n >= baseline, "off-phase ended at " + n);
            }
        }
        // regrowth during planned holidays is not progression: all cells stay sensitive
        assertEquals(null, r.summary().progressionTimeDays());
        double onDays = r.summary().daysOnTreatment();
        assertTrue(onDays > 0 && onDays < r.summary().finalTimeDays(), "treatment holidays: " + onDays + " days on");
    }

    @Test
    void intermittentScheduleAlternatesOnExactDays() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"),
                "tumour.initial_cells=20000", "time.max=60d", "biology.explicit.0.under.drug_a={division_per_day: 0.5, death_per_day: 0.6}", "stop.max_cells=1e7",
                "regimen.phases=[{name: treat, drugs: [{drug: drug_a, concentration: 1 ug/mL}], end: 21d}, {name: holiday, end: 7d}]",
                "regimen.repeat_from=0");
        SingleRun.Result r = SingleRun.simulate(s, 3);
        List<Double> starts = r.recorder().eventRows().stream().filter(e -> e.event() == EventKind.PHASE).map(EventRow::timeDays).toList();
        assertEquals(List.of(0.0, 21.0, 28.0, 49.0, 56.0), starts);
        assertEquals(21 + 21 + 4, r.summary().daysOnTreatment(), 1e-9);
    }

    static long cloneAt(SingleRun.Result r, int clone, double day) {
        return r.recorder().cloneRows().stream().filter(c -> c.cloneId() == clone && c.timeDays() >= day - 1e-9)
                .findFirst().map(c -> c.cells()).orElse(0L);
    }

    static TotalRow at(List<TotalRow> rows, double day) {
        return rows.stream().filter(t -> t.timeDays() >= day - 1e-9).findFirst().orElseThrow();
    }
}
