package org.her2sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void durationsConvertToDays() {
        assertEquals(21.0, Units.days("21d"));
        assertEquals(0.5, Units.days("12h"));
        assertEquals(14.0, Units.days("2w"));
        assertEquals(1.0 / 48, Units.days("30min"), 1e-15);
        assertEquals(365.25, Units.days("1y"));
        assertEquals(3.5, Units.days("3.5"));
    }

    @Test
    void unknownTimeUnitIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.days("3 fortnights"));
        assertTrue(e.getMessage().contains("fortnights"), e.getMessage());
    }

    @Test
    void dosesPerKgScaleWithWeight() {
        Dose d = Units.dose("6 mg/kg");
        assertEquals(Units.DoseBasis.PER_KG, d.basis());
        assertEquals(420.0, d.mg(70, 1.8));
        assertEquals(840.0, Units.dose("840 mg").mg(70, 1.8));
        assertEquals(1000.0, Units.dose("1 g").mg(70, 1.8));
    }

    @Test
    void dosesPerSquareMetreScaleWithBodySurface() {
        assertEquals(140.0, Units.dose("80 mg/m2").mg(70, 1.75), 1e-12);
        assertEquals(140.0, Units.dose("80 mg/m²").mg(70, 1.75), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.dose("6 mg/m3"));
        assertTrue(e.getMessage().contains("mg/m2"), e.getMessage());
    }

    @Test
    void molarConcentrationsNeedMolarMass() {
        Concentration c = Units.concentration("0.1 uM");
        assertTrue(c.molar());
        // 0.1 umol/L × 581.06 g/mol = 58.1 ug/L = 0.0581 mg/L
        assertEquals(0.058106, c.mgPerL(581.06), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> c.mgPerL(Double.NaN));
        assertFalse(Units.concentration("10 ug/mL").molar());
        assertEquals(0.01, Units.concentration("10 ng/mL").mgPerL(Double.NaN), 1e-15);
        assertEquals(0.1, Units.concentration("100 nM").value(), 1e-15);
    }

    @Test
    void wrongUnitForAConcentrationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Units.concentration("10 mg/kg"));
        assertThrows(IllegalArgumentException.class, () -> Units.dose("10 ug/mL"));
        assertThrows(IllegalArgumentException.class, () -> Units.days("NaN"));
    }
}
