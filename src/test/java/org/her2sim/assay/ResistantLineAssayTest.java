package org.her2sim.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resistant-line protocol: escalation only after growth resumes, a heritable mechanism that outlasts withdrawal. */
class ResistantLineAssayTest {
    private static final Path CONFIGS = Scenarios.configs();

    @Test
    void trastuzumabSelectsAHeritableResistantLine() {
        var spec = new ResistantLineAssay.Spec(CellLine.load(CONFIGS.resolve("celllines"), "SKBR3"), "trastuzumab", "ug/mL",
                new double[] {5, 10, 15, 20}, 3.5, 1e6, 0.1, 14, 365, 30, 7, 100_000, 1);
        var r = ResistantLineAssay.run(CONFIGS.resolve("assays/dish.yaml"), "in_vitro", spec);
        assertTrue(r.established(), "a resistant line within a year");
        assertEquals(3, r.escalations().size(), "raised three times, 5 -> 10 -> 15 -> 20");
        double previous = 0;
        for (double[] e : r.escalations()) {
            assertTrue(e[0] - previous >= 14 - 1e-9, "at least the 14-day window at each dose: " + e[0]);
            previous = e[0];
        }
        // the culture doubled (splits undone) over the window before the last step
        assertTrue(r.rows().stream().anyMatch(row -> row.cells() > 1e6) && r.rows().stream().anyMatch(row -> row.cumulativeCells() > 1e7),
                "split at confluence, cumulative growth counted");
        assertTrue(r.mechanism().contains("pten=lost") || r.mechanism().contains("p95her2") || r.mechanism().contains("stable_up"),
                "a heritable mechanism: " + r.mechanism());
        assertTrue(!r.mechanismAfterWithdrawal().contains("adaptive_up"), "adaptive HER3 reverts off drug: " + r.mechanismAfterWithdrawal());
        assertTrue(r.persists() && r.parentalUnderDrug() < 0.5 * r.withdrawnUnderDrug(), "resistance persists after withdrawal: "
                + r.withdrawnUnderDrug() + " vs parental " + r.parentalUnderDrug());
    }

    @Test
    void theCommandWritesItsFilesAndRefusesBadInput(@TempDir Path dir) throws Exception {
        Cli.Outcome ok = Cli.execute("assay", "resistant-line", "--line", "SKBR3", "--drug", "trastuzumab", "--doses", "5,10,15,20",
                "--out", dir.resolve("r").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("established on day"), ok.out());
        assertTrue(Files.readString(dir.resolve("r/summary.json")).contains("\"resistance_persists\" : true"));
        assertTrue(Files.readAllLines(dir.resolve("r/culture.csv")).size() > 10);
        Cli.Outcome down = Cli.execute("assay", "resistant-line", "--line", "SKBR3", "--drug", "trastuzumab", "--doses", "10,5");
        assertEquals(2, down.code());
        assertTrue(down.err().contains("--doses: expected an increasing series"), down.err());
        Cli.Outcome drug = Cli.execute("assay", "resistant-line", "--line", "SKBR3", "--drug", "trastuzumb", "--doses", "5");
        assertEquals(2, drug.code());
        assertTrue(drug.err().contains("--drug: unknown drug 'trastuzumb'") && drug.err().contains("trastuzumab"), drug.err());
    }
}
