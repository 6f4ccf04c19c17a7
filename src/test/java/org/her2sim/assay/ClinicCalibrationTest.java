package org.her2sim.assay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.her2sim.Scenarios;
import org.junit.jupiter.api.Test;

/**
 * The virtual ToGA trial with the fitted in-patient parameters reproduces the reported arms: with
 * 40 patients a response rate near 40 % has a standard error of 0.075, so each arm's rate must lie
 * within 3 standard errors (0.225) of the reported one; median PFS within ±35 % (3 × the 0.1
 * log-scale uncertainty used in the fit, rounded up).
 */
class ClinicCalibrationTest {
    @Test
    void fittedTrialMatchesToga() {
        List<ClinicCalibration.Arm> arms = new ClinicCalibration(Scenarios.configs()).trial(40);
        int checked = 0;
        for (ClinicCalibration.Arm a : arms) {
            double[] r = ClinicCalibration.REPORTED.get(a.arm());
            if (r == null) {
                continue;
            }
            checked++;
            assertEquals(40, a.patients(), a.arm() + ": every virtual patient diagnosed");
            assertEquals(r[0], a.responseRate(), 0.225, a.arm() + " response rate");
            assertTrue(Math.abs(Math.log(a.medianPfsDays() / r[1])) < Math.log(1.35), a.arm() + " median PFS " + a.medianPfsDays()
                    + " days vs " + r[1]);
        }
        assertEquals(2, checked);
        assertTrue(ClinicCalibration.loss(arms) < 10, "loss " + ClinicCalibration.loss(arms));
    }
}
