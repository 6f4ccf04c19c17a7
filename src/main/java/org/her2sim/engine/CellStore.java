package org.her2sim.engine;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The cells of a well-mixed tumour: one int per cell (its variant, see {@link Lineage}) in a
 * growable array. No per-cell objects: 4 bytes a cell plus growth slack.
 */
public final class CellStore implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int DEAD = -1;

    int[] code;
    int size;

    public CellStore(int initialCapacity) {
        code = new int[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public long capacityBytes() {
        return 4L * code.length;
    }

    void append(int variant) {
        if (size == code.length) {
            grow(size + 1);
        }
        code[size++] = variant;
    }

    void grow(int needed) {
        long n = Math.max(needed, (long) code.length + (code.length >> 1));
        if (n > Integer.MAX_VALUE - 16) {
            throw new PopulationLimitException(size);
        }
        // growing copies the array: old and new must fit together, with room for the rest
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (4L * n > 0.8 * available) {
            System.gc();
            available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (4L * n > 0.8 * available) {
                throw new PopulationLimitException(size);
            }
        }
        code = Arrays.copyOf(code, (int) n);
    }

    /**
     * Removes the cells marked {@link #DEAD} at the listed ascending positions by moving live
     * cells from the tail into the holes: O(deaths), and order does not matter in a mixed tumour.
     */
    void removeHoles(int[] holes, int count) {
        for (int k = 0; k < count; k++) {
            int h = holes[k];
            while (size > 0 && code[size - 1] == DEAD) {
                size--;
            }
            if (h >= size) {
                continue;
            }
            code[h] = code[size - 1];
            size--;
        }
        while (size > 0 && code[size - 1] == DEAD) {
            size--;
        }
    }
}
