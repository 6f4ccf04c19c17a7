package org.her2sim.pharmacology;

/**
 * RECIST-like progression on the cell count (brief §6): progression when the burden reaches
 * {@code factor} (1.728 = +20 % in diameter) times the nadir, the nadir being floored at the
 * detection limit so that regrowth from below what imaging sees is measured from that limit.
 */
public record ProgressionRule(double factor, double detectionLimitCells) implements java.io.Serializable {

    public boolean progressed(double burden, double nadir) {
        double reference = Math.max(nadir, detectionLimitCells);
        return burden > 0 && burden >= factor * reference;
    }
}
