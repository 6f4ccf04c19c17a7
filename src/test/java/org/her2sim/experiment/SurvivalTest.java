package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.her2sim.experiment.Survival.Subject;
import org.junit.jupiter.api.Test;

/**
 * Against the classic worked example: remission times (weeks) of the 6-MP trial in acute
 * leukaemia (Freireich et al. 1963; Gehan 1965), analysed in most survival textbooks.
 */
class SurvivalTest {
    // "+" marks a censored time
    static final String SIX_MP = "6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+";
    static final String PLACEBO = "1 1 2 2 3 4 4 5 5 8 8 8 8 11 11 12 12 15 17 22 23";

    static List<Subject> parse(String text) {
        List<Subject> out = new ArrayList<>();
        for (String s : text.split(" ")) {
            boolean censored = s.endsWith("+");
            out.add(new Subject(Double.parseDouble(s.replace("+", "")), !censored));
        }
        return out;
    }

    @Test
    void kaplanMeierMatchesTheHandCalculation() {
        Survival.Curve km = Survival.kaplanMeier(parse(SIX_MP));
        // at risk 21 at t=6 (3 events): 18/21; t=7: 17 at risk, 1 event; t=10: 15 at risk, 1 event
        assertEquals(18.0 / 21, km.survival()[0], 1e-12);
        assertEquals(18.0 / 21 * 16 / 17, km.survival()[1], 1e-12);
        assertEquals(18.0 / 21 * 16 / 17 * 14 / 15, km.survival()[2], 1e-12);
        assertEquals(0.4482, km.survival()[km.survival().length - 1], 1e-4); // S(23)
        assertEquals(9, km.events());
        assertEquals(23.0, km.median());
        assertEquals(8.0, Survival.kaplanMeier(parse(PLACEBO)).median());
    }

    @Test
    void greenwoodVarianceGivesTheTextbookStandardError() {
        // S(6) = 0.857, Greenwood SE = S sqrt(3/(21·18)) = 0.0764
        Survival.Curve km = Survival.kaplanMeier(parse(SIX_MP));
        double s = km.survival()[0];
        double se = s * Math.sqrt(3.0 / (21 * 18));
        assertEquals(0.0764, se, 1e-4);
        // the log-log limits straddle S and stay inside (0, 1)
        assertTrue(km.lower()[0] < s && s < km.upper()[0] && km.upper()[0] < 1);
    }

    @Test
    void medianConfidenceLimitsBracketTheMedian() {
        Survival.Curve placebo = Survival.kaplanMeier(parse(PLACEBO));
        assertTrue(placebo.medianLower() <= 8 && 8 <= placebo.medianUpper(), placebo.medianLower() + " " + placebo.medianUpper());
        assertTrue(placebo.medianLower() < placebo.medianUpper());
        Survival.Curve sixMp = Survival.kaplanMeier(parse(SIX_MP));
        assertTrue(sixMp.medianLower() <= 23);
        // the upper band never reaches 0.5 before follow-up ends: no upper limit
        assertTrue(Double.isNaN(sixMp.medianUpper()));
    }

    @Test
    void logRankMatchesThePublishedStatistic() {
        // observed/expected 9/19.25 (6-MP) and 21/10.75 (placebo); chi-square 16.79, p = 4.2e-5
        Survival.LogRank lr = Survival.logRank(parse(SIX_MP), parse(PLACEBO));
        assertEquals(9.0, lr.observedA(), 1e-12);
        assertEquals(19.25, lr.expectedA(), 0.01);
        assertEquals(21.0, lr.observedB(), 1e-12);
        assertEquals(10.75, lr.expectedB(), 0.01);
        assertEquals(16.79, lr.chiSquare(), 0.01);
        assertEquals(4.17e-5, lr.p(), 0.05e-5);
        assertTrue(lr.hazardRatio() < 0.35 && lr.hazardRatioUpper() < 1, "6-MP halves the hazard: " + lr.hazardRatio());
    }
}
