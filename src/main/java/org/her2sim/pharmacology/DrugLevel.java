package org.her2sim.pharmacology;

/**
 * The concentration of one drug over a run: doses add to a running sum per exponential of the
 * drug's {@link PkModel}, which decays exactly between events. A constant concentration (a dish,
 * or PK switched off) overrides the PK while it is set.
 */
public final class DrugLevel implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] coefficient;
    private final double[] rate;
    private final double[] sums;
    private double time;
    private double constantMgPerL = Double.NaN;
    private double cumulativeMg;

    public DrugLevel(PkModel pk) {
        coefficient = pk == null ? new double[0] : pk.coefficientPerMg().clone();
        rate = pk == null ? new double[0] : pk.ratePerDay().clone();
        sums = new double[rate.length];
    }

    private void advance(double t) {
        if (t < time) {
            throw new IllegalStateException("time went backwards: " + t + " < " + time);
        }
        double dt = t - time;
        if (dt > 0) {
            for (int i = 0; i < sums.length; i++) {
                sums[i] *= Math.exp(-rate[i] * dt);
            }
            time = t;
        }
    }

    /** Gives a dose of {@code mg} at time {@code t} (days). */
    public void dose(double t, double mg) {
        if (rate.length == 0) {
            throw new IllegalStateException("this drug has no PK model; give it as a concentration");
        }
        advance(t);
        for (int i = 0; i < sums.length; i++) {
            sums[i] += mg * coefficient[i];
        }
        cumulativeMg += mg;
    }

    /** Holds the concentration at a constant value from now on (NaN releases it to the PK). */
    public void setConstant(double mgPerL) {
        constantMgPerL = mgPerL;
    }

    public boolean isConstant() {
        return !Double.isNaN(constantMgPerL);
    }

    /** Concentration (mg/L = ug/mL) at time {@code t} ≥ the last event. */
    public double concentration(double t) {
        if (!Double.isNaN(constantMgPerL)) {
            return constantMgPerL;
        }
        double dt = Math.max(0, t - time);
        double c = 0;
        for (int i = 0; i < sums.length; i++) {
            c += sums[i] * Math.exp(-rate[i] * dt);
        }
        return Math.max(0, c);
    }

    public double cumulativeMg() {
        return cumulativeMg;
    }
}
