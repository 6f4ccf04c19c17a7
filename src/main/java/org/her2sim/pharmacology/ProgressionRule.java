package org.her2sim.pharmacology;

import java.io.Serializable;

/**
 * RECIST-like progression on the burden (brief §6). The tumour is read as a sphere of
 * {@code cellsPerCm3} cells per cm³, so its diameter grows as cells^(1/3): progression is a
 * diameter 20 % above the nadir ({@code factor} = 1.2³ = 1.728 in cells) and, when
 * {@code minIncreaseMm} > 0, also at least that many mm above it (RECIST 1.1 asks for 5 mm). The
 * nadir is floored at the detection limit, so regrowth from below what imaging sees is measured
 * from that limit.
 */
public record ProgressionRule(double factor, double detectionLimitCells, double cellsPerCm3, double minIncreaseMm)
        implements Serializable {

    public ProgressionRule(double factor, double detectionLimitCells) {
        this(factor, detectionLimitCells, 1e9, 0);
    }

    public boolean progressed(double burden, double nadir) {
        double reference = Math.max(nadir, detectionLimitCells);
        if (!(burden > 0 && burden >= factor * reference)) {
            return false;
        }
        return minIncreaseMm <= 0 || diameterMm(burden) - diameterMm(reference) >= minIncreaseMm;
    }

    /** The diameter (mm) of a sphere holding {@code cells} cells: d = (6V/π)^(1/3), V = cells / cellsPerCm3 cm³. */
    public double diameterMm(double cells) {
        return 10 * Math.cbrt(6 * (cells / cellsPerCm3) / Math.PI);
    }
}
