package org.her2sim.report;

import java.util.ArrayList;
import java.util.List;
import org.her2sim.engine.EventKind;
import org.her2sim.observe.RunRecorder;

/** The treatment phases of a run as intervals, read from events.csv. */
record Phases(List<Phase> intervals) {
    /** A phase from {@code start} to {@code end} (days). */
    record Phase(String name, double start, double end, boolean treating) {
    }

    /** Phases from the "phase" events (their start times and names) up to the end of the run. */
    static Phases of(RunData data) {
        List<Phase> out = new ArrayList<>();
        List<RunRecorder.EventRow> starts = data.events().stream()
                .filter(e -> e.event() == EventKind.PHASE).toList();
        double end = data.summary().finalTimeDays();
        for (int i = 0; i < starts.size(); i++) {
            var e = starts.get(i);
            double until = i + 1 < starts.size() ? starts.get(i + 1).timeDays() : end;
            boolean treating = data.scenario().regimen().phases().stream()
                    .anyMatch(p -> p.name().equals(e.detail()) && p.givesDrugs());
            out.add(new Phase(e.detail(), e.timeDays(), until, treating));
        }
        return new Phases(out);
    }

}
