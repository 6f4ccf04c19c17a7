package org.her2sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.her2sim.assay.AssayOutputs;
import org.her2sim.assay.CellLine;
import org.her2sim.assay.Combination;
import org.her2sim.assay.HillFit;
import org.her2sim.assay.ResistantLineAssay;
import org.her2sim.assay.ViabilityAssay;
import org.her2sim.assay.XenograftAssay;
import org.her2sim.config.ConfigException;
import org.her2sim.config.Units;
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
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
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
            Path dish = configs.resolve("assays/dish.yaml");
            var assaySpec = new ViabilityAssay.Spec(cellLine, drugs, ratios, concentrations, unit, wells, hours, cells, common.seed);
            ViabilityAssay.Result r;
            Combination.Result combination = null;
            if (drugs.size() == 2) {
                Combination.Study study = Combination.study(dish, "in_vitro", assaySpec);
                r = study.pair();
                combination = study.interaction();
            } else {
                r = ViabilityAssay.run(dish, "in_vitro", assaySpec);
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
            AssayOutputs.viability(dir, r, combination);
            HillFit.Result f = r.fit();
            PrintWriter w = spec.commandLine().getOut();
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
            var assaySpec = new ResistantLineAssay.Spec(cellLine, drug, unit, doses, refresh, confluence, keep, window,
                    maxDays, withdrawal, 7, (long) cells, common.seed);
            var r = ResistantLineAssay.run(configs.resolve("assays/dish.yaml"), "in_vitro", assaySpec);
            Path dir = common.outOr("resistant-" + cellLine.name() + "-" + drug);
            AssayOutputs.resistantLine(dir, r);
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
            var armSpecs = XenograftAssay.arms(arms != null ? arms : configs.resolve("assays/xenograft-arms.yaml"));
            var assaySpec = new XenograftAssay.Spec(cellLine, armSpecs, mice, days, startVolume, common.seed);
            var r = XenograftAssay.run(configs.resolve("assays/dish.yaml"), "xenograft", assaySpec);
            Path dir = common.outOr("xenograft-" + cellLine.name());
            AssayOutputs.xenograft(dir, r);
            PrintWriter w = spec.commandLine().getOut();
            for (String arm : r.volumes().keySet()) {
                double[] end = r.meanSe(arm, (int) days);
                double tgi = r.growthInhibition(arm);
                w.printf(Locale.ROOT, "%-24s day %.0f: %8.1f +- %6.1f mm3%s%n", arm, days, end[0], end[1],
                        Double.isNaN(tgi) || arm.equals("control") ? "" : String.format(Locale.ROOT, "   growth inhibition %.0f %%", 100 * tgi));
            }
            w.println(dir);
            w.flush();
            return 0;
        }
    }
}
