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
        // untreated: about 8 % a day in the model's default xenograft (doubling ~9 days)
        assertTrue(r.meanSe("control", 10)[0] > 1.5 * r.meanSe("control", 0)[0], "controls grow");
        for (String arm : new String[] {"trastuzumab", "lapatinib", "trastuzumab+lapatinib"}) {
            assertTrue(r.growthInhibition(arm) > 0.5, arm + ": growth inhibition " + r.growthInhibition(arm));
        }
        assertTrue(Files.readAllLines(dir.resolve("x/volumes.csv")).size() == 1 + 4 * 2 * 11);
        assertTrue(Files.size(dir.resolve("x/volumes.png")) > 1000);
        Path bad = dir.resolve("arms.yaml");
        Files.writeString(bad, "oops:\n  - {drug: trastuzumab, dose: 10 mg/kg}\n");
        Cli.Outcome err = Cli.execute("assay", "xenograft", "--line", "NCI-N87", "--arms", bad.toString());
        assertEquals(2, err.code());
        assertTrue(err.err().contains("arms.yaml: oops[0]") && err.err().contains("every: required"), err.err());
    }
}
