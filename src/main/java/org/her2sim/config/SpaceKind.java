package org.her2sim.config;

/** Where cells live: one well-mixed pool, or the sites of a 2D lattice. */
public enum SpaceKind implements Choice {
    WELL_MIXED, LATTICE2D;

    @Override
    public String toString() {
        return text();
    }
}
