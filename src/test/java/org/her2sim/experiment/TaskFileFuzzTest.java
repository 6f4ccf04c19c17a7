package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.her2sim.config.ConfigException;
import org.her2sim.fuzz.FuzzBudget;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged task files in a finished sweep: one to three of them flipped, truncated, emptied,
 * filled with noise, given an edited number, swapped or deleted. {@code merge} must refuse a
 * damaged file naming it (or merge the very same tables when the damage changed nothing that
 * counts), and {@code --resume} must find every damaged file, run its task again, and end with
 * the tables of the undamaged sweep.
 */
class TaskFileFuzzTest {
    @TempDir
    Path dir;

    static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    @Test
    void damagedTaskFilesAreFoundAndRedoneToTheSameTables() throws Exception {
        Sweep sweep = Sweep.load(SweepTest.SMALL);
        Path pristine = dir.resolve("pristine");
        byte[] results = SweepTest.finished(sweep, pristine);
        int n = sweep.tasks().size();
        UniformRandomProvider rng = new SeedTree(20261203).child("fuzz-task-files").generator();
        int cases = FuzzBudget.cases(40);
        int redone = 0;
        int refusedByMerge = 0;
        for (int c = 0; c < cases; c++) {
            Path out = dir.resolve("case" + c);
            copyTree(pristine, out);
            Path tasks = out.resolve("tasks");
            StringBuilder what = new StringBuilder();
            for (int k = 0; k <= rng.nextInt(3); k++) {
                Path f = SweepRunner.taskFile(tasks, rng.nextInt(n));
                if (!Files.exists(f) || Files.size(f) == 0) {
                    continue; // already deleted or emptied by an earlier damage of this case
                }
                byte[] b = Files.readAllBytes(f);
                int kind = rng.nextInt(7);
                what.append(f.getFileName()).append(" kind ").append(kind).append("; ");
                switch (kind) {
                    case 0 -> {
                        b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
                        Files.write(f, b);
                    }
                    case 1 -> Files.write(f, Arrays.copyOf(b, rng.nextInt(b.length)));
                    case 2 -> Files.write(f, new byte[0]);
                    case 3 -> {
                        rng.nextBytes(b);
                        Files.write(f, b);
                    }
                    case 4 -> { // a number edited (read as bytes: an earlier damage may have left it invalid UTF-8)
                        String text = new String(b, StandardCharsets.ISO_8859_1);
                        Files.write(f, text.replaceFirst(": (\\d)", ": 9$1").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    case 5 -> {
                        Path g = SweepRunner.taskFile(tasks, rng.nextInt(n));
                        if (Files.exists(g) && !g.equals(f)) {
                            Path swap = tasks.resolve("swap");
                            Files.move(f, swap);
                            Files.move(g, f);
                            Files.move(swap, g);
                        }
                    }
                    default -> Files.delete(f);
                }
            }
            String where = "case " + c + " (" + what + ")";
            try {
                SweepResults.Tasks merged = SweepResults.read(sweep, List.of(out));
                // accepted by merge: only if nothing that counts changed (a deleted file is a missing task, refused)
                SweepResults.write(merged, out);
                assertArrayEquals(results, Files.readAllBytes(out.resolve("results.csv")), where + ": merge accepted changed results");
            } catch (ConfigException e) {
                refusedByMerge++;
                assertTrue(e.getMessage().contains(tasks.toString()) || e.getMessage().contains("missing"), where + ": " + e.getMessage());
                assertFalse(e.getMessage().contains("\n"), where + ": one line: " + e.getMessage());
            }
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            SweepRunner.Outcome o = SweepRunner.run(sweep, out, 1, true, null, false, new PrintStream(said, true));
            assertEquals(n, o.ran() + o.alreadyDone(), where);
            redone += o.ran();
            SweepTest.complete(sweep, out);
            assertArrayEquals(results, Files.readAllBytes(out.resolve("results.csv")), where + ": " + said);
            try (var left = Files.list(tasks)) {
                assertEquals(n, left.filter(p -> p.toString().endsWith(".json")).count(), where + ": one file per task");
            }
        }
        System.out.printf("task file fuzz: %d damaged sweeps, %d refused by merge naming the file, %d tasks run again by --resume, "
                + "every table as before%n", cases, refusedByMerge, redone);
        assertTrue(refusedByMerge >= cases / 2, "merge refused too few damaged sweeps (" + refusedByMerge + ")");
        assertTrue(redone >= cases / 2, "too few tasks were run again (" + redone + ")");
    }
}
