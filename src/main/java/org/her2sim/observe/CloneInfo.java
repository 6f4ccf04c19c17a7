package org.her2sim.observe;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.her2sim.biology.StateSpace;
import org.her2sim.engine.Lineage;
import org.her2sim.engine.TumourModel;

/**
 * One clone of a run (a row of clones.csv): its parent, founding markers, escape (how its
 * founding markers differ from the founder's), birth, peak and final size, and the escape most
 * of its cells carry at the end ({@code escape_at_end}: the founding escape plus any adaptive
 * switch since, as the composition chart and the summary name it; the founding escape if none
 * are left).
 */
@JsonPropertyOrder({"clone_id", "parent_id", "markers", "escape", "birth_time_days", "peak_cells", "final_cells", "escape_at_end"})
public record CloneInfo(int cloneId, Integer parentId, String markers, String escape, double birthTimeDays,
                        long peakCells, long finalCells, String escapeAtEnd) {

    /** The escape to draw and name the clone by: at the end when known (older run directories lack it). */
    public String shownEscape() {
        return escapeAtEnd != null && !escapeAtEnd.isEmpty() ? escapeAtEnd : escape;
    }

    /** Every clone a finished run founded, in the order they arose. */
    public static List<CloneInfo> of(TumourModel model) {
        Lineage l = model.lineage();
        StateSpace space = model.scenario().space();
        int founder = model.scenario().founder();
        // the state holding most of each clone's cells now (ties: the lower state index)
        int[] mainState = new int[l.cloneCount()];
        long[] mainCells = new long[l.cloneCount()];
        Arrays.fill(mainState, -1);
        for (int v = 0; v < l.variantCount(); v++) {
            int c = l.cloneOfVariant(v);
            long n = l.cellsOfVariant(v);
            if (n > mainCells[c] || (n > 0 && n == mainCells[c] && l.stateOfVariant(v) < mainState[c])) {
                mainCells[c] = n;
                mainState[c] = l.stateOfVariant(v);
            }
        }
        List<CloneInfo> rows = new ArrayList<>(l.cloneCount());
        for (int c = 0; c < l.cloneCount(); c++) {
            String escape = space.difference(l.foundingState(c), founder);
            String atEnd = mainState[c] < 0 ? escape : space.difference(mainState[c], founder);
            rows.add(new CloneInfo(c, l.parent(c) < 0 ? null : l.parent(c), space.label(l.foundingState(c)),
                    escape, l.birthDay(c), l.peak(c), l.cells(c), atEnd));
        }
        return rows;
    }
}
