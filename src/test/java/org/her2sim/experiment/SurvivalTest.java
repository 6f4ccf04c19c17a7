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

    /** The aml data (maintained vs non-maintained chemotherapy; Miller 1981), shipped with R's survival package. */
    static final String AML_MAINTAINED = "9 13 13+ 18 23 28+ 31 34 45+ 48 161+";
    static final String AML_NONMAINTAINED = "5 5 8 8 12 16+ 23 27 30 33 43 45";

    @Test
    void coxRegressionMatchesRsCoxphOnTheAmlExample() {
        // R 4 / survival 3: coxph(Surv(time, status) ~ x, data = aml), Efron ties:
        // coef 0.9155326, se 0.5119343, HR 2.498105 (0.9159073-6.813496), Wald p 0.07371486
        Survival.Cox cox = Survival.cox(parse(AML_NONMAINTAINED), parse(AML_MAINTAINED));
        assertEquals(0.9155326, cox.beta(), 1e-6);
        assertEquals(0.5119343, cox.se(), 1e-6);
        assertEquals(2.498105, cox.hazardRatio(), 1e-5);
        assertEquals(0.9159073, cox.lower(), 1e-5);
        assertEquals(6.813496, cox.upper(), 1e-5);
        assertEquals(0.07371486, cox.p(), 1e-6);
    }

    @Test
    void coxRegressionMatchesRsCoxphOnTheSixMpExample() {
        // coxph(Surv(t, status) ~ placebo) on the 6-MP data above: coef 1.572125, se 0.4123967,
        // HR 4.816874 (2.146508-10.80931), p 0.0001377538 (Efron ties)
        Survival.Cox cox = Survival.cox(parse(PLACEBO), parse(SIX_MP));
        assertEquals(1.572125, cox.beta(), 1e-6);
        assertEquals(0.4123967, cox.se(), 1e-6);
        assertEquals(2.146508, cox.lower(), 1e-5);
        assertEquals(10.80931, cox.upper(), 1e-4);
        assertEquals(0.0001377538, cox.p(), 1e-9);
        // one group's events all before the other's: the ratio is not estimable (R warns of an infinite coefficient)
        Survival.Cox separated = Survival.cox(parse("1 2 3"), parse("10 11 12"));
        assertTrue(Double.isNaN(separated.hazardRatio()));
    }

    @Test
    void landmarkSurvivalReadsTheCurveWithItsLogLogLimits() {
        // survfit(..., conf.type = "log-log") on the 6-MP arm: S(10) 0.753 (0.503-0.889), S(20) 0.627 (0.368-0.805)
        Survival.Curve km = Survival.kaplanMeier(parse(SIX_MP));
        double[] at10 = km.at(10);
        assertEquals(0.753, at10[0], 5e-4);
        assertEquals(0.503, at10[1], 5e-4);
        assertEquals(0.889, at10[2], 5e-4);
        double[] at20 = km.at(20);
        assertEquals(0.627, at20[0], 5e-4);
        assertEquals(0.368, at20[1], 5e-4);
        assertEquals(0.805, at20[2], 5e-4);
        assertEquals(1.0, km.at(5.9)[0]);
    }

    @Test
    void clopperPearsonIntervalsMatchRsBinomTest() {
        // binom.test(k, n)$conf.int
        double[] half = Survival.clopperPearson(5, 10);
        assertEquals(0.187086, half[0], 1e-6);
        assertEquals(0.812914, half[1], 1e-6);
        double[] none = Survival.clopperPearson(0, 10);
        assertEquals(0.0, none[0]);
        assertEquals(0.3084971, none[1], 1e-7);
        double[] all = Survival.clopperPearson(10, 10);
        assertEquals(0.6915029, all[0], 1e-7);
        assertEquals(1.0, all[1]);
        double[] some = Survival.clopperPearson(47, 294);
        assertEquals(0.1198885, some[0], 1e-7);
        assertEquals(0.2068531, some[1], 1e-7);
    }
}
