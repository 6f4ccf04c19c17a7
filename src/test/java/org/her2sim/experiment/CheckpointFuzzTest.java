package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.her2sim.fuzz.FuzzBudget;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged run folders given to {@code her2sim resume}: a run killed after its first checkpoint,
 * then its checkpoint.bin flipped, truncated, extended, zeroed, replaced by noise or by a
 * well-formed gzip of noise (its CRC right, its content wrong), its checkpoint.json or
 * config.yaml edited, or a file removed. Every case either resumes into exactly the files of
 * the uninterrupted run or is refused with exit code 2 and one line naming a file of the run —
 * never wrong results, a stack trace, or a run directory from bad input.
 */
class CheckpointFuzzTest {
    @TempDir
    Path dir;

    static byte[] gzip(byte[] content) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(content);
        }
        return b.toByteArray();
    }

    static byte[] damage(byte[] good, UniformRandomProvider rng) throws Exception {
        byte[] bad = good.clone();
        switch (rng.nextInt(8)) {
            case 0, 1 -> { // one to three bit flips anywhere, header and trailer included
                for (int k = 0; k <= rng.nextInt(3); k++) {
                    int at = rng.nextInt(bad.length);
                    bad[at] ^= (byte) (1 << rng.nextInt(8));
                }
            }
            case 2 -> bad = Arrays.copyOf(good, rng.nextInt(good.length)); // truncated
            case 3 -> { // garbage appended
                bad = Arrays.copyOf(good, good.length + 1 + rng.nextInt(64));
                for (int k = good.length; k < bad.length; k++) {
                    bad[k] = (byte) rng.nextInt();
                }
            }
            case 4 -> Arrays.fill(bad, rng.nextInt(bad.length), bad.length, (byte) 0); // zeroed from a point on
            case 5 -> rng.nextBytes(bad); // noise
            case 6 -> { // a valid gzip stream of noise or of a slice of the real content
                byte[] noise = new byte[1 + rng.nextInt(4096)];
                rng.nextBytes(noise);
                bad = gzip(rng.nextBoolean() ? noise : Arrays.copyOf(new GZIPInputStream(
                        new ByteArrayInputStream(good)).readAllBytes(), noise.length));
            }
            default -> bad = new byte[0];
        }
        return bad;
    }

    @Test
    void damagedRunFoldersResumeExactlyOrAreRefusedInOneLine() throws Exception {
        Path scenario = Scenarios.testScenario("culture-tumour.yaml");
        Path plain = SingleRun.run(Scenarios.compile(scenario), dir.resolve("plain"), dir).directory();
        Path pristine = dir.resolve("pristine.partial");
        CheckpointTest.killAfterACheckpoint(dir.resolve("run.log"), pristine, 0, "run", scenario.toString(), "--out",
                dir.resolve("pristine").toString(), "--checkpoint-every", "5d", "-q");
        byte[] checkpoint = Files.readAllBytes(pristine.resolve("checkpoint.bin"));
        String config = Files.readString(pristine.resolve("config.yaml"));
        UniformRandomProvider rng = new SeedTree(20261203).child("fuzz-checkpoint").generator();
        int cases = FuzzBudget.cases(60);
        int resumed = 0;
        int refused = 0;
        for (int c = 0; c < cases; c++) {
            Path target = dir.resolve("case" + c);
            Path partial = dir.resolve("case" + c + ".partial");
            CheckpointTest.copy(pristine, partial);
            Files.deleteIfExists(partial.resolve(".lock"));
            String what;
            int kind = rng.nextInt(10);
            if (kind < 6) {
                Files.write(partial.resolve("checkpoint.bin"), damage(checkpoint, rng));
                what = "checkpoint.bin damaged";
            } else if (kind == 6) {
                String every = List.of("-5", "0", "1e-300", "1e308", "\"x\"", "null", "[]", "NaN", "3").get(rng.nextInt(9));
                Files.writeString(partial.resolve("checkpoint.json"), rng.nextInt(4) == 0 ? "{\"every_days\": " : "{\"every_days\": " + every + "}\n");
                what = "checkpoint.json edited";
            } else if (kind == 7) {
                String[] lines = config.split("\n");
                int at = rng.nextInt(lines.length);
                lines[at] = lines[at].replaceAll("\\d", String.valueOf(rng.nextInt(10)));
                Files.writeString(partial.resolve("config.yaml"), String.join("\n", lines) + "\n");
                what = "config.yaml line " + (at + 1) + " edited";
            } else {
                String gone = List.of("checkpoint.bin", "checkpoint.json", "config.yaml").get(rng.nextInt(3));
                Files.delete(partial.resolve(gone));
                what = gone + " removed";
            }
            String where = "case " + c + " (" + what + ")";
            Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> Cli.execute("resume", partial.toString()), where + " hung");
            if (o.code() == 0) {
                resumed++;
                // accepted: then it must be the uninterrupted run, to the byte
                CheckpointTest.assertSameRun(plain, target);
            } else {
                refused++;
                String err = o.err().strip();
                assertEquals(2, o.code(), where + ": " + err);
                assertEquals(1, err.split("\n").length, where + ": " + err);
                assertTrue(err.startsWith("her2sim: " + partial), where + ": the message names a file of the run: " + err);
                assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("internal error"), where + ": " + err);
                assertFalse(Files.exists(target), where + ": no run directory from a damaged run folder");
            }
        }
        FuzzBudget.report("checkpoint", cases, resumed, refused);
        // a config.yaml digit replaced by itself, a flip in the gzip header's time stamp, or a valid
        // interval ("3") resume; nearly everything else is refused: both outcomes must occur
        assertTrue(refused >= cases / 2, "too few damaged folders were refused (" + refused + ")");
        assertTrue(resumed >= 1, "no case resumed: the comparison with the uninterrupted run was never made");
    }
}
