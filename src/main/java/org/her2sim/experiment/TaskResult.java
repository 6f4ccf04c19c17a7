package org.her2sim.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.her2sim.engine.EventKind;
import org.her2sim.observe.RunRecorder;
import org.her2sim.observe.Summary;

/**
 * What one finished task leaves in {@code tasks/NNNNNN.json}: which task it was (arm, point,
 * replicate, seed, the overrides that rebuild its configuration), its summary, and its
 * treatment phases (for the swimmer plot).
 */
public record TaskResult(int taskId, String arm, int point, int replicate, long seed, Map<String, String> parameters,
                         List<String> overrides, Summary summary, List<PhaseSpan> phases) {

    public TaskResult {
        phases = phases == null ? List.of() : List.copyOf(phases);
    }

    /** A phase of the run, in days since the start; whether it gave drugs. */
    public record PhaseSpan(String name, double startDays, double endDays, boolean treating) {
    }

    /** The phases of a finished run, from its phase events and the phases' drugs. */
    static List<PhaseSpan> phasesOf(SingleRun.Result r) {
        List<RunRecorder.EventRow> starts = r.recorder().eventRows().stream()
                .filter(e -> e.event() == EventKind.PHASE).toList();
        List<PhaseSpan> out = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            var e = starts.get(i);
            double end = i + 1 < starts.size() ? starts.get(i + 1).timeDays() : r.summary().finalTimeDays();
            boolean treating = r.model().scenario().regimen().phases().stream()
                    .anyMatch(p -> p.name().equals(e.detail()) && p.givesDrugs());
            if (end > e.timeDays()) {
                out.add(new PhaseSpan(e.detail(), e.timeDays(), end, treating));
            }
        }
        return out;
    }
}
