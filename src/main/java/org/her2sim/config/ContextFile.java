package org.her2sim.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A context file (configs/contexts/NAME.yaml): where a tumour grows — a patient, a mouse, a
 * dish — as settings applied to a scenario that names it ({@code context: patient}). A scenario's
 * own settings win over its context's, and {@code --set} wins over both.
 */
public record ContextFile(String description, Map<String, JsonNode> set) {
    public ContextFile {
        description = description == null ? "" : description;
        set = set == null ? Map.of() : Check.ordered(set);
    }
}
