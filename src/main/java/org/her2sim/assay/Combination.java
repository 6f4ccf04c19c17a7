package org.her2sim.assay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interaction of a fixed-ratio drug pair from three viability series (A alone at c, B alone at
 * r·c, and both): the Bliss excess at each concentration, V_A·V_B − V_AB (positive = more
 * inhibition than independent action predicts), and the Chou–Talalay combination index at 50 %
 * effect, CI = c₅₀/IC50_A + r·c₅₀/IC50_B, with c₅₀ the combination's IC50 in A's concentration
 * (CI &lt; 1 synergy, 1 additivity, &gt; 1 antagonism). All IC50s are absolute (50 % viability).
 */
public final class Combination {
    /** Bliss at one concentration of A: mean viabilities of A, B and the pair, expected and excess. */
    public record BlissRow(double concentrationA, double concentrationB, double viabilityA, double viabilityB, double viabilityPair,
                           double expected, double excess) {
    }

    /** The interaction: Bliss rows and the combination index (NaN with a reason when an IC50 is missing). */
    public record Result(List<BlissRow> bliss, double combinationIndex, String noIndex) {
        public double meanExcess() {
            return bliss.stream().mapToDouble(BlissRow::excess).average().orElse(Double.NaN);
        }
    }

    private Combination() {
    }

    /**
     * A fixed-ratio pair as the laboratory tests it: the pair's series, and each drug alone at the
     * same concentrations (B at ratio × A's), in the same wells with the same seed.
     */
    public record Study(ViabilityAssay.Result pair, ViabilityAssay.Result a, ViabilityAssay.Result b, Result interaction) {
    }

    public static Study study(Path dish, String context, ViabilityAssay.Spec pair) {
        ViabilityAssay.Result r = ViabilityAssay.run(dish, context, pair);
        double ratio = pair.ratios().get(0);
        double[] cb = Arrays.stream(pair.concentrations()).map(x -> x * ratio).toArray();
        var a = ViabilityAssay.run(dish, context, pair.alone(0, pair.concentrations()));
        var b = ViabilityAssay.run(dish, context, pair.alone(1, cb));
        return new Study(r, a, b, of(a, b, r, ratio));
    }

    public static Result of(ViabilityAssay.Result a, ViabilityAssay.Result b, ViabilityAssay.Result pair, double ratio) {
        double[] c = a.spec().concentrations();
        List<BlissRow> rows = new ArrayList<>();
        for (double x : c) {
            double va = mean(a, x);
            double vb = mean(b, x * ratio);
            double vab = mean(pair, x);
            rows.add(new BlissRow(x, x * ratio, va, vb, vab, va * vb, va * vb - vab));
        }
        String why = null;
        double ci = Double.NaN;
        double ia = a.fit() == null ? Double.NaN : a.fit().absoluteIc50();
        double ib = b.fit() == null ? Double.NaN : b.fit().absoluteIc50();
        double iab = pair.fit() == null ? Double.NaN : pair.fit().absoluteIc50();
        if (Double.isNaN(iab)) {
            why = "the combination never reaches 50 % viability";
        } else if (Double.isNaN(ia) && Double.isNaN(ib)) {
            why = "neither drug alone reaches 50 % viability";
        } else {
            // a drug that never halves viability alone contributes nothing to the index (its Dx is infinite)
            ci = (Double.isNaN(ia) ? 0 : iab / ia) + (Double.isNaN(ib) ? 0 : ratio * iab / ib);
        }
        return new Result(rows, ci, why);
    }

    private static double mean(ViabilityAssay.Result r, double concentration) {
        return r.wells().stream().filter(w -> Math.abs(w.concentration() - concentration) <= 1e-12 * Math.max(1, concentration))
                .mapToDouble(ViabilityAssay.Well::viability).average().orElse(Double.NaN);
    }
}
