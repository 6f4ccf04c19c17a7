package org.her2sim.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import org.her2sim.experiment.Sweep;
import org.her2sim.experiment.SweepResults;

/**
 * What a merge holds in memory per task of a finished results directory: the live heap after
 * reading its tasks whole (cells per marker state, overrides, drawn values) and compact (what the
 * summary, comparison and report use; results.csv is then written from the files). The heap a
 * merge of N tasks needs grows as N times the compact figure.
 */
public final class MergeBenchmark {
    private MergeBenchmark() {
    }

    /** Live heap per task, bytes, read whole and compact. */
    public record Result(int tasks, double wholeBytesPerTask, double compactBytesPerTask) {
    }

    public static Result run(Path dir) throws IOException {
        Sweep sweep = Sweep.ofResults(dir);
        long base = liveHeap();
        SweepResults.Tasks whole = SweepResults.read(sweep, List.of(dir));
        long wholeBytes = liveHeap() - base;
        int n = whole.results().size();
        Reference.reachabilityFence(whole);
        whole = null;
        base = liveHeap();
        SweepResults.Tasks compact = SweepResults.readCompact(sweep, List.of(dir));
        long compactBytes = liveHeap() - base;
        Reference.reachabilityFence(compact);
        return new Result(n, wholeBytes / (double) n, compactBytes / (double) n);
    }

    /** The heap still in use after full collections (garbage does not count). */
    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
