package org.her2sim.pharmacology;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A drug compiled for a scenario: its mask bit, its targets with Hill parameters (IC50 in mg/L),
 * its PK (null when none is given), its infusion time (0: a bolus), the fraction of it that is
 * free (unbound) and the fraction of the plasma concentration that reaches the tumour in vivo.
 */
public record Drug(String name, int bit, String drugClass, int[] targets, double[] emax, double[] ic50MgPerL,
                   double[] hill, PkModel pk, double infusionDays, double fractionUnbound, double tumourPenetration,
                   double molarMassGPerMol)
        implements Serializable {

    /** The arrays are copied in and out: a drug cannot be changed once compiled, and equal drugs are equal. */
    public Drug {
        targets = targets.clone();
        emax = emax.clone();
        ic50MgPerL = ic50MgPerL.clone();
        hill = hill.clone();
    }

    @Override
    public int[] targets() {
        return targets.clone();
    }

    @Override
    public double[] emax() {
        return emax.clone();
    }

    @Override
    public double[] ic50MgPerL() {
        return ic50MgPerL.clone();
    }

    @Override
    public double[] hill() {
        return hill.clone();
    }

    /** How many targets the drug acts on; {@link #target(int)} names the i-th (without copying, for the rate loops). */
    public int targetCount() {
        return targets.length;
    }

    public int target(int i) {
        return targets[i];
    }

    public double emax(int i) {
        return emax[i];
    }

    public double ic50MgPerL(int i) {
        return ic50MgPerL[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Drug d && name.equals(d.name) && bit == d.bit && Objects.equals(drugClass, d.drugClass)
                && Arrays.equals(targets, d.targets) && Arrays.equals(emax, d.emax) && Arrays.equals(ic50MgPerL, d.ic50MgPerL)
                && Arrays.equals(hill, d.hill) && Objects.equals(pk, d.pk) && Double.compare(infusionDays, d.infusionDays) == 0
                && Double.compare(fractionUnbound, d.fractionUnbound) == 0 && Double.compare(tumourPenetration, d.tumourPenetration) == 0
                && Double.compare(molarMassGPerMol, d.molarMassGPerMol) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, bit, drugClass, Arrays.hashCode(targets), Arrays.hashCode(emax), Arrays.hashCode(ic50MgPerL),
                Arrays.hashCode(hill), pk, infusionDays, fractionUnbound, tumourPenetration, molarMassGPerMol);
    }

    @Override
    public String toString() {
        return "Drug[" + name + ", targets " + Arrays.toString(targets) + ", emax " + Arrays.toString(emax) + ", IC50 mg/L "
                + Arrays.toString(ic50MgPerL) + ", hill " + Arrays.toString(hill) + "]";
    }

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
