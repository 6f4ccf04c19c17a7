package org.her2sim;

/** Sample mean and variance for the statistical tests. */
public final class SampleStats {
    private SampleStats() {
    }

    /** {mean, unbiased variance} of {@code x}. */
    public static double[] meanVar(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v / x.length;
        }
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m) / (x.length - 1);
        }
        return new double[] {m, s};
    }
}
