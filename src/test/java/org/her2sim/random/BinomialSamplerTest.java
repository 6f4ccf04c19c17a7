package org.her2sim.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The binomial sampler against the binomial probability mass function (Commons Statistics),
 * as Commons RNG tests its samplers: 50 chi-square goodness-of-fit tests of 2 000 draws at the
 * 1 % level must not fail more than 3 times. A correct sampler fails that with probability
 * P(Binomial(50, 0.01) > 3) = 0.0016.
 */
class BinomialSamplerTest {
    @ParameterizedTest(name = "n={0}, p={1}")
    @CsvSource({
        "10, 0.3",          // inversion
        "200, 0.1",         // inversion (mean 20)
        "1000, 0.05",       // BTPE (mean 50)
        "1000, 0.95",       // BTPE, p > 1/2 mirrored
        "100000, 0.4",      // BTPE, large mean
        "2000000000, 0.00000001", // inversion with huge n, mean 20
        "50000, 0.5",       // BTPE at p = 1/2
    })
    void matchesTheBinomialDistribution(int n, double p) {
        BinomialDistribution d = BinomialDistribution.of(n, p);
        UniformRandomProvider rng = new SeedTree(2026).child("binomial", n).child(Double.toString(p)).generator();
        int failures = 0;
        for (int test = 0; test < 50; test++) {
            if (chiSquareP(d, n, p, rng, 2000) < 0.01) {
                failures++;
            }
        }
        assertTrue(failures <= 3, failures + " of 50 chi-square tests failed at the 1 % level");
    }

    /** Chi-square test of 'draws' samples, bins with expected count >= 5 (tails merged). */
    static double chiSquareP(BinomialDistribution d, long n, double p, UniformRandomProvider rng, int draws) {
        int lo = d.inverseCumulativeProbability(1e-6);
        int hi = d.inverseCumulativeProbability(1 - 1e-6);
        // bins: (-inf, lo], lo+1 .. hi-1, [hi, inf), then merge neighbours until each expects >= 5
        int bins = hi - lo + 1;
        double[] expected = new double[bins];
        long[] observed = new long[bins];
        for (int i = 0; i < bins; i++) {
            int k = lo + i;
            double prob = i == 0 ? d.cumulativeProbability(k) : i == bins - 1 ? d.survivalProbability(k - 1) : d.probability(k);
            expected[i] = prob * draws;
        }
        for (int i = 0; i < draws; i++) {
            long x = BinomialSampler.sample(rng, n, p);
            int b = (int) Math.max(0, Math.min(bins - 1, x - lo));
            observed[b]++;
        }
        java.util.List<double[]> merged = new java.util.ArrayList<>();
        double e = 0;
        double o = 0;
        for (int i = 0; i < bins; i++) {
            e += expected[i];
            o += observed[i];
            if (e >= 5) {
                merged.add(new double[] {e, o});
                e = 0;
                o = 0;
            }
        }
        if (e > 0 && !merged.isEmpty()) {
            merged.get(merged.size() - 1)[0] += e;
            merged.get(merged.size() - 1)[1] += o;
        }
        double chi2 = 0;
        for (double[] b : merged) {
            chi2 += (b[1] - b[0]) * (b[1] - b[0]) / b[0];
        }
        return ChiSquaredDistribution.of(merged.size() - 1).survivalProbability(chi2);
    }

    @Test
    void aTrillionTrialsHaveTheRightMeanAndVariance() {
        // n = 1e12, p = 0.3: mean 3e11, variance 2.1e11 (sd 4.6e5). Over 20 000 draws the sample
        // mean has SE 3 240 and the sample variance SE 2.1e11 sqrt(2/19999) = 2.1e9: 4-SE bands.
        long n = 1_000_000_000_000L;
        double p = 0.3;
        UniformRandomProvider rng = new SeedTree(7).child("trillion").generator();
        int draws = 20_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < draws; i++) {
            double x = BinomialSampler.sample(rng, n, p) - n * p;
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / draws;
        double var = (sumSq - draws * mean * mean) / (draws - 1);
        double sigma2 = n * p * (1 - p);
        assertEquals(0, mean, 4 * Math.sqrt(sigma2 / draws));
        assertEquals(sigma2, var, 4 * sigma2 * Math.sqrt(2.0 / (draws - 1)));
    }

