package org.her2sim.cluster;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.her2sim.config.ConfigException;
import org.her2sim.config.Suggest;
import org.her2sim.experiment.Sweep;
import org.her2sim.experiment.SweepRunner;
import org.her2sim.experiment.TaskFiles;
import org.her2sim.io.AtomicFiles;

/**
 * A sweep run as SLURM job arrays. The results directory holds the sweep (as for a local
 * sweep), a copy of the program (so a rebuild mid-sweep changes nothing), the array script
 * and the submitted job ids:
 * <pre>
 *   DIR/her2sim.jar            the program the elements run
 *   DIR/slurm/array.sbatch     the script: element k runs shard k+1 of N with --resume
 *   DIR/slurm/plan.json        elements, tasks per element, threads
 *   DIR/slurm/jobs.txt         job ids submitted so far
 *   DIR/slurm/logs/            one log per element
 * </pre>
 * Element k runs the tasks whose id ≡ k (mod N); as each task's result is an atomic file,
 * a rerun element does only what its earlier attempt did not finish.
 */
public final class SlurmSweep {
    /** What to ask SLURM for. */
    public record Options(int tasksPerJob, int threads, String partition, String time, String mem, String account,
                          String qos, Integer throttle, List<String> extraSbatch, String setup, String javaOptions,
                          boolean dryRun, boolean calibrate) {
        public Options {
            if (tasksPerJob < 1) {
                throw new ConfigException("--tasks-per-job: expected at least 1, got " + tasksPerJob);
            }
            if (threads < 1) {
                throw new ConfigException("--threads: expected at least 1, got " + threads);
            }
            if (time != null && !time.matches("(\\d+-)?\\d{1,2}(:\\d{2}){0,2}")) {
                throw new ConfigException("--time: expected SLURM's [D-]HH:MM:SS, got '" + time + "'");
            }
            if (mem != null && !mem.matches("\\d+[KMGT]?")) {
                throw new ConfigException("--mem: expected a size such as 4G or 4000M, got '" + mem + "'");
            }
            if (throttle != null && throttle < 1) {
                throw new ConfigException("--throttle: expected at least 1, got " + throttle);
            }
            extraSbatch = extraSbatch == null ? List.of() : List.copyOf(extraSbatch);
        }
    }

    private SlurmSweep() {
    }

