package org.her2sim.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import org.her2sim.Scenarios;
import org.her2sim.engine.EventKind;
import org.her2sim.engine.StopReason;
import org.her2sim.experiment.SingleRun;
import org.her2sim.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint on trajectories whose answer is known: a 1e10-cell tumour on the clone engine
 * (scenarios/endpoints.yaml) follows N(t) = 1e10·e^(−0.04t) + 1e4·e^(0.02t) under drug A within
 * ~1/sqrt(N) ≥ 1e-3 relative noise (N stays above 1e6), so a threshold crossing at growth rate
 * ≥ 0.02/day moves by < 0.1 day: the expected days, computed below from the deterministic curve
 * with the same rules at the same daily observations, must match within one observation (±1 day).
 */
class EndpointsTest {
    static final Path SCENARIO = Scenarios.testScenario("endpoints.yaml");
    static final DoubleUnaryOperator UNDER_A = t -> 1e10 * Math.exp(-0.04 * t) + 1e4 * Math.exp(0.02 * t);

    static SingleRun.Result run(String... overrides) {
        var s = Scenarios.compile(SCENARIO, overrides);
        return SingleRun.simulate(s, s.config().seed());
    }

    /** The first observation (every {@code every} days) at which N ≥ factor × the nadir of the observations so far (and ≥ minMm larger). */
    static int expectedProgression(DoubleUnaryOperator n, int every, double minMm) {
        double nadir = n.applyAsDouble(0);
        for (int t = every; t < 2000; t += every) {
            double x = n.applyAsDouble(t);
            double ref = Math.max(nadir, 1e5);
            if (x >= 1.728 * ref && diameterMm(x) - diameterMm(ref) >= minMm) {
                return t;
            }
            nadir = Math.min(nadir, x);
        }
        throw new AssertionError("no progression");
    }

    static double diameterMm(double cells) {
        return 10 * Math.cbrt(6 * (cells / 1e9) / Math.PI);
    }

    static int firstDay(DoubleUnaryOperator n, java.util.function.DoublePredicate p) {
        for (int t = 0; t < 5000; t++) {
            if (p.test(n.applyAsDouble(t))) {
                return t;
            }
        }
        throw new AssertionError("never");
    }

    @Test
    void progressionFreeSurvivalEndsAtTheProgressionTheTrajectoryPredicts() {
        Summary s = run().summary();
        int pd = expectedProgression(UNDER_A, 1, 0); // day 288 (nadir 1.9e6 on day 242)
        assertEquals(pd, s.pfsDays(), 1.0);
        assertTrue(s.pfsEvent());
        assertEquals(1, s.lines().size());
        assertEquals("progression", s.lines().get(0).end());
        // a confirmed partial response: below 0.343 x baseline from day 27, still there 28 days later
        assertEquals("PR", s.bestResponse());
        assertTrue(s.objectiveResponse());
        assertTrue(s.clinicalBenefit());
        // progression on the only line: the strategy has failed then
        assertTrue(s.ttfEvent());
        assertEquals(pd, s.ttfDays(), 1.0);
        // the resistant clone reaches the lethal burden (1e11 cells) on day 806; the run stops there
        assertEquals(StopReason.DEATH, s.stopReason());
        assertTrue(s.osEvent());
        assertEquals(firstDay(UNDER_A, x -> x >= 1e11), s.osDays(), 1.0);
        assertEquals(Math.log10(1e10 / 1.8899e6), s.log10KillNadir(), 0.01);
        // cells by marker state at progression: mostly resistant by then (1e4 e^(0.02 x 288) = 3.2e6)
        long resistant = s.markerCells().get("progression_line1").get("type=resistant");
        assertEquals(1e4 * Math.exp(0.02 * pd), resistant, 0.02 * resistant);
    }

