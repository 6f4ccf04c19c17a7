package org.her2sim.experiment;

import java.io.PrintStream;
import java.util.Locale;
import org.her2sim.engine.TumourModel;

/**
 * A long single run's progress on a terminal: simulated day, cells and time so far, redrawn in
 * place twice a second once the run has taken two seconds (short runs show nothing), and cleared
 * at the end so the summary stands alone.
 */
public final class RunProgress {
    private static final long FIRST_NANOS = 2_000_000_000L;
    private static final long EVERY_NANOS = 500_000_000L;

    private final PrintStream out;
    private final long start = System.nanoTime();
    private long next = start + FIRST_NANOS;
    private int shownWidth;

    private RunProgress(PrintStream out) {
        this.out = out;
    }

    /** Progress on {@code out} when the program runs in a terminal; null (nothing shown) otherwise. */
    public static RunProgress onTerminal(PrintStream out) {
        return System.console() == null ? null : new RunProgress(out);
    }

    static TumourModel.Watcher watcher(RunProgress p) {
        return p == null ? null : p::stepped;
    }

    private void stepped(TumourModel m) {
        long now = System.nanoTime();
        if (now < next) {
            return;
        }
        next = now + EVERY_NANOS;
        double max = m.scenario().config().time().maxDays();
        String line = String.format(Locale.ROOT, "day %.1f of at most %.0f (%.0f %%), %,d cells, %s so far", m.now(), max,
                100 * m.now() / max, m.cellCount(), SweepRunner.Progress.eta((now - start) / 1e9));
        out.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
        out.flush();
        shownWidth = line.length();
    }

    /** Clears the progress line, if one was shown. */
    public void done() {
        if (shownWidth > 0) {
            out.print("\r" + " ".repeat(shownWidth) + "\r");
            out.flush();
            shownWidth = 0;
        }
    }
}
