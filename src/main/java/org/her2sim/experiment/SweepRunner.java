package org.her2sim.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.her2sim.config.ConfigException;
import org.her2sim.engine.Scenario;
import org.her2sim.io.AtomicFiles;

/**
 * Runs a sweep's tasks on a thread pool into a results directory:
 * <pre>
 *   DIR/sweep.yaml, DIR/sweep.json     the sweep file and its fingerprint
 *   DIR/tasks/NNNNNN.json              one finished task each, written atomically
 *   DIR/runs/NNNNNN/                   full run directories, only with keepRuns
 * </pre>
 * A task's file exists only once the task is complete, so an interrupted sweep (Ctrl-C, kill,
 * power loss) resumes by running the tasks without one; nothing is done twice. With a shard
 * I/N only the tasks whose id ≡ I−1 (mod N) run. Each task compiles its own scenario and
 * owns its random stream, so results do not depend on the thread count.
 */
public final class SweepRunner {
    /** For reading the directory's JSON files from other packages. */
    public static final ObjectMapper JSON_READER = new ObjectMapper();
    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** A slice of the task list: index (1-based) of count. */
    public record Shard(int index, int count) {
        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new ConfigException("--shard: expected I/N with 1 <= I <= N, got " + index + "/" + count);
            }
        }

        public static Shard parse(String text) {
            String[] p = text.split("/");
            try {
                if (p.length == 2) {
                    return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new ConfigException("--shard: expected I/N such as 2/8, got '" + text + "'");
        }

        public boolean owns(int taskId) {
            return taskId % count == index - 1;
        }
    }

    /** How a run went: tasks run now, tasks found done, tasks of the whole sweep still missing. */
    public record Outcome(int ran, int alreadyDone, int missing) {
    }

    private SweepRunner() {
    }

    public static Outcome run(Sweep sweep, Path dir, int threads, boolean resume, Shard shard, boolean keepRuns,
                              PrintStream progress) throws IOException, InterruptedException {
        return run(sweep, dir, threads, resume, shard, keepRuns, progress, Double.POSITIVE_INFINITY);
    }

    /**
     * As above, with a wall-clock limit per task: a task that runs longer stops, and its result
     * is kept with stop_reason "wall_time_limit" (marked, not lost; not reproducible by nature).
     */
    public static Outcome run(Sweep sweep, Path dir, int threads, boolean resume, Shard shard, boolean keepRuns,
                              PrintStream progress, double taskSeconds) throws IOException, InterruptedException {
        return run(sweep, dir, threads, resume, shard, keepRuns, progress, taskSeconds, null);
    }

    /** As above, also telling {@code tasksDone} (when not null) how many of this call's tasks have finished, and of how many. */
    public static Outcome run(Sweep sweep, Path dir, int threads, boolean resume, Shard shard, boolean keepRuns,
                              PrintStream progress, double taskSeconds, BiConsumer<Integer, Integer> tasksDone)
            throws IOException, InterruptedException {
        prepare(sweep, dir, resume);
        removeAbandonedFiles(dir.resolve("tasks"), shard);
        Path tasksDir = dir.resolve("tasks");
        List<Sweep.Task> todo = new ArrayList<>();
        int done = 0;
        for (int id = 0; id < sweep.tasks().size(); id++) {
            if (shard != null && !shard.owns(id)) {
                continue; // another shard's: not even computed
            }
            Sweep.Task t = sweep.task(id);
            Path file = taskFile(tasksDir, t.id());
            String problem = Files.isRegularFile(file) ? TaskFiles.problem(file, t) : "missing";
            if (problem == null) {
                done++;
            } else {
                if (!problem.equals("missing")) {
                    // a damaged, edited or swapped file is not a result: say so and run the task again
                    (progress == null ? System.err : progress).println("her2sim: " + file + " " + problem + "; running task " + t.id()
                            + " again");
                    Files.delete(file);
                }
                todo.add(t);
            }
        }
        Progress bar = new Progress(todo.size(), progress);
        int[] reported = {0};
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread th = new Thread(r, "her2sim-task");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Sweep.Task t : todo) {
                futures.add(pool.submit(() -> {
                    runTask(sweep, t, tasksDir, dir, keepRuns, taskSeconds);
                    bar.tick();
                    if (tasksDone != null) {
                        synchronized (reported) {
                            tasksDone.accept(++reported[0], todo.size()); // counted under the lock: told in increasing order
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    Throwable c = e.getCause();
                    if (c instanceof ConfigException ce) {
                        throw ce;
                    }
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException("a task failed: " + c, c);
                }
            }
        } finally {
            pool.shutdownNow();
            bar.finish();
        }
        int missing = 0;
        for (int id = 0; id < sweep.tasks().size(); id++) {
            if (!Files.isRegularFile(taskFile(tasksDir, id))) {
                missing++;
            }
        }
        return new Outcome(todo.size(), done, missing);
    }

    /** Creates the results directory, or checks that an existing one belongs to this sweep. */
    public static void prepare(Sweep sweep, Path dir, boolean resume) throws IOException {
        Path marker = dir.resolve("sweep.json");
        if (Files.isRegularFile(marker)) {
            String found = JSON.readTree(marker.toFile()).path("fingerprint").asText();
            if (!found.equals(sweep.fingerprint())) {
                throw new ConfigException(dir + ": holds results of a different sweep (or of this sweep file before it was "
                        + "changed); choose another --out");
            }
            if (!resume) {
                throw new ConfigException(dir + ": already holds this sweep; add --resume to run only the missing tasks");
            }
        } else {
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new ConfigException(dir + ": exists and is not a results directory of this sweep");
                    }
                }
            }
            Files.createDirectories(dir.resolve("tasks"));
            AtomicFiles.writeString(dir.resolve("sweep.yaml"), sweep.specText());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", sweep.spec().name());
            info.put("fingerprint", sweep.fingerprint());
            info.put("tasks", sweep.tasks().size());
            info.put("base", sweep.baseFile().toString());
            info.put("spec_dir", sweep.specDir().toString());
            info.put("version", Version.get());
            AtomicFiles.write(marker, out -> JSON.writeValue(out, info));
        }
        Files.createDirectories(dir.resolve("tasks"));
    }

    /**
     * A task interrupted while writing leaves only a temporary file (.NNNNNN.json.*.tmp): remove
     * those of this shard's tasks (other shards may be writing theirs right now); the tasks rerun.
     */
    static void removeAbandonedFiles(Path tasksDir, Shard shard) throws IOException {
        try (var s = Files.list(tasksDir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".")) {
                    continue;
                }
                int id;
                try {
                    id = Integer.parseInt(name.substring(1, Math.min(7, name.length())));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (shard == null || shard.owns(id)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The base scenario a results directory's sweep was run with. */
    public static String baseOf(Path dir) throws IOException {
        Path marker = dir.resolve("sweep.json");
        if (!Files.isRegularFile(marker)) {
            throw new ConfigException(dir + ": not a sweep results directory (no sweep.json)");
        }
        String base = JSON.readTree(marker.toFile()).path("base").asText("");
        if (base.isEmpty()) {
            throw new ConfigException(marker + ": names no base scenario");
        }
        return base;
    }

    public static Path taskFile(Path tasksDir, int id) {
        return tasksDir.resolve(String.format(Locale.ROOT, "%06d.json", id));
    }

    private static void runTask(Sweep sweep, Sweep.Task t, Path tasksDir, Path dir, boolean keepRuns, double taskSeconds)
            throws IOException {
        Scenario scenario = sweep.scenario(t);
        SingleRun.Result r;
        if (keepRuns) {
            Path runDir = dir.resolve("runs").resolve(String.format(Locale.ROOT, "%06d", t.id()));
            if (Files.exists(runDir)) {
                AtomicFiles.deleteTree(runDir); // left by an interrupted attempt of this task
            }
            r = SingleRun.run(scenario, runDir, dir.resolve("runs"));
        } else {
            r = SingleRun.simulate(scenario, t.seed(), taskSeconds);
        }
        TaskFiles.write(taskFile(tasksDir, t.id()), resultOf(t, r));
    }

    /** Runs one task in memory (nothing written), stopping after {@code taskSeconds} of wall time. */
    public static TaskResult simulate(Sweep sweep, Sweep.Task t, double taskSeconds) {
        return resultOf(t, SingleRun.simulate(sweep.scenario(t), t.seed(), taskSeconds));
    }

    static TaskResult resultOf(Sweep.Task t, SingleRun.Result r) {
        return new TaskResult(t.id(), t.arm(), t.point(), t.replicate(), t.seed(), t.parameters(), t.overrides(),
                r.summary(), TaskResult.phasesOf(r));
    }

    /** Tasks done, rate and time left, on stderr: redrawn in place on a terminal, every 10 % otherwise. */
    static final class Progress {
        private final int total;
        private final PrintStream out;
        private final AtomicInteger done = new AtomicInteger();
        private final long start = System.nanoTime();
        private final boolean terminal = System.console() != null;
        private volatile int lastDecile = -1;

        Progress(int total, PrintStream out) {
            this.total = total;
            this.out = out;
        }

        void tick() {
            int d = done.incrementAndGet();
            if (out == null || total == 0) {
                return;
            }
            int decile = d * 10 / total;
            if (terminal || decile != lastDecile) {
                lastDecile = decile;
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = d / Math.max(seconds, 1e-9);
                int width = 30;
                int filled = d * width / total;
                String line = String.format(Locale.ROOT, "[%s%s] %d/%d tasks, %.2f tasks/s, ETA %s",
                        "#".repeat(filled), ".".repeat(width - filled), d, total, rate, eta((total - d) / rate));
                synchronized (out) {
                    out.print(terminal ? "\r" + line : line + "\n");
                    out.flush();
                }
            }
        }

        void finish() {
            if (out != null && terminal && total > 0) {
                out.println();
            }
        }

        static String eta(double seconds) {
            if (seconds < 60) {
                return String.format(Locale.ROOT, "%.0f s", seconds);
            }
            if (seconds < 3600) {
                return String.format(Locale.ROOT, "%.0f min", seconds / 60);
            }
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
    }
}