    @Test
    void edgeCasesAreExact() {
        UniformRandomProvider rng = new SeedTree(1).generator();
        assertEquals(0, BinomialSampler.sample(rng, 0, 0.5));
        assertEquals(0, BinomialSampler.sample(rng, 1_000_000_000_000L, 0.0));
        assertEquals(1_000_000_000_000L, BinomialSampler.sample(rng, 1_000_000_000_000L, 1.0));
    }
    /**
     * The zero shortcut of the small-mean draws changes no draw: the same uniforms give the same
     * values as the plain sequential search from (1 − r)ⁿ, over two million draws from n = 1 to
     * 10¹², r from 10⁻¹² to 1/2, and means up to 30 (the shortcut's region and its edge).
     */
    @Test
    void smallMeanDrawsAreTheSequentialSearchsDraws() {
        UniformRandomProvider params = new SeedTree(7).child("shortcut").generator();
        int zeros = 0;
        int shortcut = 0;
        for (int i = 0; i < 2_000_000; i++) {
            long n = 1 + (long) Math.pow(10, params.nextDouble() * 12);
            double r = Math.min(0.5, Math.pow(10, -12 * params.nextDouble()));
            if (n * r > 30) {
                r = 30.0 / n * params.nextDouble();
            }
            long seed = params.nextLong();
            long x = BinomialSampler.sample(new SeedTree(seed).generator(), n, r);
            UniformRandomProvider ref = new SeedTree(seed).generator();
            assertEquals(searchFromZero(ref, n, r), x, "n = " + n + ", r = " + r);
            zeros += x == 0 ? 1 : 0;
            double u = new SeedTree(seed).generator().nextDouble();
            shortcut += u < Math.exp(-n * r / (1 - r)) * (1 - 1e-12) ? 1 : 0;
        }
        // every path ran: most draws are 0 and took the shortcut, some zeros fell between its bound and
        // (1 − r)ⁿ (801 with this seed), and many draws are not 0
        assertTrue(shortcut > 500_000 && zeros - shortcut > 100 && 2_000_000 - zeros > 200_000,
                "shortcut " + shortcut + ", zeros " + zeros);
    }

    /**
     * The shortcut's bound, computed as the sampler computes it, stays below the computed P(0) for
     * four million (n, r) with n from 1 to 2⁶² (log-uniform) and n·r up to 30: a uniform it sends
     * to 0 is one the search would send to 0. Without the 10⁻¹² margin the rounding of the two
     * sides puts the bound above P(0) in some of them, so these cases would catch a margin that is
     * too small.
     */
    @Test
    void theZeroShortcutsBoundIsBelowTheComputedProbabilityOfZero() {
        UniformRandomProvider rng = new SeedTree(11).child("bound").generator();
        int unmarginedAbove = 0;
        for (int i = 0; i < 4_000_000; i++) {
            long n = Math.max(1, (long) Math.exp(rng.nextDouble() * 62 * Math.log(2)));
            double r = Math.min(0.5, 30 * rng.nextDouble() / n);
            if (r <= 0) {
                continue;
            }
            double p0 = Math.exp(n * Math.log1p(-r));
            double bound = Math.exp(-(n * r) / (1 - r));
            assertTrue(bound * (1 - 1e-12) < p0, "n = " + n + ", r = " + r);
            unmarginedAbove += bound > p0 ? 1 : 0;
        }
        assertTrue(unmarginedAbove > 0, "without the margin the computed bound exceeds P(0) somewhere");
    }

    /** The plain sequential search from 0 with P(0) = (1 − r)ⁿ (no shortcut; r ≤ 1/2, n·r ≤ 30). */
    private static long searchFromZero(UniformRandomProvider rng, long n, double r) {
        double q = 1 - r;
        double bound = Math.min(n, n * r + 10 * Math.sqrt(n * r * q + 1));
        while (true) {
            long x = 0;
            double px = Math.exp(n * Math.log1p(-r));
            double u = rng.nextDouble();
            while (u > px && x <= bound) {
                x++;
                u -= px;
                px = ((n - x + 1) * r * px) / (x * q);
            }
            if (x <= bound) {
                return x;
            }
        }
    }
}
