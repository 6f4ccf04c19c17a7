package org.her2sim.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Survival statistics over virtual patients: Kaplan–Meier estimates with Greenwood variance and
 * log–log confidence limits (Kalbfleisch &amp; Prentice 1980), the median with its confidence
 * interval (where the limits cross 0.5, as R's survfit reports it), and the log-rank test with
 * the Peto hazard ratio exp((O − E)/V) and its interval.
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
        double[] times = java.util.stream.Stream.concat(a.stream(), b.stream()).filter(Subject::event)
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
