package org.her2sim.engine;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.her2sim.biology.Exposure;

/** Exchangeable cells of a well-mixed tumour: a {@link CellStore} stepped by {@link CellStep}. */
final class WellMixedSpace implements CellSpace {
    private static final long serialVersionUID = 1L;
    private final CellStore cells;
    // per-step tables and the random stream are rebuilt after a checkpoint (reattach)
    private transient CellStep step;

    WellMixedSpace(TumourModel model, UniformRandomProvider rng, Scenario scenario, long initialCells) {
        cells = new CellStore((int) Math.min(Integer.MAX_VALUE - 16, initialCells * 2));
        step = new CellStep(model, cells, rng, scenario);
    }

    @Override
    public void seed(int variant, long count) {
        for (long i = 0; i < count; i++) {
            cells.append(variant);
        }
    }

    @Override
    public void step(double t, double dt, Exposure exposure, double crowding) {
        step.step(t, dt, exposure, crowding);
    }

    @Override
    public void reattach(TumourModel model, UniformRandomProvider rng, Scenario scenario) {
        step = new CellStep(model, cells, rng, scenario);
    }

    @Override
    public void reseed(UniformRandomProvider rng) {
        step.reseed(rng);
    }

    @Override
    public void thin(double keep, UniformRandomProvider rng, Lineage lineage) {
        int[] holes = new int[16];
        int count = 0;
        for (int i = 0; i < cells.size; i++) {
            if (rng.nextDouble() >= keep) {
                lineage.add(cells.code[i], -1);
                cells.code[i] = CellStore.DEAD;
                if (count == holes.length) {
                    holes = Arrays.copyOf(holes, count * 2);
                }
                holes[count++] = i;
            }
        }
        cells.removeHoles(holes, count);
    }

    @Override
    public boolean individualCells() {
        return true;
    }

    @Override
    public long size() {
        return cells.size;
    }

    @Override
    public long events() {
        return step.events;
    }

    @Override
    public long storeBytes() {
        return cells.capacityBytes();
    }
}
