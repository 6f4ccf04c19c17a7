package org.her2sim.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A lesson as written in YAML (configs/lessons/): a scenario with the lesson's changes and
 * seed, the questions students answer before running, what they should observe, questions for
 * discussion, and the drugs (with doses) the GUI's control panel offers.
 *
 * <pre>
 * title: "Lesson 1: ..."
 * scenario: tumour.yaml              # relative to this file
 * seed: 101                          # the whole class sees the same tumour
 * set: {tumour.clones: [{markers: {p95her2: present}, cells: 10}]}
 * predict: ["..."]
 * observe: ["..."]
 * discuss: ["..."]
 * controls: [{drug: lapatinib, dose: 1250 mg, every: 1d}]
 * </pre>
 */
public record LessonSpec(String title, String scenario, Long seed, Map<String, JsonNode> set, List<String> predict,
                         List<String> observe, List<String> discuss, List<RegimenSpec.DoseSpec> controls) {
    public LessonSpec {
        title = Check.required("title", title);
        scenario = Check.required("scenario", scenario);
        set = set == null ? Map.of() : Check.ordered(set);
        predict = predict == null ? List.of() : List.copyOf(predict);
        observe = observe == null ? List.of() : List.copyOf(observe);
        discuss = discuss == null ? List.of() : List.copyOf(discuss);
        controls = controls == null ? List.of() : List.copyOf(controls);
        if (predict.isEmpty()) {
            throw new ConfigProblem("predict", "expected at least one question for students to answer before running");
        }
    }
}
