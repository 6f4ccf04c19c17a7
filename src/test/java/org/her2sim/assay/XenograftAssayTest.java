package org.her2sim.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Xenografts: mouse pharmacokinetics are used, untreated tumours grow, HER2-targeted arms inhibit growth. */
class XenograftAssayTest {
    private static final Path CONFIGS = Scenarios.configs();

    @Test
    void mousePharmacokineticsReplaceTheHumanOnes() {
        Scenario mouse = Scenarios.compile(CONFIGS.resolve("quickstart.yaml"), "context.species=mouse", "context.body_weight_kg=0.02");
        Scenario human = Scenarios.compile(CONFIGS.resolve("quickstart.yaml"));
        double mouseHalfLife = mouse.drugs().get("trastuzumab").pk().terminalHalfLifeDays();
        double humanHalfLife = human.drugs().get("trastuzumab").pk().terminalHalfLifeDays();
        assertEquals(8, mouseHalfLife, 0.01, "mouse trastuzumab half-life from pk_by_species.mouse");
        assertTrue(humanHalfLife > 25, "human: " + humanHalfLife);
    }

    @Test
    void treatedArmsGrowLessThanControls(@TempDir Path dir) throws Exception {
        Cli.Outcome o = Cli.execute("assay", "xenograft", "--line", "NCI-N87", "--mice", "2", "--days", "10", "--out", dir.resolve("x").toString());
        assertEquals(0, o.code(), o.err());
        var r = XenograftAssay.run(CONFIGS.resolve("assays/dish.yaml"), "xenograft",
                new XenograftAssay.Spec(CellLine.load(CONFIGS.resolve("celllines"), "NCI-N87"),
                        XenograftAssay.arms(CONFIGS.resolve("assays/xenograft-arms.yaml")), 2, 10, 100, 1));
        // untreated: doubling in about 6 days (configs/contexts/xenograft.yaml)
        assertTrue(r.meanSe("control", 10)[0] > 2 * r.meanSe("control", 0)[0], "controls grow");
        for (String arm : new String[] {"trastuzumab", "trastuzumab+lapatinib"}) {
            assertTrue(r.growthInhibition(arm) > 0.3, arm + ": growth inhibition " + r.growthInhibition(arm));
        }
        // lapatinib slows the median xenograft only a little (dependence as in patients, no ADCC)
        assertTrue(r.growthInhibition("lapatinib") > 0.02, "lapatinib: growth inhibition " + r.growthInhibition("lapatinib"));
        assertTrue(r.growthInhibition("trastuzumab+lapatinib") > r.growthInhibition("trastuzumab"), "the combination inhibits more");
        assertTrue(Files.readAllLines(dir.resolve("x/volumes.csv")).size() == 1 + 4 * 2 * 11);
        assertTrue(Files.size(dir.resolve("x/volumes.png")) > 1000);
        Path bad = dir.resolve("arms.yaml");
        Files.writeString(bad, "oops:\n  - {drug: trastuzumab, dose: 10 mg/kg}\n");
        Cli.Outcome err = Cli.execute("assay", "xenograft", "--line", "NCI-N87", "--arms", bad.toString());
        assertEquals(2, err.code());
        assertTrue(err.err().contains("arms.yaml: oops[0]") && err.err().contains("every: required"), err.err());
    }

    /**
     * Mice differ as the context draws them: untreated, log V(21) = log V(0) + 21 ln2 / VDT, so
     * with VDT lognormal (CV 0.1, σ = 0.0998 on the log scale) the day-21 log volumes have a
     * standard deviation of 21 × (ln2 / 6) × 0.0998 ≈ 0.242 (chance events among 10⁸ cells add
     * nothing visible). With 12 mice the sample SD lies within [0.30, 1.89] × 0.242 with
     * probability 1 − 10⁻⁴ (χ² with 11 degrees of freedom).
     */
    @Test
    void miceDifferAsTheContextDrawsThem() {
        var r = XenograftAssay.run(CONFIGS.resolve("assays/dish.yaml"), "xenograft",
                new XenograftAssay.Spec(CellLine.load(CONFIGS.resolve("celllines"), "NCI-N87"),
                        XenograftAssay.arms(CONFIGS.resolve("assays/n87-trastuzumab.yaml")), 12, 21, 100, 3));
        double[][] control = r.volumes().get("control");
        double mean = 0;
        for (double[] mouse : control) {
            mean += Math.log(mouse[21] / mouse[0]) / control.length;
        }
        double ss = 0;
        for (double[] mouse : control) {
            ss += Math.pow(Math.log(mouse[21] / mouse[0]) - mean, 2);
        }
        double sd = Math.sqrt(ss / (control.length - 1));
        assertTrue(sd > 0.30 * 0.242 && sd < 1.89 * 0.242, "SD of day-21 log volumes " + sd + " vs 0.242");
        assertEquals(21 * Math.log(2) / 6, mean, 4 * 0.242 / Math.sqrt(control.length), "mean log growth");
    }
}
