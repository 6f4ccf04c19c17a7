package org.her2sim.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpointed runs, killed with SIGKILL and resumed, write the same files as an uninterrupted run. */
class CheckpointTest {
    static final List<String> FILES = List.of("config.yaml", "timeseries.csv", "totals.csv", "drugs.csv", "mechanisms.csv",
            "clones.csv", "events.csv");

    @TempDir
    Path dir;

    static void assertSameRun(Path a, Path b) throws Exception {
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertEquals(withoutWall(a.resolve("summary.json")), withoutWall(b.resolve("summary.json")));
    }

    static List<String> withoutWall(Path p) throws Exception {
        return Files.readAllLines(p).stream().filter(l -> !l.contains("wall_seconds")).toList();
    }

    @Test
    void checkpointingChangesNothing() throws Exception {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"));
        Path plain = SingleRun.run(s, dir.resolve("plain"), dir).directory();
        Path checked = SingleRun.runWithCheckpoints(Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml")),
                dir.resolve("checked"), dir, 10).directory();
        assertSameRun(plain, checked);
        assertFalse(Files.exists(dir.resolve("checked.partial")));
        assertFalse(Files.exists(checked.resolve("checkpoint.bin")));
    }

    /** Starts `her2sim run|resume` in its own JVM and kills it with SIGKILL once a checkpoint newer than {@code after} exists. */
    long killAfterACheckpoint(Path partial, long after, String... args) throws Exception {
        return killAfterACheckpoint(dir.resolve("run.log"), partial, after, args);
    }

    static long killAfterACheckpoint(Path log, Path partial, long after, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "org.her2sim.cli.Her2sim"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path cp = partial.resolve("checkpoint.bin");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline
                && !(Files.exists(cp) && Files.getLastModifiedTime(cp).toMillis() > after)) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed: " + Files.readString(log));
        assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor());
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals(137, p.exitValue());
        return Files.getLastModifiedTime(cp).toMillis();
    }

    @Test
    void killNineTwiceThenResumeGivesTheUninterruptedRun() throws Exception {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"));
        Path plain = SingleRun.run(s, dir.resolve("plain"), dir).directory();
        Path target = dir.resolve("killed");
        Path partial = dir.resolve("killed.partial");
        long first = killAfterACheckpoint(partial, 0, "run", Scenarios.testScenario("culture-tumour.yaml").toString(),
                "--out", target.toString(), "--checkpoint-every", "5d", "-q");
        assertFalse(Files.exists(target), "no run directory before it is complete");
        assertTrue(Files.isRegularFile(partial.resolve("checkpoint.bin")));
        // the resumed run is itself killed after its next checkpoint
        killAfterACheckpoint(partial, first, "resume", partial.toString());
        // as if the kill had come while a checkpoint was being written
        Files.createFile(partial.resolve(".checkpoint.bin.123456.tmp"));
        SingleRun.Result r = SingleRun.resume(target);
        assertEquals(target.toAbsolutePath().normalize(), r.directory());
        assertSameRun(plain, target);
        assertFalse(Files.exists(partial));
        try (var left = Files.list(target)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left in the run");
        }
    }

    /** A run killed after its first checkpoint: the .partial directory it leaves. */
    Path killedRun(String name) throws Exception {
        Path target = dir.resolve(name);
        Path partial = dir.resolve(name + ".partial");
        killAfterACheckpoint(partial, 0, "run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--out", target.toString(),
                "--checkpoint-every", "5d", "-q");
        return partial;
    }

    static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void aDamagedCheckpointIsRefusedWithOneLineNamingItsFile() throws Exception {
        Path partial = killedRun("flipped");
        byte[] good = Files.readAllBytes(partial.resolve("checkpoint.bin"));
        // single-bit flips spread over the compressed data and the trailer (CRC-32 and length), past
        // the 10-byte gzip header whose time stamp and OS byte no check covers
        java.util.List<Integer> positions = new java.util.ArrayList<>();
        for (int k = 0; k < 14; k++) {
            positions.add(10 + (int) ((long) k * (good.length - 18) / 14));
        }
        for (int k = 1; k <= 8; k++) {
            positions.add(good.length - k);
        }
        for (int n = 0; n < positions.size(); n++) {
            Path copy = dir.resolve("flip" + n + ".partial");
            copy(partial, copy);
            byte[] bad = good.clone();
            bad[positions.get(n)] ^= (byte) (1 << (n % 8));
            Files.write(copy.resolve("checkpoint.bin"), bad);
            org.her2sim.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(org.her2sim.config.ConfigException.class,
                    () -> SingleRun.resume(copy), "flip at byte " + positions.get(n) + " of " + good.length + " was accepted");
            assertTrue(e.getMessage().startsWith(copy.resolve("checkpoint.bin").toString()) && !e.getMessage().contains("\n"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("flip" + n)), "no run directory from a damaged checkpoint");
        }
    }

    @Test
    void aResumeRefusesAConfigurationEditedSinceTheRunBegan() throws Exception {
        Path partial = killedRun("edited");
        Path config = partial.resolve("config.yaml");
        Files.writeString(config, Files.readString(config).replace("max: 730d", "max: 900d"));
        org.her2sim.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(org.her2sim.config.ConfigException.class,
                () -> SingleRun.resume(partial));
        assertTrue(e.getMessage().contains("config.yaml") && e.getMessage().contains("changed since the run began"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("edited")));
    }

    @Test
    void aResumeRefusesACheckpointIntervalThatIsNotPositive() throws Exception {
        Path killed = killedRun("interval");
        String[] values = {"-5", "0", "\"x\""};
        for (int k = 0; k < values.length; k++) {
            String every = values[k];
            Path partial = dir.resolve("interval" + k + ".partial");
            copy(killed, partial);
            Files.writeString(partial.resolve("checkpoint.json"), "{\"every_days\": " + every + "}\n");
            org.her2sim.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(org.her2sim.config.ConfigException.class,
                    () -> SingleRun.resume(partial));
            assertTrue(e.getMessage().contains("checkpoint.json: every_days: expected a positive number"), e.getMessage());
        }
    }

    @Test
    void aRunIsResumedByOneProcessAtATime() throws Exception {
        Path target = dir.resolve("busy");
        Path partial = dir.resolve("busy.partial");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.her2sim.cli.Her2sim", "run",
                Scenarios.testScenario("culture-tumour.yaml").toString(), "--set", "time.max=20000d", "--set", "engine=clone",
                "--set", "stop.max_cells=1e9", "--out", target.toString(), "--checkpoint-every", "5d", "-q")
                .redirectErrorStream(true).redirectOutput(dir.resolve("busy.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && System.nanoTime() < deadline && !Files.exists(partial.resolve("checkpoint.bin"))) {
                Thread.sleep(5);
            }
            assertTrue(p.isAlive(), "the run is still working: " + Files.readString(dir.resolve("busy.log")));
            org.her2sim.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(org.her2sim.config.ConfigException.class,
                    () -> SingleRun.resume(partial));
            assertTrue(e.getMessage().contains("another her2sim run or resume is working on this run"), e.getMessage());
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
