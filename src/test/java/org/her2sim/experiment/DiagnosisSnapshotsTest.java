package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.her2sim.SampleStats;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.TumourModel;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;

/**
 * A patient started from its tumour at diagnosis: the same cells per state as the full run has
 * then, grown once per patient and untreated-growth setting, and the same distribution of
 * outcomes as the full run.
 */
class DiagnosisSnapshotsTest {
    /** A small patient: 1 000 cells grown to 10⁷ (about two years at a 70-day doubling), then lapatinib for 120 days. */
    private static Scenario patient(String... extra) {
        String[] o = new String[extra.length + 5];
        o[0] = "tumour.diagnosis_cells=1.0e7";
        o[1] = "time.after_treatment=120d";
        o[2] = "regimen=regimens/lapatinib-monotherapy.yaml";
        o[3] = "outcomes.detection_limit_cells=1.0e3";
        o[4] = "context.tumour_kinetics.dependence=0.3";
        System.arraycopy(extra, 0, o, 5, extra.length);
        return Scenarios.compile(Scenarios.configs().resolve("patient-breast.yaml"), o);
    }

    @Test
    void theSnapshotHoldsTheFullRunsCellsAtDiagnosis() {
        Scenario s = patient();
        long[] counts = new TumourModel(s, 7, null).untilDiagnosis();
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        var full = SingleRun.simulate(s, 7);
        assertEquals(full.summary().baselineCells(), total, "the snapshot is the tumour the full run treats");
        Scenario start = new DiagnosisSnapshots().fromDiagnosis(s, 7).orElseThrow().scenario();
        assertEquals(total, start.seedings().stream().mapToLong(Scenario.Seeding::cells).sum());
        assertEquals(null, start.config().tumour().diagnosisCells(), "treated from its first day");
    }

    @Test
    void aTumourIsGrownOnceUnlessUntreatedGrowthChanges() {
        DiagnosisSnapshots snapshots = new DiagnosisSnapshots();
        snapshots.fromDiagnosis(patient(), 11);
        snapshots.fromDiagnosis(patient("drugs.lapatinib.pk.central_volume_l=2000", "biology.rates.kills.1.per_division=2"), 11);
        assertEquals(1, snapshots.size(), "a treatment setting reuses the tumour");
        snapshots.fromDiagnosis(patient("context.tumour_kinetics.doubling_time=90d"), 11);
        assertEquals(2, snapshots.size(), "a different untreated growth grows it again");
        snapshots.fromDiagnosis(patient(), 12);
        assertEquals(3, snapshots.size(), "another patient");
    }

    /**
     * Outcome distributions agree: log10 of the cells 120 days into treatment, 150 full runs
     * against 150 runs from snapshots (other seeds). Welch's t must stay below 3.9 (two-sided
     * α = 10⁻⁴, so the test fails by chance once in 10 000 runs of the suite); the standard
     * errors come from the runs themselves.
     */
    @Test
    void startingAtDiagnosisDoesNotChangeTheOutcomeDistribution() {
        Scenario s = patient();
        DiagnosisSnapshots snapshots = new DiagnosisSnapshots();
        SeedTree seeds = new SeedTree(99);
        int n = 150;
        double[] full = new double[n];
        double[] started = new double[n];
        for (int i = 0; i < n; i++) {
            full[i] = Math.log10(Math.max(1, SingleRun.simulate(s, seeds.child("full", i).seed()).summary().finalCells()));
            Optional<DiagnosisSnapshots.Start> st = snapshots.fromDiagnosis(s, seeds.child("snapshot", i).seed());
            started[i] = Math.log10(Math.max(1, SingleRun.simulate(st.orElseThrow().scenario(), st.get().seed()).summary().finalCells()));
        }
        double[] a = SampleStats.meanVar(full);
        double[] b = SampleStats.meanVar(started);
        assertTrue(a[1] > 0 && b[1] > 0, "the outcomes vary between patients");
        double t = (a[0] - b[0]) / Math.sqrt(a[1] / n + b[1] / n);
        assertTrue(Math.abs(t) < 3.9, "full " + a[0] + " vs from diagnosis " + b[0] + ": t = " + t);
        assertTrue(a[0] < 7, "lapatinib shrank the tumours on average (log10 " + a[0] + " below the 7 at diagnosis)");
    }
}
