package org.her2sim.engine;

import java.io.Serializable;
import org.apache.commons.rng.UniformRandomProvider;
import org.her2sim.biology.Exposure;

/**
 * How a tumour's cells are held and stepped: the seam between the model's clock and the
 * arrangement of cells. {@link WellMixedSpace} holds exchangeable cells in one array; a spatial
 * arrangement (a lattice) implements the same interface.
 */
interface CellSpace extends Serializable {
    /** Adds {@code count} cells of a variant at time zero. */
    void seed(int variant, long count);

    /** Advances every cell present at time {@code t} by one step of {@code dt} days. */
    void step(double t, double dt, Exposure exposure, double crowding);

    long size();

    /**
     * Whether a step updates each cell (agent engines) rather than drawing each variant's births,
     * deaths and mutations from its count (the clone engine): what a step's work is counted in.
     */
    boolean individualCells();

    /** After a checkpoint is read: rebuilds what is not stored (tables, the stream's object). */
    void reattach(TumourModel model, UniformRandomProvider rng, Scenario scenario);

    /** Continues with another random stream (a paired arm's own stream after diagnosis). */
    void reseed(UniformRandomProvider rng);

    /**
     * Keeps each cell independently with probability {@code keep} (a culture split at passage);
     * the removed cells leave the lineage's counts.
     */
    void thin(double keep, UniformRandomProvider rng, Lineage lineage);

    /** Bytes held for the cells (for benchmarks). */
    long storeBytes();

    /** Cell events (divisions, deaths, switches) since this space was built or resumed; 0 where cells are not kept one by one. */
    default long events() {
        return 0;
    }
}
