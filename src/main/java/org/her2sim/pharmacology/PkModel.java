package org.her2sim.pharmacology;

import java.io.Serializable;
import java.util.Arrays;
import org.her2sim.config.ConfigProblem;
import org.her2sim.config.DrugSpec.PkSpec;

/**
 * Linear pharmacokinetics as a sum of exponentials: the concentration (mg/L) at time τ after a
 * dose of D mg is D × Σₖ cₖ·e^(−λₖ·τ). Linear models superpose, so a running sum per exponential
 * is all the state a course of doses needs (see {@link DrugLevel}).
 *
 * <ul>
 * <li>one compartment, IV bolus: c = 1/V, λ = CL/V (or ln 2 / t½)</li>
 * <li>two compartments, IV bolus: macro-constants α, β of k10 = CL/V1, k12 = Q/V1, k21 = Q/V2;
 *     c_α = (α − k21)/(V1(α − β)), c_β = (k21 − β)/(V1(α − β)) (Gibaldi &amp; Perrier,
 *     Pharmacokinetics, 2nd ed., ch. 2)</li>
 * <li>one compartment, oral (Bateman): F·ka/(V(ka − k)) × (e^(−kτ) − e^(−ka·τ))</li>
 * </ul>
 */
public record PkModel(double[] coefficientPerMg, double[] ratePerDay) implements Serializable {

    /** The exponentials' arrays are copied in and out: a compiled PK model cannot be changed, and equal models are equal. */
    public PkModel {
        coefficientPerMg = coefficientPerMg.clone();
        ratePerDay = ratePerDay.clone();
    }

    @Override
    public double[] coefficientPerMg() {
        return coefficientPerMg.clone();
    }

    @Override
    public double[] ratePerDay() {
        return ratePerDay.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PkModel m && Arrays.equals(coefficientPerMg, m.coefficientPerMg) && Arrays.equals(ratePerDay, m.ratePerDay);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(coefficientPerMg) + Arrays.hashCode(ratePerDay);
    }

    @Override
    public String toString() {
        return "PkModel[coefficients per mg " + Arrays.toString(coefficientPerMg) + ", rates per day " + Arrays.toString(ratePerDay) + "]";
    }

    public static PkModel of(PkSpec pk) {
        double v1 = pk.centralVolumeL();
        if (pk.model().equals("two_compartment")) {
            if (pk.route().equals("oral")) {
                throw new ConfigProblem("pk", "an oral two-compartment model is not supported; use one_compartment for oral drugs");
            }
            double k10 = pk.clearanceLPerDay() / v1;
            double k12 = pk.intercompartmentalClearanceLPerDay() / v1;
            double k21 = pk.intercompartmentalClearanceLPerDay() / pk.peripheralVolumeL();
            double sum = k10 + k12 + k21;
            double disc = Math.sqrt(sum * sum - 4 * k10 * k21);
            double alpha = (sum + disc) / 2;
            double beta = (sum - disc) / 2;
            double ca = (alpha - k21) / (v1 * (alpha - beta));
            double cb = (k21 - beta) / (v1 * (alpha - beta));
            return new PkModel(new double[] {ca, cb}, new double[] {alpha, beta});
        }
        double k = pk.clearanceLPerDay() != null ? pk.clearanceLPerDay() / v1 : Math.log(2) / pk.halfLife().days();
        if (pk.route().equals("oral")) {
            double ka = pk.absorptionRatePerDay();
            if (Math.abs(ka - k) < 1e-9 * ka) {
                ka *= 1 + 1e-6; // the Bateman function's removable singularity at ka = k
            }
            double c = pk.bioavailability() * ka / (v1 * (ka - k));
            return new PkModel(new double[] {c, -c}, new double[] {k, ka});
        }
        return new PkModel(new double[] {pk.bioavailability() / v1}, new double[] {k});
    }

    /** Concentration (mg/L) at {@code tauDays} after a single dose of {@code mg}. */
    public double concentration(double mg, double tauDays) {
        double c = 0;
        for (int i = 0; i < ratePerDay.length; i++) {
            c += coefficientPerMg[i] * Math.exp(-ratePerDay[i] * tauDays);
        }
        return mg * c;
    }

    /**
     * The average concentration (mg/L) at steady state under {@code mg} every {@code everyDays}:
     * the area under one dose's curve over the interval (superposition of exponentials).
     */
    public double averageConcentration(double mg, double everyDays) {
        double area = 0;
        for (int i = 0; i < ratePerDay.length; i++) {
            area += coefficientPerMg[i] / ratePerDay[i];
        }
        return mg * area / everyDays;
    }

    /** Terminal half-life in days (the slowest exponential with a positive coefficient). */
    public double terminalHalfLifeDays() {
        double slowest = Double.MAX_VALUE;
        for (double r : ratePerDay) {
            slowest = Math.min(slowest, r);
        }
        return Math.log(2) / slowest;
    }
}
