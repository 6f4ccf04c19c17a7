package org.her2sim.pharmacology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigLoader;
import org.her2sim.engine.Scenario;
import org.junit.jupiter.api.Test;

/** The concentration that acts in vivo: free (unbound) and reaching the tumour. */
class ExposureTest {
    private static Scenario compile(String... sets) {
        return Scenario.compile(new ConfigLoader().load(Scenarios.testScenario("culture-tumour.yaml"), List.of(sets)));
    }

    private static double trastuzumabDomainIvEffect(Scenario s, double plasmaUgPerMl) {
        Drug d = s.drugs().get("trastuzumab");
        double[] c = new double[s.drugs().drugs().size()];
        c[d.bit()] = plasmaUgPerMl;
        var e = s.drugs().exposure(c, 1L << d.bit(), true);
        return e.effect(s.drugs().targets().indexOf("her2_ecd_iv"));
    }

    @Test
    void tumourPenetrationScalesTheActingConcentration() {
        Scenario full = compile();
        Scenario tenth = compile("drugs.trastuzumab.tumour_penetration=0.1");
        // Emax 0.85, IC50 2.88 ug/mL, Hill 1: 40 ug/mL in plasma acts as 40, or as 4 with a tenth reaching the tumour
        assertEquals(0.85 * 40 / (40 + 2.88), trastuzumabDomainIvEffect(full, 40), 1.0 / 4096);
        assertEquals(0.85 * 4 / (4 + 2.88), trastuzumabDomainIvEffect(tenth, 40), 1.0 / 4096);
        assertEquals(0.1, tenth.drugs().get("trastuzumab").actingFraction(), 1e-15);
    }

    @Test
    void aPenetrationOutsideZeroToOneIsRefused() {
        for (String bad : new String[] {"0", "1.5", "-0.1"}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.her2sim.config.ConfigException.class,
                    () -> compile("drugs.trastuzumab.tumour_penetration=" + bad));
            assertTrue(e.getMessage().contains("tumour_penetration"), e.getMessage());
        }
    }
}
