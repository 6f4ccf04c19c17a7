package org.her2sim.config;

/** Where a cell's rates come from: the signalling network, or written out per state (the textbook mode). */
public enum RateMode implements Choice {
    SIGNALLING, EXPLICIT;

    @Override
    public String toString() {
        return text();
    }
}
