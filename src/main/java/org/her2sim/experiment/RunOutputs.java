package org.her2sim.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.her2sim.biology.StateSpace;
import org.her2sim.engine.Lineage;
import org.her2sim.engine.TumourModel;
import org.her2sim.observe.RunRecorder;
import org.her2sim.observe.Summary;

/**
 * Writes a run directory's files (see runs/README.md for what each holds), each atomically.
 */
public final class RunOutputs {
    private static final CsvMapper CSV = CsvMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One clone of clones.csv. */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"clone_id", "parent_id", "markers", "escape", "birth_time_days", "peak_cells", "final_cells"})
    public record CloneInfo(int cloneId, Integer parentId, String markers, String escape, double birthTimeDays,
                            long peakCells, long finalCells) {
    }

    private RunOutputs() {
    }

    public static void write(Path dir, String resolvedConfig, RunRecorder recorder, TumourModel model, Summary summary)
            throws IOException {
        AtomicFiles.writeString(dir.resolve("config.yaml"), resolvedConfig);
        csv(dir.resolve("timeseries.csv"), RunRecorder.CloneRow.class, recorder.cloneRows());
        csv(dir.resolve("totals.csv"), RunRecorder.TotalRow.class, recorder.totalRows());
        csv(dir.resolve("drugs.csv"), RunRecorder.DrugRow.class, recorder.drugRows());
        csv(dir.resolve("events.csv"), RunRecorder.EventRow.class, recorder.eventRows());
        csv(dir.resolve("mechanisms.csv"), RunRecorder.MechanismRow.class, recorder.mechanismRows());
        csv(dir.resolve("clones.csv"), CloneInfo.class, clones(model));
        AtomicFiles.write(dir.resolve("summary.json"), out -> JSON.writeValue(out, summary));
    }

    static List<CloneInfo> clones(TumourModel model) {
        Lineage l = model.lineage();
        StateSpace space = model.scenario().space();
        int founder = model.scenario().founder();
        java.util.List<CloneInfo> rows = new java.util.ArrayList<>(l.cloneCount());
        for (int c = 0; c < l.cloneCount(); c++) {
            rows.add(new CloneInfo(c, l.parent(c) < 0 ? null : l.parent(c), space.label(l.foundingState(c)),
                    space.difference(l.foundingState(c), founder), l.birthDay(c), l.peak(c), l.cells(c)));
        }
        return rows;
    }

    static <T> void csv(Path file, Class<T> type, List<T> rows) throws IOException {
        CsvSchema schema = CSV.schemaFor(type).withHeader();
        AtomicFiles.write(file, out -> CSV.writer(schema).writeValues(out).writeAll(rows).close());
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
