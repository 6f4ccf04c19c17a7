package org.her2sim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.her2sim.SampleStats;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.SimulationConfig;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.Sweep;
import org.her2sim.experiment.SingleRun;
import org.her2sim.pharmacology.Drug;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;

/**
 * In a body (context.tumour_kinetics): the untreated tumour grows at ln2 / doubling time with most
 * new cells lost; anti-HER2 drugs and chemotherapy add up; a PIK3CA-activated or PTEN-lost
 * founder responds less to anti-HER2 drugs than one with the HER2 driver alone.
 */
class InBodyKineticsTest {
    private static Scenario patient(String... extra) {
        String[] o = new String[extra.length + 1];
        o[0] = "context=metastatic-breast";
        System.arraycopy(extra, 0, o, 1, extra.length);
        return Scenarios.compile(Scenarios.configs().resolve("patient-breast.yaml"), o);
    }

    private static double net(Scenario s, Map<String, String> markers, Map<String, Double> plasma) {
        var lib = s.drugs();
        double[] c = new double[lib.drugs().size()];
        long mask = 0;
        for (var e : plasma.entrySet()) {
            Drug d = lib.get(e.getKey());
            c[d.bit()] = e.getValue();
            mask |= 1L << d.bit();
        }
        int state = s.space().encode(markers, "test");
        return s.rates().rates(state, lib.exposure(c, mask, true)).netGrowthPerDay();
    }

    @Test
    void theUntreatedTumourDoublesInItsDoublingTimeWhileMostNewCellsAreLost() {
        Scenario s = patient();
        SimulationConfig.TumourKinetics k = s.config().context().tumourKinetics();
        double net = net(s, Map.of("her2", "amplified"), Map.of());
        assertEquals(Math.log(2) / k.doublingTime().days(), net, 1e-12);
        CellRates r = s.rates().rates(s.space().encode(Map.of("her2", "amplified"), "t"), Exposure.none(s.drugs().targets().size()));
        assertEquals(k.divisionPerDay(), r.divisionPerDay(), 1e-12, "untreated cells cycle at the context's division rate");
        assertTrue(r.deathPerDay() / r.divisionPerDay() > 0.8, "most new cells are lost: " + r.deathPerDay() / r.divisionPerDay());
    }

    /**
     * The engine against branching-process theory in a body: E[N(t)] = N₀ e^{(b−d)t} (crowding is
     * negligible below 1e15 cells). Untreated 10⁶-cell tumours over 200 days: each tumour's log
     * growth has a standard deviation of about sqrt((b+d)/((b−d) N₀)) ≈ 0.005, so the mean of 20
     * has a standard error of ~0.001; the tolerance is 4 standard errors computed from the runs.
     */
    @Test
    void theCloneEngineGrowsAsTheoryInABody() {
        Scenario s = patient("tumour.initial_cells=1000000", "tumour.diagnosis_cells=1.0e13", "stop.max_cells=1.0e14",
                "time.max=200d", "tumour.founder={her2: amplified}", "tumour.clones=[]");
        double[] logGrowth = new double[20];
        SeedTree seeds = new SeedTree(2026);
        for (int i = 0; i < logGrowth.length; i++) {
            var summary = SingleRun.simulate(s, seeds.child("tumour", i).seed()).summary();
            assertEquals(200, summary.finalTimeDays(), 1e-9);
            logGrowth[i] = Math.log(summary.finalCells() / 1e6);
        }
        double[] mv = SampleStats.meanVar(logGrowth);
        double mean = mv[0];
        double se = Math.sqrt(mv[1] / logGrowth.length);
        double theory = 200 * Math.log(2) / s.config().context().tumourKinetics().doublingTime().days();
        assertTrue(se > 0, "the runs differ (stochastic engine)");
        assertEquals(theory, mean, 4 * se + 1e-6, "mean log growth " + mean + " vs theory " + theory);
    }

    @Test
    void chemotherapyWithAnAntiHer2DrugKillsAtLeastAsFastAsEitherAlone() {
        Scenario s = patient();
        for (String state : List.of("{her2: amplified}", "{her2: amplified, pten: lost}", "{her2: amplified, pik3ca: activating}",
                "{her2: amplified, p95her2: present}")) {
            Map<String, String> m = parse(state);
            for (double trastuzumab : new double[] {5, 40, 200}) {
                for (double paclitaxel : new double[] {0.05, 0.3, 3}) {
                    double chemo = net(s, m, Map.of("paclitaxel", paclitaxel));
                    double antibody = net(s, m, Map.of("trastuzumab", trastuzumab));
                    double both = net(s, m, Map.of("paclitaxel", paclitaxel, "trastuzumab", trastuzumab));
                    assertTrue(both <= Math.min(chemo, antibody) + 1e-12, state + " at trastuzumab " + trastuzumab + ", paclitaxel "
                            + paclitaxel + ": both " + both + " vs chemotherapy " + chemo + ", trastuzumab " + antibody);
                }
            }
        }
    }

