package org.her2sim.assay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.her2sim.config.Concentration;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Days;
import org.her2sim.config.DrugSpec;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.SimulationConfig;
import org.her2sim.config.Suggest;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.TumourModel;
import org.her2sim.random.SeedTree;

/**
 * The 72-hour viability assay of the brief: wells of one cell line (its markers as the founder,
 * the in-vitro context: constant medium concentration, no immune killing) exposed to a
 * concentration series of one drug, or of a fixed-ratio combination; untreated control wells
 * alongside. Viability is the well's cell count at the end relative to the mean of the
 * controls (what a metabolic or cell-count read-out measures). A four-parameter Hill fit
 * gives the IC50 with its confidence interval.
 *
 * <p>Wells start with {@code cellsPerWell} cells and mutations switched off: 72 h is far too short
 * for resistance to arise, and the assay characterises the line as it is. Adaptive (reversible)
 * HER3 switching stays on — it is part of how cells respond within days.
 */
public final class ViabilityAssay {
    /** What to run: drugs (one, or several at fixed ratios to the first), concentrations of the first, in {@code unit}. */
    public record Spec(CellLine line, List<String> drugs, List<Double> ratios, double[] concentrations, String unit, int wells,
                       double hours, long cellsPerWell, long seed) {
        public Spec {
            if (concentrations.length == 0) {
                throw new ConfigException("--conc: expected at least one concentration");
            }
            for (int i = 0; i < concentrations.length; i++) {
                if (!(concentrations[i] > 0) || !Double.isFinite(concentrations[i])) {
                    throw new ConfigException("--conc: expected concentrations above 0, got " + concentrations[i]);
                }
                if (i > 0 && !(concentrations[i] > concentrations[i - 1])) {
                    throw new ConfigException("--conc: expected an increasing series, got " + concentrations[i - 1] + " then "
                            + concentrations[i]);
                }
            }
            if (!unit.equals("uM") && !unit.equals("ug/mL") && !unit.equals("nM") && !unit.equals("mg/L")) {
                throw new ConfigException("--unit: expected uM, nM, ug/mL or mg/L, got " + unit);
            }
            if (wells < 1 || wells > 96) {
                throw new ConfigException("--wells: expected 1 to 96 wells per concentration, got " + wells);
            }
            if (drugs.isEmpty()) {
                throw new ConfigException("--drug: expected a drug");
            }
            if (ratios.size() != drugs.size() - 1) {
                throw new ConfigException("--ratio: expected " + (drugs.size() - 1) + " ratio(s) for " + drugs.size()
                        + " drugs (each further drug's concentration as a multiple of the first's), got " + ratios.size());
            }
        }

        /** Drug {@code k} of the pair alone at the given concentrations, in the same wells with the same seed. */
        public Spec alone(int k, double[] series) {
            return new Spec(line, List.of(drugs.get(k)), List.of(), series, unit, wells, hours, cellsPerWell, seed);
        }
    }

    /** One well: concentration of the first drug (0 = control), well index, cells at the end, viability. */
    public record Well(double concentration, int well, long cells, double viability) {
    }

    /** The assay's wells, the control mean, and the fit (null with the reason when the data give no IC50). */
    public record Result(Spec spec, List<Well> wells, double controlMean, HillFit.Result fit, String noFit) {
        public double[] concentrations() {
            return wells.stream().filter(w -> w.concentration() > 0).mapToDouble(Well::concentration).toArray();
        }

        public double[] viabilities() {
            return wells.stream().filter(w -> w.concentration() > 0).mapToDouble(Well::viability).toArray();
        }
    }

    private ViabilityAssay() {
    }

    /** Runs the assay with the well scenario {@code dish} (configs/assays/dish.yaml) in a context (in_vitro). */
    public static Result run(Path dish, String context, Spec spec) {
        return run(dish, context, spec, ConfigChange.none());
    }

