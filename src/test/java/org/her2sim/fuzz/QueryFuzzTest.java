package org.her2sim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile SQL for {@code her2sim query}: well-formed questions, statements that write, read other
 * files, attach databases, install extensions or change settings, several statements at once,
 * and all of these with characters deleted, quotes inserted or pieces repeated. Every case
 * answers (exit 0) or is refused with exit code 2 and one line; afterwards the sweep's files are
 * byte for byte as before and nothing has been written outside it.
 */
class QueryFuzzTest {
    @TempDir
    Path dir;

    static final String[] COLUMNS = {"arm", "seed", "final_cells", "pfs_days", "os_days", "best_response", "count(*)",
        "avg(pfs_days)", "max(final_time_days)", "nonsense", "*"};
    static final String[] TABLES = {"results", "summary", "comparison", "nowhere"};

    static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    static String statement(UniformRandomProvider rng, Path outside, Path sweep) {
        String table = TABLES[rng.nextInt(TABLES.length)];
        String column = COLUMNS[rng.nextInt(COLUMNS.length)];
        String target = outside.resolve("written-" + rng.nextInt(1000)).toString();
        return switch (rng.nextInt(16)) {
            case 0, 1, 2, 3 -> "SELECT " + column + " FROM " + table;
            case 4 -> "SELECT arm, " + column + " FROM " + table + " GROUP BY arm ORDER BY arm LIMIT " + rng.nextInt(5);
            case 5 -> "SELECT * FROM " + table + " WHERE " + column + " > " + rng.nextInt(100);
            case 6 -> "COPY " + table + " TO '" + target + "'";
            case 7 -> "SELECT * FROM read_csv('" + List.of("/etc/passwd", sweep.resolve("results.csv").toString(),
                    sweep.resolve("tasks/000000.json").toString()).get(rng.nextInt(3)) + "')";
            case 8 -> "ATTACH '" + target + "' AS other";
            case 9 -> List.of("INSTALL httpfs", "LOAD httpfs", "SET enable_external_access = true", "SET lock_configuration = false",
                    "PRAGMA enable_profiling", "RESET ALL").get(rng.nextInt(6));
            case 10 -> List.of("CREATE TABLE t AS SELECT 1", "DROP VIEW results", "INSERT INTO results SELECT * FROM results",
                    "DELETE FROM results", "UPDATE results SET arm = 'x'").get(rng.nextInt(5));
            case 11 -> "EXPORT DATABASE '" + target + "'";
            case 12 -> "SELECT 1; COPY results TO '" + target + "'";
            case 13 -> "SELECT getenv('HOME'), current_setting('enable_external_access')";
            case 14 -> "SELECT count(*) FROM range(" + rng.nextInt(1_000_000) + ")";
            default -> "SELECT '" + "x".repeat(rng.nextInt(3) == 0 ? 100_000 : 10) + "\u001b[2J' AS s";
        };
    }

    static String mangle(String sql, UniformRandomProvider rng) {
        if (sql.isEmpty() || rng.nextInt(10) < 6) {
            return sql;
        }
        int at = rng.nextInt(sql.length());
        return switch (rng.nextInt(5)) {
            case 0 -> sql.substring(0, at) + sql.substring(at + 1);
            case 1 -> sql.substring(0, at) + "'" + sql.substring(at);
            case 2 -> sql.substring(0, at) + sql.substring(at, Math.min(sql.length(), at + 8)).repeat(3) + sql.substring(at);
            case 3 -> sql.substring(0, at) + "\u0000" + sql.substring(at);
            default -> sql.substring(0, at);
        };
    }

    @Test
    void hostileQueriesAnswerOrExitTwoWithOneLineAndChangeNothing() throws Exception {
        Path spec = Scenarios.write(dir, "q.yaml", String.join("\n", "name: q", "base: " + Scenarios.testScenario("culture-tumour.yaml"),
                "seed: 3", "replicates: 3", "reference_arm: a", "set: {time.max: 20d, tumour.initial_cells: 1000, stop.max_cells: 2.0e5}",
                "arms:", "  a: {regimen: " + Scenarios.configs().resolve("regimens/trastuzumab-q3w.yaml") + "}",
                "  b: {regimen: " + Scenarios.configs().resolve("regimens/trastuzumab-lapatinib-combined.yaml") + "}"));
        Path sweep = dir.resolve("sweep");
        Cli.Outcome made = Cli.execute("sweep", spec.toString(), "--out", sweep.toString(), "--threads", "2", "-q");
        assertEquals(0, made.code(), made.err());
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Map<String, String> before = digests(sweep);
        UniformRandomProvider rng = new SeedTree(20261203).child("fuzz-query").generator();
        int cases = FuzzBudget.cases(200);
        int answered = 0;
        int refused = 0;
        for (int c = 0; c < cases; c++) {
            String sql = mangle(statement(rng, outside, sweep), rng);
            String where = "case " + c + " (" + (sql.length() > 200 ? sql.substring(0, 200) + "…" : sql) + ")";
            Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.execute("query", sweep.toString(), sql, "--csv"),
                    where + " hung");
            if (o.code() == 0) {
                answered++;
            } else {
                refused++;
                assertEquals(2, o.code(), where + ": " + o.err());
                assertEquals(1, o.err().strip().split("\n").length, where + ": " + o.err());
                assertTrue(o.err().startsWith("her2sim: "), where + ": " + o.err());
                assertFalse(o.err().contains("\tat ") || o.err().contains("\u001b"), where + ": " + o.err());
            }
            assertFalse(o.out().contains("\u001b"), where + ": no terminal escapes in the answer");
        }
        assertEquals(before, digests(sweep), "the sweep's files are as before");
        try (var written = Files.list(outside)) {
            assertEquals(List.of(), written.toList(), "nothing written outside the sweep");
        }
        FuzzBudget.report("query", cases, answered, refused);
        // a third of the statements are plain questions (some about a column or table that does not
        // exist), a third write or read elsewhere: both outcomes are common
        assertTrue(answered >= cases / 10, "too few queries were answered (" + answered + ")");
        assertTrue(refused >= cases / 10, "too few queries were refused (" + refused + ")");
    }
}
