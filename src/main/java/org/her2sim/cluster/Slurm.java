package org.her2sim.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.her2sim.config.ConfigException;

/** Calls SLURM's commands (sbatch, squeue, sinfo, scontrol) and reads their answers. */
final class Slurm {
    /** A command's exit code and output. */
    record Reply(int code, String out, String err) {
    }

    private Slurm() {
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && new File(dir, "sbatch").canExecute()) {
                return true;
            }
        }
        return false;
    }

    static void requireAvailable() {
        if (!available()) {
            throw new ConfigException("sbatch not found on PATH: run this on the cluster's login node (or start a local test "
                    + "cluster with scripts/slurm-local.sh start)");
        }
    }

    static Reply run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer in 120 s");
            }
            return new Reply(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }

    /** The partitions the cluster has. */
    static List<String> partitions() throws IOException {
        return partitionsFrom(run(List.of("sinfo", "-h", "-o", "%P")));
    }

    /** The partitions in sinfo's answer; a failed sinfo (controller unreachable) is an error, not "no partitions". */
    static List<String> partitionsFrom(Reply r) throws IOException {
        if (r.code() != 0) {
            throw new IOException("sinfo failed (exit " + r.code() + "): " + firstLine(r.err()) + "; the cluster's partitions are unknown");
        }
        List<String> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            String p = line.trim().replace("*", "");
            if (!p.isEmpty() && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static String shortened(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }

    /** MaxArraySize from the cluster's configuration (1001 if it cannot be read, SLURM's default). */
    static int maxArraySize() throws IOException {
        Reply r = run(List.of("scontrol", "show", "config"));
        for (String line : r.out().split("\n")) {
            if (line.trim().startsWith("MaxArraySize")) {
                try {
                    return Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        return 1001;
    }

    /** Array elements still in the queue, as (job id, element index) → state. */
    static List<String[]> queued(List<String> jobIds) throws IOException {
        return queuedFrom(queuedReply(jobIds));
    }

    /** squeue's answer about these jobs, one line per element: job id, array index, state. */
    static Reply queuedReply(List<String> jobIds) throws IOException {
        if (jobIds.isEmpty()) {
            return new Reply(0, "", "");
        }
        return run(List.of("squeue", "-h", "-r", "-j", String.join(",", jobIds), "-o", "%F %K %T"));
    }

    /**
     * The elements in squeue's answer. squeue exits 1 with "Invalid job id" when none of the jobs
     * is known any more (all left the queue): nothing is queued. Any other failure (a controller
     * time-out, "Socket timed out on send/recv operation") leaves the queue's state unknown, and
     * unknown must never be read as "failed": it is an error, so nothing is resubmitted.
     */
    static List<String[]> queuedFrom(Reply r) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (r.code() != 0) {
            if (r.err().contains("Invalid job id")) {
                return out;
            }
            throw new IOException("squeue failed (exit " + r.code() + "): " + firstLine(r.err())
                    + "; the state of the array elements is unknown, so none is counted as failed or resubmitted; try again later");
        }
        for (String line : r.out().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) {
                // a dropped line would make its element look failed: the answer as a whole is unreadable
                throw new IOException("squeue gave a line that is not 'job index state': '" + shortened(line.strip())
                        + "'; the state of the array elements is unknown, so none is counted as failed or resubmitted");
            }
            out.add(f);
        }
        return out;
    }
}
