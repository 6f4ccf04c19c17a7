package org.her2sim.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.her2sim.config.Units;

/**
 * A sweep's published figures (its {@code published:} section) beside the simulated ones at the
 * first point: what the report's table shows and what the clinic calibration fits and checks.
 */
public final class PublishedFigures {
    private PublishedFigures() {
    }

    /**
     * One published figure and its simulated counterpart: {@code simulated} is {value, low, high}
     * (medians in months, rates as fractions; NaN for a median not reached), or null when the sweep
     * does not measure that endpoint; {@code n} the patients it rests on.
     */
    public record Row(String arm, String endpoint, SweepSpec.Figure published, double[] simulated, long n) {
        /** The figure's name as the calibration file writes it: {@code arm.endpoint}, or {@code arm.hr_ENDPOINT}. */
        public String key() {
            return arm + "." + endpoint;
        }

        /** Whether the simulated figure reproduces the published one (see {@link PublishedFigures#agrees}). */
        public boolean agrees() {
            return simulated != null && PublishedFigures.agrees(endpoint, published, simulated[0]);
        }

        /** A rate (response, clinical benefit, pCR, a landmark) rather than a median time or a ratio. */
        public boolean rate() {
            return PublishedFigures.rate(endpoint);
        }
    }

    /** Hazard ratios are named {@code hr_ENDPOINT} against the reference arm. */
    public static final String HAZARD_RATIO = "hr_";

    /** Every published figure of the sweep with the simulated one. */
    public static List<Row> rows(SweepResults.Tasks tasks) {
        SweepSpec.Published pub = tasks.sweep().spec().published();
        List<Row> rows = new ArrayList<>();
        if (pub == null) {
            return rows;
        }
        List<Map<String, Object>> summary = SweepResults.summary(tasks, List.of(), List.of());
        for (var arm : pub.arms().entrySet()) {
            Map<String, Object> sim = summary.stream().filter(r -> r.get("arm").equals(arm.getKey()) && (int) r.get("point") == 0)
                    .findFirst().orElse(Map.of());
            long n = sim.get("n") instanceof Number x ? x.longValue() : 0;
            for (var e : arm.getValue().entrySet()) {
                rows.add(new Row(arm.getKey(), e.getKey(), e.getValue(), simulated(sim, e.getKey()), n));
            }
        }
        if (pub.hazardRatios().isEmpty()) {
            return rows;
        }
        List<Map<String, Object>> comparison = SweepResults.comparison(tasks, List.of());
        for (var arm : pub.hazardRatios().entrySet()) {
            for (var e : arm.getValue().entrySet()) {
                String endpoint = e.getKey().equals("ttp") ? "pfs" : e.getKey();
                Map<String, Object> c = comparison.stream().filter(r -> r.get("arm").equals(arm.getKey()) && (int) r.get("point") == 0
                        && r.get("endpoint").equals(endpoint)).findFirst().orElse(Map.of());
                double[] v = c.isEmpty() ? null
                        : new double[] {num(c.get("hazard_ratio")), num(c.get("hazard_ratio_ci_low")), num(c.get("hazard_ratio_ci_high"))};
                long n = c.get("n") instanceof Number x ? x.longValue() : 0;
                rows.add(new Row(arm.getKey(), HAZARD_RATIO + e.getKey(), e.getValue(), v, n));
            }
        }
        return rows;
    }

    /**
     * Whether a simulated figure reproduces a published one: inside the published 95 % interval
     * where the paper gives one, otherwise within 25 % for a median or ratio and within 10
     * percentage points for a rate (the standard of docs/validation.md).
     */
    public static boolean agrees(String endpoint, SweepSpec.Figure published, double simulated) {
        if (Double.isNaN(simulated)) {
            return false;
        }
        if (published.low() != null) {
            return simulated >= published.low() && simulated <= published.high();
        }
        return rate(endpoint) ? Math.abs(simulated - published.value()) <= 0.10 + 1e-12
                : Math.abs(simulated - published.value()) <= 0.25 * Math.abs(published.value()) + 1e-12;
    }

    static boolean rate(String endpoint) {
        return endpoint.equals("orr") || endpoint.equals("cbr") || endpoint.startsWith("pcr") || endpoint.contains("_at_");
    }

    /** The simulated value of {@code endpoint} (as a published figure names it) in an arm at the first point; NaN if none. */
    public static double simulated(SweepResults.Tasks tasks, String arm, String endpoint) {
        Map<String, Object> sim = SweepResults.summary(tasks, List.of(), List.of()).stream()
                .filter(r -> r.get("arm").equals(arm) && (int) r.get("point") == 0).findFirst().orElse(Map.of());
        double[] v = simulated(sim, endpoint);
        return v == null ? Double.NaN : v[0];
    }

    /** The simulated value of a published endpoint with its interval (medians in months), or null if the sweep has none. */
    private static double[] simulated(Map<String, Object> sim, String endpoint) {
        if (endpoint.startsWith("median_")) {
            String e = endpoint.substring(7, endpoint.length() - "_months".length());
            e = e.equals("ttp") ? "pfs" : e;
            if (!sim.containsKey("median_" + e + "_days")) {
                return null;
            }
            return new double[] {Units.months(num(sim.get("median_" + e + "_days"))), Units.months(num(sim.get("median_" + e + "_ci_low"))),
                    Units.months(num(sim.get("median_" + e + "_ci_high")))};
        }
        String key = endpoint.equals("pcr") ? sim.keySet().stream().filter(k -> k.startsWith("pcr_") && !k.endsWith("_ci_low")
                && !k.endsWith("_ci_high")).findFirst().orElse("pcr") : endpoint;
        if (!sim.containsKey(key)) {
            return null;
        }
        return new double[] {num(sim.get(key)), num(sim.get(key + "_ci_low")), num(sim.get(key + "_ci_high"))};
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
