package org.her2sim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.her2sim.config.Suggest;
import org.her2sim.io.AtomicFiles;
import org.her2sim.observe.RunRecorder.MechanismRow;
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
        RunData data = RunData.read(dir);
        Palette palette = Palette.of(data.scenario().space());
        List<Path> written = new ArrayList<>();
        ReportFolder.write(dir, tmp -> {
            Path charts = Files.createDirectory(tmp.resolve("charts"));
            List<HtmlPage.Figure> figures = new ArrayList<>();
            for (ChartKind kind : ALL) {
                if (!options.charts().contains(kind.name())) {
                    continue;
                }
                JFreeChart chart = kind.build(data, palette);
                if (chart == null) {
                    continue;
                }
                for (ChartFormat f : ChartFormat.values()) {
                    if (options.formats().contains(f)) {
                        Path file = charts.resolve(kind.name() + "." + f.extension());
                        AtomicFiles.write(file, out -> f.write(chart, options.width(), options.height(), out));
                        written.add(dir.resolve("charts").resolve(file.getFileName()));
                    }
                }
                String shown = options.formats().contains(ChartFormat.PNG) ? "png" : "svg";
                figures.add(new HtmlPage.Figure("charts/" + kind.name() + "." + shown, kind.caption()));
            }
            AtomicFiles.writeString(tmp.resolve("report.html"), HtmlPage.render(data, figures));
        });
        return written;
    }
}
