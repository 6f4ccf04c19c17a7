package org.her2sim.pharmacology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.her2sim.Scenarios;
import org.her2sim.config.Days;
import org.her2sim.config.DrugSpec.PkSpec;
import org.junit.jupiter.api.Test;

class PkModelTest {
    static PkSpec twoCompartment() {
        return new PkSpec("two_compartment", "iv", 0.225, 2.95, 2.68, 0.11, null, null, null, null, null);
    }

    @Test
    void compiledModelsAndDrugsCannotBeChangedAndCompareByContent() {
        PkModel pk = PkModel.of(twoCompartment());
        double before = pk.concentration(100, 3);
        pk.ratePerDay()[0] = 0; // a copy: the model keeps its rates
        assertEquals(before, pk.concentration(100, 3));
        assertEquals(pk, PkModel.of(twoCompartment()));
        assertEquals(pk.hashCode(), PkModel.of(twoCompartment()).hashCode());
        var drugs = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml")).drugs().drugs();
        var again = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml")).drugs().drugs();
        assertEquals(drugs, again, "drugs compiled twice from one file are equal");
        Drug d = drugs.stream().filter(x -> x.targetCount() > 0).findFirst().orElseThrow();
        double effect = d.effect(0, 1.0);
        d.emax()[0] = 0;
        assertEquals(effect, d.effect(0, 1.0), "a returned array is a copy");
    }

    @Test
    void twoCompartmentMatchesTheOdeSolution() {
        PkModel pk = PkModel.of(twoCompartment());
        // integrate dA1 = −(k10+k12)A1 + k21 A2, dA2 = k12 A1 − k21 A2 with RK4, 1-minute steps
        double k10 = 0.225 / 2.95, k12 = 0.11 / 2.95, k21 = 0.11 / 2.68;
        double a1 = 420, a2 = 0, h = 1.0 / 1440;
        for (int step = 1; step <= 60 * 1440; step++) {
            double[] k1 = f(a1, a2, k10, k12, k21);
            double[] k2 = f(a1 + h / 2 * k1[0], a2 + h / 2 * k1[1], k10, k12, k21);
            double[] k3 = f(a1 + h / 2 * k2[0], a2 + h / 2 * k2[1], k10, k12, k21);
            double[] k4 = f(a1 + h * k3[0], a2 + h * k3[1], k10, k12, k21);
            a1 += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            a2 += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
            if (step % 1440 == 0) {
                double t = step / 1440.0;
                assertEquals(a1 / 2.95, pk.concentration(420, t), 1e-9 * 420 / 2.95, "day " + t);
            }
        }
    }

    private static double[] f(double a1, double a2, double k10, double k12, double k21) {
        return new double[] {-(k10 + k12) * a1 + k21 * a2, k12 * a1 - k21 * a2};
    }

    @Test
    void trastuzumabTerminalHalfLifeIsAboutFourWeeks() {
        // Bruno et al. 2005 report 28.5 days
        assertEquals(28.5, PkModel.of(twoCompartment()).terminalHalfLifeDays(), 1.0);
    }

    @Test
    void oneCompartmentHalvesEveryHalfLife() {
        PkModel pk = PkModel.of(new PkSpec("one_compartment", "iv", null, 5.0, null, null, Days.parse("17.5d"), null, null, null, null));
        assertEquals(100.0 / 5.0, pk.concentration(100, 0), 1e-12);
        assertEquals(10.0, pk.concentration(100, 17.5), 1e-12);
    }

    @Test
    void oralAbsorptionStartsAtZeroAndPeaksAtTheBatemanTime() {
        double ka = 6, k = Math.log(2);
        PkModel pk = PkModel.of(new PkSpec("one_compartment", "oral", null, 1000.0, null, null, Days.parse("1d"), ka, 1.0, null, null));
        assertEquals(0.0, pk.concentration(1250, 0), 1e-12);
        double tmax = Math.log(ka / k) / (ka - k);
        double peak = pk.concentration(1250, tmax);
        assertTrue(peak > pk.concentration(1250, tmax - 0.01) && peak > pk.concentration(1250, tmax + 0.01));
    }

    @Test
    void runningSumsSuperposeRepeatedDoses() {
        PkModel pk = PkModel.of(twoCompartment());
        DrugLevel level = new DrugLevel(pk);
        level.dose(0, 560);
        for (int i = 1; i <= 10; i++) {
            level.dose(21 * i, 420);
        }
        double t = 21 * 10 + 20.5;
        double explicit = pk.concentration(560, t);
        for (int i = 1; i <= 10; i++) {
            explicit += pk.concentration(420, t - 21 * i);
        }
        assertEquals(explicit, level.concentration(t), 1e-9 * explicit);
        assertEquals(560 + 4200, level.cumulativeMg(), 1e-9);
    }

    @Test
    void anInfusionRisesDuringItsHourAndThenMatchesTheBolusSolutionForThatInput() {
        // one compartment, V = 5 L, k = ln2/17.5 d; 420 mg over 90 min. During the infusion
        // C(t) = R/(kV)(1 − e^{−kt}); afterwards C(T)·e^{−k(t−T)}.
        PkModel pk = PkModel.of(new PkSpec("one_compartment", "iv", null, 5.0, null, null, Days.parse("17.5d"), null, null, Days.parse("90min"), null));
        double k = Math.log(2) / 17.5, v = 5.0, tInf = 1.5 / 24, r = 420 / tInf;
        DrugLevel level = new DrugLevel(pk, tInf);
        level.dose(0, 420);
        assertEquals(0.0, level.concentration(0), 1e-12);
        double mid = tInf / 2;
        assertEquals(r / (k * v) * -Math.expm1(-k * mid), level.concentration(mid), 1e-9);
        double end = r / (k * v) * -Math.expm1(-k * tInf);
        assertEquals(end * Math.exp(-k * 10), level.concentration(tInf + 10), 1e-9);
        assertEquals(420.0 / v * Math.exp(-k * 10), level.concentration(tInf + 10), 0.01 * 420 / v, "close to a bolus after the infusion");
        level.dose(21, 420);
        assertEquals(840.0, level.cumulativeMg(), 1e-12);
    }

    @Test
    void q3wTrastuzumabTroughIsInThePublishedRange() {
        // 8 mg/kg then 6 mg/kg q3w at 70 kg; label population PK: steady-state Cmin median
        // 44 (MBC) and 33 (AGC) ug/mL, 5th-95th percentiles ~2-89 ug/mL
        PkModel pk = PkModel.of(twoCompartment());
        DrugLevel level = new DrugLevel(pk);
        level.dose(0, 560);
        for (int i = 1; i < 20; i++) {
            level.dose(21 * i, 420);
        }
        double trough = level.concentration(21 * 20 - 1e-9);
        assertTrue(trough > 20 && trough < 90, "steady-state trough " + trough);
    }
}
