package org.her2sim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How SLURM's answers are read (the texts are those SLURM prints; the cluster itself is exercised
 * by SlurmClusterTest). An unknown queue state is never read as "failed": resubmitting running
 * elements would do the work twice.
 */
class SlurmReplyTest {
    @Test
    void aFailedSqueueIsAnErrorNotAnEmptyQueue() {
        IOException e = assertThrows(IOException.class, () -> Slurm.queuedFrom(new Slurm.Reply(1, "",
                "squeue: error: slurm_receive_msg: Socket timed out on send/recv operation\nslurm_load_jobs error: Socket timed out on send/recv operation\n")));
        assertTrue(e.getMessage().startsWith("squeue failed (exit 1): squeue: error: slurm_receive_msg: Socket timed out")
                && e.getMessage().contains("none is counted as failed or resubmitted"), e.getMessage());
    }

    @Test
    void jobsThatLeftTheQueueAreNotQueued() throws IOException {
        assertEquals(0, Slurm.queuedFrom(new Slurm.Reply(1, "", "slurm_load_jobs error: Invalid job id specified\n")).size());
        List<String[]> q = Slurm.queuedFrom(new Slurm.Reply(0, "41 3 RUNNING\n41 4-5 PENDING\n", ""));
        assertEquals(2, q.size());
        assertEquals("RUNNING", q.get(0)[2]);
    }

    @Test
    void anUnreachableControllerIsNotAClusterWithoutPartitions() throws IOException {
        IOException e = assertThrows(IOException.class, () -> Slurm.partitionsFrom(new Slurm.Reply(1, "",
                "slurm_load_partitions: Unable to contact slurm controller (connect failure)\n")));
        assertTrue(e.getMessage().contains("sinfo failed (exit 1): slurm_load_partitions: Unable to contact slurm controller"), e.getMessage());
        assertEquals(List.of("debug", "gpu"), Slurm.partitionsFrom(new Slurm.Reply(0, "debug*\ngpu\n", "")));
    }
}
