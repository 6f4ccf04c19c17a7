package org.her2sim.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigException;
import org.her2sim.config.Days;
import org.her2sim.experiment.PublishedFigures;
import org.her2sim.experiment.Sweep;
import org.her2sim.experiment.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clinic calibration's file, objective and kinetics rows. */
class ClinicCalibrationTest {
    private static final Path CLINIC = Scenarios.configs().resolve("calibration/clinic.yaml");

    private static PublishedFigures.Row row(String endpoint, SweepSpec.Figure published, double simulated) {
        return new PublishedFigures.Row("arm", endpoint, published, new double[] {simulated, Double.NaN, Double.NaN}, 40);
    }

    @Test
    void residualsAreInUnitsOfTheAgreementTolerance() {
        // a rate without an interval: 10 points is one tolerance
        assertEquals(1.0, ClinicCalibration.residual(row("orr", new SweepSpec.Figure(0.30, null, null), 0.40)), 1e-12);
        // with a published interval: half its width
        assertEquals(-2.0, ClinicCalibration.residual(row("orr", new SweepSpec.Figure(0.26, 0.18, 0.34), 0.10)), 1e-12);
        // a median without an interval: ln 1.25 on the log scale, either way
        assertEquals(1.0, ClinicCalibration.residual(row("median_pfs_months", new SweepSpec.Figure(4.0, null, null), 5.0)), 1e-12);
        assertEquals(-1.0, ClinicCalibration.residual(row("median_pfs_months", new SweepSpec.Figure(5.0, null, null), 4.0)), 1e-12);
        // a hazard ratio with its interval: half the interval's log width
        assertEquals(Math.log(0.62 / 0.49) / (Math.log(0.71 / 0.34) / 2),
                ClinicCalibration.residual(row("hr_ttp", new SweepSpec.Figure(0.49, 0.34, 0.71), 0.62)), 1e-12);
        // a median not reached, or a figure no patient reached, counts as three tolerances
        assertEquals(3.0, ClinicCalibration.residual(row("median_ttp_months", new SweepSpec.Figure(4.6, null, null), Double.NaN)));
        assertEquals(3.0, ClinicCalibration.residual(new PublishedFigures.Row("arm", "orr", new SweepSpec.Figure(0.2, null, null), null, 0)));
    }

    @Test
    void theShippedFileNamesItsParametersAndTheirCurrentValues() {
        ClinicCalibration c = new ClinicCalibration(CLINIC, 1);
        double[] v = c.current();
        assertEquals(c.spec().parameters().size(), v.length);
        for (int i = 0; i < v.length; i++) {
            var p = c.spec().parameters().get(i);
            assertTrue(v[i] >= p.bounds().get(0) && v[i] <= p.bounds().get(1), p.name() + " = " + v[i] + " within its bounds");
        }
        assertTrue(c.spec().trials().size() >= 7, "the training set");
        assertTrue(c.spec().trials().stream().anyMatch(t -> !t.fitted().isEmpty()), "some figures are fitted");
    }

    @Test
    void aFitFollowsEachPatientForTheSearchsFollowUpAndItsCandidateValues() {
        ClinicCalibration c = new ClinicCalibration(CLINIC, 1);
        ClinicCalibration.Trial trial = c.spec().trials().get(0);
        double[] v = c.current();
        Sweep sweep = c.load(trial, v, 2, Days.of(400));
        Sweep.Task first = sweep.tasks().get(0);
        assertEquals(400, sweep.scenario(first).config().time().afterTreatment().days(), 1e-9, "the search's follow-up applies");
        assertEquals(2, sweep.spec().replicates());
    }

    @Test
    void kineticsRowsFollowFromTheContexts() {
        List<ClinicKinetics.Row> rows = new ClinicCalibration(CLINIC, 1).kinetics();
        ClinicKinetics.Row breast = rows.stream().filter(r -> r.what().contains("doubling time") && r.what().contains("context breast"))
                .findFirst().orElseThrow();
        assertEquals(162, breast.simulated(), 1e-6, "HER2-positive primaries double in 162 days (Ryu et al. 2014)");
        assertTrue(breast.agrees());
        ClinicKinetics.Row decline = rows.stream().filter(r -> r.what().contains("under lapatinib")).findFirst().orElseThrow();
        assertTrue(decline.simulated() < 0 && decline.low() <= decline.simulated() && decline.simulated() <= decline.high(), decline.toString());
        for (ClinicKinetics.Row r : rows) {
            if (r.what().startsWith("cell loss")) {
                assertTrue(r.simulated() > 0.5 && r.simulated() < 1, "most new cells are lost: " + r);
            }
        }
    }

