package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.her2sim.Scenarios;
import org.her2sim.experiment.SingleRun;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;

/**
 * The agent and clone engines are the same stochastic process in a well-mixed tumour: whole
 * distributions (not only means) of extinction time, time to resistance and the resistant count
 * at a fixed time agree between them.
 *
 * <p>Power: each comparison uses N = 1000 independent runs per engine and rejects at
 * α = 0.001 (four comparisons: a false alarm in at most 0.4 % of suite runs). The two-sample
 * Kolmogorov–Smirnov critical distance is then c(α)·√(2/N) = 1.95·√(2/1000) = 0.087; the
 * empirical CDF difference at a point has standard deviation at most √(2·0.25/N) = 0.022, so a
 * true CDF difference of 0.12 anywhere is detected with power ≥ 0.9. The positive control shows
 * it: a clone engine with the death rate raised from 1.0 to 1.2 per day (a CDF difference of
 * 0.165 in theory) is rejected. Times and counts are discrete (hour grid, whole cells), so the
 * p-values are estimated by Commons Statistics' resampling (10 000 iterations, fixed seed),
 * valid with ties.
 */
class EngineEquivalenceTest {
    private static final int N = 1000;
    private static final double ALPHA = 0.001;
    private static final SeedTree SEEDS = new SeedTree(2026);

    private static final String[] EXTINCTION = {"tumour.initial_cells=5", "biology.explicit.0.division_per_day=0.5",
        "biology.explicit.0.death_per_day=1.0", "time.max=400d", "stop.max_cells=1e6"};

    /** Growth with mutation to a fitter resistant type; runs stop at day 6. */
    private static final String[] RESISTANCE = {"tumour.initial_cells=1000", "biology.explicit.0.division_per_day=0.7",
        "biology.explicit.0.death_per_day=0.3", "biology.explicit.1.division_per_day=0.9", "biology.explicit.1.death_per_day=0.3",
        "biology.markers.0.mutations=[{from: sensitive, to: resistant, probability: 1e-3}]", "time.max=6d", "stop.max_cells=1e7", "observe.every=1h"};

    /** Resistant cells that count as "resistance established" for the time-to-resistance distribution. */
    private static final long THRESHOLD = 20;

    @Test
    void extinctionTimesHaveOneDistribution() {
        double[] agent = extinctionTimes(engine(EXTINCTION, "agent"), "agent");
        double[] clone = extinctionTimes(engine(EXTINCTION, "clone"), "clone");
        double p = ksP(agent, clone);
        assertTrue(p >= ALPHA, "extinction time, agent vs clone engine: KS p = " + p);
    }

    @Test
    void theComparisonDetectsADifferentProcess() {
        // positive control: death 1.2 instead of 1.0 per day in the clone engine
        String[] faster = Arrays.copyOf(EXTINCTION, EXTINCTION.length);
        faster[2] = "biology.explicit.0.death_per_day=1.2";
        double[] agent = extinctionTimes(engine(EXTINCTION, "agent"), "agent");
        double[] clone = extinctionTimes(engine(faster, "clone"), "clone");
        double p = ksP(agent, clone);
        assertTrue(p < ALPHA, "the KS comparison must reject a 20 % higher death rate: p = " + p);
    }

    @Test
    void resistanceTimesAndCountsHaveOneDistribution() {
        double[][] agent = resistance(engine(RESISTANCE, "agent"), "agent");
        double[][] clone = resistance(engine(RESISTANCE, "clone"), "clone");
        double pTime = ksP(agent[0], clone[0]);
        assertTrue(pTime >= ALPHA, "time to " + THRESHOLD + " resistant cells, agent vs clone engine: KS p = " + pTime);
        double pCount = ksP(agent[1], clone[1]);
        assertTrue(pCount >= ALPHA, "resistant cells at day 6, agent vs clone engine: KS p = " + pCount);
        // and a chi-square test of homogeneity over the pooled deciles (2 × 10 table, ≥ 100 expected per cell)
        double pChi = ChiSquareTest.withDefaults().test(binnedByPooledDeciles(agent[1], clone[1])).getPValue();
        assertTrue(pChi >= ALPHA, "resistant cells at day 6, chi-square p = " + pChi);
        double mean = Arrays.stream(agent[1]).average().orElse(0);
        assertTrue(mean > 50, "the comparison needs resistant cells: mean " + mean);
    }

    private static Scenario engine(String[] sets, String engine) {
        String[] all = Arrays.copyOf(sets, sets.length + 1);
        all[sets.length] = "engine=" + engine;
        return Scenarios.compile(Scenarios.testScenario("textbook.yaml"), all);
    }

    private static double[] extinctionTimes(Scenario s, String label) {
        double[] t = new double[N];
        for (int i = 0; i < N; i++) {
            var summary = SingleRun.simulate(s, SEEDS.child("extinction-" + label, i).seed()).summary();
            assertTrue(summary.extinct(), "a subcritical lineage of 5 cells dies out within 400 days");
            t[i] = summary.extinctionTimeDays();
        }
        return t;
    }

