package org.her2sim.pharmacology;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A drug compiled for a scenario: its mask bit, its targets with Hill parameters (IC50 in mg/L),
 * its PK (null when none is given), its infusion time (0: a bolus), the fraction of it that is
 * free (unbound) and the fraction of the plasma concentration that reaches the tumour in vivo.
 */
public record Drug(String name, int bit, String drugClass, int[] targets, double[] emax, double[] ic50MgPerL,
                   double[] hill, PkModel pk, double infusionDays, double fractionUnbound, double tumourPenetration,
                   double molarMassGPerMol)
        implements Serializable {

    /** Hill effect E = Emax·Cʰ/(Cʰ + IC50ʰ) on the i-th target at concentration {@code c} mg/L. */
    public double effect(int i, double c) {
        if (c <= 0) {
            return 0;
        }
        double x = Math.pow(c / ic50MgPerL[i], hill[i]);
        return emax[i] * x / (1 + x);
    }

    /** The fraction of the plasma concentration that acts on tumour cells in vivo. */
    public double actingFraction() {
        return fractionUnbound * tumourPenetration;
    }

    public List<Integer> targetList() {
        return Arrays.stream(targets).boxed().toList();
    }
}
