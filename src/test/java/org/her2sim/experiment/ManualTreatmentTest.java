package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.her2sim.Scenarios;
import org.her2sim.config.RegimenSpec;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.TumourModel;
import org.junit.jupiter.api.Test;

/** What the GUI's treatment panel does: replace the regimen while the model runs. */
class ManualTreatmentTest {
    @Test
    void drugsGivenAndStoppedByHandTakeEffectAtOnce() {
        Lesson lesson = Lesson.load(Scenarios.configs().resolve("lessons/01-p95her2.yaml"));
        Scenario s = lesson.scenario(List.of(), null);
        TumourModel m = new TumourModel(s, 1, null);
        m.start();
        while (m.now() < 5 && m.schedule.step(m)) {
            // untreated growth
        }
        assertTrue(!m.treating());
        RegimenSpec.DoseSpec lapatinib = lesson.spec().controls().stream().filter(d -> d.drug().equals("lapatinib")).findFirst().orElseThrow();
        m.replaceRegimen(Lesson.phaseOf(s, List.of(lapatinib)));
        assertEquals("by hand: lapatinib", m.phaseName());
        int bit = s.drugs().get("lapatinib").bit();
        while (m.now() < 10 && m.schedule.step(m)) {
            // lapatinib daily
        }
        assertTrue(m.treating() && m.concentration(bit) > 0, "lapatinib given: " + m.concentration(bit));
        assertTrue(m.treatmentStart() >= 5 && m.treatmentStart() < 5.1, "treatment started by hand on day 5: " + m.treatmentStart());
        m.replaceRegimen(Lesson.phaseOf(s, List.of()));
        double c = m.concentration(bit);
        while (m.now() < 20 && m.schedule.step(m)) {
            // no more doses: lapatinib washes out (half-life about a day)
        }
        assertTrue(!m.treating(), "stopped by hand");
        assertTrue(m.concentration(bit) < c / 100, "washed out: " + m.concentration(bit) + " from " + c);
    }
}
