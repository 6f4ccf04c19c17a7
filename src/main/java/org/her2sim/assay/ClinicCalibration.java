package org.her2sim.assay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.her2sim.config.ConfigException;
import org.her2sim.config.Units;
import org.her2sim.experiment.SingleRun;
import org.her2sim.experiment.Survival;
import org.her2sim.experiment.Sweep;

/**
 * The virtual ToGA trial (configs/experiments/toga.yaml) against the reported response rates and
 * median progression-free survival, and a grid search of the in-patient parameters: the kinetics
 * scale (context.kinetics_scale), the between-patient distribution of chemotherapy sensitivity
 * (lognormal median and CV of the cytotoxic kill per unit of division) and the strength of
 * antibody-dependent killing (the ADCC kill's max_per_day) and the fraction of plasma trastuzumab
 * that reaches the tumour cells (drugs.trastuzumab.tumour_penetration). The loss is
 * Σ ((ORR − reported)/0.075)² + Σ (ln(PFS/reported)/0.1)² over both arms: 0.075 is the standard
 * error of a response rate near 40 % with 40 patients, 0.1 roughly the log-scale uncertainty of
 * a trial's median PFS.
 */
public final class ClinicCalibration {
    /** What ToGA reported: response rate and median PFS (days) per arm. */
    public static final Map<String, double[]> REPORTED = Map.of(
            "chemotherapy", new double[] {0.35, 5.5 * Units.DAYS_PER_MONTH},
            "trastuzumab+chemotherapy", new double[] {0.47, 6.7 * Units.DAYS_PER_MONTH});

    /** One arm's outcome: patients diagnosed, responders, median PFS (days). */
    public record Arm(String arm, int patients, int responders, double medianPfsDays) {
        public double responseRate() {
            return patients == 0 ? Double.NaN : responders / (double) patients;
        }
    }

    /** A grid point and its outcome. */
    public record Point(double kineticsScale, double chemoMedian, double chemoCv, double adcc, double penetration, List<Arm> arms, double loss) {
    }

    private final Path configs;

    public ClinicCalibration(Path configs) {
        this.configs = configs;
    }

    /** Runs the trial as configured (optionally the first {@code patients} per arm). */
    public List<Arm> trial(int patients) {
        return trial(Sweep.load(configs.resolve("experiments/toga.yaml")), patients);
    }

    private static List<Arm> trial(Sweep toga, int patients) {
        Map<String, List<Survival.Subject>> subjects = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        // patients are independent (each task has its own seed), so they run in parallel; the
        // tallies below follow the task order, so the result does not depend on the thread count
        var tasks = toga.tasks().stream().filter(t -> t.replicate() < patients).toList();
        var summaries = tasks.parallelStream().map(t -> SingleRun.simulate(toga.scenario(t), t.seed()).summary()).toList();
        for (int i = 0; i < tasks.size(); i++) {
            var task = tasks.get(i);
            var s = summaries.get(i);
            if (s.treatmentStartDays() == null) {
                continue; // never diagnosed within the horizon: not a trial patient
            }
            int[] c = counts.computeIfAbsent(task.arm(), a -> new int[2]);
            c[0]++;
            if ("CR".equals(s.bestResponse()) || "PR".equals(s.bestResponse())) {
                c[1]++;
            }
            boolean progressed = s.timeToProgressionDays() != null;
            subjects.computeIfAbsent(task.arm(), a -> new ArrayList<>()).add(new Survival.Subject(
                    progressed ? s.timeToProgressionDays() : s.finalTimeDays() - s.treatmentStartDays(), progressed));
        }
        List<Arm> out = new ArrayList<>();
        for (var e : counts.entrySet()) {
            out.add(new Arm(e.getKey(), e.getValue()[0], e.getValue()[1], Survival.kaplanMeier(subjects.get(e.getKey())).median()));
        }
        return out;
    }

    public static double loss(List<Arm> arms) {
        double l = 0;
        for (Arm a : arms) {
            double[] r = REPORTED.get(a.arm());
            if (r == null) {
                continue;
            }
            double pfs = Double.isNaN(a.medianPfsDays()) ? 10 * r[1] : a.medianPfsDays();
            l += Math.pow((a.responseRate() - r[0]) / 0.075, 2) + Math.pow(Math.log(pfs / r[1]) / 0.1, 2);
        }
        return l;
    }

    /** Evaluates every grid point (the trial with that point's settings) and returns them, best first. */
    public List<Point> grid(double[] scales, double[] medians, double[] cvs, double[] adccs, double[] penetrations, int patients,
                            Consumer<String> log) {
        List<Point> points = new ArrayList<>();
        for (double k : scales) {
            for (double m : medians) {
                for (double cv : cvs) {
                    for (double adcc : adccs) {
                        for (double pen : penetrations) {
                            points.add(point(k, m, cv, adcc, pen, patients, log));
                        }
                    }
                }
            }
        }
        points.sort(Comparator.comparingDouble(Point::loss));
        return points;
    }

    private Point point(double k, double m, double cv, double adcc, double pen, int patients, Consumer<String> log) {
        Sweep sweep = Sweep.load(variant(k, m, cv, adcc, pen), configs.resolve("patient-gastric.yaml"));
        List<Arm> arms = trial(sweep, patients);
        double l = loss(arms);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "kinetics %.3g, chemo median %.3g cv %.2f, ADCC %.3g/day, trastuzumab penetration %.3g:", k, m, cv, adcc, pen));
        for (Arm a : arms) {
            line.append(String.format(Locale.ROOT, " %s ORR %.0f%% PFS %.1f mo;", a.arm(), 100 * a.responseRate(), Units.months(a.medianPfsDays())));
        }
        log.accept(line.append(String.format(Locale.ROOT, " loss %.2f", l)).toString());
        return new Point(k, m, cv, adcc, pen, arms, l);
    }

    /** toga.yaml with one grid point's kinetics scale and chemotherapy-sensitivity draw, in a temporary file. */
    private Path variant(double k, double median, double cv, double adcc, double penetration) {
        try {
            String text = Files.readString(configs.resolve("experiments/toga.yaml"));
            text = text.replaceAll("(?m)^  context\\.kinetics_scale: .*$", String.format(Locale.ROOT, "  context.kinetics_scale: %s", k));
            text = text.replaceAll("(?m)^  biology\\.rates\\.kills\\.0\\.max_per_day: .*$", String.format(Locale.ROOT,
                    "  biology.rates.kills.0.max_per_day: %s", adcc));
            text = text.replaceAll("(?m)^  drugs\\.trastuzumab\\.tumour_penetration: .*$", String.format(Locale.ROOT,
                    "  drugs.trastuzumab.tumour_penetration: %s", penetration));
            text = text.replaceAll("(?m)^(  - \\{path: biology\\.rates\\.kills\\.1\\.per_division, distribution: lognormal, median: )[^,]*(, cv: )[^,]*",
                    String.format(Locale.ROOT, "$1%s$2%s", median, cv));
            Path f = Files.createTempFile("her2sim-toga-", ".yaml");
            f.toFile().deleteOnExit();
            Files.writeString(f, text);
            return f;
        } catch (IOException e) {
            throw new ConfigException("experiments/toga.yaml: cannot be read (" + e.getMessage() + ")");
        }
    }
}
