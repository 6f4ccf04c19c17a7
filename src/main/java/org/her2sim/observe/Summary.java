package org.her2sim.observe;

import java.util.Map;
import org.her2sim.engine.StopReason;

/**
 * The outcome of one run, written as summary.json (snake_case). Times are days since the start
 * of the simulation; {@code time_to_*} fields are days since treatment began. Null where an
 * event did not happen.
 */
public record Summary(
        String scenario,
        long seed,
        String engine,
        StopReason stopReason,
        double finalTimeDays,
        long finalCells,
        boolean extinct,
        Double extinctionTimeDays,
        Double treatmentStartDays,
        Double baselineCells,
        Double nadirCells,
        Double nadirTimeDays,
        String bestResponse,
        Double progressionTimeDays,
        Double timeToProgressionDays,
        Double resistanceTimeDays,
        Double timeToResistanceDays,
        String dominantEscape,
        String escapeOrigin,
        Map<String, Double> cumulativeDose,
        double daysOnTreatment,
        int clonesEver,
        long cellUpdates,
        double wallSeconds,
        String version,
        String configSha256) {

    static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
