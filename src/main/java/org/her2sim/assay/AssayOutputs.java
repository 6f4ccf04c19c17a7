package org.her2sim.assay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.her2sim.io.AtomicFiles;
import org.her2sim.report.DoseResponseChart;
import org.her2sim.report.XenograftChart;

/**
 * The output directories of the virtual assays, each built under a hidden name and renamed when
 * complete: tidy CSV tables and a JSON summary (written with Jackson), and the assay's chart.
 */
public final class AssayOutputs {
    private static final CsvMapper CSV = new CsvMapper();
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT).setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private AssayOutputs() {
    }

    /** fit.json of a viability assay. */
    public record Fit(String cellLine, List<String> drugs, List<Double> ratios, String unit, double hours, int wellsPerConcentration,
                      long seed, double ic50, List<Double> ic50Ci95, Double absoluteIc50, double hillSlope, double top, double bottom,
                      double residualSumOfSquares, Double blissExcessMean, Double combinationIndex50) {
    }

    /** viability.csv, fit.json and the dose-response chart (and combination.csv for a pair). */
    public static void viability(Path dir, ViabilityAssay.Result r, Combination.Result combination) throws IOException {
        var spec = r.spec();
        var f = r.fit();
        Fit fit = new Fit(spec.line().name(), spec.drugs(), spec.ratios(), spec.unit(), spec.hours(), spec.wells(), spec.seed(), f.ic50(),
                List.of(f.ic50Low(), f.ic50High()), Double.isNaN(f.absoluteIc50()) ? null : f.absoluteIc50(), f.hill(), f.top(), f.bottom(),
                f.rss(), combination == null ? null : combination.meanExcess(),
                combination == null || Double.isNaN(combination.combinationIndex()) ? null : combination.combinationIndex());
        AtomicFiles.writeDirectory(dir, tmp -> {
            List<List<Object>> rows = new ArrayList<>();
            for (ViabilityAssay.Well w : r.wells()) {
                rows.add(List.of(w.concentration(), w.well(), w.cells(), w.viability()));
            }
            csv(tmp.resolve("viability.csv"), List.of("concentration_" + unit(spec.unit()), "well", "cells", "viability"), rows);
            if (combination != null) {
                List<List<Object>> bliss = new ArrayList<>();
                for (var b : combination.bliss()) {
                    bliss.add(List.of(b.concentrationA(), b.concentrationB(), b.viabilityA(), b.viabilityB(), b.viabilityPair(), b.expected(),
                            b.excess()));
                }
                csv(tmp.resolve("combination.csv"), List.of("concentration_a", "concentration_b", "viability_a", "viability_b",
                        "viability_pair", "bliss_expected", "bliss_excess"), bliss);
            }
            json(tmp.resolve("fit.json"), fit);
            DoseResponseChart.write(tmp, "dose-response", spec.line().name() + ": " + String.join(" + ", spec.drugs()) + ", "
                    + (int) spec.hours() + " h", spec.unit(), r.concentrations(), r.viabilities(), f::at, f.ic50());
        });
    }

    /** summary.json of a resistant-line culture. */
    public record CultureSummary(String cellLine, String drug, double[] doses, String unit, long seed, List<Map<String, Double>> escalations,
                                 boolean established, Double establishedDay, String mechanism, Double growthPerDayWithdrawnLineUnderTopDose,
                                 Double growthPerDayWithdrawnLineWithoutDrug, Double growthPerDayParentalUnderTopDose,
                                 String mechanismAfterWithdrawal, Boolean resistancePersists) {
    }

    /** culture.csv (one row per medium change) and summary.json. */
    public static void resistantLine(Path dir, ResistantLineAssay.Result r) throws IOException {
        var spec = r.spec();
        boolean e = r.established();
        CultureSummary summary = new CultureSummary(spec.line().name(), spec.drug(), spec.doses(), spec.unit(), spec.seed(),
                r.escalations().stream().map(x -> Map.of("day", x[0], "concentration", x[1])).toList(), e, e ? r.establishedDay() : null,
                r.mechanism(), e ? r.withdrawnUnderDrug() : null, e ? r.withdrawnWithout() : null, e ? r.parentalUnderDrug() : null,
                e ? r.mechanismAfterWithdrawal() : null, e ? r.persists() : null);
        AtomicFiles.writeDirectory(dir, tmp -> {
            List<List<Object>> rows = new ArrayList<>();
            for (var row : r.rows()) {
                rows.add(List.of(row.day(), row.concentration(), row.cells(), row.cumulativeCells(), row.resistantShare(), row.dominant()));
            }
            csv(tmp.resolve("culture.csv"), List.of("day", "concentration_" + unit(spec.unit()), "cells", "cumulative_cells", "resistant_share",
                    "dominant_markers"), rows);
            json(tmp.resolve("summary.json"), summary);
        });
    }

    /** summary.json of a xenograft study, per arm. */
    public record XenograftSummary(String cellLine, int micePerArm, double days, long seed, Map<String, ArmSummary> arms) {
    }

    /** One arm's final mean volume and growth inhibition (null for the control). */
    public record ArmSummary(double finalVolumeMeanMm3, double finalVolumeSeMm3, Double tumourGrowthInhibition) {
    }

    /** volumes.csv (one row per mouse and day), summary.json and the volume chart. */
    public static void xenograft(Path dir, XenograftAssay.Result r) throws IOException {
        var spec = r.spec();
        List<List<Object>> rows = new ArrayList<>();
        List<XenograftChart.Arm> curves = new ArrayList<>();
        Map<String, ArmSummary> arms = new LinkedHashMap<>();
        for (var e : r.volumes().entrySet()) {
            double[][] v = e.getValue();
            for (int k = 0; k < v.length; k++) {
                for (int d = 0; d < v[k].length; d++) {
                    rows.add(List.of(e.getKey(), k, d, v[k][d]));
                }
            }
            double[] mean = new double[v[0].length];
            double[] se = new double[v[0].length];
            for (int d = 0; d < mean.length; d++) {
                double[] ms = r.meanSe(e.getKey(), d);
                mean[d] = ms[0];
                se[d] = ms[1];
            }
            curves.add(new XenograftChart.Arm(e.getKey(), mean, se));
            double tgi = r.growthInhibition(e.getKey());
            arms.put(e.getKey(), new ArmSummary(mean[mean.length - 1], se[se.length - 1], Double.isNaN(tgi) ? null : tgi));
        }
        XenograftSummary summary = new XenograftSummary(spec.line().name(), spec.mice(), spec.days(), spec.seed(), arms);
        AtomicFiles.writeDirectory(dir, tmp -> {
            csv(tmp.resolve("volumes.csv"), List.of("arm", "mouse", "day", "volume_mm3"), rows);
            json(tmp.resolve("summary.json"), summary);
            XenograftChart.write(tmp, "volumes", spec.line().name() + " xenografts (" + spec.mice() + " mice per arm)", curves);
        });
    }

    private static String unit(String unit) {
        return unit.replace('/', '_');
    }

    private static void csv(Path file, List<String> columns, List<List<Object>> rows) throws IOException {
        CsvSchema.Builder b = CsvSchema.builder();
        columns.forEach(b::addColumn);
        CsvSchema schema = b.build().withHeader();
        AtomicFiles.write(file, out -> CSV.writer(schema).writeValues(out).writeAll(rows).close());
    }

    private static void json(Path file, Object value) throws IOException {
        AtomicFiles.write(file, out -> {
            out.write(JSON.writeValueAsBytes(value));
            out.write('\n');
        });
    }
}
