package org.her2sim.experiment;

import java.util.List;
import java.util.Map;
import org.her2sim.observe.Summary;

/**
 * What one finished task leaves in {@code tasks/NNNNNN.json}: which task it was (arm, point,
 * replicate, seed, the overrides that rebuild its configuration) and its summary.
 */
public record TaskResult(int taskId, String arm, int point, int replicate, long seed, Map<String, String> parameters,
                         List<String> overrides, Summary summary) {
}
