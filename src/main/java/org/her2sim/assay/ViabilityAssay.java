package org.her2sim.assay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.SimulationConfig;
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

    /** Runs the assay with the well scenario {@code dish} (configs/assays/dish.yaml) and the context's settings. */
    public static Result run(Path dish, CellLine.Context context, Spec spec) {
        return run(dish, context, spec, List.of());
    }

    /** As {@link #run(Path, CellLine.Context, Spec)} with further settings (e.g. a drug parameter being fitted). */
    public static Result run(Path dish, CellLine.Context context, Spec spec, List<String> settings) {
        List<String> base = baseOverrides(dish, context, spec);
        base.addAll(settings);
        compileChecked(dish, base, spec, 0); // unknown drug or marker: a clear message before any well runs
        SeedTree seeds = new SeedTree(spec.seed());
        List<Well> wells = new ArrayList<>();
        double control = 0;
        for (int w = 0; w < spec.wells(); w++) {
            long n = runWell(dish, base, spec, 0, seeds.child("control", w).seed());
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
                long n = runWell(dish, base, spec, c, seeds.child("dose-" + i, w).seed());
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

    private static List<String> baseOverrides(Path dish, CellLine.Context context, Spec spec) {
        List<String> o = new ArrayList<>(spec.line().settingsIn(context));
        o.add("tumour.initial_cells=" + spec.cellsPerWell());
        o.add("time.max=" + hoursText(spec.hours()) + "h");
        // no mutations within an assay: every mutation probability of the biology set to 0
        SimulationConfig c = new ConfigLoader().load(dish, o).config();
        var markers = c.biology().markers();
        for (int m = 0; m < markers.size(); m++) {
            for (int k = 0; k < markers.get(m).mutations().size(); k++) {
                o.add("biology.markers." + m + ".mutations." + k + ".probability=0");
            }
        }
        return o;
    }

    private static String hoursText(double hours) {
        return String.format(Locale.ROOT, "%s", hours == Math.rint(hours) ? Long.toString((long) hours) : Double.toString(hours));
    }

    private static Scenario compileChecked(Path dish, List<String> base, Spec spec, double c) {
        List<String> o = new ArrayList<>(base);
        o.add(regimen(spec, c));
        try {
            return Scenario.compile(new ConfigLoader().load(dish, o));
        } catch (ConfigException e) {
            // name the option rather than the well file's internals where the problem is the user's choice
            String m = e.getMessage();
            if (m.contains("unknown drug")) {
                throw new ConfigException("--drug: " + m.substring(m.indexOf("unknown drug")));
            }
            if (m.contains("molar concentration needs")) {
                throw new ConfigException("--unit: " + spec.unit() + " is molar, but " + String.join(" or ", spec.drugs())
                        + " has no molar mass in the drug library (antibodies); give the series in ug/mL");
            }
            if (m.contains("tumour.founder")) {
                throw new ConfigException("cell line " + spec.line().name() + ": " + m.substring(m.indexOf("tumour.founder")));
            }
            throw e;
        }
    }

    private static long runWell(Path dish, List<String> base, Spec spec, double c, long seed) {
        Scenario s = compileChecked(dish, base, spec, c);
        TumourModel m = new TumourModel(s, seed, null);
        m.run();
        return m.cellCount();
    }

    /** The regimen of a well: the drugs at constant concentrations (none for a control). */
    private static String regimen(Spec spec, double c) {
        if (c == 0) {
            return "regimen={name: control, phases: [{name: medium, end: never}]}";
        }
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < spec.drugs().size(); i++) {
            double ci = i == 0 ? c : c * spec.ratios().get(i - 1);
            d.append(i == 0 ? "" : ", ").append("{drug: ").append(spec.drugs().get(i)).append(", concentration: '")
                    .append(String.format(Locale.ROOT, "%.6g", ci)).append(' ').append(spec.unit()).append("'}");
        }
        return "regimen={name: exposure, phases: [{name: exposure, drugs: [" + d + "], end: never}]}";
    }
}
