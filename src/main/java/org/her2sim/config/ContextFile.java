package org.her2sim.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A context file (configs/contexts/NAME.yaml): where a tumour grows — a patient, a mouse, a
 * dish — as settings applied to a scenario that names it ({@code context: patient}), and how
 * patients (or mice) in it differ from one another ({@code patients:}, drawn per virtual patient
 * in sweeps). A scenario's own settings win over its context's, and {@code --set} wins over both;
 * a sweep's own draw of a setting replaces the context's.
 */
public record ContextFile(String description, @com.fasterxml.jackson.annotation.JsonProperty("extends") String base,
                          Map<String, JsonNode> set, List<PatientDraw> patients) {
    public ContextFile {
        description = description == null ? "" : description;
        set = set == null ? Map.of() : Check.ordered(set);
        patients = patients == null ? List.of() : List.copyOf(patients);
    }

    /** This context on top of the one it extends: its settings and draws replace the base's of the same path. */
    ContextFile over(ContextFile under) {
        Map<String, JsonNode> s = new java.util.LinkedHashMap<>(under.set());
        s.putAll(set);
        Map<String, PatientDraw> d = new java.util.LinkedHashMap<>();
        under.patients().forEach(x -> d.put(x.path(), x));
        patients.forEach(x -> d.put(x.path(), x));
        return new ContextFile(description, null, s, List.copyOf(d.values()));
    }
}
