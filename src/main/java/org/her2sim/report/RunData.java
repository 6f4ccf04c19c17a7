package org.her2sim.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.TumourModel;
import org.her2sim.observe.CloneInfo;
import org.her2sim.observe.RunRecorder;
import org.her2sim.observe.RunRecorder.CloneRow;
import org.her2sim.observe.RunRecorder.DrugRow;
import org.her2sim.observe.RunRecorder.EventRow;
import org.her2sim.observe.RunRecorder.MechanismRow;
import org.her2sim.observe.RunRecorder.TotalRow;
import org.her2sim.observe.Summary;

/**
 * What a report is made from: the files of a run directory, read back and checked (a missing,
 * truncated or inconsistent file is a {@link ReportInputException} naming it), plus the
 * scenario compiled from the run's resolved configuration (for IC50s and limits).
 */
public record RunData(Path directory, Scenario scenario, String configText, Summary summary, List<CloneRow> clones,
                      List<TotalRow> totals, List<DrugRow> drugs, List<MechanismRow> mechanisms, List<CloneInfo> cloneInfo,
                      List<EventRow> events, String notes) {
    /** A run's notes (notes.txt, optional): what a reader must know first, e.g. a lesson's compressed time. */
    public static final String NOTES = "notes.txt";

    private static final CsvMapper CSV = CsvMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** Reads a run directory. */
    public static RunData read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir + ": not a directory");
        }
        if (!Files.isRegularFile(dir.resolve("summary.json"))) {
            throw new ReportInputException(dir + ": not a run directory (no summary.json)");
        }
        Summary summary;
        try {
            summary = JSON.readValue(dir.resolve("summary.json").toFile(), Summary.class);
        } catch (IOException e) {
            throw new ReportInputException(dir.resolve("summary.json") + ": unreadable or incomplete ("
                    + firstLine(e.getMessage()) + ")");
        }
        Path config = dir.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            throw new ReportInputException(config + ": missing");
        }
        Scenario scenario;
        String configText;
        try {
            configText = Files.readString(config);
            scenario = Scenario.compile(new ConfigLoader().load(config, List.of()));
        } catch (ConfigException e) {
            throw new ReportInputException(e.getMessage());
        } catch (IOException e) {
            throw new ReportInputException(config + ": unreadable (" + e.getMessage() + ")");
        }
        RunData data = new RunData(dir, scenario, configText, summary,
                csv(dir, "timeseries.csv", CloneRow.class), csv(dir, "totals.csv", TotalRow.class),
                csv(dir, "drugs.csv", DrugRow.class), csv(dir, "mechanisms.csv", MechanismRow.class),
                csv(dir, "clones.csv", CloneInfo.class), csv(dir, "events.csv", EventRow.class), notes(dir));
        data.checkConsistency();
        return data;
    }

    /**
     * A run just finished, from memory: the same rows its files hold (so its report equals the one
     * {@code her2sim report} makes from them), without reading them back.
     */
    public static RunData of(Path dir, Scenario scenario, String configText, Summary summary, RunRecorder recorder,
                             TumourModel model, String notes) {
        RunData data = new RunData(dir, scenario, configText, summary, recorder.cloneRows(), recorder.totalRows(),
                recorder.drugRows(), recorder.mechanismRows(), CloneInfo.of(model), recorder.eventRows(), notes.strip());
        data.checkConsistency();
        return data;
    }

    private static String notes(Path dir) {
        Path file = dir.resolve(NOTES);
        try {
            return Files.isRegularFile(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            throw new ReportInputException(file + ": unreadable (" + e.getMessage() + ")");
        }
    }

    private static <T> List<T> csv(Path dir, String name, Class<T> type) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new ReportInputException(file + ": missing");
        }
        CsvSchema schema = CSV.schemaFor(type).withHeader().withStrictHeaders(true);
        if (type == CloneInfo.class && !firstLineOf(file).contains("escape_at_end")) {
            // a run directory written before clones.csv had escape_at_end (its last column)
            CsvSchema.Builder older = schema.rebuild();
            schema = older.removeColumn(older.size() - 1).build().withHeader().withStrictHeaders(true);
        }
        try (MappingIterator<T> it = CSV.readerFor(type).with(schema).readValues(file.toFile())) {
            List<T> rows = new ArrayList<>();
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new ReportInputException(file + ": not a valid " + name + " (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLineOf(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** Cross-file checks: what the summary says must match what the tables hold. */
    private void checkConsistency() {
        if (totals.isEmpty()) {
            throw new ReportInputException(directory.resolve("totals.csv") + ": no rows");
        }
        TotalRow last = totals.get(totals.size() - 1);
        if (Math.abs(last.timeDays() - summary.finalTimeDays()) > 1e-6 || last.cells() != summary.finalCells()) {
            throw new ReportInputException(directory.resolve("totals.csv") + ": ends at day " + last.timeDays() + " with "
                    + last.cells() + " cells, but summary.json says day " + summary.finalTimeDays() + " with "
                    + summary.finalCells() + " cells (truncated or from another run)");
        }
        for (int i = 1; i < totals.size(); i++) {
            if (totals.get(i).timeDays() < totals.get(i - 1).timeDays()) {
                throw new ReportInputException(directory.resolve("totals.csv") + ": times go backwards at row " + (i + 1));
            }
        }
        if (cloneInfo.size() != summary.clonesEver()) {
            throw new ReportInputException(directory.resolve("clones.csv") + ": " + cloneInfo.size()
                    + " clones, but summary.json says " + summary.clonesEver());
        }
        for (CloneRow r : clones) {
            if (r.cloneId() < 0 || r.cloneId() >= cloneInfo.size()) {
                throw new ReportInputException(directory.resolve("timeseries.csv") + ": clone " + r.cloneId() + " is not in clones.csv");
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
