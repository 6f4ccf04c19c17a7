package org.her2sim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.her2sim.config.Suggest;
import org.her2sim.io.AtomicFiles;
import org.jfree.chart.JFreeChart;

/**
 * Makes a run directory's charts ({@code charts/}) and {@code report.html} from its files.
 * Everything is built in a temporary folder inside the directory and moved into place only when
 * complete, so a failed or interrupted report leaves the previous one untouched.
 */
public final class Reporter {
    /** Every chart kind, in the order the page shows them. */
    public static final List<ChartKind> ALL = List.of(new BurdenChart(), new MullerChart(), new CompositionChart(false),
            new CompositionChart(true), new DrugChart());

    /** What to make. */
    public record Options(int width, int height, Set<ChartFormat> formats, Set<String> charts) {
        public Options {
            if (width < 200 || width > 10_000 || height < 150 || height > 10_000) {
                throw new ReportInputException("chart size " + width + "x" + height + " is outside 200x150 .. 10000x10000");
            }
            if (formats.isEmpty()) {
                throw new ReportInputException("no chart format chosen (png, svg)");
            }
            for (String c : charts) {
                if (ALL.stream().noneMatch(k -> k.name().equals(c))) {
                    throw new ReportInputException("unknown chart '" + c + "'" + Suggest.hint(c, names())
                            + "; charts: " + String.join(", ", names()));
                }
            }
            formats = Set.copyOf(formats);
            charts = Set.copyOf(charts);
        }

        public static Options defaults() {
            return new Options(1000, 560, Set.of(ChartFormat.PNG, ChartFormat.SVG), new LinkedHashSet<>(names()));
        }
    }

    public static List<String> names() {
        return ALL.stream().map(ChartKind::name).toList();
    }

    private Reporter() {
    }

    /** Reads the run in {@code dir} and writes its charts and page; returns the chart files written. */
    public static List<Path> write(Path dir, Options options) throws IOException {
        return write(dir, options, RunData.read(dir));
    }

    /**
     * Writes the charts and page of a run held in memory ({@code data}: the same rows its files
     * hold, as a run just finished has them) into {@code dir}. The charts are drawn and encoded
     * in parallel, one chart to a thread; the files do not depend on the thread count.
     */
    public static List<Path> write(Path dir, Options options, RunData data) throws IOException {
        Palette palette = Palette.of(data.scenario().space());
        List<ChartKind> kinds = ALL.stream().filter(k -> options.charts().contains(k.name())).toList();
        List<Path> written = new ArrayList<>();
        ReportFolder.write(dir, tmp -> {
            Path charts = Files.createDirectory(tmp.resolve("charts"));
            List<Boolean> drawn = draw(kinds, data, palette, options, charts);
            List<HtmlPage.Figure> figures = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                if (!drawn.get(i)) {
                    continue;
                }
                ChartKind kind = kinds.get(i);
                for (ChartFormat f : ChartFormat.values()) {
                    if (options.formats().contains(f)) {
                        written.add(dir.resolve("charts").resolve(kind.name() + "." + f.extension()));
                    }
                }
                String shown = options.formats().contains(ChartFormat.PNG) ? "png" : "svg";
                figures.add(new HtmlPage.Figure("charts/" + kind.name() + "." + shown, kind.caption()));
            }
            AtomicFiles.writeString(tmp.resolve("report.html"), HtmlPage.render(data, figures));
        });
        return written;
    }

    /** Builds and writes each chart on its own thread; whether each had something to show, in order. */
    private static List<Boolean> draw(List<ChartKind> kinds, RunData data, Palette palette, Options options, Path charts)
            throws IOException {
        int threads = Math.max(1, Math.min(kinds.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "her2sim-chart");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (ChartKind kind : kinds) {
                futures.add(pool.submit(() -> {
                    JFreeChart chart = kind.build(data, palette);
                    if (chart == null) {
                        return false;
                    }
                    for (ChartFormat f : ChartFormat.values()) {
                        if (options.formats().contains(f)) {
                            Path file = charts.resolve(kind.name() + "." + f.extension());
                            AtomicFiles.write(file, out -> f.write(chart, options.width(), options.height(), out));
                        }
                    }
                    return true;
                }));
            }
            List<Boolean> drawn = new ArrayList<>();
            for (Future<Boolean> f : futures) {
                drawn.add(f.get());
            }
            return drawn;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the charts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } finally {
            // a chart that failed (a full disk) stops the others; wait until none is still
            // writing, so the report folder can be removed whole
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
