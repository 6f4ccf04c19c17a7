package org.her2sim.engine;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.GeometricSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.her2sim.biology.Exposure;
import org.her2sim.biology.MutationTable;
import org.her2sim.config.ConfigProblem;
import sim.field.grid.IntGrid2D;

/**
 * Cells on a bounded 2D lattice (a MASON {@link IntGrid2D} holding each site's variant + 1, 0
 * for empty). Each step every cell present at its start dies, divides, switches or does nothing
 * with the same per-step probabilities as the well-mixed engine ({@link StepTables}); a daughter
 * goes to a free Moore neighbour chosen at random. With none free, the nearest free site within
 * {@code push_distance} is found and the cells on the straight path towards it shift one site
 * outward, freeing a neighbour; with no free site that near the division does not happen
 * (contact inhibition). Clones therefore grow as patches and sectors.
 *
 * <p>For speed the cells are also a list of slots (site, variant) stepped like the well-mixed
 * engine: geometric jumps over cells without an event, so cost follows events, not cells.
 */
final class LatticeSpace implements CellSpace {
    private static final long serialVersionUID = 1L;
    private static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
    private static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};

    private final TumourModel model;
    /** What the GUI draws: variant + 1 per site, 0 for an empty site. */
    final IntGrid2D grid;
    private final int width;
    private final int height;
    private final int push;
    /** Slot of the cell at each site (x·height + y), or −1. */
    private final int[] slotOfSite;
    private int[] siteOf = new int[1024];
    private int[] variantOf = new int[1024];
    private int size;
    private boolean placed;
    private long events;
    private transient UniformRandomProvider rng;
    private transient StepTables tables;
    private transient MutationTable mutations;
    private transient int[] holes;
    private transient int[] free;
    private transient int[] ring;
    private transient int[] path;

    LatticeSpace(TumourModel model, UniformRandomProvider rng, Scenario scenario) {
        this.model = model;
        var c = scenario.config().lattice();
        width = c.width();
        height = c.height();
        push = c.pushDistance();
        grid = new IntGrid2D(width, height, 0);
        slotOfSite = new int[width * height];
        Arrays.fill(slotOfSite, -1);
        reattach(model, rng, scenario);
    }

    @Override
    public void reattach(TumourModel m, UniformRandomProvider r, Scenario scenario) {
        rng = r;
        mutations = scenario.mutations();
        tables = new StepTables(scenario.rates(), mutations, scenario.space().size());
        holes = new int[256];
        free = new int[8];
        ring = new int[8 * push];
        path = new int[push + 1];
    }

    @Override
    public void reseed(UniformRandomProvider next) {
        rng = next;
    }

    /** Cells are listed here and given sites (a disc at the centre) before the first step. */
    @Override
    public void seed(int variant, long count) {
        if (size + count > siteOf.length) {
            // the initial cells and a quarter more for growth, without a copy of twice the size
            grow((int) Math.min((long) width * height, (size + count) * 5 / 4));
        }
        for (long i = 0; i < count; i++) {
            append(-1, variant);
        }
    }

    /** Passaging has no meaning for cells in place; a lattice culture is not split. */
    @Override
    public void thin(double keep, UniformRandomProvider r, Lineage lineage) {
        throw new ConfigProblem("space", "lattice2d cannot be passaged (split); use space: well_mixed for a culture");
    }

    @Override
    public boolean individualCells() {
        return true;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long events() {
        return events;
    }

    @Override
    public long storeBytes() {
        return 4L * slotOfSite.length + 8L * siteOf.length + 4L * width * height;
    }

    /** The initial cells fill the sites nearest the centre, in random order (pre-existing clones scattered). */
    private void place() {
        placed = true;
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        // candidates: the box around a disc a little larger than the cells need
        int r = (int) Math.ceil(Math.sqrt(size / Math.PI)) + 2;
        int x0 = Math.max(0, (int) cx - r);
        int x1 = Math.min(width - 1, (int) Math.ceil(cx) + r);
        int y0 = Math.max(0, (int) cy - r);
        int y1 = Math.min(height - 1, (int) Math.ceil(cy) + r);
        if ((long) (x1 - x0 + 1) * (y1 - y0 + 1) < size) {
            // an elongated lattice: every site is a candidate
            x0 = 0;
            x1 = width - 1;
            y0 = 0;
            y1 = height - 1;
        }
        long[] nearest = byDistance(x0, x1, y0, y1);
        int rows = y1 - y0 + 1;
        // shuffle the cells over the disc (Fisher–Yates over slots)
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = variantOf[i];
            variantOf[i] = variantOf[j];
            variantOf[j] = t;
        }
        for (int i = 0; i < size; i++) {
            int k = (int) nearest[i]; // the candidate's place in the box, x-major
            put(i, (x0 + k / rows) * height + y0 + k % rows);
        }
    }

    /**
     * The box's sites nearest the centre first, ties in box order (x-major): each key is four
     * times the squared distance (a whole number, the centre being on a half-site) above the
     * site's place in the box, so one primitive sort orders them (no boxing: 8 bytes a site).
     */
    private long[] byDistance(int x0, int x1, int y0, int y1) {
        int rows = y1 - y0 + 1;
        long[] keys = new long[(x1 - x0 + 1) * rows];
        int n = 0;
        for (int x = x0; x <= x1; x++) {
            long dx = 2L * x - (width - 1);
            for (int y = y0; y <= y1; y++) {
                long dy = 2L * y - (height - 1);
                keys[n] = (dx * dx + dy * dy) << 32 | n;
                n++;
            }
        }
        Arrays.sort(keys);
        return keys;
    }

    /** Places the initial cells now (as the first step would, with the same draws): for a picture of day 0. */
    void placeIfNeeded() {
        if (!placed) {
            place();
        }
    }

    @Override
    public void step(double t, double dt, Exposure exposure, double crowding) {
        placeIfNeeded();
        double pMax = tables.build(model.lineage, dt, exposure, crowding);
        if (pMax <= 0) {
            return;
        }
        final int n0 = size;
        int holeCount = 0;
        SharedStateDiscreteSampler gap = GeometricSampler.of(rng, Math.min(pMax, 1));
        long i = gap.sample();
        while (i < n0) {
            holeCount = act((int) i, rng.nextDouble() * pMax, t, holeCount);
            i += 1L + gap.sample();
        }
        removeHoles(holeCount);
    }

    /** The cell in slot {@code i} has a candidate event with uniform {@code u} in [0, p_max). */
    private int act(int i, double u, double t, int holeCount) {
        int v = variantOf[i];
        Lineage lineage = model.lineage;
        int s = lineage.variantStates()[v];
        if (u >= tables.event[s]) {
            return holeCount;
        }
        events++;
        if (u < tables.death[s]) {
            int site = siteOf[i];
            slotOfSite[site] = -1;
            grid.field[site / height][site % height] = 0;
            variantOf[i] = -1;
            lineage.add(v, -1);
            if (holeCount == holes.length) {
                holes = Arrays.copyOf(holes, holes.length * 2);
            }
            holes[holeCount++] = i;
        } else if (u < tables.divide[s]) {
            int target = makeRoom(siteOf[i]);
            if (target < 0) {
                return holeCount; // no room within push_distance: the division does not happen
            }
            int clone = lineage.variantClones()[v];
            int first = CellFates.daughter(model, tables, rng, v, s, clone, t);
            if (first != v) {
                setVariant(i, first);
                lineage.add(v, -1);
                lineage.add(first, 1);
            }
            int second = CellFates.daughter(model, tables, rng, v, s, clone, t);
            append(target, second);
            lineage.add(second, 1);
        } else {
            int w = CellFates.switched(lineage, tables, v, s, u);
            setVariant(i, w);
            lineage.add(v, -1);
            lineage.add(w, 1);
        }
        return holeCount;
    }

    /** A free site next to {@code site} for a daughter, pushing cells outward if needed; −1 if none. */
    private int makeRoom(int site) {
        int x = site / height;
        int y = site % height;
        int n = 0;
        for (int k = 0; k < 8; k++) {
            int nx = x + DX[k];
            int ny = y + DY[k];
            if (nx >= 0 && ny >= 0 && nx < width && ny < height && slotOfSite[nx * height + ny] < 0) {
                free[n++] = nx * height + ny;
            }
        }
        if (n > 0) {
            return free[n == 1 ? 0 : rng.nextInt(n)];
        }
        // the nearest free sites by Chebyshev distance r = 2 … push_distance; one at random
        for (int r = 2; r <= push; r++) {
            int m = 0;
            for (int dx = -r; dx <= r; dx++) {
                for (int dy = -r; dy <= r; dy++) {
                    if (Math.max(Math.abs(dx), Math.abs(dy)) != r) {
                        continue;
                    }
                    int nx = x + dx;
                    int ny = y + dy;
                    if (nx >= 0 && ny >= 0 && nx < width && ny < height && slotOfSite[nx * height + ny] < 0) {
                        ring[m++] = nx * height + ny;
                    }
                }
            }
            if (m > 0) {
                return pushTowards(x, y, ring[m == 1 ? 0 : rng.nextInt(m)]);
            }
        }
        return -1;
    }

    /**
     * Shifts the cells on the path from (x, y) to the free site one step outward along it (each
     * step a Moore move towards the target) and returns the freed site next to (x, y).
     */
    private int pushTowards(int x, int y, int empty) {
        int ex = empty / height;
        int ey = empty % height;
        int r = Math.max(Math.abs(ex - x), Math.abs(ey - y));
        path[0] = x * height + y;
        for (int j = 1; j <= r; j++) {
            // Bresenham-like: advance the longer axis every step, the shorter in proportion
            int px = x + (int) Math.round((ex - x) * (double) j / r);
            int py = y + (int) Math.round((ey - y) * (double) j / r);
            path[j] = px * height + py;
        }
        for (int j = r; j >= 2; j--) {
            move(slotOfSite[path[j - 1]], path[j]);
        }
        return path[1];
    }

    private void move(int slot, int to) {
        int from = siteOf[slot];
        slotOfSite[from] = -1;
        grid.field[from / height][from % height] = 0;
        put(slot, to);
    }

    private void put(int slot, int site) {
        siteOf[slot] = site;
        slotOfSite[site] = slot;
        grid.field[site / height][site % height] = variantOf[slot] + 1;
    }

    private void grow(int capacity) {
        siteOf = Arrays.copyOf(siteOf, capacity);
        variantOf = Arrays.copyOf(variantOf, capacity);
    }

    private void setVariant(int slot, int variant) {
        variantOf[slot] = variant;
        int site = siteOf[slot];
        grid.field[site / height][site % height] = variant + 1;
    }

    private void append(int site, int variant) {
        if (size == siteOf.length) {
            // by half again (at most one cell a site: never more slots than the lattice has sites)
            grow((int) Math.min((long) width * height, Math.max(1024, size + size / 2)));
        }
        variantOf[size] = variant;
        if (site >= 0) {
            put(size, site);
        }
        size++;
    }

    /** Moves tail cells into the slots of the dead (their sites are unchanged). */
    private void removeHoles(int count) {
        for (int k = count - 1; k >= 0; k--) {
            int h = holes[k];
            int last = size - 1;
            if (h != last) {
                variantOf[h] = variantOf[last];
                siteOf[h] = siteOf[last];
                slotOfSite[siteOf[h]] = h;
            }
            size--;
        }
    }
}
