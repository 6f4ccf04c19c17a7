package org.her2sim.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.engine.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The virtual viability assay measures what the model's rates imply, and its fit recovers it:
 * with net growth r(c) under the drug, viability after T days is e^{(r(c) − r(0))T}, so the IC50
 * (absolute: 50 % viability) is where r(0) − r(c) = ln 2 / T. Wells of 20 000 cells make the per-well noise ~1 % (the
 * coefficient of variation of a birth-death count is √((b+d)/((b−d)N)) ≈ 1 %), so the fitted
 * IC50's 95 % CI is a few per cent wide; adaptive HER3 switching (≤ 3 % of cells in 72 h)
 * shifts the IC50 by a few per cent more, which the 10 % tolerance covers.
 */
class ViabilityAssayTest {
    private static final Path CONFIGS = Scenarios.configs();

    @Test
    void fittedIc50MatchesTheRatesOfTheModel() {
        CellLine bt474 = CellLine.load(CONFIGS.resolve("celllines"), "BT474");
        var spec = new ViabilityAssay.Spec(bt474, List.of("lapatinib"), List.of(),
                new double[] {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3}, "uM", 3, 72, 20_000, 7);
        ViabilityAssay.Result r = ViabilityAssay.run(CONFIGS.resolve("assays/dish.yaml"),
                "in_vitro", spec);
        // theory from the same rates: one well's scenario at concentration c
        Scenario s = Scenario.compile(new ConfigLoader().load(CONFIGS.resolve("assays/dish.yaml"),
                List.of("context.setting=in_vitro", "context.immune=false", "context.pk=false", "context.carrying_capacity=1e9",
                        "tumour.founder={her2: amplified}")));
        var drugs = s.drugs();
        int bit = drugs.get("lapatinib").bit();
        double molar = drugs.get("lapatinib").molarMassGPerMol();
        java.util.function.DoubleUnaryOperator net = uM -> {
            double[] c = new double[drugs.drugs().size()];
            c[bit] = uM * molar / 1000; // µM → mg/L
            return s.rates().rates(s.founder(), drugs.exposure(c, 1L << bit, false)).netGrowthPerDay();
        };
        double r0 = net.applyAsDouble(0);
        double theory = Math.pow(10, new BrentSolver(1e-10).solve(200,
                x -> r0 - net.applyAsDouble(Math.pow(10, x)) - Math.log(2) / 3, -4, 2));
        // the rates give the absolute IC50 (50 % viability), so compare the fit's absolute IC50
        assertEquals(theory, r.fit().absoluteIc50(), 0.1 * theory, "fitted absolute IC50 vs the rates' IC50");
        assertTrue(r.fit().ic50Low() < r.fit().ic50() && r.fit().ic50() < r.fit().ic50High());
        assertEquals(1.0, r.fit().top(), 0.05, "no drug, no effect");
    }

    @Test
    void sensitivityFollowsTheMarkers() {
        // PIK3CA activation keeps PI3K signalling under lapatinib: a higher (absolute) IC50 than BT474
        double bt = ic50("BT474");
        double hcc = ic50("HCC1954");
        assertTrue(hcc > 1.5 * bt, "HCC1954 " + hcc + " vs BT474 " + bt);
    }

    private static double ic50(String line) {
        var spec = new ViabilityAssay.Spec(CellLine.load(CONFIGS.resolve("celllines"), line), List.of("lapatinib"), List.of(),
                new double[] {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10}, "uM", 3, 72, 2000, 3);
        return ViabilityAssay.run(CONFIGS.resolve("assays/dish.yaml"), "in_vitro", spec)
                .fit().absoluteIc50();
    }

    @Test
    void theCommandWritesItsFilesAndRefusesBadInput(@TempDir Path dir) throws Exception {
        Cli.Outcome ok = Cli.execute("assay", "viability", "--line", "skbr3", "--drug", "lapatinib", "--conc",
                "0.001,0.01,0.03,0.1,0.3,1,10", "--out", dir.resolve("a").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("SKBR3, lapatinib, 72 h: IC50"), ok.out());
        for (String f : List.of("viability.csv", "fit.json", "dose-response.png", "dose-response.svg")) {
            assertTrue(Files.size(dir.resolve("a").resolve(f)) > 100, f);
        }
        Cli.Outcome notIncreasing = Cli.execute("assay", "viability", "--line", "BT474", "--drug", "lapatinib", "--conc", "1,0.1,10");
        assertEquals(2, notIncreasing.code());
        assertTrue(notIncreasing.err().contains("--conc: expected an increasing series"), notIncreasing.err());
        Cli.Outcome line = Cli.execute("assay", "viability", "--line", "BT747", "--drug", "lapatinib", "--conc", "0.1,1");
        assertEquals(2, line.code());
        assertTrue(line.err().contains("cell line 'BT747' not found") && line.err().contains("BT474"), line.err());
        Cli.Outcome drug = Cli.execute("assay", "viability", "--line", "BT474", "--drug", "lapatinb", "--conc", "0.1,1");
        assertEquals(2, drug.code());
        assertTrue(drug.err().contains("--drug: unknown drug 'lapatinb'") && drug.err().contains("lapatinib"), drug.err());
        // a trastuzumab-resistant line (p95HER2) keeps growing at every concentration: no IC50 to fit
        Cli.Outcome noFit = Cli.execute("assay", "viability", "--line", "SKBR3-TR", "--drug", "trastuzumab", "--unit", "ug/mL",
                "--conc", "0.1,0.3,1,3,10,30", "--out", dir.resolve("b").toString());
        assertEquals(2, noFit.code(), noFit.out());
        assertTrue(noFit.err().contains("no IC50") && noFit.err().contains("the data (concentration:viability)"), noFit.err());
        assertTrue(!Files.exists(dir.resolve("b")), "nothing written for a failed fit");
        assertThrows(ConfigException.class, () -> new ViabilityAssay.Spec(CellLine.load(CONFIGS.resolve("celllines"), "BT474"),
                List.of("lapatinib", "trastuzumab"), List.of(), new double[] {1}, "uM", 3, 72, 100, 1));
    }

    @Test
    void aFixedRatioPairReportsBlissExcessAndACombinationIndex(@TempDir Path dir) throws Exception {
        Cli.Outcome o = Cli.execute("assay", "viability", "--line", "SKBR3", "--drug", "lapatinib,trastuzumab", "--ratio", "100",
                "--unit", "ug/mL", "--conc", "0.0003,0.001,0.003,0.01,0.03,0.1,0.3", "--out", dir.resolve("c").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("Bliss excess") && o.out().contains("combination index at 50 %: 0."), o.out());
        List<String> rows = Files.readAllLines(dir.resolve("c/combination.csv"));
        assertEquals(8, rows.size());
        // the two drugs act on different nodes that multiply in the network: close to Bliss independence
        // (each row's excess within 0.1, the per-well noise of 2 000-cell wells being ~2 %)
        for (String row : rows.subList(1, rows.size())) {
            double excess = Double.parseDouble(row.split(",")[6]);
            assertTrue(Math.abs(excess) < 0.1, row);
        }
        Cli.Outcome molar = Cli.execute("assay", "viability", "--line", "SKBR3", "--drug", "lapatinib,trastuzumab", "--ratio", "100",
                "--conc", "0.001,0.01");
        assertEquals(2, molar.code());
        assertTrue(molar.err().contains("--unit: uM is molar"), molar.err());
    }
}
