package org.her2sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.her2sim.assay.Calibration;
import org.her2sim.assay.ClinicCalibration;
import org.her2sim.config.ConfigException;
import org.her2sim.experiment.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code her2sim calibrate}: refits the calibrated defaults and prints the fit. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Refits the parameters named by fit: in configs/calibration/targets.yaml (lapatinib's target IC50, the PI3K",
                "gain of PIK3CA activation, lapatinib's off-target IC50, a line's own expression level) to the measured",
                "lapatinib IC50s, one after another (virtual 72 h viability assays; Brent's method on the sum of squared",
                "log10 ratios), printing every evaluation, each fitted value with the file it belongs in, and each line",
                "at the fit. The defaults in configs/ are the values this command printed; docs/validation.md shows the",
                "comparison."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--reduced", description = "Fewer wells and concentrations per assay (faster, coarser)")
    boolean reduced;

    @Option(names = "--clinic", description = "Instead: fit the in-patient parameters of configs/calibration/clinic.yaml to the "
            + "figures it marks fitted (its virtual trials; Nelder-Mead on the documented objective), printing every evaluation, "
            + "the fitted values with the file each belongs in, and every figure at the fit")
    boolean clinic;

    @Option(names = "--evaluate", description = "With --clinic: run the training set once at the current defaults and print every figure")
    boolean evaluate;

    @Option(names = "--resistant-line", description = "Instead: fit one factor on all mutation probabilities to the 3-8 months it "
            + "takes to make a trastuzumab-resistant SKBR3 line (factors 1 to 0.003 of the current values; 8 seeds each)")
    boolean resistantLine;

    @Option(names = "--patients", description = "With --clinic: patients per arm (default: search.patients of clinic.yaml; "
            + "with --evaluate its search.confirm)")
    Integer patients;

    @Option(names = "--threads", description = "With --clinic: threads (default: the machine's processors)")
    Integer threads;

    @Option(names = "--trial", paramLabel = "NAME", description = "With --clinic --evaluate: run only this trial of clinic.yaml "
            + "(its file name without .yaml, e.g. toga; repeatable) and the orderings within it")
    List<String> trials = List.of();

    @Option(names = "--parameter", paramLabel = "NAME", description = "With --clinic: fit only this parameter (its name in clinic.yaml; "
            + "repeatable), the others held at their defaults; only the trials the named parameters apply to run")
    List<String> parameters = List.of();

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        // options of another mode are refused, not ignored: a fit that silently ran another way wastes hours
        if (!clinic && (!parameters.isEmpty() || !trials.isEmpty() || evaluate || patients != null || threads != null)) {
            throw new ConfigException("--parameter, --trial, --evaluate, --patients and --threads go with --clinic");
        }
        if (evaluate && !parameters.isEmpty()) {
            throw new ConfigException("--parameter is for a fit; --evaluate runs every parameter at its default (use --trial to run fewer trials)");
        }
        if (!evaluate && !trials.isEmpty()) {
            throw new ConfigException("--trial goes with --evaluate; a fit runs the trials its parameters apply to");
        }
        if (resistantLine) {
            var c = new Calibration(Her2sim.home().resolve("configs"), reduced);
            double f = c.fitMutationScale(new double[] {1, 0.3, 0.1, 0.05, 0.03, 0.02, 0.01, 0.003}, 8, line -> {
                w.println(line);
                w.flush();
            });
            w.printf(Locale.ROOT, "fit: every mutation probability x %s of the current biology%n", f);
            w.flush();
            return 0;
        }
        if (clinic) {
            var cal = new ClinicCalibration(Her2sim.home().resolve("configs/calibration/clinic.yaml"),
                    threads != null ? threads : Runtime.getRuntime().availableProcessors());
            if (evaluate) {
                var e = cal.evaluate(cal.current(), patients != null ? patients : cal.spec().search().confirm(), trials);
                printEvaluation(w, cal, e);
                return 0;
            }
            int perArm = patients != null ? patients : cal.spec().search().patients();
            var fit = cal.fit(perArm, parameters, line -> {
                w.println(line);
                w.flush();
            });
            var best = fit.best();
            for (int i : fit.fitted()) {
                var p = cal.spec().parameters().get(i);
                w.printf(Locale.ROOT, "fit: %s = %.4g (%s) -> %s%n", p.name(), best.values()[i],
                        p.draw() != null ? "the " + p.field() + " of the patient draw " + p.draw() : String.join(", ", p.set()), p.file());
            }
            w.printf(Locale.ROOT, "objective %.2f after %d evaluations, %.0f s%n", best.objective(), fit.evaluations().size(), fit.seconds());
            cal.keep(fit, perArm, Version.get());
            printEvaluation(w, cal, best);
            return 0;
        }
        Calibration c = new Calibration(Her2sim.home().resolve("configs"), reduced);
        Calibration.Fit fit = c.fit(line -> {
            w.println(line);
            w.flush();
        });
        for (Calibration.Fitted p : fit.parameters()) {
            w.printf(Locale.ROOT, "fit: %s = %.4g (now %.4g; sum of squared log10 ratios %.4f over %s) -> %s%n", p.parameter(), p.value(),
                    p.current(), p.objective(), String.join(", ", p.lines()), p.where());
        }
        for (Calibration.Ic50 t : c.targets().ic50()) {
            if (!t.drug().equals("lapatinib")) {
                continue;
            }
            Calibration.Ic50Row r = c.ic50(t, c.settingsFor(fit.parameters(), List.of(t.line())));
            w.printf(Locale.ROOT, "  %-10s measured %.3g uM, simulated %s%s%n", t.line(), t.value(),
                    Double.isNaN(r.simulated()) ? "no IC50 (" + r.noFit() + ")" : String.format(Locale.ROOT, "%.3g uM (x%.2f)", r.simulated(), r.fold()),
                    t.fitted() ? "" : "  [not fitted: a check]");
        }
        w.flush();
        return 0;
    }

    private static void printEvaluation(PrintWriter w, ClinicCalibration cal, ClinicCalibration.Evaluation e) {
        w.printf(Locale.ROOT, "at %s: objective %.2f, %d patients, %.0f s%n", cal.describe(e.values()), e.objective(), e.patients(), e.seconds());
        for (var f : e.figures()) {
            var r = f.figure();
            w.printf(Locale.ROOT, "  %-10s %-28s %-22s published %-20s simulated %-24s n %4d  %s%s%n", f.trial(), r.arm(), r.endpoint(),
                    figure(r.published().value(), r.published().low(), r.published().high()),
                    r.simulated() == null ? "-" : figure(r.simulated()[0], r.simulated()[1], r.simulated()[2]), r.n(),
                    r.agrees() ? "agrees" : "DIFFERS", f.fitted() ? String.format(Locale.ROOT, "  fitted (r = %+.2f)", f.residual()) : "  check");
        }
        for (var o : e.orderings()) {
            w.printf(Locale.ROOT, "  ordering %s: %.3g vs %.3g %s%n", o.ordering().text(), o.better(), o.than(), o.holds() ? "holds" : "DOES NOT HOLD");
        }
        w.flush();
    }

    private static String figure(double v, Double low, Double high) {
        String s = Double.isNaN(v) ? "not reached" : String.format(Locale.ROOT, "%.3g", v);
        return low == null ? s : s + String.format(Locale.ROOT, " [%.3g, %.3g]", low, high);
    }
}
