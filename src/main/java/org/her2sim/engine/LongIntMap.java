package org.her2sim.engine;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A map from non-negative long keys to ints, open addressing with linear probing. The lineage
 * looks up a variant (clone, state) on every adaptive switch and the clone engine a mutant's
 * child clone on every placement; a {@code HashMap<Long, Integer>} boxed the key and chased a
 * node each time, which showed in profiles of both engines. No removal: lineages only grow.
 */
final class LongIntMap implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long EMPTY = -1;
    private long[] keys;
    private int[] values;
    private int size;
    private int shift;

    LongIntMap() {
        keys = new long[16];
        values = new int[16];
        Arrays.fill(keys, EMPTY);
        shift = 64 - 4;
    }

    /** The value of {@code key}, or {@code missing}. */
    int get(long key, int missing) {
        for (int i = slot(key); ; i = (i + 1) & (keys.length - 1)) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return missing;
            }
        }
    }

    /** Sets {@code key} to {@code value}. */
    void put(long key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative key " + key);
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int i = slot(key);
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & (keys.length - 1);
        }
        if (keys[i] == EMPTY) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        // Fibonacci hashing: the high bits of key × 2^64/φ
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldValues.length * 2];
        Arrays.fill(keys, EMPTY);
        shift--;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
