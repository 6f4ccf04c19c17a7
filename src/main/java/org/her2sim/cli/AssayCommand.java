package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.her2sim.assay.CellLine;
import org.her2sim.assay.HillFit;
import org.her2sim.assay.ViabilityAssay;
import org.her2sim.config.ConfigException;
import org.her2sim.config.Units;
import org.her2sim.io.AtomicFiles;
import org.her2sim.experiment.RunOutputs;
import org.her2sim.report.DoseResponseChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code her2sim assay viability}: the virtual 72-hour viability assay with its IC50 fit. */
@Command(name = "assay", mixinStandardHelpOptions = true, description = "Virtual laboratory assays (docs/validation.md).",
        subcommands = {AssayCommand.Viability.class, AssayCommand.ResistantLine.class, AssayCommand.Xenograft.class})
final class AssayCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options every assay has: the cell line, the seed and where the output goes. */
    static final class Common {
        @Option(names = "--line", required = true, description = "Cell line: a name or file of configs/celllines, e.g. BT474")
        String line;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/ASSAY-LINE-...-TIMESTAMP)")
        Path out;

        CellLine cellLine(Path configs) {
            return CellLine.load(configs.resolve("celllines"), line);
        }

        /** --out, or runs/NAME-TIMESTAMP under the project. */
        Path outOr(String name) {
            return out != null ? out : Her2sim.home().resolve("runs").resolve(name + "-"
                    + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
    }

    @Command(name = "viability", mixinStandardHelpOptions = true,
            description = {"Wells of a cell line (configs/celllines) in a dish (configs/contexts/in_vitro.yaml) with a concentration",
                    "series of a drug, or a fixed-ratio combination, for 72 h; viability relative to untreated wells; a",
                    "four-parameter Hill fit gives the IC50 with a 95 %% confidence interval. Writes viability.csv, fit.json",
                    "and dose-response.png/.svg into the output directory (the last line printed)."})
    static final class Viability implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        Common common;

        @Option(names = "--drug", required = true, split = ",", description = "Drug, or drugs of a fixed-ratio combination: lapatinib,trastuzumab")
        List<String> drugs;

        @Option(names = "--ratio", split = ",", description = "For a combination: each further drug's concentration as a multiple of the first's")
        List<Double> ratios = new ArrayList<>();

        @Option(names = "--conc", required = true, split = ",", description = "Increasing concentrations of the first drug, e.g. 0.001,0.01,0.1,1,10")
        double[] concentrations;

        @Option(names = "--unit", defaultValue = "uM", description = "Unit of --conc: uM, nM, ug/mL or mg/L (default: ${DEFAULT-VALUE})")
        String unit;

        @Option(names = "--wells", defaultValue = "3", description = "Wells per concentration (default: ${DEFAULT-VALUE})")
        int wells;

        @Option(names = "--hours", defaultValue = "72", description = "Exposure (default: ${DEFAULT-VALUE})")
        double hours;

        @Option(names = "--cells", defaultValue = "2000", description = "Cells seeded per well (default: ${DEFAULT-VALUE})")
        long cells;

        @Override
        public Integer call() throws Exception {
            Path configs = Her2sim.home().resolve("configs");
            CellLine cellLine = common.cellLine(configs);
            CellLine.Context dish = CellLine.context(configs.resolve("contexts"), "in_vitro");
            var assaySpec = new ViabilityAssay.Spec(cellLine, drugs, ratios, concentrations, unit, wells, hours, cells, common.seed);
            ViabilityAssay.Result r = ViabilityAssay.run(configs.resolve("assays/dish.yaml"), dish, assaySpec);
            PrintWriter w = spec.commandLine().getOut();
            org.her2sim.assay.Combination.Result combination = null;
            if (drugs.size() == 2) {
                // the single agents at the same concentrations (B at ratio x A's), same wells and seed
                double[] cb = java.util.Arrays.stream(concentrations).map(x -> x * ratios.get(0)).toArray();
                var a = ViabilityAssay.run(configs.resolve("assays/dish.yaml"), dish, new ViabilityAssay.Spec(cellLine, List.of(drugs.get(0)),
                        List.of(), concentrations, unit, wells, hours, cells, common.seed));
                var b = ViabilityAssay.run(configs.resolve("assays/dish.yaml"), dish, new ViabilityAssay.Spec(cellLine, List.of(drugs.get(1)),
                        List.of(), cb, unit, wells, hours, cells, common.seed));
                combination = org.her2sim.assay.Combination.of(a, b, r, ratios.get(0));
            }
            if (r.fit() == null) {
                StringBuilder data = new StringBuilder();
                for (ViabilityAssay.Well well : r.wells()) {
                    if (well.concentration() > 0) {
                        data.append(String.format(Locale.ROOT, " %.4g:%.3f", well.concentration(), well.viability()));
                    }
                }
                throw new ConfigException("assay viability: no IC50 for " + cellLine.name() + " and " + String.join("+", drugs) + ": "
                        + r.noFit() + "; the data (concentration:viability):" + data);
            }
            Path dir = common.outOr("assay-" + cellLine.name() + "-" + String.join("+", drugs));
            write(dir, r, cellLine, combination);
            HillFit.Result f = r.fit();
            w.printf(Locale.ROOT, "%s, %s, %.0f h: IC50 %.3g %s (95 %% CI %.3g to %.3g), Hill slope %.2f, top %.2f, bottom %.2f; "
                    + "absolute IC50 (50 %% viability) %.3g %s%n", cellLine.name(), String.join("+", drugs), hours, f.ic50(), unit,
                    f.ic50Low(), f.ic50High(), f.hill(), f.top(), f.bottom(), f.absoluteIc50(), unit);
            if (combination != null) {
                w.printf(Locale.ROOT, "Bliss excess (V_A*V_B - V_AB, > 0 synergy): mean %.3f over the series; combination index at 50 %%: %s%n",
                        combination.meanExcess(), Double.isNaN(combination.combinationIndex()) ? "none (" + combination.noIndex() + ")"
                                : String.format(Locale.ROOT, "%.2f (< 1 synergy, > 1 antagonism)", combination.combinationIndex()));
            }
            w.println(dir);
            w.flush();
            return 0;
        }

        private void write(Path dir, ViabilityAssay.Result r, CellLine cellLine, org.her2sim.assay.Combination.Result combination)
                throws java.io.IOException {
            AtomicFiles.writeDirectory(dir, tmp -> writeInto(tmp, r, cellLine, combination));
        }

        private void writeInto(Path tmp, ViabilityAssay.Result r, CellLine cellLine, org.her2sim.assay.Combination.Result combination)
                throws java.io.IOException {
            StringBuilder csv = new StringBuilder("concentration_" + unit.replace('/', '_') + ",well,cells,viability\n");
            for (ViabilityAssay.Well well : r.wells()) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f%n", well.concentration(), well.well(), well.cells(), well.viability()));
            }
            AtomicFiles.writeString(tmp.resolve("viability.csv"), csv.toString());
            Map<String, Object> fit = new LinkedHashMap<>();
            HillFit.Result f = r.fit();
            fit.put("cell_line", cellLine.name());
            fit.put("drugs", drugs);
            fit.put("ratios", ratios);
            fit.put("unit", unit);
            fit.put("hours", hours);
            fit.put("wells_per_concentration", wells);
            fit.put("seed", common.seed);
            fit.put("ic50", f.ic50());
            fit.put("ic50_ci95", List.of(f.ic50Low(), f.ic50High()));
            fit.put("absolute_ic50", Double.isNaN(f.absoluteIc50()) ? null : f.absoluteIc50());
            fit.put("hill_slope", f.hill());
            fit.put("top", f.top());
            fit.put("bottom", f.bottom());
            fit.put("residual_sum_of_squares", f.rss());
            if (combination != null) {
                StringBuilder bliss = new StringBuilder("concentration_a,concentration_b,viability_a,viability_b,viability_pair,bliss_expected,bliss_excess\n");
                for (var row : combination.bliss()) {
                    bliss.append(String.format(Locale.ROOT, "%s,%s,%.5f,%.5f,%.5f,%.5f,%.5f%n", row.concentrationA(), row.concentrationB(),
                            row.viabilityA(), row.viabilityB(), row.viabilityPair(), row.expected(), row.excess()));
                }
                AtomicFiles.writeString(tmp.resolve("combination.csv"), bliss.toString());
                fit.put("bliss_excess_mean", combination.meanExcess());
                fit.put("combination_index_50", Double.isNaN(combination.combinationIndex()) ? null : combination.combinationIndex());
            }
            AtomicFiles.writeString(tmp.resolve("fit.json"), RunOutputs.json().writerWithDefaultPrettyPrinter().writeValueAsString(fit) + "\n");
            DoseResponseChart.write(tmp, "dose-response", cellLine.name() + ": " + String.join(" + ", drugs) + ", " + (int) hours + " h",
                    unit, r.concentrations(), r.viabilities(), f::at, f.ic50());
        }
    }

    @Command(name = "resistant-line", mixinStandardHelpOptions = true,
            description = {"Makes a drug-resistant line as in the laboratory: continuous exposure, medium refreshed every --refresh",
                    "days, 1:10 splits at --confluence cells, the concentration raised along --doses when growth resumes (the",
                    "culture doubled over --window days). Reports when the line is established (at the top dose it grows at >= 80 %% of",
                    "the untreated parental rate, the brief's definition)",
                    "and whether resistance persists after --withdrawal days without drug. Writes culture.csv and summary.json."})
    static final class ResistantLine implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        Common common;

        @Option(names = "--drug", required = true, description = "Drug, e.g. trastuzumab")
        String drug;

        @Option(names = "--doses", required = true, split = ",", description = "Increasing concentrations: start, then each escalation, e.g. 5,10,15,20")
        double[] doses;

        @Option(names = "--unit", defaultValue = "ug/mL", description = "Unit of --doses (default: ${DEFAULT-VALUE})")
        String unit;

        @Option(names = "--refresh", defaultValue = "3.5", description = "Days between medium changes (default: ${DEFAULT-VALUE})")
        double refresh;

        @Option(names = "--confluence", defaultValue = "1e6", description = "Cells at which the culture is split (default: ${DEFAULT-VALUE})")
        double confluence;

        @Option(names = "--split", defaultValue = "0.1", description = "Fraction kept at a split (default: ${DEFAULT-VALUE})")
        double keep;

        @Option(names = "--window", defaultValue = "14", description = "Days over which growth must double to raise the dose (default: ${DEFAULT-VALUE})")
        double window;

        @Option(names = "--max-days", defaultValue = "365", description = "Give up after (default: ${DEFAULT-VALUE})")
        double maxDays;

        @Option(names = "--withdrawal", defaultValue = "30", description = "Days without drug before the challenge (default: ${DEFAULT-VALUE})")
        double withdrawal;

        @Option(names = "--cells", defaultValue = "1e5", description = "Cells at the start (default: ${DEFAULT-VALUE})")
        double cells;

        @Override
        public Integer call() throws Exception {
            Path configs = Her2sim.home().resolve("configs");
            CellLine cellLine = common.cellLine(configs);
            var assaySpec = new org.her2sim.assay.ResistantLineAssay.Spec(cellLine, drug, unit, doses, refresh, confluence, keep, window,
                    maxDays, withdrawal, 7, (long) cells, common.seed);
            var r = org.her2sim.assay.ResistantLineAssay.run(configs.resolve("assays/dish.yaml"),
                    CellLine.context(configs.resolve("contexts"), "in_vitro"), assaySpec);
            Path dir = common.outOr("resistant-" + cellLine.name() + "-" + drug);
            StringBuilder csv = new StringBuilder("day,concentration_" + unit.replace('/', '_') + ",cells,cumulative_cells,resistant_share,dominant_markers\n");
            for (var row : r.rows()) {
                csv.append(String.format(Locale.ROOT, "%.2f,%s,%d,%.6g,%.4f,%s%n", row.day(), row.concentration(), row.cells(),
                        row.cumulativeCells(), row.resistantShare(), row.dominant()));
            }
            Map<String, Object> sum = new LinkedHashMap<>();
            sum.put("cell_line", cellLine.name());
            sum.put("drug", drug);
            sum.put("doses", doses);
            sum.put("unit", unit);
            sum.put("seed", common.seed);
            sum.put("escalations", r.escalations().stream().map(e -> Map.of("day", e[0], "concentration", e[1])).toList());
            sum.put("established", r.established());
            sum.put("established_day", r.established() ? r.establishedDay() : null);
            sum.put("mechanism", r.mechanism());
            if (r.established()) {
                sum.put("growth_per_day_withdrawn_line_under_top_dose", r.withdrawnUnderDrug());
                sum.put("growth_per_day_withdrawn_line_without_drug", r.withdrawnWithout());
                sum.put("growth_per_day_parental_under_top_dose", r.parentalUnderDrug());
                sum.put("mechanism_after_withdrawal", r.mechanismAfterWithdrawal());
                sum.put("resistance_persists", r.persists());
            }
            String json = RunOutputs.json().writerWithDefaultPrettyPrinter().writeValueAsString(sum) + "\n";
            AtomicFiles.writeDirectory(dir, tmp -> {
                AtomicFiles.writeString(tmp.resolve("culture.csv"), csv.toString());
                AtomicFiles.writeString(tmp.resolve("summary.json"), json);
            });
            PrintWriter w = spec.commandLine().getOut();
            for (double[] e : r.escalations()) {
                w.printf(Locale.ROOT, "day %5.1f  raised to %s %s%n", e[0], e[1], unit);
            }
            if (r.established()) {
                w.printf(Locale.ROOT, "established on day %.1f (%.1f months) at %s %s; dominant markers: %s%n", r.establishedDay(),
                        Units.months(r.establishedDay()), doses[doses.length - 1], unit, r.mechanism());
                w.printf(Locale.ROOT, "after %.0f days without drug (%s): growth %.3f/day under the top dose, %.3f/day without; parental %.3f/day "
                        + "under the top dose -> resistance %s%n", withdrawal, r.mechanismAfterWithdrawal(), r.withdrawnUnderDrug(),
                        r.withdrawnWithout(), r.parentalUnderDrug(), r.persists() ? "persists" : "does not persist");
            } else {
                w.printf(Locale.ROOT, "no resistant line within %.0f days (last dose %s %s, dominant markers %s)%n", maxDays,
                        r.rows().get(r.rows().size() - 1).concentration(), unit, r.mechanism());
            }
            w.println(dir);
            w.flush();
            return 0;
        }
    }

    @Command(name = "xenograft", mixinStandardHelpOptions = true,
            description = {"A xenograft study: tumours of a cell line in nude mice (configs/contexts/xenograft.yaml: mouse PK, ADCC on),",
                    "treated per arm (default: the brief's arms, configs/assays/xenograft-arms.yaml). Prints mean volume and tumour",
                    "growth inhibition per arm; writes volumes.csv, summary.json and volumes.png/.svg."})
    static final class Xenograft implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        Common common;

        @Option(names = "--arms", description = "YAML file of arms: name -> list of doses (default: configs/assays/xenograft-arms.yaml)")
        Path arms;

        @Option(names = "--mice", defaultValue = "8", description = "Mice per arm (default: ${DEFAULT-VALUE})")
        int mice;

        @Option(names = "--days", defaultValue = "28", description = "Days of treatment (default: ${DEFAULT-VALUE})")
        double days;

        @Option(names = "--start-volume", defaultValue = "100", description = "Tumour volume at the start, mm3 (default: ${DEFAULT-VALUE})")
        double startVolume;

        @Override
        public Integer call() throws Exception {
            Path configs = Her2sim.home().resolve("configs");
            CellLine cellLine = common.cellLine(configs);
            var armSpecs = org.her2sim.assay.XenograftAssay.arms(arms != null ? arms : configs.resolve("assays/xenograft-arms.yaml"));
            var assaySpec = new org.her2sim.assay.XenograftAssay.Spec(cellLine, armSpecs, mice, days, startVolume, common.seed);
            var r = org.her2sim.assay.XenograftAssay.run(configs.resolve("assays/dish.yaml"), CellLine.context(configs.resolve("contexts"), "xenograft"),
                    assaySpec);
            Path dir = common.outOr("xenograft-" + cellLine.name());
            StringBuilder csv = new StringBuilder("arm,mouse,day,volume_mm3\n");
            List<org.her2sim.report.XenograftChart.Arm> curves = new ArrayList<>();
            Map<String, Object> sum = new LinkedHashMap<>();
            sum.put("cell_line", cellLine.name());
            sum.put("mice_per_arm", mice);
            sum.put("days", days);
            sum.put("seed", common.seed);
            Map<String, Object> perArm = new LinkedHashMap<>();
            PrintWriter w = spec.commandLine().getOut();
            for (var e : r.volumes().entrySet()) {
                double[][] v = e.getValue();
                for (int k = 0; k < v.length; k++) {
                    for (int d = 0; d < v[k].length; d++) {
                        csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.4f%n", e.getKey(), k, d, v[k][d]));
                    }
                }
                double[] mean = new double[v[0].length];
                double[] se = new double[v[0].length];
                for (int d = 0; d < mean.length; d++) {
                    double[] ms = r.meanSe(e.getKey(), d);
                    mean[d] = ms[0];
                    se[d] = ms[1];
                }
                curves.add(new org.her2sim.report.XenograftChart.Arm(e.getKey(), mean, se));
                double tgi = r.growthInhibition(e.getKey());
                perArm.put(e.getKey(), Map.of("final_volume_mean_mm3", mean[mean.length - 1], "final_volume_se_mm3", se[se.length - 1],
                        "tumour_growth_inhibition", Double.isNaN(tgi) ? "n/a" : tgi));
                w.printf(Locale.ROOT, "%-24s day %.0f: %8.1f +- %6.1f mm3%s%n", e.getKey(), days, mean[mean.length - 1], se[se.length - 1],
                        Double.isNaN(tgi) || e.getKey().equals("control") ? "" : String.format(Locale.ROOT, "   growth inhibition %.0f %%", 100 * tgi));
            }
            sum.put("arms", perArm);
            String json = RunOutputs.json().writerWithDefaultPrettyPrinter().writeValueAsString(sum) + "\n";
            AtomicFiles.writeDirectory(dir, tmp -> {
                AtomicFiles.writeString(tmp.resolve("volumes.csv"), csv.toString());
                AtomicFiles.writeString(tmp.resolve("summary.json"), json);
                org.her2sim.report.XenograftChart.write(tmp, "volumes", cellLine.name() + " xenografts (" + mice + " mice per arm)", curves);
            });
            w.println(dir);
            w.flush();
            return 0;
        }
    }
}
