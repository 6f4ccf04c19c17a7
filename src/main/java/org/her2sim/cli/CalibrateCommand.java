package org.her2sim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.her2sim.assay.Calibration;
import org.her2sim.assay.ClinicCalibration;
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

    @Option(names = "--clinic", description = "Instead: grid-search the in-patient kinetics scale, the chemotherapy-sensitivity "
            + "distribution, the ADCC strength and trastuzumab's tumour penetration against ToGA (configs/experiments/toga.yaml), "
            + "printing every point and the best")
    boolean clinic;

    @Option(names = "--resistant-line", description = "Instead: fit one factor on all mutation probabilities to the 3-8 months it "
            + "takes to make a trastuzumab-resistant SKBR3 line (factors 1 to 0.003 of the current values; 8 seeds each)")
    boolean resistantLine;

    @Option(names = "--patients", defaultValue = "40", description = "With --clinic: patients per arm (default: ${DEFAULT-VALUE})")
    int patients;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
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
            var cal = new ClinicCalibration(Her2sim.home().resolve("configs"));
            var points = cal.grid(new double[] {0.065, 0.08, 0.095}, new double[] {3, 3.5}, new double[] {0.8}, new double[] {0.025, 0.05},
                    new double[] {0.05, 0.1, 0.2}, patients, line -> {
                w.println(line);
                w.flush();
            });
            var best = points.get(0);
            w.printf(Locale.ROOT, "fit: context.kinetics_scale = %s; chemotherapy kill per division lognormal median %s, cv %s; "
                    + "ADCC max_per_day %s; trastuzumab tumour_penetration %s (loss %.2f)%n", best.kineticsScale(), best.chemoMedian(),
                    best.chemoCv(), best.adcc(), best.penetration(), best.loss());
            w.flush();
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
}