    /** Prepares DIR, writes the script, and (unless dry run) submits every element. */
    public static List<String> submit(Sweep sweep, Path dir, Options o, PrintWriter out) throws IOException {
        if (!o.dryRun()) {
            Slurm.requireAvailable();
            if (o.partition() != null) {
                List<String> parts = Slurm.partitions();
                if (!parts.contains(o.partition())) {
                    throw new ConfigException("--partition: the cluster has no partition '" + o.partition() + "'"
                            + Suggest.hint(o.partition(), parts) + "; partitions: " + String.join(", ", parts));
                }
            }
        }
        Path abs = dir.toAbsolutePath().normalize();
        warnIfLocal(abs, out);
        SweepRunner.prepare(sweep, abs, true);
        int elements = (sweep.tasks().size() + o.tasksPerJob() - 1) / o.tasksPerJob();
        Path slurm = Files.createDirectories(abs.resolve("slurm"));
        Files.createDirectories(slurm.resolve("logs"));
        boolean jarWasThere = Files.exists(abs.resolve("her2sim.jar"));
        String launcher = installProgram(abs);
        int listed = elements;
        // streamed: a million tasks' list is never in memory
        AtomicFiles.write(slurm.resolve("tasks.csv"), stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            w.write("task_id,element,arm,point,replicate,seed\n");
            for (Sweep.Task t : sweep.tasks()) {
                w.write(t.id() + "," + t.id() % listed + ",\"" + t.arm() + "\"," + t.point() + "," + t.replicate() + "," + t.seed() + "\n");
            }
            w.flush();
        });
        if (o.calibrate()) {
            long advisedMb = advise(sweep, o, out);
            if (o.mem() == null) {
                o = new Options(o.tasksPerJob(), o.threads(), o.partition(), o.time(), advisedMb + "M", o.account(), o.qos(),
                        o.throttle(), o.extraSbatch(), o.setup(), o.javaOptions(), o.dryRun(), o.calibrate());
            }
        }
        String script = script(sweep, abs, o, elements, launcher);
        AtomicFiles.writeString(slurm.resolve("array.sbatch"), script);
        AtomicFiles.writeString(slurm.resolve("plan.json"), String.format(Locale.ROOT,
                "{\"elements\": %d, \"tasks_per_job\": %d, \"threads\": %d, \"tasks\": %d}%n",
                elements, o.tasksPerJob(), o.threads(), sweep.tasks().size()));
        out.printf("%d tasks in %d array elements of about %d tasks, %d threads each; task list in %s%n", sweep.tasks().size(),
                elements, o.tasksPerJob(), o.threads(), slurm.resolve("tasks.csv"));
        List<Integer> all = new ArrayList<>();
        for (int k = 0; k < elements; k++) {
            all.add(k);
        }
        if (o.dryRun()) {
            out.println("dry run: nothing submitted; the script is " + slurm.resolve("array.sbatch"));
            return List.of();
        }
        boolean copied = !jarWasThere;
        try {
            return sbatch(abs, all, out);
        } catch (IOException | RuntimeException e) {
            if (copied && jobs(abs).isEmpty()) {
                Files.deleteIfExists(abs.resolve("her2sim.jar")); // nothing submitted runs it: do not leave ~80 MB behind
            }
            throw e;
        }
    }

    /** Elements whose tasks are not all finished and that are not in the queue, resubmitted. */
    public static List<String> resubmit(Sweep sweep, Path dir, PrintWriter out) throws IOException {
        Slurm.requireAvailable();
        Path abs = dir.toAbsolutePath().normalize();
        SweepRunner.prepare(sweep, abs, true);
        Status s = status(sweep, abs);
        List<Integer> redo = new ArrayList<>(s.failedElements());
        if (redo.isEmpty()) {
            out.println(s.missingTasks() == 0 ? "nothing to resubmit: all tasks are done; next: her2sim merge " + abs
                    : "nothing to resubmit: the missing tasks' elements are still queued or running");
            return List.of();
        }
        out.printf("resubmitting %d elements: %s%n", redo.size(), ranges(redo));
        return sbatch(abs, redo, out);
    }

    /** Tasks and elements done, queued and failed. */
    public record Status(int tasks, int doneTasks, int elements, int doneElements, int queuedElements,
                         List<Integer> failedElements, List<String> jobs) {
        public int missingTasks() {
            return tasks - doneTasks;
        }
    }

    public static Status status(Sweep sweep, Path dir) throws IOException {
        Path slurm = dir.resolve("slurm");
        if (!Files.isRegularFile(slurm.resolve("plan.json"))) {
            throw new ConfigException(dir + ": not a SLURM sweep directory (no slurm/plan.json); submit it first");
        }
        int elements = SweepRunner.JSON_READER.readTree(slurm.resolve("plan.json").toFile())
                .path("elements").asInt();
        boolean[] missing = new boolean[elements];
        int done = 0;
        for (int id = 0; id < sweep.tasks().size(); id++) {
            Path file = SweepRunner.taskFile(dir.resolve("tasks"), id);
            if (Files.isRegularFile(file) && TaskFiles.problem(file, sweep.task(id)) == null) {
                done++;
            } else {
                missing[id % elements] = true;
            }
        }
        List<String> jobs = jobs(dir);
        if (jobs.isEmpty()) {
            throw new ConfigException(dir + ": no array was submitted from this directory (a --dry-run?), so no element has "
                    + "failed; submit it with her2sim slurm submit");
        }
        if (!Slurm.available()) {
            // without squeue the elements' state is unknown, and unknown is never "failed"
            throw new ConfigException("squeue not found on PATH: run her2sim slurm status on the cluster's login node");
        }
        Set<Integer> queued = queuedElements(Slurm.queuedReply(jobs), offsets(dir), elements);
        List<Integer> failed = new ArrayList<>();
        int doneElements = 0;
        for (int k = 0; k < elements; k++) {
            if (!missing[k]) {
                doneElements++;
            } else if (!queued.contains(k)) {
                failed.add(k);
            }
        }
        return new Status(sweep.tasks().size(), done, elements, doneElements, queued.size(), failed, jobs);
    }

    private static List<String> sbatch(Path dir, List<Integer> elements, PrintWriter out) throws IOException {
        int max = Slurm.maxArraySize();
        List<String> ids = new ArrayList<>();
        // array indices must stay below MaxArraySize: submit in blocks, each with its element offset
        int start = 0;
        while (start < elements.size()) {
            int offset = elements.get(start);
            List<Integer> block = new ArrayList<>();
            int i = start;
            while (i < elements.size() && elements.get(i) - offset < max - 1) {
                block.add(elements.get(i) - offset);
                i++;
            }
            // --chdir and --output given here too: exact whatever the directory's name (no shell in between)
            List<String> cmd = List.of("sbatch", "--parsable", "--array=" + ranges(block) + throttle(dir),
                    "--export=ALL,HER2SIM_ELEMENT_OFFSET=" + offset, "--chdir=" + dir, "--output=" + dir.resolve("slurm/logs") + "/%A_%a.out",
                    dir.resolve("slurm/array.sbatch").toString());
            Slurm.Reply r = Slurm.run(cmd);
            if (r.code() != 0) {
                throw new ConfigException("sbatch refused the array: " + r.err().trim());
            }
            String id = r.out().trim().split(";")[0];
            ids.add(id);
            Files.writeString(dir.resolve("slurm/jobs.txt"), id + " " + offset + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            out.printf("submitted job %s (elements %s)%n", id, ranges(block.stream().map(b -> b + offset).toList()));
            start = i;
        }
        out.println("next: her2sim slurm status " + dir + "   (then her2sim slurm resubmit / her2sim merge)");
        return ids;
    }

    private static String throttle(Path dir) throws IOException {
        String script = Files.readString(dir.resolve("slurm/array.sbatch"));
        Matcher m = Pattern.compile("(?m)^# her2sim-throttle: (\\d+)$").matcher(script);
        return m.find() ? "%" + m.group(1) : "";
    }

    static List<String> jobs(Path dir) throws IOException {
        Path f = dir.resolve("slurm/jobs.txt");
        List<String> out = new ArrayList<>();
        if (Files.isRegularFile(f)) {
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    out.add(line.trim().split("\\s+")[0]);
                }
            }
        }
        return out;
    }

    /** Each submission's job id → the element number of its array index 0 (slurm/jobs.txt). */
    private static Map<String, Integer> offsets(Path dir) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("slurm/jobs.txt"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[1].matches("\\d{1,9}")) {
                out.put(f[0], Integer.parseInt(f[1]));
            }
        }
        return out;
    }

    /**
     * The elements squeue says are still queued (pending or running), by element number. When in
     * doubt an element counts as queued, never as failed: a pending array's summary line
     * ("4-9%2") counts every element, and so does a job id this directory did not submit; a line
     * that is not "job array-index state" makes the whole answer unreadable (an error), since a
     * dropped line would make its element look failed and be submitted twice.
     */
    static Set<Integer> queuedElements(Slurm.Reply reply, Map<String, Integer> offsets, int elements) throws IOException {
        Set<Integer> queued = new TreeSet<>();
        for (String[] q : Slurm.queuedFrom(reply)) {
            Integer offset = offsets.get(q[0]);
            if (offset != null && q[1].matches("\\d{1,9}")) {
                queued.add(offset + Integer.parseInt(q[1]));
            } else {
                for (int k = 0; k < elements; k++) {
                    queued.add(k);
                }
            }
        }
        return queued;
    }

    /** "0-3,7,9-10" */
    static String ranges(List<Integer> values) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < values.size()) {
            int j = i;
            while (j + 1 < values.size() && values.get(j + 1) == values.get(j) + 1) {
                j++;
            }
            b.append(b.length() > 0 ? "," : "").append(values.get(i));
            if (j > i) {
                b.append('-').append(values.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }

    static String script(Sweep sweep, Path dir, Options o, int elements, String launcher) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# her2sim sweep '").append(sweep.spec().name()).append("' as a SLURM job array: element k runs shard k+1 of ")
                .append(elements).append(".\n# Edit freely; her2sim slurm resubmit reuses this file.\n");
        s.append("#SBATCH --job-name=her2sim-").append(sweep.spec().name()).append('\n');
        s.append("#SBATCH --array=0-").append(elements - 1).append(o.throttle() == null ? "" : "%" + o.throttle()).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(o.threads()).append('\n');
        s.append("#SBATCH --mem=").append(o.mem() == null ? DEFAULT_MEM : o.mem()).append('\n');
        if (o.time() != null) {
            s.append("#SBATCH --time=").append(o.time()).append('\n');
        }
        if (o.partition() != null) {
            s.append("#SBATCH --partition=").append(o.partition()).append('\n');
        }
        if (o.account() != null) {
            s.append("#SBATCH --account=").append(o.account()).append('\n');
        }
        if (o.qos() != null) {
            s.append("#SBATCH --qos=").append(o.qos()).append('\n');
        }
        if (plain(dir.toString())) {
            s.append("#SBATCH --chdir=").append(dir).append('\n');
            s.append("#SBATCH --output=").append(dir.resolve("slurm/logs")).append("/%A_%a.out\n");
        } else {
            // #SBATCH lines cannot carry such a path; her2sim passes --chdir and --output to sbatch itself
            s.append("# her2sim gives sbatch --chdir and --output (the directory's name has spaces or shell characters)\n");
        }
        for (String extra : o.extraSbatch()) {
            s.append("#SBATCH ").append(extra).append('\n');
        }
        if (o.throttle() != null) {
            s.append("# her2sim-throttle: ").append(o.throttle()).append('\n');
        }
        s.append("set -euo pipefail\n");
        if (o.setup() != null) {
            s.append(o.setup()).append('\n');
        }
        // every path is single-quoted: a space or a $(...) in a directory name stays part of the name
        s.append("cd ").append(sh(dir.toString())).append('\n');
        s.append("JAVA_BIN=${JAVA:-").append(sh(Path.of(System.getProperty("java.home"), "bin", "java").toString())).append("}\n");
        s.append("ELEMENT=$(( ${HER2SIM_ELEMENT_OFFSET:-0} + SLURM_ARRAY_TASK_ID ))\n");
        s.append("echo \"her2sim: element $ELEMENT of ").append(elements).append(" on $(hostname)\"\n");
        // JVM options before the program: after -jar they would be the program's arguments
        s.append("exec \"$JAVA_BIN\"").append(o.javaOptions() == null ? "" : " " + o.javaOptions()).append(heapOption(o))
                .append(' ').append(launcher).append(" \\\n    sweep ")
                .append(sh(dir.resolve("sweep.yaml").toString())).append(" --base ").append(sh(sweep.baseFile().toString()))
                .append(" --out ").append(sh(dir.toString())).append(" --resume --shard $(( ELEMENT + 1 ))/").append(elements)
                .append(" --threads ").append(o.threads()).append(" -q\n");
        return s.toString();
    }

    /** A word for the shell: single-quoted, so nothing in it is expanded. */
    static String sh(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A path that #SBATCH lines (which are not read by a shell) carry as written. */
    private static boolean plain(String path) {
        return path.matches("[A-Za-z0-9._/+,:@%=-]+");
    }

    /** The program to copy for the elements; null: the running one (tests give a jar where the suite runs from classes). */
    static Path program;

    /** Copies the running program into DIR (once): the elements run that copy (the script sets JAVA_BIN). */
    static String installProgram(Path dir) throws IOException {
        Path target = dir.resolve("her2sim.jar");
        Path source = program;
        if (source == null) {
            try {
                source = Path.of(SlurmSweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IOException("cannot locate the program", e);
            }
        }
        if (Files.isRegularFile(source) && source.toString().endsWith(".jar")) {
            if (!Files.exists(target)) {
                Path tmp = dir.resolve(".her2sim.jar.tmp");
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return "-jar " + sh(target.toString());
        }
        // running from classes (development, tests): the elements use the same class path
        return "-cp " + sh(System.getProperty("java.class.path")) + " org.her2sim.cli.Her2sim";
    }

    private static void warnIfLocal(Path dir, PrintWriter out) {
        String d = dir.toString();
        if (d.startsWith("/tmp") || d.startsWith("/dev/shm") || d.startsWith("/var/tmp")) {
            out.println("warning: " + dir + " is on a node-local path; on a real cluster the compute nodes may not see it "
                    + "(use shared scratch space)");
        }
    }

    /** Arms whose first patient is measured for the advice: arms differ most (an untreated arm grows largest). */
    static final int ADVICE_ARMS = 6;

    /**
     * Runs the first patient of each arm here (up to {@link #ADVICE_ARMS}), prints what an element
     * should ask for, and returns the memory in MB. Time: the slowest measured task × tasks per
     * thread × 1.5, plus 30 s to start. Memory: the JVM's own heap plus one live task per thread
     * (the largest measured), doubled (other patients of the arm may grow larger, and the
     * collector works best with the live data under half the heap), is the heap (-Xmx);
     * --mem is 4/3 of that, for the JVM's memory outside the heap.
     */
    private static long advise(Sweep sweep, Options o, PrintWriter out) {
        double seconds = 0;
        double sumSeconds = 0;
        long live = 0;
        long baseline = 0;
        List<String> measured = new ArrayList<>();
        // the first tasks are point 0, replicate 0 of each arm
        for (Sweep.Task t : sweep.tasks().subList(0, Math.min(sweep.spec().arms().size(), sweep.tasks().size()))) {
            if (measured.size() < ADVICE_ARMS) {
                measured.add(t.arm());
                TaskFootprint f = TaskFootprint.measure(sweep.scenario(t), t.seed());
                seconds = Math.max(seconds, f.seconds());
                sumSeconds += f.seconds();
                live = Math.max(live, f.liveBytes());
                baseline = Math.max(baseline, f.baselineBytes());
            }
        }
        double perElement = seconds * Math.ceil(o.tasksPerJob() / (double) o.threads()) * 1.5 + 30;
        long heapMb = Math.max(256, roundUp64((baseline + (double) o.threads() * live) * 2 / MB));
        long memMb = roundUp64(heapMb * 4 / 3.0);
        out.printf(Locale.ROOT, "advice: the slowest of %d measured tasks (first patient of each arm) took %.2f s here and kept %.0f MB "
                        + "alive; an element of %d tasks on %d threads needs about %s (x1.5 margin) and --mem=%dM "
                        + "(heap -Xmx%dm: the program's %.0f MB plus one task per thread, x2 margin; 1/4 more outside the heap)%n",
                measured.size(), seconds, live / MB, o.tasksPerJob(), o.threads(), hms(perElement), memMb, heapMb, baseline / MB);
        double mean = sumSeconds / measured.size();
        out.printf(Locale.ROOT, "the whole sweep: about %,.0f CPU-hours (%,d tasks x %.2f s, the measured tasks' mean on this machine; "
                + "patients differ, so take it as a first figure)%n", sweep.tasks().size() * mean / 3600, sweep.tasks().size(), mean);
        return memMb;
    }

    private static final double MB = 1024.0 * 1024.0;

    private static long roundUp64(double megabytes) {
        return (long) Math.ceil(megabytes / 64) * 64;
    }

    /** SLURM's --mem in MB (a number without a unit is MB). */
    static long megabytes(String mem) {
        long n = Long.parseLong(mem.replaceAll("[KMGT]$", ""));
        return switch (mem.charAt(mem.length() - 1)) {
            case 'K' -> Math.max(1, n / 1024);
            case 'G' -> n * 1024;
            case 'T' -> n * 1024 * 1024;
            default -> n;
        };
    }

    /** The heap an element's JVM gets: --java-options decides if it sets -Xmx; otherwise 3/4 of --mem. */
    static String heapOption(Options o) {
        if (o.javaOptions() != null && o.javaOptions().matches(".*-Xmx\\S+.*|.*MaxRAM.*")) {
            return "";
        }
        return " -Xmx" + Math.max(64, megabytes(o.mem() == null ? DEFAULT_MEM : o.mem()) * 3 / 4) + "m";
    }

    static final String DEFAULT_MEM = "2G";

    static String hms(double seconds) {
        long s = (long) Math.ceil(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }
}
