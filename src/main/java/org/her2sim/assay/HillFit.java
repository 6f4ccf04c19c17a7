package org.her2sim.assay;

import java.util.Locale;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The four-parameter Hill (log-logistic) dose–response fit:
 * <pre>  v(c) = bottom + (top − bottom) / (1 + (c / IC50)^h)</pre>
 * by Levenberg–Marquardt least squares (Commons Math) in log10 IC50, started from the data.
 * The 95 % confidence interval of IC50 comes from the asymptotic covariance
 * s²(JᵀJ)⁻¹ of log10 IC50 with a t quantile on n − 4 degrees of freedom.
 */
public final class HillFit {
    /** The fit: IC50 with its 95 % CI (same unit as the concentrations), Hill slope, plateaus. */
    public record Result(double ic50, double ic50Low, double ic50High, double hill, double top, double bottom, double rss, int n,
                         double absoluteLow, double absoluteHigh) {
        public double at(double c) {
            return bottom + (top - bottom) / (1 + Math.pow(c / ic50, hill));
        }

        /**
         * The absolute IC50: where the fitted curve crosses 50 % viability (NaN if it never does).
         * {@link #ic50()} is the relative IC50, the curve's midpoint between its plateaus.
         */
        public double absoluteIc50() {
            if (!(bottom < 0.5 && top > 0.5)) {
                return Double.NaN;
            }
            return ic50 * Math.pow((top - 0.5) / (0.5 - bottom), 1 / hill);
        }
    }

    /** Thrown when the data do not determine an IC50 (no convergence, or the 50 % point outside the data). */
    public static final class NoFit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoFit(String message) {
            super(message);
        }
    }

    private HillFit() {
    }

    /** Fits viabilities {@code v} at concentrations {@code c} (all c &gt; 0). */
    public static Result fit(double[] c, double[] v) {
        int n = c.length;
        if (n < 5) {
            throw new NoFit("a four-parameter fit needs at least 5 points, got " + n);
        }
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        double cMin = Double.MAX_VALUE;
        double cMax = 0;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
            cMin = Math.min(cMin, c[i]);
            cMax = Math.max(cMax, c[i]);
        }
        // start: plateaus from the data, IC50 at the geometric middle, slope 1
        double[] start = {hi, lo, Math.log10(Math.sqrt(cMin * cMax)), 1.0};
        LeastSquaresOptimizer.Optimum opt;
        try {
            opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(start).target(v).model(p -> evaluate(p, c)).maxEvaluations(10_000).maxIterations(10_000).lazyEvaluation(false)
                    .build());
        } catch (RuntimeException e) {
            throw new NoFit("the least-squares fit did not converge (" + e.getMessage() + ")");
        }
        double[] p = opt.getPoint().toArray();
        double ic50 = Math.pow(10, p[2]);
        double mid = (p[0] + p[1]) / 2;
        if (!(p[0] > p[1]) || !(p[3] > 0) || !Double.isFinite(ic50)) {
            throw new NoFit("no decreasing dose-response (top " + fmt(p[0]) + ", bottom " + fmt(p[1]) + ", slope " + fmt(p[3]) + ")");
        }
        if (ic50 < cMin / 10 || ic50 > cMax * 10 || mid > hi || mid < lo) {
            throw new NoFit("the 50 % point (" + fmt(ic50) + ") lies outside the concentrations tested (" + fmt(cMin) + " to " + fmt(cMax) + ")");
        }
        double rss = opt.getResiduals().dotProduct(opt.getResiduals());
        double se = Double.NaN;
        if (n > 4) {
            RealMatrix cov = opt.getCovariances(1e-12);
            se = Math.sqrt(cov.getEntry(2, 2) * rss / (n - 4));
        }
        double t = TDistribution.of(Math.max(1, n - 4)).inverseCumulativeProbability(0.975);
        // the absolute IC50's interval by the delta method on log10 IC50_abs = L + log10((top − ½)/(½ − bottom)) / h
        double absLow = Double.NaN;
        double absHigh = Double.NaN;
        if (p[1] < 0.5 && p[0] > 0.5 && n > 4) {
            double ln10 = Math.log(10);
            double q = Math.log10((p[0] - 0.5) / (0.5 - p[1]));
            double[] g = {1 / (p[3] * (p[0] - 0.5) * ln10), 1 / (p[3] * (0.5 - p[1]) * ln10), 1, -q / (p[3] * p[3])};
            RealMatrix cov = opt.getCovariances(1e-12).scalarMultiply(rss / (n - 4));
            double var = new ArrayRealVector(g).dotProduct(cov.operate(new ArrayRealVector(g)));
            double centre = p[2] + q / p[3];
            absLow = Math.pow(10, centre - t * Math.sqrt(var));
            absHigh = Math.pow(10, centre + t * Math.sqrt(var));
        }
        return new Result(ic50, Math.pow(10, p[2] - t * se), Math.pow(10, p[2] + t * se), p[3], p[0], p[1], rss, n, absLow, absHigh);
    }

    private static Pair<RealVector, RealMatrix> evaluate(RealVector point, double[] c) {
        double top = point.getEntry(0);
        double bottom = point.getEntry(1);
        double logIc50 = point.getEntry(2);
        double h = point.getEntry(3);
        double[] value = new double[c.length];
        double[][] jac = new double[c.length][4];
        for (int i = 0; i < c.length; i++) {
            double x = Math.log10(c[i]) - logIc50;
            double r = Math.pow(10, h * x); // (c/IC50)^h
            double d = 1 + r;
            value[i] = bottom + (top - bottom) / d;
            jac[i][0] = 1 / d;
            jac[i][1] = 1 - 1 / d;
            double dr = (top - bottom) * r * Math.log(10) / (d * d);
            jac[i][2] = dr * h;       // d/dlogIC50
            jac[i][3] = -dr * x;      // d/dh
        }
        return new Pair<>(new ArrayRealVector(value), new Array2DRowRealMatrix(jac, false));
    }

    static String fmt(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }
}
