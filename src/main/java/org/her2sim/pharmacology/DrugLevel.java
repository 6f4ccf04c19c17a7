package org.her2sim.pharmacology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The concentration of one drug over a run. Linear PK superposes, so the state is one running
 * sum per exponential of the drug's {@link PkModel}: a bolus adds to it, and between events it
 * decays exactly; during a constant-rate infusion of R mg/day each sum follows
 * dS/dt = −λS + R·c, solved exactly: S(t+h) = S·e^(−λh) + R·c·(1 − e^(−λh))/λ. A constant
 * concentration (a dish, or PK switched off) overrides the PK while it is set.
 */
public final class DrugLevel implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] coefficient;
    private final double[] rate;
    private final double infusionDays;
    private final double[] sums;
    /** Infusions under way: {end day, rate mg/day}. */
    private final List<double[]> infusions = new ArrayList<>();
    private double time;
    private double constantMgPerL = Double.NaN;
    private double cumulativeMg;

    public DrugLevel(PkModel pk, double infusionDays) {
        coefficient = pk == null ? new double[0] : pk.coefficientPerMg();
        rate = pk == null ? new double[0] : pk.ratePerDay();
        this.infusionDays = infusionDays;
        sums = new double[rate.length];
    }

    public DrugLevel(PkModel pk) {
        this(pk, 0);
    }

    /** Moves {@code s} (the sums at {@code from}, with these infusions) forward to {@code to}. */
    private void evolve(double[] s, double from, double to, List<double[]> running, boolean dropEnded) {
        double t = from;
        while (t < to) {
            double next = to;
            double input = 0;
            for (double[] inf : running) {
                if (inf[0] > t) {
                    next = Math.min(next, inf[0]);
                    input += inf[1];
                }
            }
            double h = next - t;
            for (int i = 0; i < s.length; i++) {
                double decay = Math.exp(-rate[i] * h);
                s[i] = s[i] * decay + input * coefficient[i] * (-Math.expm1(-rate[i] * h)) / rate[i];
            }
            t = next;
        }
        if (dropEnded) {
            running.removeIf(inf -> inf[0] <= to);
        }
    }

    private void advance(double t) {
        if (t < time) {
            throw new IllegalStateException("time went backwards: " + t + " < " + time);
        }
        evolve(sums, time, t, infusions, true);
        time = t;
    }

    /** Gives a dose of {@code mg} at time {@code t} (days): a bolus, or an infusion starting then. */
    public void dose(double t, double mg) {
        if (rate.length == 0) {
            throw new IllegalStateException("this drug has no PK model; give it as a concentration");
        }
        advance(t);
        if (infusionDays > 0) {
            infusions.add(new double[] {t + infusionDays, mg / infusionDays});
        } else {
            for (int i = 0; i < sums.length; i++) {
                sums[i] += mg * coefficient[i];
            }
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
        double[] s = sums.clone();
        evolve(s, time, Math.max(t, time), infusions, false);
        double c = 0;
        for (double x : s) {
            c += x;
        }
        return Math.max(0, c);
    }

    public double cumulativeMg() {
        return cumulativeMg;
    }
}
