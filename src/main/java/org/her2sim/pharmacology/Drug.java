package org.her2sim.pharmacology;

import java.util.List;

/**
 * A drug compiled for a scenario: its mask bit, its targets with Hill parameters (IC50 in mg/L),
 * its PK (null when none is given), its infusion time (0: a bolus) and the fraction of it that
 * is free to act in vivo.
 */
public record Drug(String name, int bit, String drugClass, int[] targets, double[] emax, double[] ic50MgPerL,
                   double[] hill, PkModel pk, double infusionDays, double fractionUnbound, double molarMassGPerMol)
        implements java.io.Serializable {

    /** Hill effect E = Emax·Cʰ/(Cʰ + IC50ʰ) on the i-th target at concentration {@code c} mg/L. */
    public double effect(int i, double c) {
        if (c <= 0) {
            return 0;
        }
        double x = Math.pow(c / ic50MgPerL[i], hill[i]);
        return emax[i] * x / (1 + x);
    }

    public List<Integer> targetList() {
        return java.util.Arrays.stream(targets).boxed().toList();
    }
}
