package org.her2sim.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calibrated defaults reproduce what they were fitted to, the refit finds them again, and the
 * validation report regenerates (reduced form: 2 wells of 2 000 cells per concentration).
 */
class CalibrationTest {
    @Test
    void fittedLinesAreWithinTwoFoldAndTheRefitAgrees() {
        Calibration c = new Calibration(Scenarios.configs(), true);
        java.util.List<Calibration.Ic50Row> lapatinib = new java.util.ArrayList<>();
        for (Calibration.Ic50 t : c.targets().ic50()) {
            if (t.fitted()) {
                Calibration.Ic50Row r = c.ic50(t, org.her2sim.config.ConfigChange.none());
                assertTrue(r.within2Fold(), t.line() + " " + t.drug() + ": simulated " + r.simulated() + " vs measured " + t.value());
                if (t.drug().equals("lapatinib")) {
                    lapatinib.add(r);
                }
            }
        }
        // the issue asks for the measured ordering of the lapatinib IC50s to be kept
        var measured = lapatinib.stream().sorted(java.util.Comparator.comparingDouble(r -> r.target().value())).map(r -> r.target().line()).toList();
        var simulated = lapatinib.stream().sorted(java.util.Comparator.comparingDouble(Calibration.Ic50Row::simulated)).map(r -> r.target().line()).toList();
        assertEquals(measured, simulated, "lapatinib IC50 ordering");
        // the reduced refit's objective is noisier than the full one that set the defaults; 20 % covers it
        Calibration.Fit fit = c.fit(line -> { });
        for (Calibration.Fitted p : fit.parameters()) {
            if (p.parameter().equals("pik3ca_gain")) {
                // PI3K activity is clamped at 1, so every gain above ~1.4 fits equally well
                assertTrue(p.value() > 1.0, "PIK3CA gain fitted to HCC1954: " + p.value());
            } else {
                assertEquals(p.current(), p.value(), 0.2 * p.current(), "refitted " + p.parameter() + " (now in " + p.where() + ")");
            }
        }
    }

    @Test
    void leaCoulsonRecursionGivesTheKnownValues() {
        // m = 1: p0 = e^-1, p1 = e^-1 / 2, p2 = (p0/3 + p1/2) / 2 (Ma, Sandri and Sarkar 1992)
        double[] p = ValidationReport.leaCoulson(1, 2);
        assertEquals(Math.exp(-1), p[0], 1e-15);
        assertEquals(Math.exp(-1) / 2, p[1], 1e-15);
        assertEquals((p[0] / 3 + p[1] / 2) / 2, p[2], 1e-15);
        // the probabilities of a long range add up to nearly 1 (the tail falls like 1/n^2)
        double sum = java.util.Arrays.stream(ValidationReport.leaCoulson(1, 20_000)).sum();
        assertEquals(1, sum, 1e-3);
    }

    @Test
    void validationReportRegeneratesWithEveryAnalyticCheckPassing(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("validation.md");
        Cli.Outcome o = Cli.execute("validation", "--reduced", "--out", md.toString());
        assertEquals(0, o.code(), "exit 1 would mean an analytic check failed: " + o.out() + o.err());
        String text = Files.readString(md);
        for (String part : new String[] {"## Calibrated parameters", "## Cell-line IC50s", "## Analytic checks of the engine",
            "## What the model does not reproduce", "| BT474 | lapatinib |", "Luria–Delbrück"}) {
            assertTrue(text.contains(part), part);
        }
    }
}
