package org.her2sim.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.her2sim.io.AtomicFiles;

/**
 * A finished task's file, {@code tasks/NNNNNN.json}: {@code {"sha256": H, "result": R}} where H is
 * the SHA-256 of R's bytes as written. A file is trusted only if H matches and R is the task the
 * sweep plans under that number (its id, arm, point, replicate and seed): an edited, truncated or swapped
 * file is found and the task run again, never counted as done.
 */
public final class TaskFiles {
    private static final Pattern LAYOUT = Pattern.compile("(?s)\\A\\{\"sha256\":\"([0-9a-f]{64})\",\"result\":(.*)}\\s*\\z");

    private TaskFiles() {
    }

    /** Writes the task's result with its checksum, atomically. */
    static void write(Path file, TaskResult result) throws IOException {
        byte[] r = SweepRunner.JSON.writeValueAsBytes(result);
        String head = "{\"sha256\":\"" + SingleRun.sha256(new String(r, StandardCharsets.UTF_8)) + "\",\"result\":";
        AtomicFiles.write(file, out -> {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(r);
            out.write("}\n".getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The result in a task file whose checksum matches; an IOException saying what is wrong otherwise. */
    static TaskResult read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = LAYOUT.matcher(text);
        if (!m.matches()) {
            throw new IOException("is not a complete task file (truncated, or written by an older version)");
        }
        if (!SingleRun.sha256(m.group(2)).equals(m.group(1))) {
            throw new IOException("does not match its checksum (changed after it was written)");
        }
        return SweepRunner.JSON.readValue(m.group(2), TaskResult.class);
    }

    /** The task number in a file name NNNNNN.json, or -1. */
    static int idOf(Path file) {
        String name = file.getFileName().toString();
        return name.matches("\\d{6}\\.json") ? Integer.parseInt(name.substring(0, 6)) : -1;
    }

    /** Why the file cannot stand for task {@code t} of the plan, or null when it can. */
    public static String problem(Path file, Sweep.Task t) {
        try {
            return problem(read(file), t);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** Why a result read from a task file cannot stand for task {@code t} of the plan, or null when it can. */
    static String problem(TaskResult r, Sweep.Task t) {
        // the overrides' text may differ where the sweep file was read from another folder (paths), so
        // the task is recognised by what makes it unique: number, arm, point, replicate and seed
        if (r.taskId() != t.id() || r.seed() != t.seed() || !r.arm().equals(t.arm()) || r.point() != t.point()
                || r.replicate() != t.replicate()) {
            return "holds task " + r.taskId() + " (arm " + r.arm() + ", seed " + r.seed() + "), not the planned task " + t.id();
        }
        return null;
    }
}
