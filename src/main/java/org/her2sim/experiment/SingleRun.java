package org.her2sim.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.TumourModel;
import org.her2sim.io.AtomicFiles;
import org.her2sim.io.IoFailure;
import org.her2sim.observe.Outcomes;
import org.her2sim.observe.RunRecorder;
import org.her2sim.observe.Summary;
import org.her2sim.report.Reporter;
import org.her2sim.report.RunData;

/**
 * One run of one scenario into a run directory. The directory is built under a hidden
 * temporary name and renamed when complete, so a crash or kill never leaves a half-written run.
 */
public final class SingleRun {
    /** What a finished run produced. */
    public record Result(Path directory, Summary summary, TumourModel model, RunRecorder recorder) {
    }

    private SingleRun() {
    }

    /** Runs without writing anything (tests, benchmarks). */
    public static Result simulate(Scenario scenario, long seed) {
        return simulate(scenario, seed, Double.POSITIVE_INFINITY);
    }

    /** As {@link #simulate(Scenario, long)}, stopping (marked "wall_time_limit") after {@code wallSeconds}. */
    public static Result simulate(Scenario scenario, long seed, double wallSeconds) {
        RunRecorder recorder = recorder(scenario);
        TumourModel model = new TumourModel(scenario, seed, recorder);
        if (Double.isFinite(wallSeconds)) {
            model.limitWallTime(wallSeconds);
        }
        long t0 = System.nanoTime();
        model.run();
        Summary s = summary(scenario, model, recorder, t0, ConfigLoader.resolvedYaml(scenario.config()));
        return new Result(null, s, model, recorder);
    }

    /** What every run records: the rows and outcomes of {@link RunRecorder}, with the scenario's outcome rules. */
    private static RunRecorder recorder(Scenario scenario) {
        return new RunRecorder(new Outcomes(scenario.config().outcomes(), scenario.config().observe().at()), 1);
    }

    private static Summary summary(Scenario scenario, TumourModel model, RunRecorder recorder, long startNanos, String resolved) {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        return recorder.summary(model, scenario.config().engine().text(), wall, Version.get(), sha256(resolved));
    }

    /**
     * Runs and writes the run directory {@code out} (or runs/NAME-TIMESTAMP when null).
     *
     * The resolved configuration (every default filled in) is written as config.yaml; running
     * that file again gives the same numbers.
     */
    public static Result run(Scenario scenario, Path out, Path runsRoot) throws IOException {
        return run(scenario, out, runsRoot, "");
    }

    /** As above, with notes the report shows first (notes.txt; a lesson's compressed time). */
    public static Result run(Scenario scenario, Path out, Path runsRoot, String notes) throws IOException {
        return run(scenario, out, runsRoot, notes, null);
    }

    /** As above, showing the run's progress (null: nothing shown). */
    public static Result run(Scenario scenario, Path out, Path runsRoot, String notes, RunProgress progress) throws IOException {
        return run(scenario, out, runsRoot, notes, progress, false, true);
    }

    /** As above; with {@code parquet}, each table is also written as TABLE.parquet beside its CSV. */
    public static Result run(Scenario scenario, Path out, Path runsRoot, String notes, RunProgress progress, boolean parquet)
            throws IOException {
        return run(scenario, out, runsRoot, notes, progress, parquet, true);
    }

