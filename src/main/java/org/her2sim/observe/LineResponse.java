package org.her2sim.observe;

import java.io.Serializable;
import org.her2sim.config.SimulationConfig.OutcomeConfig;

/**
 * The best overall response on one line of therapy, RECIST-like (brief §6): at each assessment
 * the burden against the line's baseline — complete response (below the detection limit),
 * partial response (≤ {@code response_factor} × baseline, a 30 % smaller diameter) — confirmed
 * when it still holds at every assessment until at least {@code confirm_response} later; stable
 * disease once an assessment at least {@code stable_disease_min} after the line's start finds no
 * progression. A tumour that died out stays a complete response.
 */
final class LineResponse implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double startDay;
    private final double baseline;
    private double crSince = Double.NaN;
    private double prSince = Double.NaN;
    private boolean crConfirmed;
    private boolean prConfirmed;
    private boolean stable;

    LineResponse(double startDay, double baseline) {
        this.startDay = startDay;
        this.baseline = baseline;
    }

    /** An assessment before the line's progression-free survival ended. */
    void assess(double day, double burden, OutcomeConfig c) {
        double confirm = c.confirmResponse().days();
        boolean cr = burden < c.detectionLimitCells();
        boolean pr = cr || burden <= c.responseFactor() * baseline;
        if (cr) {
            crSince = Double.isNaN(crSince) ? day : crSince;
            crConfirmed |= day - crSince >= confirm - 1e-9;
        } else {
            crSince = Double.NaN;
        }
        if (pr) {
            prSince = Double.isNaN(prSince) ? day : prSince;
            prConfirmed |= day - prSince >= confirm - 1e-9;
        } else {
            prSince = Double.NaN;
        }
        if (day - startDay >= c.stableDiseaseMin().days() - 1e-9) {
            stable = true;
        }
    }

    /** The tumour died out: it cannot come back, so its complete response stands confirmed. */
    void extinct() {
        crConfirmed = true;
        prConfirmed = true;
        stable = true;
    }

    /** CR, PR, SD, PD (progression-free survival ended before stable disease), or NE (not evaluable). */
    String best(boolean eventBeforeStable) {
        if (crConfirmed) {
            return "CR";
        }
        if (prConfirmed) {
            return "PR";
        }
        if (stable) {
            return "SD";
        }
        return eventBeforeStable ? "PD" : "NE";
    }
}
