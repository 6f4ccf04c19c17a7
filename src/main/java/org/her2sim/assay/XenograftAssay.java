package org.her2sim.assay;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.ConfigProblem;
import org.her2sim.config.Days;
import org.her2sim.config.EngineKind;
import org.her2sim.config.Origins;
import org.her2sim.config.PatientDraw;
import org.her2sim.config.RegimenSpec;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.TumourModel;
import org.her2sim.experiment.PatientSampler;
import org.her2sim.pharmacology.Regimen;
import org.her2sim.random.SeedTree;

/**
 * A xenograft study: tumours of a cell line grown to {@code startVolume} mm³ in nude mice
 * (configs/contexts/xenograft.yaml: mouse pharmacokinetics, NK-mediated ADCC) and treated per
 * arm for {@code days}; tumour volume from the cell count at 10⁶ cells per mm³ (assumption: a
 * common rule of thumb, 1 cm³ ≈ 10⁹ cells as in the brief). Each mouse is a replicate with its own
 * stream and its own characteristics (the context's {@code patients:} draws: growth, dependence on
 * HER2, drug exposure); arms share mice (mouse k of every arm is the same mouse).
 */
public final class XenograftAssay {
    public static final double CELLS_PER_MM3 = 1e6;

    public record Spec(CellLine line, Map<String, List<RegimenSpec.DoseSpec>> arms, int mice, double days, double startVolumeMm3, long seed) {
        public Spec {
            if (arms.isEmpty()) {
                throw new ConfigException("arms: expected at least one arm");
            }
            if (mice < 1 || mice > 100) {
                throw new ConfigException("--mice: expected 1 to 100 mice per arm, got " + mice);
            }
            if (!(days > 0) || !(startVolumeMm3 > 0)) {
                throw new ConfigException("--days and --start-volume: expected positive values");
            }
        }
    }

    /** Tumour volume (mm³) of each mouse of each arm at each day 0..days. */
    public record Result(Spec spec, Map<String, double[][]> volumes) {
        /** Mean and standard error of the arm's volumes on {@code day}. */
        public double[] meanSe(String arm, int day) {
            double[][] v = volumes.get(arm);
            double sum = 0;
            double sq = 0;
            for (double[] mouse : v) {
                sum += mouse[day];
                sq += mouse[day] * mouse[day];
            }
            double mean = sum / v.length;
            double var = v.length > 1 ? (sq - v.length * mean * mean) / (v.length - 1) : 0;
            return new double[] {mean, Math.sqrt(Math.max(0, var) / v.length)};
        }

        /** Tumour growth inhibition at the end: 1 − (T_end − T_0)/(C_end − C_0), against the arm named control. */
        public double growthInhibition(String arm) {
            if (!volumes.containsKey("control")) {
                return Double.NaN;
            }
            int end = (int) spec.days();
            double t = meanSe(arm, end)[0] - meanSe(arm, 0)[0];
            double c = meanSe("control", end)[0] - meanSe("control", 0)[0];
            return 1 - t / c;
        }
    }

    private XenograftAssay() {
    }

    /** The arms of a YAML file: name → list of doses. */
    public static Map<String, List<RegimenSpec.DoseSpec>> arms(Path file) {
        ConfigLoader loader = new ConfigLoader();
        return loader.bind(loader.readTree(file), new TypeReference<LinkedHashMap<String, List<RegimenSpec.DoseSpec>>>() {
        }, new Origins(file.toString()));
    }

    public static Result run(Path dish, String context, Spec spec) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        SeedTree seeds = new SeedTree(spec.seed());
        // mice differ as the context's patients: draws say (mouse k is the same mouse in every arm)
        List<PatientDraw> draws = new ConfigLoader().context(ConfigLoader.contextFile(dish, context)).patients();
        List<List<String>> mice = new ArrayList<>();
        for (int k = 0; k < spec.mice(); k++) {
            SeedTree mouse = seeds.child("mouse", k);
            Map<String, String> drawn = PatientSampler.values(draws, PatientSampler.deviates(draws, mouse),
                    () -> ConfigLoader.tree(spec.line().in(dish, context).config()), "context " + context);
            mice.add(drawn.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        for (var arm : spec.arms().entrySet()) {
            double[][] v = new double[spec.mice()][(int) spec.days() + 1];
            for (int k = 0; k < spec.mice(); k++) {
                Scenario s = scenario(dish, context, spec, arm.getKey(), mice.get(k));
                TumourModel m = new TumourModel(s, seeds.child("mouse", k).seed(), null);
                m.start();
                m.replaceRegimen(phase(s, arm.getKey(), arm.getValue())); // the arm's treatment from day 0
                v[k][0] = m.cellCount() / CELLS_PER_MM3;
                for (int d = 1; d <= (int) spec.days(); d++) {
                    while (m.now() < d - 1e-9 && m.stopReason() == null && m.schedule.step(m)) {
                        // hourly cell steps, doses on their days
                    }
                    v[k][d] = m.cellCount() / CELLS_PER_MM3;
                }
            }
            out.put(arm.getKey(), v);
        }
        return new Result(spec, out);
    }

    private static Regimen.Phase phase(Scenario s, String arm, List<RegimenSpec.DoseSpec> doses) {
        try {
            return s.compilePhase(new RegimenSpec.PhaseSpec(arm, doses, RegimenSpec.EndSpec.NEVER));
        } catch (ConfigProblem e) {
            // the arm's doses are a one-phase regimen: name the dose within the arm
            throw new ConfigException("arm '" + arm + "': " + e.path().replaceFirst("^regimen\\.phases\\[0\\]\\.", "") + ": " + e.problem());
        }
    }

    /** A mouse: the line in the context, its starting volume in cells, the arms' duration. */
    private static Scenario scenario(Path dish, String context, Spec spec, String arm, List<String> mouse) {
        ConfigLoader.Loaded l = spec.line().in(dish, context, mouse).with(c -> c
                .withTumour(c.tumour().withInitialCells(Math.round(spec.startVolumeMm3() * CELLS_PER_MM3)))
                .withEngine(EngineKind.HYBRID)
                .withStop(c.stop().withMaxCells(1e12))
                .withTime(c.time().withMax(Days.of(Math.ceil(spec.days()) + 1))));
        try {
            return Scenario.compile(l.config(), l.origins());
        } catch (ConfigException e) {
            throw new ConfigException("arm '" + arm + "': " + e.getMessage());
        }
    }
}
