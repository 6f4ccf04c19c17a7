package org.her2sim.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Survival statistics over virtual patients: Kaplan–Meier estimates with Greenwood variance and
 * log–log confidence limits (Kalbfleisch &amp; Prentice 1980), the median with its confidence
 * interval (where the limits cross 0.5, as R's survfit reports it), landmark survival with its
 * interval, the log-rank test with the Peto hazard ratio exp((O − E)/V), the Cox
 * proportional-hazards ratio of two groups (Efron's handling of ties, as R's coxph) with a Wald
 * interval, and exact (Clopper–Pearson) intervals for rates.
 */
public final class Survival {
    private static final double Z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);

    private Survival() {
    }

    /** One subject: follow-up time and whether the event (progression) was seen. */
    public record Subject(double time, boolean event) {
    }

    /** The Kaplan–Meier curve: S just after each distinct event time, with 95 % limits. */
    public record Curve(double[] times, double[] survival, double[] lower, double[] upper, int subjects, int events) {
        /** The smallest time with S ≤ 0.5, or NaN if the curve stays above. */
        public double median() {
            return firstAtOrBelowHalf(survival);
        }

        /** The lower confidence limit: where the lower band first reaches 0.5. */
        public double medianLower() {
            return firstAtOrBelowHalf(lower);
        }

        /** The upper confidence limit: where the upper band first reaches 0.5 (NaN if it never does). */
        public double medianUpper() {
            return firstAtOrBelowHalf(upper);
        }

        /** S(t) with its 95 % limits at time {@code t} (1 before the first event). */
        public double[] at(double t) {
            double[] out = {1, 1, 1};
            for (int i = 0; i < times.length && times[i] <= t + 1e-9; i++) {
                out = new double[] {survival[i], lower[i], upper[i]};
            }
            return out;
        }

        private double firstAtOrBelowHalf(double[] s) {
            for (int i = 0; i < times.length; i++) {
                if (s[i] <= 0.5 + 1e-12) {
                    return times[i];
                }
            }
            return Double.NaN;
        }
    }

    public static Curve kaplanMeier(List<Subject> subjects) {
        List<Subject> sorted = new ArrayList<>(subjects);
        sorted.sort(Comparator.comparingDouble(Subject::time));
        int atRisk = sorted.size();
        double s = 1;
        double greenwood = 0;
        List<double[]> points = new ArrayList<>();
        int events = 0;
        int i = 0;
        while (i < sorted.size()) {
            double t = sorted.get(i).time();
            int d = 0;
            int leaving = 0;
            while (i < sorted.size() && sorted.get(i).time() == t) {
                if (sorted.get(i).event()) {
                    d++;
                }
                leaving++;
                i++;
            }
            if (d > 0) {
                s *= 1 - d / (double) atRisk;
                if (atRisk > d) {
                    greenwood += d / ((double) atRisk * (atRisk - d));
                }
                double lo = s;
                double hi = s;
                if (s > 0 && s < 1) {
                    double se = Math.sqrt(greenwood) / Math.abs(Math.log(s));
                    lo = Math.pow(s, Math.exp(Z * se));
                    hi = Math.pow(s, Math.exp(-Z * se));
                }
                points.add(new double[] {t, s, lo, hi});
                events += d;
            }
            atRisk -= leaving;
        }
        double[][] cols = new double[4][points.size()];
        for (int k = 0; k < points.size(); k++) {
            for (int c = 0; c < 4; c++) {
                cols[c][k] = points.get(k)[c];
            }
        }
        return new Curve(cols[0], cols[1], cols[2], cols[3], subjects.size(), events);
    }

    /** The log-rank comparison of group a against group b. */
    public record LogRank(double observedA, double expectedA, double observedB, double expectedB, double variance) {
        public double chiSquare() {
            return variance > 0 ? Math.pow(observedA - expectedA, 2) / variance : Double.NaN;
        }

        public double p() {
            double c = chiSquare();
            return Double.isNaN(c) ? Double.NaN : ChiSquaredDistribution.of(1).survivalProbability(c);
        }

        /** Peto's hazard ratio of a versus b, exp((O − E)/V). */
        public double hazardRatio() {
            return variance > 0 ? Math.exp((observedA - expectedA) / variance) : Double.NaN;
        }

        public double hazardRatioLower() {
            return variance > 0 ? Math.exp((observedA - expectedA) / variance - Z / Math.sqrt(variance)) : Double.NaN;
        }

        public double hazardRatioUpper() {
            return variance > 0 ? Math.exp((observedA - expectedA) / variance + Z / Math.sqrt(variance)) : Double.NaN;
        }
    }

    public static LogRank logRank(List<Subject> a, List<Subject> b) {
        double[] times = Stream.concat(a.stream(), b.stream()).filter(Subject::event)
                .mapToDouble(Subject::time).distinct().sorted().toArray();
        double oA = 0;
        double eA = 0;
        double v = 0;
        for (double t : times) {
            int nA = atRisk(a, t);
            int nB = atRisk(b, t);
            int dA = events(a, t);
            int dB = events(b, t);
            int n = nA + nB;
            int d = dA + dB;
            if (n == 0) {
                continue;
            }
            oA += dA;
            eA += d * (nA / (double) n);
            if (n > 1) {
                v += d * (nA / (double) n) * (nB / (double) n) * (n - d) / (n - 1.0);
            }
        }
        double oB = a.stream().filter(Subject::event).count() + b.stream().filter(Subject::event).count() - oA;
        double eB = Arrays.stream(times).map(t -> events(a, t) + events(b, t)).sum() - eA;
        return new LogRank(oA, eA, oB, eB, v);
    }

    /** A Cox proportional-hazards fit of group a against group b: log hazard ratio and its standard error. */
    public record Cox(double beta, double se, int events) {
        public double hazardRatio() {
            return Math.exp(beta);
        }

        public double lower() {
            return Math.exp(beta - Z * se);
        }

        public double upper() {
            return Math.exp(beta + Z * se);
        }

        /** Wald test p-value of beta = 0. */
        public double p() {
            return Double.isFinite(beta) && se > 0 ? 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(beta / se)) : Double.NaN;
        }
    }

    /**
     * Cox regression on one binary covariate (1 = group a), Efron's approximation for tied event
     * times, Newton–Raphson from beta = 0 with step halving. NaN when there are no events or all
     * events fall in one group (the estimate is infinite).
     */
    public static Cox cox(List<Subject> a, List<Subject> b) {
        int n = a.size() + b.size();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        boolean[] inA = new boolean[n];
        int k = 0;
        for (Subject s : a) {
            time[k] = s.time();
            event[k] = s.event();
            inA[k++] = true;
        }
        for (Subject s : b) {
            time[k] = s.time();
            event[k++] = s.event();
        }
        int eventsA = (int) a.stream().filter(Subject::event).count();
        int eventsB = (int) b.stream().filter(Subject::event).count();
        if (eventsA == 0 || eventsB == 0) {
            return new Cox(Double.NaN, Double.NaN, eventsA + eventsB);
        }
        double[] distinct = IntStream.range(0, n).filter(i -> event[i]).mapToDouble(i -> time[i]).distinct().sorted().toArray();
        double beta = 0;
        double[] fit = efron(beta, time, event, inA, distinct);
        boolean converged = false;
        for (int iter = 0; iter < 100 && !converged; iter++) {
            double step = fit[1] / fit[2];
            double next = beta + step;
            double[] f = efron(next, time, event, inA, distinct);
            for (int h = 0; h < 30 && f[0] < fit[0] - 1e-12; h++) {
                step /= 2;
                next = beta + step;
                f = efron(next, time, event, inA, distinct);
            }
            converged = Math.abs(next - beta) < 1e-10;
            beta = next;
            fit = f;
        }
        // a monotone likelihood (every event of one group before any of the other's) drives beta
        // to ±∞: the ratio is not estimable, as R's coxph warns
        if (!converged || Math.abs(beta) > 15 || !(fit[2] > 1e-12)) {
            return new Cox(Double.NaN, Double.NaN, eventsA + eventsB);
        }
        return new Cox(beta, 1 / Math.sqrt(fit[2]), eventsA + eventsB);
    }

    /** Log partial likelihood, score and information at beta (Efron ties; the covariate is 0/1, so x² = x). */
    private static double[] efron(double beta, double[] time, boolean[] event, boolean[] inA, double[] distinct) {
        double loglik = 0;
        double score = 0;
        double info = 0;
        double w = Math.exp(beta);
        for (double t : distinct) {
            double s0 = 0;
            double s1 = 0;
            double d0 = 0;
            double d1 = 0;
            int d = 0;
            for (int i = 0; i < time.length; i++) {
                if (time[i] >= t) {
                    double r = inA[i] ? w : 1;
                    s0 += r;
                    s1 += inA[i] ? r : 0;
                    if (event[i] && time[i] == t) {
                        d++;
                        d0 += r;
                        d1 += inA[i] ? r : 0;
                        loglik += inA[i] ? beta : 0;
                        score += inA[i] ? 1 : 0;
                    }
                }
            }
            for (int l = 0; l < d; l++) {
                double f = l / (double) d;
                double z0 = s0 - f * d0;
                double z1 = s1 - f * d1;
                double mean = z1 / z0;
                loglik -= Math.log(z0);
                score -= mean;
                info += mean - mean * mean;
            }
        }
        return new double[] {loglik, score, info};
    }

    /** The exact (Clopper–Pearson) 95 % interval of a rate of {@code k} in {@code n}. */
    public static double[] clopperPearson(int k, int n) {
        return clopperPearson(k, n, 0.95);
    }

    /** The exact (Clopper–Pearson) interval of a rate of {@code k} in {@code n} at the given level. */
    public static double[] clopperPearson(int k, int n, double level) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double tail = (1 - level) / 2;
        double lo = k == 0 ? 0 : BetaDistribution.of(k, n - k + 1.0).inverseCumulativeProbability(tail);
        double hi = k == n ? 1 : BetaDistribution.of(k + 1.0, n - k).inverseCumulativeProbability(1 - tail);
        return new double[] {lo, hi};
    }

    private static int atRisk(List<Subject> g, double t) {
        int n = 0;
        for (Subject s : g) {
            if (s.time() >= t) {
                n++;
            }
        }
        return n;
    }

    private static int events(List<Subject> g, double t) {
        int n = 0;
        for (Subject s : g) {
            if (s.event() && s.time() == t) {
                n++;
            }
        }
        return n;
    }
}
