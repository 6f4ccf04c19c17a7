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

/** A new escape route (MET amplification) is added in YAML alone, and behaves. */
class MarkersAsDataTest {
    @TempDir
    Path dir;

    @Test
    void metAmplificationCanBeAddedInYamlAndAMetInhibitorActsOnIt() throws Exception {
        String biology = Files.readString(Scenarios.configs().resolve("biology/her2.yaml"));
        String met = """
                  - name: met
                    states:
                      - {name: normal, attributes: {met: 0.0}}
                      - {name: amplified, attributes: {met: 1.0}}
                    mutations:
                      - {from: normal, to: amplified, probability: 1.0e-7}

                # PTEN loss and PIK3CA""";
        biology = biology.replace("\n# PTEN loss and PIK3CA", "\n" + met);
        biology = biology.replace("  pi3k_activity:\n    sum: {her2_homodimer: 0.5, her2_her3: 1.0, p95_signal: 0.6}",
                "  met_signal:\n    product: [met]\n    blocked_by: [met_kinase]\n"
                        + "  pi3k_activity:\n    sum: {her2_homodimer: 0.5, her2_her3: 1.0, p95_signal: 0.6, met_signal: 0.6}");
        biology = biology.replace("    sum: {her2_homodimer: 0.6, her2_her3: 0.3, p95_signal: 0.6}",
                "    sum: {her2_homodimer: 0.6, her2_her3: 0.3, p95_signal: 0.6, met_signal: 0.6}");
        Files.createDirectories(dir.resolve("biology"));
        Files.writeString(dir.resolve("biology/her2-met.yaml"), biology);
        Files.copy(Scenarios.configs().resolve("drugs.yaml"), dir.resolve("drugs.yaml"));
        String scenario = Files.readString(Scenarios.configs().resolve("quickstart.yaml")).replace("biology/her2.yaml", "biology/her2-met.yaml");
        Path file = Scenarios.write(dir, "met.yaml", scenario);

        Scenario s = Scenarios.compile(file);
        assertEquals(6, s.space().markerCount());
        assertEquals(96, s.space().size());
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
}
