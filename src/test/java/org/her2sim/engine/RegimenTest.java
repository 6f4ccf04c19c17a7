package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigException;
import org.her2sim.experiment.SingleRun;
import org.her2sim.observe.RunRecorder.EventRow;
import org.her2sim.observe.RunRecorder.TotalRow;
import org.junit.jupiter.api.Test;

/** Regimens do what they say: switch at progression, cycle adaptively, alternate on/off. */
class RegimenTest {
    private static final String TWO_TYPES = "tumour.clones=[{markers: {type: resistant}, cells: 20}]";

    @Test
    void aCombinationWhoseRatesAreNotWrittenOutIsRefused() {
        String both = "regimen.phases=[{name: both, drugs: [{drug: drug_a, concentration: 1 ug/mL}, {drug: drug_b, concentration: 1 ug/mL}], "
                + "end: never}]";
        ConfigException e = assertThrows(ConfigException.class,
                () -> Scenarios.compile(Scenarios.testScenario("textbook.yaml"), both));
        assertTrue(e.getMessage().contains("biology.explicit[0].under: phase 'both' gives drug_a+drug_b together")
                && e.getMessage().contains("add that entry"), e.getMessage());
        // written out, the combination's rates are used as written
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), both,
                "biology.explicit.0.under.drug_a+drug_b={division_per_day: 0.05, death_per_day: 0.9}",
                "biology.explicit.1.under.drug_a+drug_b={division_per_day: 0.3, death_per_day: 0.4}");
        var lib = s.drugs();
        long mask = (1L << lib.get("drug_a").bit()) | (1L << lib.get("drug_b").bit());
        double[] c = new double[lib.drugs().size()];
        c[lib.get("drug_a").bit()] = 1;
        c[lib.get("drug_b").bit()] = 1;
        var r = s.rates().rates(s.space().encode(Map.of("type", "sensitive"), "t"), lib.exposure(c, mask, false));
        assertEquals(0.05, r.divisionPerDay(), 1e-12);
        assertEquals(0.9, r.deathPerDay(), 1e-12);
    }

    @Test
    void drugOneUntilRegrowthEndsAtRegrowthFromItsNadirNotAtOnce() {
        String burdenAbove = "regimen.phases=[{name: a, drugs: [{drug: drug_a, concentration: 1 ug/mL}], end: {burden_above: 1.0}}, "
                + "{name: b, drugs: [{drug: drug_b, concentration: 1 ug/mL}], end: never}]";
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("textbook.yaml"), burdenAbove));
        assertTrue(e.getMessage().contains("regimen.phases[0].end.burden_above") && e.getMessage().contains("regrowth_above_nadir"),
                e.getMessage());
        // sensitive cells shrink on drug_a; resistant ones (2 %) grow on it and take the tumour back up
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "tumour.initial_cells=5000", "stop.max_cells=1e6",
                "time.max=60d", "tumour.clones=[{markers: {type: resistant}, cells: 100}]",
                "regimen.phases=[{name: a, drugs: [{drug: drug_a, concentration: 1 ug/mL}], end: {regrowth_above_nadir: 1.5}}, "
                        + "{name: b, drugs: [{drug: drug_b, concentration: 1 ug/mL}], end: never}]");
        SingleRun.Result r = SingleRun.simulate(s, 3);
        EventRow end = r.recorder().eventRows().stream().filter(x -> x.event() == EventKind.PHASE_END).findFirst().orElseThrow();
        assertTrue(end.detail().contains("regrowth to 1.5 x the phase's nadir"), end.detail());
        List<TotalRow> before = r.recorder().totalRows().stream().filter(t -> t.timeDays() <= end.timeDays()).toList();
        long nadir = before.stream().mapToLong(TotalRow::cells).min().orElseThrow();
        long atEnd = before.get(before.size() - 1).cells();
        assertTrue(nadir < 5100 * 0.5, "the tumour shrank first: nadir " + nadir);
        assertTrue(atEnd >= 1.5 * nadir, "ended on regrowth: " + atEnd + " vs nadir " + nadir);
        assertTrue(end.timeDays() > 1, "not at once: day " + end.timeDays());
    }

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

    /** drug_a with a one-compartment PK, so it can be dosed (textbook mode reads only whether it is given). */
    private static final String DOSABLE = "drugs.drug_a.pk={model: one_compartment, route: iv, half_life: 1h, central_volume_l: 10}";

    static double dose(String... overrides) {
        List<String> all = new java.util.ArrayList<>(List.of("tumour.initial_cells=20000", "time.max=100d", "stop.max_cells=1e7", "stop.on_extinction=false",
                "context.setting=in_vivo", DOSABLE));
        all.addAll(List.of(overrides));
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), all.toArray(String[]::new));
        return SingleRun.simulate(s, 3).summary().cumulativeDose().get("drug_a");
    }

    @Test
    void dosesCanStopPartWayThroughEachCycleOfAPhase() {
        // 1 mg a day on days 1-14 of each 21-day cycle for 63 days: 3 x 14 doses, the first a 5 mg loading dose
        assertEquals(5 + 41, dose("regimen.phases=[{name: cap, drugs: [{drug: drug_a, loading_dose: 5 mg, dose: 1 mg, every: 1d, "
                + "for: 14d, cycle: 21d}], end: 63d}, {name: after, end: never}]"), 1e-9);
        // for without a cycle: only the first 14 days of the phase
        assertEquals(5 + 13, dose("regimen.phases=[{name: cap, drugs: [{drug: drug_a, loading_dose: 5 mg, dose: 1 mg, every: 1d, "
                + "for: 14d}], end: 63d}, {name: after, end: never}]"), 1e-9);
    }

    @Test
    void cyclesRepeatAPhaseWithTheLoadingDoseInTheFirstOnly() {
        String cycles = "regimen.phases=[{name: cap, drugs: [{drug: drug_a, loading_dose: 5 mg, dose: 1 mg, every: 1d, for: 14d}], "
                + "end: 21d, cycles: 3}, {name: after, end: never}]";
        Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), "context.setting=in_vivo", DOSABLE, cycles);
        assertEquals(List.of("cap (cycle 1)", "cap (cycle 2)", "cap (cycle 3)", "after"), s.regimen().phases().stream().map(p -> p.name()).toList());
        assertEquals(5 + 41, dose(cycles), 1e-9);
        // cycles end after a fixed time, and a dosing cycle must be longer than its days on drug
        ConfigException e = assertThrows(ConfigException.class, () -> dose(
                "regimen.phases=[{name: cap, drugs: [{drug: drug_a, dose: 1 mg, every: 1d}], end: progression, cycles: 3}]"));
        assertTrue(e.getMessage().contains("cycles"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(org.her2sim.config.ConfigException.class, () -> dose(
                "regimen.phases=[{name: cap, drugs: [{drug: drug_a, dose: 1 mg, every: 1d, for: 14d, cycle: 7d}], end: never}]"));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }
}
