package org.her2sim.observe;

import java.util.List;
import java.util.Map;
import org.her2sim.engine.StopReason;

/**
 * The outcome of one run, written as summary.json (snake_case); every field is defined in
 * docs/cli.md. Times named {@code *_time_days} are days since the start of the simulation;
 * {@code time_to_*}, {@code pfs_days}, {@code ttf_days} and {@code os_days} are days since
 * treatment began (a line's PFS: since the line began). Null where an event did not happen or
 * a value does not apply; an endpoint's {@code *_event} is false when it is censored.
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
        Double followUpEndDays,
        Double baselineCells,
        Double nadirCells,
        Double nadirTimeDays,
        Double log10KillNadir,
        String bestResponse,
        Boolean objectiveResponse,
        Boolean clinicalBenefit,
        Double progressionTimeDays,
        Double timeToProgressionDays,
        Double pfsDays,
        Boolean pfsEvent,
        Double ttfDays,
        Boolean ttfEvent,
        String ttfReason,
        Double osDays,
        Boolean osEvent,
        Double resistanceTimeDays,
        Double timeToResistanceDays,
        String dominantEscape,
        String escapeOrigin,
        List<Line> lines,
        List<Readout> readouts,
        Map<String, Map<String, Long>> markerCells,
        Map<String, Double> cumulativeDose,
        double daysOnTreatment,
        int clonesEver,
        long cellUpdates,
        long variantSteps,
        double wallSeconds,
        String version,
        String configSha256) {

    public Summary {
        lines = lines == null ? List.of() : List.copyOf(lines);
        readouts = readouts == null ? List.of() : List.copyOf(readouts);
        markerCells = markerCells == null ? Map.of() : markerCells;
    }

    /**
     * One line of therapy: when it began, its drugs, baseline and nadir, best response, its
     * progression-free survival (to progression, failure on a holiday, the lethal burden or the
     * ceiling, whichever first; censored when the next line began without one, or at the end of
     * follow-up) and how the line ended.
     */
    public record Line(int line, double startDays, String drugs, double baselineCells, double nadirCells, double nadirTimeDays,
                       String bestResponse, boolean objectiveResponse, boolean clinicalBenefit, double pfsDays, boolean pfsEvent,
                       String end) {
    }

    /**
     * A readout a fixed time after treatment start: the cells then, the log10 kill from the
     * baseline, whether the residual tumour is below the pCR threshold, and the response then.
     * Cells are null when the run ended before the readout with cells left (ceiling, lethal burden).
     */
    public record Readout(String name, double afterTreatmentDays, Long cells, Double log10Kill, boolean pcr, String response) {
    }

    /** The same outcome without what varies between runs of one task (the wall-clock time), for comparing results. */
    public Summary withoutRunInfo() {
        return new Summary(scenario, seed, engine, stopReason, finalTimeDays, finalCells, extinct, extinctionTimeDays, treatmentStartDays,
                followUpEndDays, baselineCells, nadirCells, nadirTimeDays, log10KillNadir, bestResponse, objectiveResponse, clinicalBenefit,
                progressionTimeDays, timeToProgressionDays, pfsDays, pfsEvent, ttfDays, ttfEvent, ttfReason, osDays, osEvent,
                resistanceTimeDays, timeToResistanceDays, dominantEscape, escapeOrigin, lines, readouts, markerCells, cumulativeDose,
                daysOnTreatment, clonesEver, cellUpdates, variantSteps, 0, version, configSha256);
    }

    static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
