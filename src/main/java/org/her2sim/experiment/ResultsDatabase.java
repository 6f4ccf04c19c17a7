package org.her2sim.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.her2sim.config.ConfigException;
import org.her2sim.io.AtomicFiles;

/**
 * The sweep tables in an embedded DuckDB: written as Parquet beside the CSV files (compact and
 * typed, for large sweeps and for tools such as pandas, R's arrow or Spark), and queried with
 * SQL by {@code her2sim query}. The database lives in memory; the files are the store.
 */
public final class ResultsDatabase {
    /** The tables a sweep writes, also the view names in queries. */
    public static final List<String> TABLES = List.of("results", "summary", "comparison");

    /** A query's answer: column names and rows as text. */
    public record Answer(List<String> columns, List<List<String>> rows) {
    }

    private ResultsDatabase() {
    }

    private static Connection open() throws SQLException {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the DuckDB driver is missing from the class path", e);
        }
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /** Writes TABLE.parquet for each TABLE.csv in {@code dir}, each atomically. */
    public static void writeParquet(Path dir) throws IOException {
        writeParquet(dir, TABLES);
    }

    /** Writes TABLE.parquet for each of {@code tables} whose TABLE.csv is in {@code dir}, each atomically. */
    public static void writeParquet(Path dir, List<String> tables) throws IOException {
        try (Connection c = open(); Statement s = c.createStatement()) {
            for (String table : tables) {
                Path csv = dir.resolve(table + ".csv");
                if (!Files.isRegularFile(csv) || Files.size(csv) == 0) {
                    continue;
                }
                Path target = dir.resolve(table + ".parquet");
                Path tmp = dir.resolve("." + table + ".parquet.tmp");
                Files.deleteIfExists(tmp);
                s.execute("COPY (SELECT * FROM read_csv(" + literal(csv) + ", header = true)) TO " + literal(tmp)
                        + " (FORMAT PARQUET)");
                AtomicFiles.move(tmp, target);
            }
        } catch (SQLException e) {
            throw new IOException("cannot write Parquet in " + dir + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Runs SQL over the tables of a results directory (Parquet where written, CSV otherwise). The
     * tables are read into memory first; then the database is closed to files and extensions
     * (external access off, settings locked), so a query can read the sweep's tables and nothing
     * else, and can change no file.
     */
    public static Answer query(Path dir, String sql) {
        boolean any = false;
        try (Connection c = open(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                Path parquet = dir.resolve(table + ".parquet");
                Path csv = dir.resolve(table + ".csv");
                if (Files.isRegularFile(parquet)) {
                    s.execute("CREATE TABLE \"" + table + "\" AS SELECT * FROM read_parquet(" + literal(parquet) + ")");
                    any = true;
                } else if (Files.isRegularFile(csv)) {
                    s.execute("CREATE TABLE \"" + table + "\" AS SELECT * FROM read_csv(" + literal(csv) + ", header = true)");
                    any = true;
                }
            }
            if (!any) {
                throw new ConfigException(dir + ": no sweep tables (results, summary, comparison) to query");
            }
            s.execute("SET enable_external_access = false");
            s.execute("SET autoinstall_known_extensions = false");
            s.execute("SET autoload_known_extensions = false");
            s.execute("SET lock_configuration = true");
            if (!s.execute(sql)) {
                throw new ConfigException("query: that statement returns no rows; her2sim query answers queries such as SELECT "
                        + "(the tables are in-memory copies, and files cannot be read or written)");
            }
            try (ResultSet rs = s.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                }
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        Object v = rs.getObject(i);
                        row.add(v == null ? "" : v.toString());
                    }
                    rows.add(row);
                }
                return new Answer(columns, rows);
            }
        } catch (SQLException e) {
            // DuckDB's messages can start with the Java exception's name: the words after it are the answer
            throw new ConfigException("query: " + firstLine(e.getMessage()).replaceFirst("^(java\\.sql\\.)?SQLException: ", ""));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "failed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
