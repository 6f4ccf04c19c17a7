package org.her2sim.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.her2sim.experiment.SingleRun;
import org.her2sim.observe.CloneInfo;
import org.her2sim.observe.RunRecorder;
import org.her2sim.observe.Summary;

/**
 * One finished run, in memory: the tables of a run directory as typed rows (the files
 * timeseries.csv, totals.csv, drugs.csv, events.csv, mechanisms.csv and clones.csv have the
 * same columns, in snake_case) and the summary of summary.json.
 *
 * @param seed        the run's seed
 * @param summary     what summary.json holds: outcome, times to progression and resistance, escape
 * @param totals      cells per observation time, with the phase and line of therapy (totals.csv)
 * @param clonesOverTime cells per clone per observation time (timeseries.csv)
 * @param drugs       drug concentrations over time (drugs.csv)
 * @param events      treatment, progression, resistance and clone events (events.csv)
 * @param mechanisms  cells per resistance mechanism over time (mechanisms.csv)
 * @param clones      every clone ever founded: markers, parent, birth, escape (clones.csv)
 * @param directory   the run directory, when the run was written
 */
public record Run(long seed, Summary summary, List<RunRecorder.TotalRow> totals, List<RunRecorder.CloneRow> clonesOverTime,
                  List<RunRecorder.DrugRow> drugs, List<RunRecorder.EventRow> events, List<RunRecorder.MechanismRow> mechanisms,
                  List<CloneInfo> clones, Optional<Path> directory) {

    public Run {
        totals = List.copyOf(totals);
        clonesOverTime = List.copyOf(clonesOverTime);
        drugs = List.copyOf(drugs);
        events = List.copyOf(events);
        mechanisms = List.copyOf(mechanisms);
        clones = List.copyOf(clones);
    }

    static Run of(SingleRun.Result r) {
        RunRecorder rec = r.recorder();
        return new Run(r.summary().seed(), r.summary(), rec.totalRows(), rec.cloneRows(), rec.drugRows(), rec.eventRows(),
                rec.mechanismRows(), CloneInfo.of(r.model()), Optional.ofNullable(r.directory()));
    }
}