    @Test
    void chemotherapyResistantCellsLoseTheirSensitivityShareOfTheKill() {
        Scenario s = patient();
        double sensitivity = s.space().attributes(s.space().encode(Map.of("her2", "amplified", "chemo", "resistant"), "t"))[
                s.space().attributeNames().indexOf("cytotoxic_sensitivity")];
        assertTrue(sensitivity > 0 && sensitivity < 1, "a resistant cell keeps a share of the kill: " + sensitivity);
        for (double paclitaxel : new double[] {0.05, 0.3, 3}) {
            double untreated = net(s, Map.of("her2", "amplified"), Map.of());
            double killSensitive = untreated - net(s, Map.of("her2", "amplified"), Map.of("paclitaxel", paclitaxel));
            double killResistant = untreated - net(s, Map.of("her2", "amplified", "chemo", "resistant"), Map.of("paclitaxel", paclitaxel));
            assertTrue(killSensitive > 0, "paclitaxel " + paclitaxel + " kills sensitive cells");
            assertEquals(sensitivity * killSensitive, killResistant, 1e-12, "paclitaxel " + paclitaxel);
        }
        // HER2 drugs do not care: the resistant subclone responds to trastuzumab as the founder does
        assertEquals(net(s, Map.of("her2", "amplified"), Map.of("trastuzumab", 40.0)),
                net(s, Map.of("her2", "amplified", "chemo", "resistant"), Map.of("trastuzumab", 40.0)), 1e-12);
    }

    @Test
    void pi3kPathwayFoundersRespondLessToAntiHer2Drugs() {
        Scenario s = patient("context.tumour_kinetics.dependence=0.3");
        for (Map<String, Double> drugs : List.of(Map.of("trastuzumab", 40.0), Map.of("lapatinib", 2.0),
                Map.of("trastuzumab", 40.0, "pertuzumab", 60.0))) {
            double wild = net(s, Map.of("her2", "amplified"), drugs);
            double pik3ca = net(s, Map.of("her2", "amplified", "pik3ca", "activating"), drugs);
            double pten = net(s, Map.of("her2", "amplified", "pten", "lost"), drugs);
            assertTrue(wild < 0, drugs + ": the HER2-driven founder shrinks (" + wild + ")");
            assertTrue(pik3ca > wild, drugs + ": PIK3CA-activated founders shrink less (" + pik3ca + " vs " + wild + ")");
            assertTrue(pten > wild, drugs + ": PTEN-lost founders shrink less (" + pten + " vs " + wild + ")");
        }
    }

    /**
     * A tumour that shows HER2 without depending on it (IHC 2+ without amplification, in the early
     * trastuzumab trials): anti-HER2 drugs leave its growth nearly as untreated (only the kills that
     * need no dependence remain: antibody-dependent killing, lapatinib off target); chemotherapy
     * kills it as any other.
     */
    @Test
    void aTumourNotDrivenByHer2IgnoresAntiHer2DrugsButNotChemotherapy() {
        Scenario driven = patient("context.tumour_kinetics.dependence=0.3");
        Scenario notDriven = patient("context.tumour_kinetics.dependence=0.3", "context.tumour_kinetics.her2_driven=false");
        assertEquals(0.0, notDriven.config().context().tumourKinetics().signallingDependence());
        Map<String, String> founder = Map.of("her2", "amplified");
        double untreated = net(notDriven, founder, Map.of());
        assertEquals(net(driven, founder, Map.of()), untreated, 1e-12, "untreated growth does not depend on the driver");
        // lapatinib: only its off-target kill (biology.rates.kills), which needs no dependence
        double lapatinib = untreated - net(notDriven, founder, Map.of("lapatinib", 2.0));
        double lapatinibDriven = net(driven, founder, Map.of()) - net(driven, founder, Map.of("lapatinib", 2.0));
        assertTrue(lapatinib >= 0 && lapatinib < 0.2 * lapatinibDriven, "lapatinib: " + lapatinib + " vs " + lapatinibDriven);
        double adcc = untreated - net(notDriven, founder, Map.of("trastuzumab", 40.0));
        double adccDriven = net(driven, founder, Map.of()) - net(driven, founder, Map.of("trastuzumab", 40.0));
        assertTrue(adcc >= 0 && adcc < 0.2 * adccDriven, "trastuzumab only through immune killing: " + adcc + " vs " + adccDriven);
        double chemo = untreated - net(notDriven, founder, Map.of("paclitaxel", 0.3));
        assertEquals(net(driven, founder, Map.of()) - net(driven, founder, Map.of("paclitaxel", 0.3)), chemo, 1e-12,
                "chemotherapy kills as in a HER2-driven tumour");
        assertTrue(chemo > 0);
    }

