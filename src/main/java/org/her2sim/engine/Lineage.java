package org.her2sim.engine;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Clones and their variants. A clone is a lineage founded by one mutant cell (or present at the
 * start): its parent, birth time and founding state. A variant is a (clone, current state) pair —
 * cells of one clone differ only by reversible adaptive states — and is what each cell stores:
 * one int. Counts per variant, clone and state are kept incrementally.
 */
public final class Lineage implements Serializable {
    private static final long serialVersionUID = 1L;

    private int clones;
    private int[] cloneParent = new int[16];
    private int[] cloneState = new int[16];
    private double[] cloneBirth = new double[16];
    private long[] cloneCount = new long[16];
    private long[] clonePeak = new long[16];

    private int variants;
    private int[] variantClone = new int[16];
    private int[] variantState = new int[16];
    private long[] variantCount = new long[16];
    private final LongIntMap variantIndex = new LongIntMap();

    private final long[] stateCount;

    public Lineage(int states) {
        stateCount = new long[states];
    }

    /** Founds a clone; returns its id. Parent -1 for clones present at the start. */
    public int newClone(int parent, int state, double birthDay) {
        if (clones == cloneParent.length) {
            int n = clones * 2;
            cloneParent = Arrays.copyOf(cloneParent, n);
            cloneState = Arrays.copyOf(cloneState, n);
            cloneBirth = Arrays.copyOf(cloneBirth, n);
            cloneCount = Arrays.copyOf(cloneCount, n);
            clonePeak = Arrays.copyOf(clonePeak, n);
        }
        cloneParent[clones] = parent;
        cloneState[clones] = state;
        cloneBirth[clones] = birthDay;
        return clones++;
    }

    /** The variant of {@code clone} in {@code state}, created on first use. */
    public int variant(int clone, int state) {
        long key = ((long) clone << 32) | state;
        int v = variantIndex.get(key, -1);
        if (v >= 0) {
            return v;
        }
        if (variants == variantClone.length) {
            int n = variants * 2;
            variantClone = Arrays.copyOf(variantClone, n);
            variantState = Arrays.copyOf(variantState, n);
            variantCount = Arrays.copyOf(variantCount, n);
        }
        variantClone[variants] = clone;
        variantState[variants] = state;
        variantIndex.put(key, variants);
        return variants++;
    }

    void add(int variant, long n) {
        variantCount[variant] += n;
        cloneCount[variantClone[variant]] += n;
        stateCount[variantState[variant]] += n;
    }

    /** Records peaks; called at observations, so a peak is the largest observed size. */
    void updatePeaks() {
        for (int c = 0; c < clones; c++) {
            if (cloneCount[c] > clonePeak[c]) {
                clonePeak[c] = cloneCount[c];
            }
        }
    }

    public int cloneCount() {
        return clones;
    }

    public int variantCount() {
        return variants;
    }

    public int stateOfVariant(int v) {
        return variantState[v];
    }

    public int cloneOfVariant(int v) {
        return variantClone[v];
    }

    public long cellsOfVariant(int v) {
        return variantCount[v];
    }

    public int parent(int clone) {
        return cloneParent[clone];
    }

    public int foundingState(int clone) {
        return cloneState[clone];
    }

    public double birthDay(int clone) {
        return cloneBirth[clone];
    }

    public long cells(int clone) {
        return cloneCount[clone];
    }

    public long peak(int clone) {
        return clonePeak[clone];
    }

    public long cellsInState(int state) {
        return stateCount[state];
    }

    public int states() {
        return stateCount.length;
    }

    /** The state table for the hot loop (read-only use). */
    int[] variantStates() {
        return variantState;
    }

    int[] variantClones() {
        return variantClone;
    }
}
