package org.her2sim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Days;
import org.her2sim.config.PatientDraw;
import org.her2sim.random.SeedTree;

/**
 * Draws one virtual patient's (or mouse's) characteristics: per drawn setting a standard normal
 * and a uniform deviate from the patient's own named stream (so the same patient gets the same
 * deviates whatever else is drawn or changed: common random numbers), turned into a value by its
 * distribution, centred (when the draw has no median) on the scenario's own value of the setting.
 */
public final class PatientSampler {
    private PatientSampler() {
    }

    /** The patient's deviates per drawn setting. */
    public static Map<String, double[]> deviates(List<PatientDraw> draws, SeedTree patient) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (PatientDraw d : draws) {
            UniformRandomProvider rng = patient.child(d.path()).generator();
            double z = ZigguratSampler.NormalizedGaussian.of(rng).sample();
            out.put(d.path(), new double[] {z, rng.nextDouble()});
        }
        return out;
    }

    /**
     * The patient's values as {@code path → value} settings (durations with their unit);
     * {@code scenario} gives, as a tree ({@link ConfigLoader#tree}), the values draws without a median
     * are centred on (asked at most once).
     */
    public static Map<String, String> values(List<PatientDraw> draws, Map<String, double[]> deviates, Supplier<JsonNode> scenario,
                                             String where) {
        return values(draws, deviates, scenario, where, Map.of());
    }

    /**
     * As above, except for the settings in {@code fixed} (an arm's own): a drawn setting the arm
     * fixes is not drawn, and the patient takes the fixed value, with its {@code also} settings and
     * the further settings a categorical draw gives that value; any drawn or further setting the arm
     * fixes, or that lies under one it fixes, gives way to the arm's, so the values returned are
     * the ones the patient's scenario has.
     */
    public static Map<String, String> values(List<PatientDraw> draws, Map<String, double[]> deviates, Supplier<JsonNode> scenario,
                                             String where, Map<String, String> fixed) {
        Map<String, String> out = new LinkedHashMap<>();
        // a category's further settings are applied after every draw, so they win over a draw of the same or an enclosing setting
        Map<String, String> further = new LinkedHashMap<>();
        JsonNode centreOf = null;
        for (PatientDraw d : draws) {
            String given = fixed.get(d.path());
            if (given != null) {
                if (!d.with().isEmpty() && !d.values().containsKey(given)) {
                    throw new ConfigException(where + ": the arm sets '" + d.path() + "' to '" + given + "', not one of the categories its draw gives settings for ("
                            + String.join(", ", d.values().keySet()) + ")");
                }
                out.put(d.path(), given);
                d.also().forEach(p -> out.put(p, given));
                further.putAll(d.settingsWith(given));
                continue;
            }
            double centre = Double.NaN;
            boolean duration = false;
            if (d.centredOnScenario()) {
                if (centreOf == null) {
                    centreOf = scenario.get();
                }
                JsonNode v = ConfigLoader.valueAt(centreOf, d.path());
                if (v != null && v.isTextual()) {
                    centre = Days.parse(v.asText()).days(); // a duration: drawn in days
                    duration = true;
                } else if (v != null && v.isNumber()) {
                    centre = v.asDouble();
                } else {
                    throw new ConfigException(where + ": patients '" + d.path() + "': has no median and the scenario has no number there");
                }
            }
            double[] zu = deviates.get(d.path());
            String value = d.value(zu[0], zu[1], centre) + (duration ? "d" : "");
            out.put(d.path(), value);
            d.also().forEach(p -> out.put(p, value));
            further.putAll(d.settingsWith(value));
        }
        further.forEach((k, v) -> {
            out.remove(k);
            out.put(k, v);
        });
        for (Map.Entry<String, String> f : fixed.entrySet()) {
            out.keySet().removeIf(k -> k.startsWith(f.getKey() + "."));
            out.computeIfPresent(f.getKey(), (k, v) -> f.getValue());
        }
        return out;
    }
}
