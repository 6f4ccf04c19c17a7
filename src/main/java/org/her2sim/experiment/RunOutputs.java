package org.her2sim.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.her2sim.engine.TumourModel;
import org.her2sim.io.AtomicFiles;
import org.her2sim.observe.CloneInfo;
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

    private RunOutputs() {
    }

    /** The tables of a run directory: TABLE.csv, and TABLE.parquet when asked. */
    public static final List<String> TABLES = List.of("timeseries", "totals", "drugs", "events", "mechanisms", "clones");

    public static void write(Path dir, String resolvedConfig, RunRecorder recorder, TumourModel model, Summary summary)
            throws IOException {
        write(dir, resolvedConfig, recorder, model, summary, false);
    }

    /** As above; with {@code parquet}, each table also as TABLE.parquet (typed columns, for pandas, R's arrow, DuckDB). */
    public static void write(Path dir, String resolvedConfig, RunRecorder recorder, TumourModel model, Summary summary,
                             boolean parquet) throws IOException {
        AtomicFiles.writeString(dir.resolve("config.yaml"), resolvedConfig);
        csv(dir.resolve("timeseries.csv"), RunRecorder.CloneRow.class, recorder.cloneRows());
        csv(dir.resolve("totals.csv"), RunRecorder.TotalRow.class, recorder.totalRows());
        csv(dir.resolve("drugs.csv"), RunRecorder.DrugRow.class, recorder.drugRows());
        csv(dir.resolve("events.csv"), RunRecorder.EventRow.class, recorder.eventRows());
        csv(dir.resolve("mechanisms.csv"), RunRecorder.MechanismRow.class, recorder.mechanismRows());
        csv(dir.resolve("clones.csv"), CloneInfo.class, CloneInfo.of(model));
        AtomicFiles.write(dir.resolve("summary.json"), out -> JSON.writeValue(out, summary));
        if (parquet) {
            ResultsDatabase.writeParquet(dir, TABLES);
        }
    }

    static <T> void csv(Path file, Class<T> type, List<T> rows) throws IOException {
        CsvSchema schema = CSV.schemaFor(type).withHeader();
        AtomicFiles.write(file, out -> CSV.writer(schema).writeValues(out).writeAll(rows).close());
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
