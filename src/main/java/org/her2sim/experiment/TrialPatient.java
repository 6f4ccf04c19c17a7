package org.her2sim.experiment;

import java.util.List;
import org.her2sim.observe.Summary;

/**
 * One virtual patient of a sweep as a trial analyses them: whether treated, randomised (the line
 * of randomisation began) and eligible, the randomisation day, and the time-to-event endpoints
 * measured from it — progression-free survival of the randomised line, time to strategy failure
 * and the overall-survival proxy (null when the run stopped at a ceiling below the lethal burden).
 */
record TrialPatient(TaskResult task, boolean treated, boolean randomised, boolean eligible, double randomisationDays,
                    Summary.Line line, Survival.Subject pfs, Survival.Subject ttf, Survival.Subject os) {

    static TrialPatient of(TaskResult t, SweepSpec.Randomise randomise) {
        Summary s = t.summary();
        if (s.treatmentStartDays() == null) {
            return new TrialPatient(t, false, false, false, Double.NaN, null, null, null, null);
        }
        int l = randomise.line();
        List<Summary.Line> lines = s.lines();
        if (lines.size() < l) {
            return new TrialPatient(t, true, false, false, Double.NaN, null, null, null, null);
        }
        Summary.Line line = lines.get(l - 1);
        boolean eligible = true;
        if (randomise.progressedWithin() != null) {
            Summary.Line before = lines.get(l - 2);
            eligible = before.pfsEvent() && before.pfsDays() <= randomise.progressedWithin().days() + 1e-9;
        }
        // endpoints of the whole strategy, counted from randomisation instead of treatment start
        double offset = line.startDays() - s.treatmentStartDays();
        Survival.Subject pfs = new Survival.Subject(line.pfsDays(), line.pfsEvent());
        Survival.Subject ttf = s.ttfDays() == null ? null : new Survival.Subject(Math.max(0, s.ttfDays() - offset), s.ttfEvent());
        Survival.Subject os = s.osDays() == null ? null : new Survival.Subject(Math.max(0, s.osDays() - offset), s.osEvent());
        return new TrialPatient(t, true, true, eligible, line.startDays(), line, pfs, ttf, os);
    }

    /** The endpoint's subject: pfs, ttf or os. */
    Survival.Subject subject(String endpoint) {
        return switch (endpoint) {
            case "pfs" -> pfs;
            case "ttf" -> ttf;
            case "os" -> os;
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    /** The readout of that name, or null. */
    Summary.Readout readout(String name) {
        return task.summary().readouts().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
