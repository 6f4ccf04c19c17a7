package org.her2sim.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A sweep's patients run in memory, nothing written: what a calibration evaluates many times.
 * Each patient starts from its tumour at diagnosis ({@link DiagnosisSnapshots}, grown once), and
 * the results keep the task order, so they do not depend on the number of threads.
 */
public final class VirtualTrial {
    private VirtualTrial() {
    }

    /** Runs every task of {@code sweep} on {@code pool}; a tumour never diagnosed is left out (as the sweep's eligibility rule). */
    public static SweepResults.Tasks run(Sweep sweep, DiagnosisSnapshots snapshots, ExecutorService pool) {
        List<Future<Optional<TaskResult>>> futures = new ArrayList<>();
        for (Sweep.Task t : sweep.tasks()) {
            futures.add(pool.submit(() -> snapshots.fromDiagnosis(sweep.scenario(t), t.seed())
                    .map(start -> SweepRunner.resultOf(t, SingleRun.simulate(start.scenario(), start.seed())))));
        }
        List<TaskResult> results = new ArrayList<>();
        Futures.all(futures).forEach(r -> r.ifPresent(results::add));
        return new SweepResults.Tasks(sweep, results);
    }
}