    /** As above; without {@code report}, no charts and no report.html (her2sim report makes them from the files later). */
    public static Result run(Scenario scenario, Path out, Path runsRoot, String notes, RunProgress progress, boolean parquet,
                             boolean report) throws IOException {
        String resolved = ConfigLoader.resolvedYaml(scenario.config());
        long seed = scenario.config().seed();
        Path target = out != null ? out : runsRoot.resolve(scenario.config().name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        target = target.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw new IOException("output directory " + target + " already exists and is not empty");
        }
        Path tmp = AtomicFiles.ownedTempDirectory(target);
        Path finalTarget = target;
        // Ctrl-C or a kill: remove the unfinished run and say so (kill -9 leaves it to the next start)
        Thread cleanup = new Thread(() -> {
            try {
                AtomicFiles.deleteTree(tmp);
            } catch (IOException ignored) {
                // the next start removes it
            }
            System.err.println("her2sim: interrupted; the unfinished run was removed (nothing written to " + finalTarget + ")");
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            RunRecorder recorder = recorder(scenario);
            TumourModel model = new TumourModel(scenario, seed, recorder);
            model.watch(RunProgress.watcher(progress));
            long t0 = System.nanoTime();
            model.run();
            Summary summary = summary(scenario, model, recorder, t0, resolved);
            try {
                RunOutputs.write(tmp, resolved, recorder, model, summary, parquet);
                if (!notes.isBlank()) {
                    AtomicFiles.writeString(tmp.resolve(RunData.NOTES), notes + "\n");
                }
                // the report from the rows just written (as her2sim report makes it from the files; tested equal)
                if (report) {
                    Reporter.write(tmp, Reporter.Options.defaults(), RunData.of(tmp, scenario, resolved, summary, recorder, model, notes));
                }
            } catch (IOException e) {
                throw new IOException("cannot write the run to " + target.getParent() + ": " + IoFailure.rootCause(e), e);
            }
            if (Files.exists(target)) {
                Files.delete(target); // an empty directory the user made for us
            }
            AtomicFiles.readable(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return new Result(target, summary, model, recorder);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it cleans up
            }
            AtomicFiles.deleteTree(tmp);
        }
    }

    /**
     * Runs with checkpoints every {@code everyDays} of simulated time. The run is assembled in
     * the visible folder TARGET.partial (config.yaml first, then checkpoint.bin, rewritten
     * atomically) and renamed to TARGET when complete; {@link #resume} continues it after a crash.
     */
    public static Result runWithCheckpoints(Scenario scenario, Path out, Path runsRoot, double everyDays) throws IOException {
        return runWithCheckpoints(scenario, out, runsRoot, everyDays, null);
    }

    /** As above, showing the run's progress (null: nothing shown). */
    public static Result runWithCheckpoints(Scenario scenario, Path out, Path runsRoot, double everyDays, RunProgress progress)
            throws IOException {
        return runWithCheckpoints(scenario, out, runsRoot, everyDays, progress, false, true);
    }

    /** As above; with {@code parquet}, also the tables as Parquet (remembered for a resume). */
    public static Result runWithCheckpoints(Scenario scenario, Path out, Path runsRoot, double everyDays, RunProgress progress,
                                            boolean parquet, boolean report) throws IOException {
        String resolved = ConfigLoader.resolvedYaml(scenario.config());
        Path target = (out != null ? out : runsRoot.resolve(scenario.config().name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")))).toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw new IOException("output directory " + target + " already exists and is not empty");
        }
        Path partial = partialOf(target);
        if (Files.exists(partial)) {
            throw new IOException(partial + " exists: resume it with her2sim resume " + partial + ", or delete it");
        }
        Files.createDirectories(partial);
        try (FileChannel lock = lock(partial)) {
            AtomicFiles.writeString(partial.resolve("config.yaml"), resolved);
            AtomicFiles.writeString(partial.resolve("checkpoint.json"), "{\"every_days\": " + everyDays
                    + (parquet ? ", \"parquet\": true" : "") + (report ? "" : ", \"report\": false") + "}\n");
            RunRecorder recorder = recorder(scenario);
            TumourModel model = new TumourModel(scenario, scenario.config().seed(), recorder);
            long t0 = System.nanoTime();
            model.watch(RunProgress.watcher(progress));
            model.start();
            String sha = sha256(resolved);
            try {
                model.proceed(m -> Checkpoint.write(partial.resolve("checkpoint.bin"), m, recorder, sha), everyDays);
                return complete(scenario, model, recorder, resolved, partial, target, t0, parquet, report);
            } catch (IOException e) {
                throw keptOrRemoved(e, partial, target);
            }
        }
    }

    /**
     * A write failed (a full disk): with a checkpoint written the run is kept for {@code resume}
     * and the message says so; without one nothing is worth keeping and TARGET.partial goes.
     */
    private static IOException keptOrRemoved(IOException e, Path partial, Path target) throws IOException {
        if (Files.isRegularFile(partial.resolve("checkpoint.bin"))) {
            return new IOException("cannot write the run to " + partial + ": " + IoFailure.rootCause(e)
                    + "; its last checkpoint is kept: free some space, then her2sim resume " + target, e);
        }
        AtomicFiles.deleteTree(partial);
        return new IOException("cannot write the run to " + partial.getParent() + ": " + IoFailure.rootCause(e), e);
    }

    /** Continues a run from the last checkpoint in TARGET.partial, to the same outputs an uninterrupted run writes. */
    public static Result resume(Path dir) throws IOException {
        return resume(dir, null);
    }

    /** As above, showing the run's progress (null: nothing shown). */
    public static Result resume(Path dir, RunProgress progress) throws IOException {
        Path partial = dir.toAbsolutePath().normalize();
        if (!partial.getFileName().toString().endsWith(".partial") && Files.isDirectory(partialOf(partial))) {
            partial = partialOf(partial);
        }
        if (!Files.isRegularFile(partial.resolve("checkpoint.bin"))) {
            throw new ConfigException(partial + ": no checkpoint to resume from (checkpoint.bin); "
                    + (Files.isRegularFile(partial.resolve("summary.json")) ? "the run is complete" : "start the run again"));
        }
        try (FileChannel lock = lock(partial)) {
            return resumeLocked(partial, progress);
        }
    }

    /**
     * Holds PARTIAL/.lock for as long as this process works on the run: a second resume (or a
     * resume while the first run still lives) is refused instead of writing the same files.
     */
    private static FileChannel lock(Path partial) throws IOException {
        FileChannel ch = FileChannel.open(partial.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (ch.tryLock() != null) {
                return ch;
            }
        } catch (OverlappingFileLockException inThisProcess) {
            // held by this JVM already
        }
        ch.close();
        throw new ConfigException(partial + ": another her2sim run or resume is working on this run (" + partial.resolve(".lock")
                + " is locked); wait for it to end");
    }

    private static Result resumeLocked(Path partial, RunProgress progress) throws IOException {
        String name = partial.getFileName().toString();
        Path target = partial.resolveSibling(name.substring(0, name.length() - ".partial".length()));
        for (String needed : List.of("config.yaml", "checkpoint.json")) {
            if (!Files.isRegularFile(partial.resolve(needed))) {
                throw new ConfigException(partial.resolve(needed) + ": missing, so the run cannot be resumed; start it again");
            }
        }
        String resolved = Files.readString(partial.resolve("config.yaml"));
        Scenario scenario = Scenario.compile(new ConfigLoader().load(partial.resolve("config.yaml"), List.of()));
        double everyDays;
        boolean parquet;
        boolean report;
        try {
            JsonNode info = SweepRunner.JSON_READER.readTree(partial.resolve("checkpoint.json").toFile());
            everyDays = info.path("every_days").asDouble(Double.NaN);
            parquet = info.path("parquet").asBoolean(false);
            report = info.path("report").asBoolean(true);
        } catch (JsonProcessingException e) {
            throw new ConfigException(partial.resolve("checkpoint.json") + ": not readable JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "); start the run again");
        }
        if (!(everyDays > 0) || Double.isInfinite(everyDays)) {
            // a damaged or edited value would checkpoint every step (or never)
            throw new ConfigException(partial.resolve("checkpoint.json") + ": every_days: expected a positive number of days, got "
                    + everyDays + "; start the run again");
        }
        Checkpoint c = Checkpoint.read(partial.resolve("checkpoint.bin"));
        // a checkpoint being written when the run was killed left its temporary file
        try (var left = Files.list(partial)) {
            for (Path f : left.filter(f -> f.getFileName().toString().matches("\\.checkpoint\\.bin\\..*\\.tmp")).toList()) {
                Files.deleteIfExists(f);
            }
        }
        if (!sha256(resolved).equals(c.configSha256())) {
            // the run directory's config.yaml must reproduce what it holds: an edited one is refused
            throw new ConfigException(partial.resolve("config.yaml") + ": changed since the run began (its SHA-256 "
                    + "differs from the checkpoint's); restore it, or start a new run with the changed configuration");
        }
        RunRecorder recorder = c.recorder();
        TumourModel model = c.model();
        model.reattach(scenario, recorder, c.randomState());
        long t0 = System.nanoTime();
        Path p = partial;
        String sha = sha256(resolved);
        try {
            model.watch(RunProgress.watcher(progress));
            model.proceed(m -> Checkpoint.write(p.resolve("checkpoint.bin"), m, recorder, sha), everyDays);
            return complete(scenario, model, recorder, resolved, partial, target, t0, parquet, report);
        } catch (IOException e) {
            throw keptOrRemoved(e, partial, target);
        }
    }

    private static Result complete(Scenario scenario, TumourModel model, RunRecorder recorder, String resolved, Path partial,
                                   Path target, long startNanos, boolean parquet, boolean report) throws IOException {
        Summary summary = summary(scenario, model, recorder, startNanos, resolved);
        RunOutputs.write(partial, resolved, recorder, model, summary, parquet);
        if (report) {
            Reporter.write(partial, Reporter.Options.defaults(), RunData.of(partial, scenario, resolved, summary, recorder, model, ""));
        }
        Files.deleteIfExists(partial.resolve("checkpoint.bin"));
        Files.deleteIfExists(partial.resolve("checkpoint.json"));
        Files.deleteIfExists(partial.resolve(".lock")); // still held until the channel closes
        if (Files.exists(target)) {
            Files.delete(target);
        }
        AtomicFiles.readable(partial);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return new Result(target, summary, model, recorder);
    }

    static Path partialOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".partial");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
