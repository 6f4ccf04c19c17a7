package org.her2sim.biology;

import java.util.Arrays;

/**
 * What the drugs do to a cell at one moment: the effect (0–1) on each target, and which drugs
 * are being given (the textbook mode reads only that). Effects are rounded to steps of
 * {@value #RESOLUTION_INV}⁻¹ so that rates can be cached per (state, exposure): under slowly
 * changing PK most steps then reuse the previous rates. The rounding changes an effect by at
 * most 1/8192 (documented in docs/model.md).
 */
public final class Exposure {
    public static final int RESOLUTION_INV = 4096;
    private final long drugMask;
    private final short[] quantised;
    private final int hash;

    public Exposure(long drugMask, double[] effects) {
        this.drugMask = drugMask;
        quantised = new short[effects.length];
        for (int i = 0; i < effects.length; i++) {
            double e = Math.max(0, Math.min(1, effects[i]));
            quantised[i] = (short) Math.round(e * RESOLUTION_INV);
        }
        hash = 31 * Long.hashCode(drugMask) + Arrays.hashCode(quantised);
    }

    public static Exposure none(int targets) {
        return new Exposure(0L, new double[targets]);
    }

    public double effect(int target) {
        return quantised[target] / (double) RESOLUTION_INV;
    }

    public long drugMask() {
        return drugMask;
    }

    public boolean anyDrugGiven() {
        return drugMask != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Exposure e && e.drugMask == drugMask && Arrays.equals(e.quantised, quantised);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