    /** As {@link #run(Path, String, Spec)} with a further change (e.g. a drug parameter being fitted). */
    public static Result run(Path dish, String context, Spec spec, ConfigChange settings) {
        ConfigLoader.Loaded base = base(dish, context, spec).with(settings);
        check(base.config(), spec);
        compileChecked(base, spec, 0); // unknown marker: a clear message before any well runs
        SeedTree seeds = new SeedTree(spec.seed());
        List<Well> wells = new ArrayList<>();
        double control = 0;
        for (int w = 0; w < spec.wells(); w++) {
            long n = runWell(base, spec, 0, seeds.child("control", w).seed());
            wells.add(new Well(0, w, n, Double.NaN));
            control += n;
        }
        double mean = control / spec.wells();
        List<Well> all = new ArrayList<>();
        for (Well w : wells) {
            all.add(new Well(0, w.well(), w.cells(), w.cells() / mean));
        }
        for (int i = 0; i < spec.concentrations().length; i++) {
            double c = spec.concentrations()[i];
            for (int w = 0; w < spec.wells(); w++) {
                long n = runWell(base, spec, c, seeds.child("dose-" + i, w).seed());
                all.add(new Well(c, w, n, n / mean));
            }
        }
        Result partial = new Result(spec, all, mean, null, null);
        try {
            return new Result(spec, all, mean, HillFit.fit(partial.concentrations(), partial.viabilities()), null);
        } catch (HillFit.NoFit e) {
            return new Result(spec, all, mean, null, e.getMessage());
        }
    }

    /** The wells' scenario: the line in the context, the well's cells and duration, no mutations (72 h is far too short). */
    private static ConfigLoader.Loaded base(Path dish, String context, Spec spec) {
        return spec.line().in(dish, context).with(c -> c
                .withTumour(c.tumour().withInitialCells(spec.cellsPerWell()))
                .withTime(c.time().withMax(Days.of(spec.hours() / 24)))
                .withBiology(c.biology().withMutationsScaled(0)));
    }

    /** The user's choices the dish cannot take, named by their options: an unknown drug, a molar unit for an antibody. */
    private static void check(SimulationConfig c, Spec spec) {
        for (String d : spec.drugs()) {
            DrugSpec drug = c.drugs().get(d);
            if (drug == null) {
                throw new ConfigException("--drug: unknown drug '" + d + "'" + Suggest.hint(d, c.drugs().keySet()) + " (see her2sim drugs)");
            }
            if (Concentration.of(1, spec.unit()).molar() && drug.molarMassGPerMol() == null) {
                throw new ConfigException("--unit: " + spec.unit() + " is molar, but " + d
                        + " has no molar mass in the drug library (antibodies); give the series in ug/mL");
            }
        }
    }

    private static Scenario compileChecked(ConfigLoader.Loaded base, Spec spec, double c) {
        ConfigLoader.Loaded well = base.with(cfg -> cfg.withRegimen(regimen(spec, c)));
        try {
            return Scenario.compile(well.config(), well.origins());
        } catch (ConfigException e) {
            // name the cell line rather than the well file's internals where its markers are the problem
            if (e.path() != null && e.path().startsWith("tumour.founder")) {
                throw new ConfigException("cell line " + spec.line().name() + ": " + e.path() + ": " + e.problem());
            }
            throw e;
        }
    }

    private static long runWell(ConfigLoader.Loaded base, Spec spec, double c, long seed) {
        Scenario s = compileChecked(base, spec, c);
        TumourModel m = new TumourModel(s, seed, null);
        m.run();
        return m.cellCount();
    }

    /** The regimen of a well: the drugs at constant concentrations (none for a control). */
    private static RegimenSpec regimen(Spec spec, double c) {
        if (c == 0) {
            return new RegimenSpec("control", null, List.of(new RegimenSpec.PhaseSpec("medium", List.of(), RegimenSpec.EndSpec.NEVER)), null);
        }
        List<RegimenSpec.DoseSpec> doses = new ArrayList<>();
        for (int i = 0; i < spec.drugs().size(); i++) {
            double ci = i == 0 ? c : c * spec.ratios().get(i - 1);
            doses.add(new RegimenSpec.DoseSpec(spec.drugs().get(i), null, null, null, Concentration.of(ci, spec.unit())));
        }
        return new RegimenSpec("exposure", null, List.of(new RegimenSpec.PhaseSpec("exposure", doses, RegimenSpec.EndSpec.NEVER)), null);
    }
}
