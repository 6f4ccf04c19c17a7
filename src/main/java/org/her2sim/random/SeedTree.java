package org.her2sim.random;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The seed tree: every random stream of a run is a named, index-addressed child of one seed
 * (run → "cells", "mason", replicate 7, arm 2 …), so the streams are independent of the order
 * in which they are asked for and of thread counts. Child seeds are derived with the SplitMix64
 * finaliser (Steele, Lea &amp; Flood 2014) over the parent seed and the child's name and index.
 */
public record SeedTree(long seed) {

    /** A child node of the tree. */
    public SeedTree child(String name, long index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        h = mix(h ^ index);
        return new SeedTree(h);
    }

    public SeedTree child(String name) {
        return child(name, 0);
    }

    /** The generator of this node: XoShiRo256++ (fast, 2^256 period), seeded from this node. */
    public RestorableUniformRandomProvider generator() {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    /** A 32-bit seed for MASON's own generator (it keeps only 32 bits). */
    public int masonSeed() {
        return (int) (seed ^ (seed >>> 32));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
