package org.her2sim.assay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.her2sim.biology.CellRates;
import org.her2sim.config.Check;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.ConfigProblem;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.SimulationConfig;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.Sweep;
import org.her2sim.pharmacology.Drug;

/**
 * The kinetics rows of the clinic (clinical-data §1), computed from the rates without simulation
 * (they need only mean kinetics): each context's untreated doubling time and cell loss, and the
 * net decline of the founder clone under a targeted drug at its steady-state average plasma
 * concentration, across the virtual patients of a trial (their drawn dependence and exposure).
 */
public final class ClinicKinetics {
    /** The {@code kinetics:} section of the calibration file. */
    public record Spec(List<DoublingTime> doublingTimes, Range cellLoss, Decline targetedDecline) {
        public Spec {
            doublingTimes = doublingTimes == null ? List.of() : List.copyOf(doublingTimes);
        }
    }

    /** A context's untreated doubling time against a published one (days; [value, low, high] or a value), and the row's role. */
    public record DoublingTime(String context, List<Double> published, String source, String role) {
        public DoublingTime {
            context = Check.required("context", context);
            if (published == null || (published.size() != 1 && published.size() != 3)) {
                throw new ConfigProblem("published", "expected [value] or [value, low, high] in days");
            }
            published = List.copyOf(published);
            source = source == null ? "" : source;
            role = Check.oneOf("role", role, "check", "set", "fitted", "check");
        }
    }

    /** A published range (cell loss as a share of division). */
    public record Range(Double low, Double high, String source) {
        public Range {
            if (low == null || high == null || !(high > low)) {
                throw new ConfigProblem("cell_loss", "expected low < high");
            }
            source = source == null ? "" : source;
        }
    }

    /** Net decline per day of the founder under a trial's drug: published median and 10th–90th percentiles. */
    public record Decline(String trial, String drug, List<Double> published, String source) {
        public Decline {
            trial = Check.required("trial", trial);
            drug = Check.required("drug", drug);
            if (published == null || published.size() != 3) {
                throw new ConfigProblem("published", "expected [median, 10th percentile, 90th percentile] per day");
            }
            source = source == null ? "" : source;
        }
    }

    /** One row: what, published (text), simulated, simulated interval (NaN: none), whether it agrees, its role. */
    public record Row(String what, String published, double simulated, double low, double high, boolean agrees, String role, String source) {
    }

    private ClinicKinetics() {
    }

    /**
     * The rows: contexts are applied to {@code scenarioForContexts} (a trial's base scenario);
     * the decline's trial is found among {@code trials}, relative to {@code calibrationFile}.
     */
    public static List<Row> rows(Spec spec, Path calibrationFile, Path scenarioForContexts, List<ClinicCalibration.Trial> trials) {
        List<Row> rows = new ArrayList<>();
        for (DoublingTime d : spec.doublingTimes()) {
            Scenario s = Scenario.compile(new ConfigLoader().load(scenarioForContexts, List.of("context=" + d.context())));
            double net = founderNet(s, s.seedings().get(0).state(), null, 0);
            double days = Math.log(2) / net;
            double pub = d.published().get(0);
            boolean agrees = d.published().size() == 3 ? days >= d.published().get(1) && days <= d.published().get(2)
                    : Math.abs(days - pub) <= 0.25 * pub;
            rows.add(new Row("untreated volume doubling time, days (context " + d.context() + ")", figure(d.published()), days, Double.NaN,
                    Double.NaN, agrees, d.role(), d.source()));
            if (spec.cellLoss() != null) {
                SimulationConfig.TumourKinetics k = s.config().context().tumourKinetics();
                double share = k.lossPerDay() / k.divisionPerDay();
                rows.add(new Row("cell loss as a share of division, untreated (context " + d.context() + ")",
                        String.format(Locale.ROOT, "%.2f–%.2f", spec.cellLoss().low(), spec.cellLoss().high()), share, Double.NaN,
                        Double.NaN, share >= spec.cellLoss().low() && share <= spec.cellLoss().high(), "check", spec.cellLoss().source()));
            }
        }
        Decline decline = spec.targetedDecline();
        if (decline != null) {
            ClinicCalibration.Trial trial = trials.stream().filter(t -> t.name().equals(decline.trial())).findFirst().orElseThrow(() ->
                    new ConfigProblem("kinetics.targeted_decline.trial", "'" + decline.trial() + "' is not a trial of the calibration file"));
            Sweep sweep = Sweep.load(calibrationFile.getParent().resolve(trial.file()).normalize());
            List<Double> shrinking = new ArrayList<>();
            for (Sweep.Task t : sweep.tasks()) {
                Scenario s = sweep.scenario(t);
                double net = founderNet(s, s.seedings().get(0).state(), decline.drug(), averageConcentration(s, decline.drug()));
                if (net < 0) {
                    shrinking.add(net);
                }
            }
            double[] x = shrinking.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = quantile(x, 0.5);
            // the most negative is the fastest decline: the 10th percentile of decline is the 90th of the net rate
            double fast = quantile(x, 0.1);
            double slow = quantile(x, 0.9);
            boolean agrees = median >= decline.published().get(1) && median <= decline.published().get(2);
            rows.add(new Row("net growth per day of the founder clone under " + decline.drug() + " at its steady-state average, patients whose "
                    + "tumour shrinks (" + x.length + " of " + sweep.tasks().size() + " virtual patients of " + decline.trial() + "; median, 10th–90th percentile)",
                    figure(decline.published()), median, fast, slow, agrees, "check", decline.source()));
        }
        return rows;
    }

    /** The founder's net growth per day, with {@code drug} at plasma concentration {@code mgPerL} (none: untreated). */
    private static double founderNet(Scenario s, int founder, String drug, double mgPerL) {
        var lib = s.drugs();
        double[] c = new double[lib.drugs().size()];
        long mask = 0;
        if (drug != null) {
            Drug d = lib.get(drug);
            c[d.bit()] = mgPerL;
            mask = 1L << d.bit();
        }
        CellRates r = s.rates().rates(founder, lib.exposure(c, mask, s.config().context().pk()));
        return r.netGrowthPerDay();
    }

    /** The drug's steady-state average plasma concentration under the first dosing of it in the scenario's regimen. */
    private static double averageConcentration(Scenario s, String drug) {
        SimulationConfig c = s.config();
        for (RegimenSpec.PhaseSpec p : c.regimen().phases()) {
            for (RegimenSpec.DoseSpec d : p.drugs()) {
                if (d.drug().equals(drug) && d.dose() != null && d.every() != null) {
                    double mg = d.dose().mg(c.context().bodyWeightKg(), c.context().bodySurfaceM2());
                    return s.drugs().get(drug).pk().averageConcentration(mg, d.every().days());
                }
            }
        }
        throw new ConfigProblem("kinetics.targeted_decline.drug", "the trial's regimen does not dose " + drug);
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    private static String figure(List<Double> v) {
        String s = String.format(Locale.ROOT, "%.3g", v.get(0));
        return v.size() == 3 ? s + String.format(Locale.ROOT, " (%.3g to %.3g)", v.get(1), v.get(2)) : s;
    }
}
