package org.her2sim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape routes as data: the default MET marker (a HER2-independent bypass a MET inhibitor
 * takes away), and a further route (IGF-1R crosstalk) added in YAML alone.
 */
class MarkersAsDataTest {
    @TempDir
    Path dir;

    @Test
    void metAmplificationRescuesGrowthUnderTrastuzumabAndAMetInhibitorTakesItAway() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"));
        int metAmp = s.space().encode(Map.of("met", "amplified"), "t");
        double[] c = new double[s.drugs().drugs().size()];
        long mask = 1L << s.drugs().get("trastuzumab").bit();
        c[s.drugs().get("trastuzumab").bit()] = 40;
        Exposure trastuzumab = s.drugs().exposure(c, mask, true);
        c[s.drugs().get("capmatinib").bit()] = 5;
        Exposure both = s.drugs().exposure(c, mask | 1L << s.drugs().get("capmatinib").bit(), true);
        double alone = s.rates().rates(metAmp, trastuzumab).netGrowthPerDay();
        double founder = s.rates().rates(s.founder(), trastuzumab).netGrowthPerDay();
        assertTrue(alone > founder + 0.05, "MET amplification rescues growth under trastuzumab: " + alone + " vs " + founder);
        assertTrue(s.rates().rates(metAmp, both).netGrowthPerDay() < alone - 0.05, "a MET inhibitor takes the rescue away");
    }

    @Test
    void igf1rCrosstalkCanBeAddedInYaml() throws Exception {
        String biology = Files.readString(Scenarios.configs().resolve("biology/her2.yaml"));
        String igf1r = """
                  - name: igf1r
                    states:
                      - {name: basal, attributes: {igf1r: 0.0}}
                      - {name: high, attributes: {igf1r: 1.0}}
                    mutations:
                      - {from: basal, to: high, probability: 1.0e-7}

                # PTEN loss and PIK3CA""";
        biology = biology.replace("\n# PTEN loss and PIK3CA", "\n" + igf1r);
        String pi3k = "sum: {her2_homodimer: 0.5, her2_her3: 1.0, p95_signal: 0.6, met_signal: 0.6}";
        assertTrue(biology.contains(pi3k), "the default PI3K node as this test expects it");
        biology = biology.replace(pi3k, "sum: {her2_homodimer: 0.5, her2_her3: 1.0, p95_signal: 0.6, met_signal: 0.6, igf1r: 0.6}");
        Files.createDirectories(dir.resolve("biology"));
        Files.writeString(dir.resolve("biology/her2-igf1r.yaml"), biology);
        Files.copy(Scenarios.configs().resolve("drugs.yaml"), dir.resolve("drugs.yaml"));
        String scenario = Files.readString(Scenarios.testScenario("culture-tumour.yaml")).replace("../../../../configs/", "")
                .replace("biology/her2.yaml", "biology/her2-igf1r.yaml");
        Path file = Scenarios.write(dir, "igf1r.yaml", scenario);

        Scenario s = Scenarios.compile(file);
        assertEquals(8, s.space().markerCount());
        assertEquals(384, s.space().size());
        int high = s.space().encode(Map.of("igf1r", "high"), "t");
        double[] c = new double[s.drugs().drugs().size()];
        c[s.drugs().get("trastuzumab").bit()] = 40;
        Exposure trastuzumab = s.drugs().exposure(c, 1L << s.drugs().get("trastuzumab").bit(), true);
        double rescued = s.rates().rates(high, trastuzumab).netGrowthPerDay();
        double founder = s.rates().rates(s.founder(), trastuzumab).netGrowthPerDay();
        assertTrue(rescued > founder + 0.05, "IGF-1R input to PI3K rescues growth under trastuzumab: " + rescued + " vs " + founder);
    }
}