    @Test
    void aLethalBurdenRelativeToTheBaselineEndsSurvivalThereWhenItIsTheLower() {
        // baseline 1e10 cells: lethal_fold 1.05 puts death at 1.05e10, long before lethal_cells (1e11)
        Summary s = run("outcomes.lethal_fold=1.05").summary();
        assertEquals(StopReason.DEATH, s.stopReason());
        // the burden falls from the baseline and regrows past 1.05 x about day 694 (1e11 only on day 806)
        assertEquals(firstDay(UNDER_A, x -> x >= 1.05e10), s.osDays(), 1.0);
        // a fold above lethal_cells / baseline leaves lethal_cells in charge
        assertEquals(run().summary().osDays(), run("outcomes.lethal_fold=50").summary().osDays());
        // a baseline below the detection limit (1e5 here), or none (extinct before treatment), counts as the limit
        var o = Scenarios.compile(SCENARIO, "outcomes.lethal_fold=3").config().outcomes();
        assertEquals(3e5, o.lethalBurden(0));
        assertEquals(3e5, o.lethalBurden(3));
        assertEquals(3e10, o.lethalBurden(1e10));
        assertEquals(1e11, o.lethalBurden(1e12), "lethal_cells the lower");
        assertEquals(1e11, o.lethalBurden(Double.NaN), "not yet treated");
        ConfigException e = assertThrows(ConfigException.class, () -> run("outcomes.lethal_fold=1"));
        assertTrue(e.getMessage().contains("outcomes.lethal_fold") && e.getMessage().contains("above 1"), e.getMessage());
    }

    @Test
    void aSecondLineIsMeasuredFromItsOwnStartAndCuredPatientsAreFollowedToTheEnd() {
        // drug A until progression, then drug B (both cell types shrink at 0.03/day) until the end
        Summary s = run("regimen.phases=[{name: A, drugs: [{drug: drug_a, concentration: 1 ug/mL}], end: progression},"
                + " {name: B, drugs: [{drug: drug_b, concentration: 1 ug/mL}], end: never}]").summary();
        int pd = expectedProgression(UNDER_A, 1, 0);
        assertEquals(2, s.lines().size());
        Summary.Line second = s.lines().get(1);
        assertEquals(pd, second.startDays(), 1.0);
        assertEquals("drug_b", second.drugs());
        // the tumour dies out under drug B (about 500 days from ~3e6 cells): a complete response, and
        // the cured patient is followed to the end of follow-up (day 1000), not to the extinction day
        assertEquals(StopReason.EXTINCTION, s.stopReason());
        assertEquals("CR", second.bestResponse());
        assertFalse(second.pfsEvent());
        assertEquals(1000 - second.startDays(), second.pfsDays(), 1e-9);
        assertEquals("extinction", second.end());
        assertEquals(pd, s.lines().get(0).pfsDays(), 1.0);
        // line 1 ended on progression, but the strategy went on: no failure, censored at day 1000
        assertFalse(s.ttfEvent());
        assertEquals(1000, s.ttfDays(), 1e-9);
        assertFalse(s.osEvent());
    }

    @Test
    void aTumourThatReachesTheCeilingHasFailedAndIsNeverCensored() {
        // progression is never called (a 1e6-fold rule); the run stops at the 5e10-cell ceiling on day ~771
        Summary s = run("outcomes.progression_factor=1e6", "stop.max_cells=5e10").summary();
        int ceiling = firstDay(UNDER_A, x -> x > 5e10);
        assertEquals(StopReason.CEILING, s.stopReason());
        assertTrue(s.pfsEvent());
        assertEquals(ceiling, s.pfsDays(), 1.0);
        assertEquals("ceiling", s.lines().get(0).end());
        assertTrue(s.ttfEvent());
        assertEquals(ceiling, s.ttfDays(), 1.0);
        // the ceiling is below the lethal burden: survival after it was not simulated
        assertNull(s.osDays());
    }