    /** Per run: the first observation time with ≥ THRESHOLD resistant cells (7 if never), and the count at day 6. */
    private static double[][] resistance(Scenario s, String label) {
        int resistant = s.space().encode(Map.of("type", "resistant"), "t");
        double[][] out = new double[2][N];
        for (int i = 0; i < N; i++) {
            double[] first = {7};
            SimulationListener listener = new SimulationListener() {
                @Override
                public void observed(TumourModel m) {
                    if (first[0] == 7 && m.lineage().cellsInState(resistant) >= THRESHOLD) {
                        first[0] = m.now();
                    }
                }

                @Override
                public void event(EventKind kind, double day, int clone, String detail) {
                }
            };
            TumourModel model = new TumourModel(s, SEEDS.child("resistance-" + label, i).seed(), listener);
            model.run();
            out[0][i] = first[0];
            out[1][i] = model.lineage().cellsInState(resistant);
        }
        return out;
    }

    /**
     * Escape origin, pre-existing or acquired, on the agent and the clone engine: 200 sensitive
     * cells grow untreated to 4 000, then a drug makes them shrink slowly (net −0.1 per day) while
     * they keep dividing, so resistant mutants arise both before treatment (~0.8 expected) and under
     * it (~1.8), each surviving drift with probability 1 − d/b = 0.375. The origins (and "none"
     * when no resistant clone escaped) are compared by a chi-square test of homogeneity, 600 runs
     * per engine, α = 0.001 (2 degrees of freedom, critical value 13.8): a difference of 0.15 in
     * any category's share (non-centrality ≈ 0.15² / (2 · 0.25 / 600) = 27) is detected with
     * power ≥ 0.95. The clone engine once folded mutants arising under treatment into the clone
     * of their parent's earlier mutants and called nearly every escape pre-existing.
     */
    @Test
    void escapeOriginsHaveOneDistribution() {
        int n = 600;
        String[] design = {"tumour.initial_cells=200", "stop.max_cells=1e6", "time.max=200d", "observe.every=1d",
            "biology.explicit.0.under.drug_a={division_per_day: 0.45, death_per_day: 0.55}",
            "biology.explicit.1.under.drug_a={division_per_day: 0.8, death_per_day: 0.5}",
            "biology.markers.0.mutations=[{from: sensitive, to: resistant, probability: 5e-5}]",
            "regimen.phases=[{name: grow, end: {burden_above: 20}}, {name: drug, drugs: [{drug: drug_a, concentration: 1 ug/mL}], end: never}]"};
        long[][] table = new long[2][3];
        String[] engines = {"agent", "clone"};
        for (int e = 0; e < 2; e++) {
            String[] o = Arrays.copyOf(design, design.length + 1);
            o[design.length] = "engine=" + engines[e];
            Scenario s = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), o);
            for (int i = 0; i < n; i++) {
                String origin = SingleRun.simulate(s, SEEDS.child("origin", i).seed()).summary().escapeOrigin();
                table[e]["pre-existing".equals(origin) ? 0 : "acquired".equals(origin) ? 1 : 2]++;
            }
        }
        System.out.printf("escape origin (pre-existing, acquired, none): agent %s, clone %s%n", Arrays.toString(table[0]),
                Arrays.toString(table[1]));
        for (int e = 0; e < 2; e++) {
            // both origins occur often enough for the comparison to mean something
            assertTrue(table[e][0] >= n / 10 && table[e][1] >= n / 10, engines[e] + ": " + Arrays.toString(table[e]));
        }
        double p = ChiSquareTest.withDefaults().test(table).getPValue();
        assertTrue(p >= ALPHA, "escape origins differ between engines: " + Arrays.deepToString(table) + ", p = " + p);
    }

    private static double ksP(double[] x, double[] y) {
        return KolmogorovSmirnovTest.withDefaults().with(PValueMethod.ESTIMATE)
                .with(RandomSource.XO_SHI_RO_256_PP.create(12345L)).withIterations(10_000).test(x, y).getPValue();
    }

    private static long[][] binnedByPooledDeciles(double[] a, double[] b) {
        double[] pooled = new double[a.length + b.length];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        Arrays.sort(pooled);
        double[] edges = new double[9];
        for (int k = 1; k <= 9; k++) {
            edges[k - 1] = pooled[k * pooled.length / 10];
        }
        long[][] table = new long[2][10];
        for (int g = 0; g < 2; g++) {
            for (double v : g == 0 ? a : b) {
                int bin = 0;
                while (bin < 9 && v >= edges[bin]) {
                    bin++;
                }
                table[g][bin]++;
            }
        }
        // merge empty columns (ties can leave a decile bin empty) so every column has counts
        return Arrays.stream(transpose(table)).filter(col -> col[0] + col[1] > 0).toArray(long[][]::new);
    }

    private static long[][] transpose(long[][] t) {
        long[][] out = new long[t[0].length][t.length];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[0].length; j++) {
                out[j][i] = t[i][j];
            }
        }
        return out;
    }
}