    /**
     * The early trastuzumab trials enrolled IHC 2+ tumours too: Vogel's file draws 26 % of patients
     * whose tumour is not driven by HER2 (Binomial(400, 0.26): mean 104, SD 8.8; 4-SD band), and
     * their compiled scenarios carry dependence 0.
     */
    @Test
    void vogelsPatientsIncludeTumoursNotDrivenByHer2() {
        Sweep sweep = Sweep.load(Scenarios.configs().resolve("experiments/vogel.yaml"), null, null,
                new Sweep.Overrides(List.of(), 400));
        String path = "context.tumour_kinetics.her2_driven";
        int notDriven = 0;
        boolean seenDriven = false;
        boolean seenNot = false;
        for (Sweep.Task t : sweep.tasks()) {
            boolean driven = Boolean.parseBoolean(t.parameters().get(path));
            notDriven += driven ? 0 : 1;
            if (driven ? !seenDriven : !seenNot) {
                double h = sweep.scenario(t, ConfigChange.none()).config().context().tumourKinetics().signallingDependence();
                assertTrue(driven ? h > 0 : h == 0, t.parameters() + ": dependence " + h);
                seenDriven |= driven;
                seenNot |= !driven;
            }
        }
        assertEquals(400, sweep.tasks().size());
        assertTrue(seenDriven && seenNot, "both kinds of patient were compiled");
        assertEquals(0.26 * 400, notDriven, 4 * Math.sqrt(400 * 0.26 * 0.74));
    }

    /**
     * ToGA enrolled IHC 0/1+ tumours with amplification: 22.4 % of the patients of its two
     * chemotherapy arms draw a tumour neither driven by HER2 nor showing much of it (dependence 0
     * and a founder whose HER2 is at the `normal` level, over the context's drawn PTEN/PIK3CA
     * state), while the lapatinib arm (another trial) fixes every patient HER2-driven. Over 2 × 200
     * patients the count is Binomial(400, 0.224): mean 89.6, SD 8.3; a 4-SD band.
     */
    @Test
    void togasIhcZeroOrOnePlusPatientsNeitherDependOnHer2NorShowIt() {
        Sweep sweep = Sweep.load(Scenarios.configs().resolve("experiments/toga.yaml"), null, null,
                new Sweep.Overrides(List.of(), 200));
        String path = "context.tumour_kinetics.her2_driven";
        int notDriven = 0;
        int[] compiled = new int[2]; // not driven, driven
        for (Sweep.Task t : sweep.tasks()) {
            boolean driven = Boolean.parseBoolean(t.parameters().get(path));
            if (t.arm().equals("lapatinib")) {
                assertTrue(driven, "the lapatinib arm's own setting replaces the draw: " + t.parameters());
                assertEquals(null, t.parameters().get("tumour.founder.her2"));
                continue;
            }
            notDriven += driven ? 0 : 1;
            assertEquals(driven ? null : "normal", t.parameters().get("tumour.founder.her2"), t.parameters().toString());
            if (compiled[driven ? 1 : 0] < (driven ? 4 : 8)) {
                // the founder drawn by the gastric context keeps its PI3K state, with HER2 replaced
                Map<String, String> drawn = parse(t.parameters().get("tumour.founder"));
                SimulationConfig c = sweep.scenario(t, ConfigChange.none()).config();
                Map<String, String> founder = c.tumour().founder();
                assertEquals(driven ? "amplified" : "normal", founder.get("her2"), t.parameters().toString());
                drawn.forEach((marker, state) -> {
                    if (!marker.equals("her2")) {
                        assertEquals(state, founder.get(marker), t.parameters().toString());
                    }
                });
                assertEquals(driven, c.context().tumourKinetics().signallingDependence() > 0, t.parameters().toString());
                compiled[driven ? 1 : 0]++;
            }
        }
        assertEquals(600, sweep.tasks().size());
        assertEquals(8, compiled[0], "patients not driven by HER2 were compiled");
        assertEquals(4, compiled[1], "HER2-driven patients were compiled");
        assertEquals(0.224 * 400, notDriven, 4 * Math.sqrt(400 * 0.224 * 0.776));
    }

    private static Map<String, String> parse(String flow) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String kv : flow.replaceAll("[{}]", "").split(",")) {
            String[] p = kv.split(":");
            m.put(p[0].trim(), p[1].trim());
        }
        return m;
    }
}