    @Test
    void regrowthOnAPlannedHolidayIsNotProgression() {
        // adaptive therapy on sensitive cells only: drug A until half the baseline, a holiday until the
        // baseline again (twice the nadir: progression by the 1.728 rule, were it not a holiday), repeated
        var r = run("tumour.clones=[]", "regimen.phases=[{name: A, drugs: [{drug: drug_a, concentration: 1 ug/mL}], "
                + "end: {burden_below: 0.5}}, {name: holiday, end: {burden_above: 1.0}}]", "regimen.repeat_from=0");
        Summary s = r.summary();
        long cycles = r.recorder().eventRows().stream().filter(e -> e.event() == EventKind.PHASE_END).count();
        assertTrue(cycles >= 10, "the schedule cycles (" + cycles + " phase ends)");
        assertFalse(s.pfsEvent());
        assertFalse(s.ttfEvent());
        assertEquals(1, s.lines().size());
        assertNull(s.progressionTimeDays());
    }

    @Test
    void regrowthPastTheFailureThresholdOnAHolidayIsFailure() {
        // the holiday would last until 2.5 x baseline; at 1.728 x (the default threshold) the strategy has failed
        Summary s = run("tumour.clones=[]", "regimen.phases=[{name: A, drugs: [{drug: drug_a, concentration: 1 ug/mL}], "
                + "end: {burden_below: 0.5}}, {name: holiday, end: {burden_above: 2.5}}]", "regimen.repeat_from=0").summary();
        // drug A reaches 0.5 x baseline at the observation of day 18 (e^-0.72 = 0.487), the holiday grows at 0.01/day
        int failure = 18 + firstDay(t -> Math.exp(-0.72) * Math.exp(0.01 * t), x -> x >= 1.728);
        assertTrue(s.pfsEvent());
        assertEquals("holiday_failure", s.lines().get(0).end());
        assertEquals(failure, s.pfsDays(), 1.0);
        assertTrue(s.ttfEvent());
        assertEquals(failure, s.ttfDays(), 1.0);
    }

    @Test
    void aReadoutAFixedTimeAfterTreatmentStartGivesDepthAndPathologicalResponse() {
        Summary slow = run("tumour.clones=[]", "time.after_treatment=126d", "observe.at=[\"treatment + 126d\"]").summary();
        assertEquals(126, slow.finalTimeDays(), 1e-9);
        assertEquals(StopReason.TIME, slow.stopReason());
        Summary.Readout r = slow.readouts().get(0);
        assertEquals("treatment+126d", r.name());
        // 1e10 e^(-0.04 x 126) = 6.5e7 cells: 2.19 logs, far above the 1e6-cell pCR threshold
        assertEquals(0.04 * 126 / Math.log(10), r.log10Kill(), 0.01);
        assertFalse(r.pcr());
        // a drug that kills 0.25/day clears 1e10 cells in about 92 days: pCR at the readout
        Summary fast = run("tumour.clones=[]", "time.after_treatment=126d", "observe.at=[{name: surgery, after_treatment: 18w}]",
                "biology.explicit.0.under.drug_a.death_per_day=0.35").summary();
        Summary.Readout surgery = fast.readouts().get(0);
        assertEquals("surgery", surgery.name());
        assertTrue(surgery.pcr());
        assertEquals(0L, surgery.cells());
        assertEquals("CR", surgery.response());
    }

    @Test
    void progressionIsCalledOnlyAtScheduledAssessments() {
        Summary s = run("outcomes.assess_every=6w").summary();
        int pd = expectedProgression(UNDER_A, 42, 0);
        assertEquals(0, pd % 42);
        assertEquals(pd, s.pfsDays(), 1e-9);
    }

    @Test
    void theFiveMillimetreRuleDelaysProgressionOfASmallResidue() {
        // the nadir (1.9e6 cells) is a 1.5 mm sphere: +20 % is 0.3 mm, so +5 mm decides
        Summary s = run("outcomes.pd_min_increase_mm=5").summary();
        int pd = expectedProgression(UNDER_A, 1, 5);
        assertTrue(pd > expectedProgression(UNDER_A, 1, 0) + 100);
        assertEquals(pd, s.pfsDays(), 1.0);
    }
}