    @Test
    void anOrderingOfAnUnknownTrialNamesTheFileAndField(@TempDir Path dir) {
        Path f = Scenarios.write(dir, "calibration/clinic.yaml", String.join("\n",
                "trials:",
                "  - {file: " + Scenarios.configs().resolve("experiments/vogel.yaml") + ", fitted: [all]}",
                "orderings:",
                "  - {trial: slamon, better: a, than: b, endpoint: orr}",
                "parameters:",
                "  - {name: delivery, set: [drugs.trastuzumab.tumour_penetration], bounds: [0.01, 1]}"));
        ConfigException e = assertThrows(ConfigException.class, () -> new ClinicCalibration(f, 1));
        assertTrue(e.getMessage().contains("clinic.yaml") && e.getMessage().contains("orderings") && e.getMessage().contains("slamon"),
                e.getMessage());
        Path g = Scenarios.write(dir, "calibration/other.yaml", String.join("\n",
                "trials:",
                "  - {file: " + Scenarios.configs().resolve("experiments/vogel.yaml") + "}",
                "parameters:",
                "  - {name: delivery, set: [drugs.trastuzumab.tumour_penetration], bounds: [1, 0.1]}"));
        e = assertThrows(ConfigException.class, () -> new ClinicCalibration(g, 1));
        assertTrue(e.getMessage().contains("other.yaml") && e.getMessage().contains("bounds"), e.getMessage());
    }
    @Test
    void aFitOfSomeParametersRunsOnlyTheirTrialsHoldsTheOthersAndKeepsTheEarlierFitsOtherValues(@TempDir Path dir) throws Exception {
        Path experiments = Scenarios.configs().resolve("experiments");
        Path f = Scenarios.write(dir, "calibration/two.yaml", String.join("\n",
                "trials:",
                "  - {file: " + experiments.resolve("vogel.yaml") + ", fitted: [all]}",
                "  - {file: " + experiments.resolve("gomez.yaml") + ", fitted: [all]}",
                "parameters:",
                "  - {name: delivery, set: [drugs.trastuzumab.tumour_penetration], bounds: [0.01, 0.8]}",
                "  - {name: lapatinib share, set: [tumour.clones.0.fraction], trials: [gomez], bounds: [1.0e-5, 0.5]}",
                "search: {patients: 2, evaluations: 3}"));
        ClinicCalibration c = new ClinicCalibration(f, 2);
        double[] start = c.current();
        ClinicCalibration.Fit fit = c.fit(2, List.of("lapatinib share"), line -> { });
        assertEquals(List.of("gomez"), fit.trials(), "only the trial the parameter applies to runs");
        assertEquals(java.util.Set.of(1), fit.fitted());
        assertEquals(3, fit.evaluations().size());
        for (ClinicCalibration.Evaluation e : fit.evaluations()) {
            assertEquals(start[0], e.values()[0], 0, "the other parameter is held");
            assertTrue(e.figures().stream().allMatch(r -> r.trial().equals("gomez")), "figures of gomez alone");
        }
        assertTrue(fit.evaluations().stream().anyMatch(e -> e.values()[1] != start[1]), "the named parameter moved");
        ConfigException unknown = assertThrows(ConfigException.class, () -> c.fit(2, List.of("nothing"), line -> { }));
        assertTrue(unknown.getMessage().contains("two.yaml") && unknown.getMessage().contains("'nothing'")
                && unknown.getMessage().contains("delivery; lapatinib share"), unknown.getMessage());

        // an evaluation of one trial runs that trial alone
        ClinicCalibration.Evaluation vogel = c.evaluate(start, 2, List.of("vogel"));
        assertTrue(!vogel.figures().isEmpty() && vogel.figures().stream().allMatch(r -> r.trial().equals("vogel")), "figures of vogel alone");
        ConfigException noTrial = assertThrows(ConfigException.class, () -> c.evaluate(start, 2, List.of("togo")));
        assertTrue(noTrial.getMessage().contains("'togo'") && noTrial.getMessage().contains("vogel, gomez"), noTrial.getMessage());

        // an earlier fit of both, then the fit of one: the earlier record keeps only the value not refitted
        ClinicCalibration.Evaluation both = new ClinicCalibration.Evaluation(new double[] {0.2, 0.01}, List.of(), List.of(), 1.5, 4, 1);
        c.keep(new ClinicCalibration.Fit(List.of(both), both, 1, java.util.Set.of(0, 1), List.of("vogel", "gomez")), 2, "test");
        assertEquals(1, c.fits().size());
        c.keep(fit, 2, "test");
        List<ClinicCalibration.FitRecord> kept = c.fits();
        assertEquals(2, kept.size());
        assertEquals(java.util.Map.of("delivery", 0.2), kept.get(0).values());
        assertEquals(List.of("lapatinib share"), kept.get(0).refitted(), "the earlier record says which of its values were refitted");
        assertEquals(java.util.Set.of("lapatinib share"), kept.get(1).values().keySet());
        assertEquals(List.of("gomez"), kept.get(1).trials());
        // a fit of every parameter replaces the records
        c.keep(new ClinicCalibration.Fit(List.of(both), both, 1, java.util.Set.of(0, 1), List.of("vogel", "gomez")), 2, "test");
        assertEquals(1, c.fits().size());
    }
}
