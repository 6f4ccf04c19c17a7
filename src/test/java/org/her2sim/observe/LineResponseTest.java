package org.her2sim.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.her2sim.config.Days;
import org.her2sim.config.SimulationConfig.OutcomeConfig;
import org.junit.jupiter.api.Test;

/** Best overall response on hand-built series of assessments (baseline 1000 cells, detection limit 10). */
class LineResponseTest {
    static OutcomeConfig rules(String confirm) {
        return new OutcomeConfig(10.0, null, null, null, null, null, null, Days.parse(confirm), null, null, null, null, null, null);
    }

    static String best(OutcomeConfig c, double[][] assessments, boolean eventBeforeStable) {
        LineResponse r = new LineResponse(0, 1000);
        for (double[] a : assessments) {
            r.assess(a[0], a[1], c);
        }
        return r.best(eventBeforeStable);
    }

    @Test
    void aResponseCountsOnceItIsSeenAgainFourWeeksLater() {
        // 300 cells = 0.3 x baseline (a 33 % smaller diameter): partial response on day 14, again on day 42
        assertEquals("PR", best(rules("28d"), new double[][] {{14, 300}, {28, 250}, {42, 280}}, false));
        // seen on day 14 only: not confirmed; stable disease needs 42 days without progression
        assertEquals("SD", best(rules("28d"), new double[][] {{14, 300}, {28, 500}, {42, 600}}, false));
        // without confirmation (0 days) the first response counts
        assertEquals("PR", best(rules("0d"), new double[][] {{14, 300}, {28, 500}, {42, 600}}, false));
    }

    @Test
    void aResponseInterruptedBeforeConfirmationStartsAgain() {
        // PR on day 14, not on day 28, PR again on 35 and 56: confirmed only from day 35 + 28 = 63
        assertEquals("SD", best(rules("28d"), new double[][] {{14, 300}, {28, 400}, {35, 300}, {56, 300}}, false));
        assertEquals("PR", best(rules("28d"), new double[][] {{14, 300}, {28, 400}, {35, 300}, {56, 300}, {63, 300}}, false));
    }

    @Test
    void completeResponseIsBelowTheDetectionLimitAndADeadTumourStaysComplete() {
        assertEquals("CR", best(rules("28d"), new double[][] {{20, 5}, {48, 3}}, false));
        // below the limit once, then partial: a confirmed partial response
        assertEquals("PR", best(rules("28d"), new double[][] {{20, 5}, {48, 200}}, false));
        LineResponse died = new LineResponse(0, 1000);
        died.assess(10, 5, rules("28d"));
        died.extinct();
        assertEquals("CR", died.best(false));
    }

    @Test
    void progressionBeforeStableDiseaseIsProgressiveDiseaseAndTooShortAFollowUpIsNotEvaluable() {
        assertEquals("PD", best(rules("28d"), new double[][] {{14, 900}, {28, 1700}}, true));
        assertEquals("NE", best(rules("28d"), new double[][] {{14, 900}}, false));
    }
}
