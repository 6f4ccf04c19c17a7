package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.her2sim.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep process killed with SIGKILL mid-way resumes to exactly the uninterrupted result. */
class SweepKillTest {
    @TempDir
    Path dir;

    static long finished(Path tasks) throws Exception {
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        try (var s = Files.list(tasks)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    /** Starts `her2sim sweep` in its own JVM and waits until it has finished {@code tasks} tasks. */
    Process startSweep(Path spec, Path out, String log, int tasks) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.her2sim.cli.Her2sim",
                "sweep", spec.toString(), "--out", out.toString(), "--threads", "1", "-q")
                .redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (finished(out.resolve("tasks")) < tasks && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(p.isAlive(), "the sweep ended before it could be stopped: " + Files.readString(dir.resolve(log)));
        return p;
    }

    @Test
    void ctrlCSaysHowToResume() throws Exception {
        Path spec = Scenarios.writeSweep(dir, "int.yaml", SweepTest.SMALL,
                SweepTest.uncheckedRead().replace("replicates: 3", "replicates: 12"));
        try {
            Path out = dir.resolve("interrupted");
            Process p = startSweep(spec, out, "int.log", 2);
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String log = Files.readString(dir.resolve("int.log"));
            assertTrue(log.contains("finished tasks are kept. Resume with: her2sim sweep") && log.contains("--resume"), log);
        } finally {
            Files.deleteIfExists(spec);
        }
    }

    @Test
    void killNineThenResumeCompletesWithoutDuplicates() throws Exception {
        Path spec = Scenarios.writeSweep(dir, "kill.yaml", SweepTest.SMALL,
                SweepTest.uncheckedRead().replace("replicates: 3", "replicates: 12"));
        try {
            Sweep sweep = Sweep.load(spec);
            Path out = dir.resolve("killed");
            Process p = startSweep(spec, out, "sweep.log", 5);
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor());
            p.waitFor(30, TimeUnit.SECONDS);
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
            long before = finished(out.resolve("tasks"));
            assertTrue(before >= 5 && before < sweep.tasks().size(), "killed mid-way: " + before + " tasks done");

            SweepRunner.Outcome o = SweepRunner.run(sweep, out, 2, true, null, false, null);
            assertEquals(before, o.alreadyDone());
            assertEquals(sweep.tasks().size() - before, o.ran());
            SweepResults.write(SweepResults.read(sweep, List.of(out)), out);

            Path clean = dir.resolve("clean");
            SweepRunner.run(sweep, clean, 2, false, null, false, null);
            SweepResults.write(SweepResults.read(sweep, List.of(clean)), clean);
            for (String table : SweepTest.TABLES) {
                assertArrayEquals(Files.readAllBytes(clean.resolve(table)), Files.readAllBytes(out.resolve(table)), table);
            }
            assertEquals(sweep.tasks().size(), finished(out.resolve("tasks")), "no duplicates");
        } finally {
            Files.deleteIfExists(spec);
        }
    }
}
