package org.her2sim.observe;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.her2sim.biology.StateSpace;
import org.her2sim.engine.Lineage;
import org.her2sim.engine.TumourModel;

/** One clone of a run (a row of clones.csv): its parent, founding markers, escape, birth, peak and final size. */
@JsonPropertyOrder({"clone_id", "parent_id", "markers", "escape", "birth_time_days", "peak_cells", "final_cells"})
public record CloneInfo(int cloneId, Integer parentId, String markers, String escape, double birthTimeDays,
                        long peakCells, long finalCells) {

    /** Every clone a finished run founded, in the order they arose. */
    public static List<CloneInfo> of(TumourModel model) {
        Lineage l = model.lineage();
        StateSpace space = model.scenario().space();
        int founder = model.scenario().founder();
        List<CloneInfo> rows = new ArrayList<>(l.cloneCount());
        for (int c = 0; c < l.cloneCount(); c++) {
            rows.add(new CloneInfo(c, l.parent(c) < 0 ? null : l.parent(c), space.label(l.foundingState(c)),
                    space.difference(l.foundingState(c), founder), l.birthDay(c), l.peak(c), l.cells(c)));
        }
        return rows;
    }
}
