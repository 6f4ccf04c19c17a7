package org.her2sim.random;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Exact binomial draws for any number of trials from 0 to 2⁶³ (clone-level counts of 10¹² cells).
 * Commons RNG has no binomial sampler for large n and Commons Statistics samples by inversion,
 * whose cost grows with the mean; this sampler uses
 * <ul>
 * <li>inversion (sequential search from 0) when the mean n·min(p, 1−p) is at most 30, and</li>
 * <li>BTPE otherwise: Kachitvichyanukul &amp; Schmeiser, "Binomial random variate generation",
 *     Communications of the ACM 31(2):216–222, 1988 — triangle, parallelogram and exponential
 *     tails as majorising function, with squeeze tests and an exact acceptance test (Stirling
 *     series for the log factorials), O(1) expected time for any n.</li>
 * </ul>
 * Both are exact in distribution (up to floating-point arithmetic); the tests check them against
 * the binomial probability mass function.
 */
public final class BinomialSampler {
    private static final double INVERSION_MAX_MEAN = 30;
    /** Relative margin of the zero shortcut: the rounding of either side is below 1e-13 for n·r ≤ 30. */
    private static final double ZERO_MARGIN = 1e-12;

    private BinomialSampler() {
    }

    /** A draw from Binomial(n, p). */
    public static long sample(UniformRandomProvider rng, long n, double p) {
        if (n < 0 || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("binomial(" + n + ", " + p + ")");
        }
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        double r = Math.min(p, 1 - p);
        long y = n * r <= INVERSION_MAX_MEAN ? inversion(rng, n, r) : btpe(rng, n, r);
        return p > 0.5 ? n - y : y;
    }

    /**
     * Sequential search from 0; used when n·r ≤ 30, r ≤ 1/2. Most draws of a clone engine are 0
     * (mutations, small clones), and P(0) = (1 − r)ⁿ needs a logarithm that is most of their cost:
     * since ln(1 − r) ≥ −r/(1 − r), a uniform below exp(−n·r/(1 − r)) (less a margin far wider than
     * the rounding of either side) is below P(0) and the draw is 0 without it — the same draw
     * from the same uniform, only sooner.
     */
    private static long inversion(UniformRandomProvider rng, long n, double r) {
        double q = 1 - r;
        double mean = n * r;
        double u = rng.nextDouble();
        if (u < Math.exp(-mean / q) * (1 - ZERO_MARGIN)) {
            return 0;
        }
        double qn = Math.exp(n * Math.log1p(-r));
        double bound = Math.min(n, mean + 10 * Math.sqrt(mean * q + 1));
        boolean first = true;
        while (true) {
            long x = 0;
            double px = qn;
            if (!first) {
                u = rng.nextDouble();
            }
            first = false;
            boolean restart = false;
            while (u > px) {
                x++;
                if (x > bound) {
                    restart = true; // round-off ate the tail: start again (probability ~1e-20)
                    break;
                }
                u -= px;
                px = ((n - x + 1) * r * px) / (x * q);
            }
            if (!restart) {
                return x;
            }
        }
    }

    /** BTPE for n·r > 30, r ≤ 1/2 (step numbers follow the paper). */
    private static long btpe(UniformRandomProvider rng, long n, double r) {
        double q = 1 - r;
        double nrq = n * r * q;
        double fm = n * r + r;
        long m = (long) Math.floor(fm);
        double p1 = Math.floor(2.195 * Math.sqrt(nrq) - 4.6 * q) + 0.5;
        double xm = m + 0.5;
        double xl = xm - p1;
        double xr = xm + p1;
        double c = 0.134 + 20.5 / (15.3 + m);
        double a = (fm - xl) / (fm - xl * r);
        double laml = a * (1 + a / 2);
        a = (xr - fm) / (xr * q);
        double lamr = a * (1 + a / 2);
        double p2 = p1 * (1 + 2 * c);
        double p3 = p2 + c / laml;
        double p4 = p3 + c / lamr;
        while (true) {
            // step 1: a point under the majorising function
            double u = rng.nextDouble() * p4;
            double v = rng.nextDouble();
            long y;
            if (u <= p1) {
                // triangular region: accepted at once
                return (long) Math.floor(xm - p1 * v + u);
            } else if (u <= p2) {
                // step 2: parallelogram
                double x = xl + (u - p1) / c;
                v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
                if (v > 1) {
                    continue;
                }
                y = (long) Math.floor(x);
            } else if (u <= p3) {
                // step 3: left exponential tail
                y = (long) Math.floor(xl + Math.log(v) / laml);
                if (y < 0) {
                    continue;
                }
                v = v * (u - p2) * laml;
            } else {
                // step 4: right exponential tail
                y = (long) Math.floor(xr - Math.log(v) / lamr);
                if (y > n) {
                    continue;
                }
                v = v * (u - p3) * lamr;
            }
            long k = Math.abs(y - m);
            if (k <= 20 || k >= nrq / 2 - 1) {
                // step 5.1: explicit evaluation of f(y)/f(m) by recursion
                double s = r / q;
                double aa = s * (n + 1);
                double f = 1.0;
                if (m < y) {
                    for (long i = m + 1; i <= y; i++) {
                        f *= aa / i - s;
                    }
                } else if (m > y) {
                    for (long i = y + 1; i <= m; i++) {
                        f /= aa / i - s;
                    }
                }
                if (v <= f) {
                    return y;
                }
                continue;
            }
            // step 5.2: squeezing on log f(y)/f(m)
            double rho = (k / nrq) * ((k * (k / 3.0 + 0.625) + 0.1666666666666667) / nrq + 0.5);
            double t = -(double) k * k / (2 * nrq);
            double logV = Math.log(v);
            if (logV < t - rho) {
                return y;
            }
            if (logV > t + rho) {
                continue;
            }
            // step 5.3: the exact test, log factorials by Stirling's series
            double x1 = y + 1;
            double f1 = m + 1;
            double z = n + 1 - m;
            double w = n - y + 1;
            double bound = xm * Math.log(f1 / x1) + (n - m + 0.5) * Math.log(z / w) + (y - m) * Math.log(w * r / (x1 * q))
                    + stirling(f1) + stirling(z) + stirling(x1) + stirling(w);
            if (logV <= bound) {
                return y;
            }
        }
    }

    /** The correction term of Stirling's series as used by BTPE. */
    private static double stirling(double a) {
        double a2 = a * a;
        return (13860. - (462. - (132. - (99. - 140. / a2) / a2) / a2) / a2) / a / 166320.;
    }
}
