package org.her2sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatientDrawTest {

    @Test
    void aCalibrationsCopyOfADrawKeepsEverythingElse() {
        // the clinic calibration moves a draw's spread or median through these copies
        PatientDraw spread = new PatientDraw("drugs.trastuzumab.tumour_penetration", List.of("drugs.pertuzumab.tumour_penetration"),
                PatientDraw.Distribution.LOGITNORMAL, null, null, null, 1.0, null, null, null, null, "fitted");
        PatientDraw wider = spread.withSd(2.0);
        assertEquals(2.0, wider.sd());
        assertEquals(spread.also(), wider.also());
        assertEquals(Map.of(), wider.settingsWith("anything"));
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("true", 0.75);
        shares.put("false", 0.25);
        PatientDraw kinds = new PatientDraw("context.tumour_kinetics.her2_driven", null, PatientDraw.Distribution.CATEGORICAL, null, null,
                null, null, null, null, shares, Map.of("false", Map.of("tumour.founder.her2", "normal")), "");
        PatientDraw copy = kinds.withMedian(null);
        assertEquals(Map.of("tumour.founder.her2", "normal"), copy.settingsWith("false"));
        assertEquals(Map.of(), copy.settingsWith("true"));
        // u below 0.75 falls on the first category as listed, above it on the second
        assertEquals("true", copy.value(0, 0.5, Double.NaN));
        assertEquals("false", copy.value(0, 0.9, Double.NaN));
    }

    @Test
    void onlyACategoricalDrawHasSettingsPerCategory() {
        ConfigProblem e = assertThrows(ConfigProblem.class, () -> new PatientDraw("context.tumour_kinetics.doubling_time", null,
                PatientDraw.Distribution.LOGNORMAL, null, 0.4, null, null, null, null, null, Map.of("x", Map.of("time.max", "1d")), ""));
        assertTrue(e.getMessage().contains("only a categorical draw"), e.getMessage());
    }
}
