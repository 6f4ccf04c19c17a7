package org.her2sim.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigException;
import org.her2sim.experiment.Sweep;
import org.her2sim.experiment.SweepResults;
import org.her2sim.experiment.SweepRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps through a real single-node SLURM cluster on localhost (scripts/slurm-local.sh, run as
 * root): submit → array elements → merge gives the same tables as a local sweep; cancelled
 * elements are resubmitted and the sweep completes with nothing lost or duplicated.
 */
class SlurmClusterTest {
    static final Path SMALL = Scenarios.home().resolve("src/test/resources/sweeps/small.yaml");
    static Path local;

    @TempDir
    static Path dir;

    static String sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
        if (p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed (" + p.exitValue() + "):\n" + out);
        }
        return out;
    }

    @BeforeAll
    static void startClusterAndRunLocally() throws Exception {
        sh(Scenarios.home().resolve("scripts/slurm-local.sh").toString(), "start");
        Sweep sweep = Sweep.load(SMALL);
        local = dir.resolve("local");
        SweepRunner.run(sweep, local, 2, false, null, false, null);
        SweepResults.write(SweepResults.read(sweep, List.of(local)), local);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        sh(Scenarios.home().resolve("scripts/slurm-local.sh").toString(), "stop");
    }

    static void waitForQueue(List<String> jobs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (Slurm.queued(jobs).isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        fail("jobs " + jobs + " still queued: " + sh("squeue"));
    }

    static void assertSameTablesAsLocal(Sweep sweep, Path out) throws Exception {
        SweepResults.write(SweepResults.read(sweep, List.of(out)), out);
        for (String t : List.of("results.csv", "summary.csv", "comparison.csv")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(t)), Files.readAllBytes(out.resolve(t)), t);
        }
        try (var files = Files.list(out.resolve("tasks"))) {
            assertEquals(sweep.tasks().size(), files.count(), "one file per task: nothing lost or duplicated");
        }
    }

    static SlurmSweep.Options options(Integer throttle) {
        return new SlurmSweep.Options(3, 1, "debug", "00:10:00", "1G", null, null, throttle, List.of(), null, null, false, false);
    }

    @Test
    void aSweepThroughSlurmMergesToTheLocalResult() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        // a directory name with a space, a quote and a command substitution: all stay part of the name
        Path out = dir.resolve("cluster run's $(touch PWNED)");
        StringWriter log = new StringWriter();
        // no --mem: the advice measures the tasks here, and the elements run in the heap it gives
        SlurmSweep.Options advised = new SlurmSweep.Options(3, 1, "debug", "00:10:00", null, null, null, null, List.of(), null, null,
                false, true);
        List<String> jobs = SlurmSweep.submit(sweep, out, advised, new PrintWriter(log, true));
        assertEquals(1, jobs.size(), log.toString());
        assertEquals(13, Files.readAllLines(out.resolve("slurm/tasks.csv")).size());
        String script = Files.readString(out.resolve("slurm/array.sbatch"));
        assertTrue(script.contains("#SBATCH --array=0-3") && script.contains("#SBATCH --cpus-per-task=1"), script);
        Matcher mem = Pattern.compile("#SBATCH --mem=(\\d+)M\n").matcher(script);
        assertTrue(mem.find(), script);
        long mb = Long.parseLong(mem.group(1));
        // small culture tumours on one thread: the measured footprint, not 8 bytes per cell up to stop.max_cells
        assertTrue(mb >= 320 && mb <= 1024, "advised --mem " + mb + " MB; " + log);
        assertTrue(script.contains("exec \"$JAVA_BIN\" -Xmx" + mb * 3 / 4 + "m -"), "the heap follows --mem: " + script);
        assertTrue(log.toString().contains("advice: the slowest of 2 measured tasks"), log.toString());
        waitForQueue(jobs);
        SlurmSweep.Status s = SlurmSweep.status(sweep, out);
        assertEquals(12, s.doneTasks());
        assertEquals(4, s.doneElements());
        assertTrue(s.failedElements().isEmpty());
        try (var found = Files.walk(dir)) {
            assertTrue(found.noneMatch(f -> f.getFileName().toString().equals("PWNED")), "nothing in a path was executed");
        }
        assertSameTablesAsLocal(sweep, out);
    }

    @Test
    void aDryRunHasNoFailedElements() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        Path out = dir.resolve("dry");
        SlurmSweep.Options o = options(null);
        SlurmSweep.Options dry = new SlurmSweep.Options(o.tasksPerJob(), o.threads(), o.partition(), o.time(), o.mem(), o.account(), o.qos(),
                o.throttle(), o.extraSbatch(), o.setup(), o.javaOptions(), true, false);
        assertTrue(SlurmSweep.submit(sweep, out, dry, new PrintWriter(new StringWriter(), true)).isEmpty(), "nothing submitted");
        org.her2sim.config.ConfigException e = assertThrows(org.her2sim.config.ConfigException.class,
                () -> SlurmSweep.status(sweep, out));
        assertTrue(e.getMessage().contains("no array was submitted from this directory"), e.getMessage());
    }

    @Test
    void cancelledElementsAreResubmittedAndNothingIsDoneTwice() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        Path out = dir.resolve("cancelled");
        StringWriter log = new StringWriter();
        // one element at a time, so the later ones are still pending when cancelled
        List<String> jobs = SlurmSweep.submit(sweep, out, options(1), new PrintWriter(log, true));
        String job = jobs.get(0);
        sh("scancel", job + "_0", job + "_1", job + "_3");
        waitForQueue(jobs);
        SlurmSweep.Status s = SlurmSweep.status(sweep, out);
        assertTrue(s.failedElements().containsAll(List.of(1, 3)), "failed: " + s.failedElements());
        assertTrue(s.doneTasks() < 12);
        List<String> again = SlurmSweep.resubmit(sweep, out, new PrintWriter(log, true));
        assertEquals(1, again.size(), log.toString());
        waitForQueue(again);
        SlurmSweep.Status after = SlurmSweep.status(sweep, out);
        assertEquals(12, after.doneTasks(), log.toString());
        assertTrue(after.failedElements().isEmpty());
        StringWriter nothing = new StringWriter();
        assertTrue(SlurmSweep.resubmit(sweep, out, new PrintWriter(nothing, true)).isEmpty());
        assertTrue(nothing.toString().contains("nothing to resubmit"), nothing.toString());
        assertSameTablesAsLocal(sweep, out);
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsSubmitted() throws Exception {
        Sweep sweep = Sweep.load(SMALL);
        Path out = dir.resolve("refused");
        ConfigException e = assertThrows(ConfigException.class, () -> SlurmSweep.submit(sweep, out,
                new SlurmSweep.Options(3, 1, "debgu", null, null, null, null, null, List.of(), null, null, false, false),
                new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("did you mean 'debug'"), e.getMessage());
        assertTrue(!Files.exists(out.resolve("slurm/jobs.txt")), "nothing submitted");
        // refused by sbatch itself (more memory than the node has): the program copy made for the elements goes too
        Path tooBig = dir.resolve("too-big");
        SlurmSweep.program = Files.write(dir.resolve("program.jar"), new byte[4096]); // the suite runs from classes, not a jar
        Exception refused;
        try {
            refused = assertThrows(Exception.class, () -> SlurmSweep.submit(sweep, tooBig,
                    new SlurmSweep.Options(3, 1, null, null, "100T", null, null, null, List.of(), null, null, false, false),
                    new PrintWriter(new StringWriter())));
        } finally {
            SlurmSweep.program = null;
        }
        assertTrue(refused.getMessage().contains("sbatch"), refused.getMessage());
        assertTrue(Files.isDirectory(tooBig.resolve("slurm")) && !Files.exists(tooBig.resolve("her2sim.jar"))
                && !Files.exists(tooBig.resolve("slurm/jobs.txt")), "no 80 MB program copy left by a refused submission");
        Path other = Scenarios.writeSweep(dir, "other.yaml", SMALL,
                Files.readString(SMALL).replace("seed: 11", "seed: 99"));
        try {
            Path cluster = dir.resolve("foreign");
            SlurmSweep.submit(sweep, cluster, new SlurmSweep.Options(12, 1, null, null, null, null, null, null, List.of(), null, null,
                    true, false), new PrintWriter(new StringWriter()));
            Sweep different = Sweep.load(other);
            ConfigException foreign = assertThrows(ConfigException.class,
                    () -> SlurmSweep.resubmit(different, cluster, new PrintWriter(new StringWriter())));
            assertTrue(foreign.getMessage().contains("different sweep"), foreign.getMessage());
        } finally {
            Files.deleteIfExists(other);
        }
    }

    @Test
    void arraysLargerThanMaxArraySizeAreSplitIntoBlocks() throws Exception {
        // the local cluster's MaxArraySize is 5: twelve one-task elements need three arrays
        assertEquals(5, Slurm.maxArraySize());
        Sweep sweep = Sweep.load(SMALL);
        Path out = dir.resolve("blocks");
        StringWriter log = new StringWriter();
        List<String> jobs = SlurmSweep.submit(sweep, out, new SlurmSweep.Options(1, 1, null, null, "1G", null, null, null, List.of(),
                null, null, false, false), new PrintWriter(log, true));
        assertEquals(3, jobs.size(), log.toString());
        assertTrue(log.toString().contains("elements 4-7") && log.toString().contains("elements 8-11"), log.toString());
        waitForQueue(jobs);
        assertSameTablesAsLocal(sweep, out);
        assertEquals("0-3,7,9-10", SlurmSweep.ranges(List.of(0, 1, 2, 3, 7, 9, 10)));
    }
}
