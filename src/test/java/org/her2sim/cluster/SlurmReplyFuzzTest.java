package org.her2sim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.her2sim.fuzz.FuzzBudget;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;

/**
 * Hostile answers from squeue and sinfo: exit codes, time-outs, "Invalid job id", valid element
 * lines, pending-array summaries ("4-9%2"), foreign job ids, lines with fields missing or extra,
 * blank lines, noise and very long lines. The rules that keep work from being done twice hold
 * for every one: a failed squeue is never an empty queue, and an element squeue names is never
 * counted as failed.
 */
class SlurmReplyFuzzTest {
    static final int ELEMENTS = 12;
    static final Map<String, Integer> OFFSETS = Map.of("41", 0, "57", 5);
    static final String[] STATES = {"RUNNING", "PENDING", "COMPLETING", "CONFIGURING", "SUSPENDED", "REQUEUED"};

    static String line(UniformRandomProvider rng) {
        return switch (rng.nextInt(10)) {
            case 0, 1, 2, 3 -> List.of("41", "57").get(rng.nextInt(2)) + " " + rng.nextInt(5) + " " + STATES[rng.nextInt(STATES.length)];
            case 4 -> "41 " + rng.nextInt(4) + "-" + (4 + rng.nextInt(4)) + "%" + (1 + rng.nextInt(3)) + " PENDING";
            case 5 -> "99 " + rng.nextInt(5) + " RUNNING"; // a job this directory did not submit
            case 6 -> "41 " + rng.nextInt(5); // a field missing
            case 7 -> "41 1 RUNNING extra";
            case 8 -> "   ";
            default -> {
                StringBuilder b = new StringBuilder();
                for (int k = 0; k < 1 + rng.nextInt(rng.nextInt(10) == 0 ? 5000 : 20); k++) {
                    b.append((char) (32 + rng.nextInt(95)));
                }
                yield b.toString();
            }
        };
    }

    @Test
    void noAnswerMakesAQueuedElementLookFailedOrAFailureLookEmpty() {
        UniformRandomProvider rng = new SeedTree(20261203).child("fuzz-slurm").generator();
        int cases = FuzzBudget.cases(300);
        int read = 0;
        int refused = 0;
        for (int c = 0; c < cases; c++) {
            int code = rng.nextInt(4) == 0 ? 1 + rng.nextInt(3) : 0;
            List<String> lines = new ArrayList<>();
            for (int k = 0; k < rng.nextInt(8); k++) {
                lines.add(line(rng));
            }
            String err = code == 0 ? "" : List.of("slurm_load_jobs error: Invalid job id specified",
                    "squeue: error: slurm_receive_msg: Socket timed out on send/recv operation", "", "squeue: error: Invalid user").get(rng.nextInt(4));
            Slurm.Reply reply = new Slurm.Reply(code, String.join("\n", lines) + "\n", err);
            String where = "case " + c + ": exit " + code + ", out " + lines + ", err '" + err + "'";
            Set<Integer> queued;
            try {
                queued = SlurmSweep.queuedElements(reply, OFFSETS, ELEMENTS);
                read++;
            } catch (IOException e) {
                refused++;
                assertTrue(e.getMessage().contains("none is counted as failed or resubmitted"), where + ": " + e.getMessage());
                assertFalse(e.getMessage().contains("\n") || e.getMessage().length() > 400, where + ": one short line: " + e.getMessage());
                continue;
            } catch (RuntimeException e) {
                fail(where + ": " + e);
                continue;
            }
            if (code != 0) {
                assertTrue(err.contains("Invalid job id"), where + ": a failed squeue was read as an answer");
                assertEquals(Set.of(), queued, where);
                continue;
            }
            // every element a well-formed line names is queued; a summary or a foreign job counts all
            for (String l : lines) {
                String[] f = l.trim().split("\\s+");
                if (l.isBlank()) {
                    continue;
                }
                assertEquals(3, f.length, where + ": a malformed line was read instead of refused: '" + l + "'");
                Integer offset = OFFSETS.get(f[0]);
                if (offset != null && f[1].matches("\\d+")) {
                    assertTrue(queued.contains(offset + Integer.parseInt(f[1])), where + ": '" + l + "' not counted as queued");
                } else {
                    assertEquals(ELEMENTS, queued.stream().filter(k -> k < ELEMENTS).count(), where + ": '" + l + "' should count all");
                }
            }
        }
        FuzzBudget.report("squeue answer", cases, read, refused);
        assertTrue(read >= cases / 10 && refused >= cases / 10, "both readable and unreadable answers occur: " + read + ", " + refused);
        // sinfo: a failure is an error, never "no partitions"
        for (int c = 0; c < cases / 3; c++) {
            int code = rng.nextInt(3) == 0 ? 1 : 0;
            String out = line(rng) + "\n" + line(rng);
            try {
                List<String> partitions = Slurm.partitionsFrom(new Slurm.Reply(code, out, "Unable to contact slurm controller"));
                assertEquals(0, code, "a failed sinfo was read as partitions " + partitions);
            } catch (IOException e) {
                assertTrue(code != 0 && e.getMessage().startsWith("sinfo failed"), e.getMessage());
            }
        }
    }
}
