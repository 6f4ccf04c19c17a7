package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigException;
import org.her2sim.experiment.SingleRun;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;
import sim.field.grid.IntGrid2D;

/**
 * The lattice engine runs the well-mixed process wherever space does not constrain it, and
 * differs where it must: divisions blocked inside a dense patch, clones in patches.
 * Acceptance regions as in BranchingTheoryTest (central 1 − 1e-4); KS comparisons at
 * α = 0.001 with N = 400 runs per engine detect a CDF difference of 0.19 with power ≥ 0.9
 * (critical distance 1.95·√(2/400) = 0.138, plus 1.28 × the ≤ 0.035 standard deviation).
 */
class LatticeEngineTest {
    private static final SeedTree SEEDS = new SeedTree(404);
    private static final double Z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - 1e-4 / 2);
    private static final String[] LATTICE = {"space=lattice2d", "engine=agent", "lattice.width=120", "lattice.height=120"};

    private static Scenario textbook(String... more) {
        String[] all = Arrays.copyOf(LATTICE, LATTICE.length + more.length);
        System.arraycopy(more, 0, all, LATTICE.length, more.length);
        return Scenarios.compile(Scenarios.testScenario("textbook.yaml"), all);
    }

    @Test
    void theInitialCellsFillTheSitesNearestTheCentreTiesInBoxOrder() {
        // square (odd and even sides, the centre on a site or between four) and elongated lattices
        int[][] cases = {{41, 41, 1000}, {40, 41, 999}, {40, 40, 1256}, {10, 200, 1500}};
        for (int[] c : cases) {
            int w = c[0];
            int h = c[1];
            int n = c[2];
            Scenario s = textbook("lattice.width=" + w, "lattice.height=" + h, "tumour.initial_cells=" + n, "stop.max_cells=1e6");
            TumourModel m = new TumourModel(s, 5, null);
            m.start();
            m.placeInitialCells();
            java.util.Set<Integer> occupied = new java.util.HashSet<>();
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < h; y++) {
                    if (m.latticeGrid().field[x][y] != 0) {
                        occupied.add(x * h + y);
                    }
                }
            }
            // the reference: every candidate of the box (or the whole lattice when the box is too
            // small) sorted by distance to the centre, a stable sort keeping the box's x-major order
            double cx = (w - 1) / 2.0;
            double cy = (h - 1) / 2.0;
            int r = (int) Math.ceil(Math.sqrt(n / Math.PI)) + 2;
            int x0 = Math.max(0, (int) cx - r);
            int x1 = Math.min(w - 1, (int) Math.ceil(cx) + r);
            int y0 = Math.max(0, (int) cy - r);
            int y1 = Math.min(h - 1, (int) Math.ceil(cy) + r);
            if ((x1 - x0 + 1) * (y1 - y0 + 1) < n) {
                x0 = 0;
                x1 = w - 1;
                y0 = 0;
                y1 = h - 1;
            }
            java.util.List<Integer> box = new java.util.ArrayList<>();
            for (int x = x0; x <= x1; x++) {
                for (int y = y0; y <= y1; y++) {
                    box.add(x * h + y);
                }
            }
            box.sort(java.util.Comparator.comparingDouble(site -> Math.pow(site / h - cx, 2) + Math.pow(site % h - cy, 2)));
            assertEquals(new java.util.HashSet<>(box.subList(0, n)), occupied, w + "x" + h + " with " + n + " cells");
        }
    }

    @Test
    void lineageOfOneCellDiesOutWithProbabilityDOverB() {
        // a small lineage always has free neighbours: extinction probability d/b = 0.5
        Scenario s = textbook();
        int n = 4000;
        int extinct = 0;
        for (int i = 0; i < n; i++) {
            if (SingleRun.simulate(s, SEEDS.child("extinction", i).seed()).summary().extinct()) {
                extinct++;
            }
        }
        BranchingTheoryTest.assertBinomial(extinct, n, 0.5, "extinct lineages on the lattice");
    }

    @Test
    void anUnconstrainedLatticeGrowsAsTheWellMixedTumour() {
        // pushing up to 50 sites reaches the edge of any patch smaller than 100 sites across, so
        // no division is blocked: mean growth N0·e^{(b−d)t} and the resistant-count distribution
        // of the well-mixed engine
        String[] common = {"tumour.initial_cells=200", "biology.explicit.0.division_per_day=0.7", "biology.explicit.0.death_per_day=0.3",
            "biology.explicit.1.division_per_day=0.9", "biology.explicit.1.death_per_day=0.3",
            "biology.markers.0.mutations=[{from: sensitive, to: resistant, probability: 5e-3}]", "time.max=5d", "stop.max_cells=1e6"};
        String[] lattice = Arrays.copyOf(common, common.length + 1);
        lattice[common.length] = "lattice.push_distance=50";
        Scenario onLattice = textbook(lattice);
        Scenario mixed = Scenarios.compile(Scenarios.testScenario("textbook.yaml"), common);
        int resistant = onLattice.space().encode(Map.of("type", "resistant"), "t");
        int n = 400;
        double[] latticeResistant = new double[n];
        double[] mixedResistant = new double[n];
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            SingleRun.Result r = SingleRun.simulate(onLattice, SEEDS.child("lattice", i).seed());
            assertGridMatchesCells(r.model());
            long sensitive = r.model().lineage().cellsInState(1 - resistant);
            sum += sensitive;
            sumSq += (double) sensitive * sensitive;
            latticeResistant[i] = r.model().lineage().cellsInState(resistant);
            mixedResistant[i] = SingleRun.simulate(mixed, SEEDS.child("mixed", i).seed()).model().lineage().cellsInState(resistant);
        }
        // sensitive cells: a division adds 2(1 − μ) − 1 = 1 − 2μ of them on average, so their mean
        // grows at b(1 − 2μ) − d (the sample's own SD sets the tolerance)
        double mean = 200 * Math.exp((0.7 * (1 - 2 * 5e-3) - 0.3) * 5);
        double mean1 = sum / n;
        double sd = Math.sqrt((sumSq / n - mean1 * mean1) * n / (n - 1));
        assertEquals(mean, mean1, Z * sd / Math.sqrt(n), "mean sensitive cells after 5 days on the lattice");
        double p = KolmogorovSmirnovTest.withDefaults().with(PValueMethod.ESTIMATE).with(RandomSource.XO_SHI_RO_256_PP.create(9L))
                .withIterations(10_000).test(latticeResistant, mixedResistant).getPValue();
        assertTrue(p >= 0.001, "resistant cells after 5 days, lattice vs well-mixed: KS p = " + p);
    }

    @Test
    void aDensePatchGrowsSlowerAndClonesFormPatches() {
        // push distance 1: only cells with a free Moore neighbour divide, so a disc of 5 000
        // cells grows from its rim; mutants' neighbours are mostly their own clone
        Scenario s = textbook("tumour.initial_cells=5000", "biology.explicit.0.division_per_day=1.0",
                "biology.explicit.0.death_per_day=0.05", "biology.explicit.1.division_per_day=1.0", "biology.explicit.1.death_per_day=0.05",
                "biology.markers.0.mutations=[{from: sensitive, to: resistant, probability: 1e-3}]", "lattice.push_distance=1",
                "time.max=6d", "stop.max_cells=1e6");
        SingleRun.Result r = SingleRun.simulate(s, SEEDS.child("dense").seed());
        assertGridMatchesCells(r.model());
        double wellMixedMean = 5000 * Math.exp(0.95 * 6);
        assertTrue(r.summary().finalCells() < wellMixedMean / 10, "a blocked interior: " + r.summary().finalCells() + " cells vs "
                + wellMixedMean + " well-mixed");
        // same-clone neighbours of resistant cells against the resistant fraction overall
        IntGrid2D g = r.model().latticeGrid();
        Lineage lineage = r.model().lineage();
        int resistant = s.space().encode(Map.of("type", "resistant"), "t");
        long pairs = 0;
        long same = 0;
        for (int x = 1; x < g.getWidth() - 1; x++) {
            for (int y = 1; y < g.getHeight() - 1; y++) {
                int v = g.field[x][y] - 1;
                if (v < 0 || lineage.stateOfVariant(v) != resistant) {
                    continue;
                }
                for (int dx = -1; dx <= 1; dx++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        int w = g.field[x + dx][y + dy] - 1;
                        if ((dx != 0 || dy != 0) && w >= 0) {
                            pairs++;
                            if (lineage.cloneOfVariant(w) == lineage.cloneOfVariant(v)) {
                                same++;
                            }
                        }
                    }
                }
            }
        }
        double fraction = lineage.cellsInState(resistant) / (double) r.summary().finalCells();
        assertTrue(pairs > 100, "the test needs resistant cells: " + pairs + " neighbour pairs");
        assertTrue(same / (double) pairs > 10 * fraction, "clones in patches: " + same + " of " + pairs
                + " neighbours of resistant cells share their clone; resistant fraction overall " + fraction);
    }

    @Test
    void impossibleLatticesAreRefused() {
        ConfigException small = assertThrows(ConfigException.class, () -> textbook("lattice.width=10", "lattice.height=10",
                "tumour.initial_cells=101"));
        assertTrue(small.getMessage().contains("100 sites cannot hold the 101 initial cells"), small.getMessage());
        ConfigException clone = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("textbook.yaml"),
                "space=lattice2d", "engine=clone"));
        assertTrue(clone.getMessage().contains("engine: clone") && clone.getMessage().contains("lattice2d"), clone.getMessage());
        assertThrows(ConfigException.class, () -> textbook("lattice.push_distance=0"));
        assertThrows(ConfigException.class, () -> textbook("space=hexagons"));
    }

    /** Every cell has one site and the grid shows exactly the lineage's counts. */
    private static void assertGridMatchesCells(TumourModel m) {
        IntGrid2D g = m.latticeGrid();
        long[] perVariant = new long[m.lineage().variantCount()];
        long occupied = 0;
        for (int x = 0; x < g.getWidth(); x++) {
            for (int y = 0; y < g.getHeight(); y++) {
                if (g.field[x][y] > 0) {
                    occupied++;
                    perVariant[g.field[x][y] - 1]++;
                }
            }
        }
        assertEquals(m.cellCount(), occupied, "occupied sites");
        for (int v = 0; v < perVariant.length; v++) {
            assertEquals(m.lineage().cellsOfVariant(v), perVariant[v], "cells of variant " + v);
        }
    }
}
