package org.her2sim.assay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.her2sim.config.Concentration;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Days;
import org.her2sim.config.EngineKind;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.SimulationConfig;
import org.her2sim.config.Suggest;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.TumourModel;
import org.her2sim.pharmacology.Regimen;

/**
 * Making a drug-resistant line, as in the brief's protocol: a culture of the parental line under
 * continuous exposure, medium refreshed every {@code refreshDays} (the concentration restored),
 * split 1:10 when it exceeds {@code confluence} cells, and the concentration raised to the next
 * step once growth has resumed (the culture doubled, splits undone, over the last
 * {@code windowDays}, after at least that long at the dose). The line is <em>established</em>
 * when, at the top concentration, it proliferates at least {@code ESTABLISHED} (80 %) as fast as
 * the untreated parental line over the last window — the brief's definition of a derived
 * resistant line ("proliferate &gt; 80 % at &gt; 15 µg/mL"). Then the drug is withdrawn for
 * {@code withdrawalDays} and the line is challenged again: resistance persists if it still grows
 * under the top concentration at least half as fast as without drug.
 *
 * <p>Mutations are on (resistance must arise or be selected); cultures run on the hybrid engine.
 */
public final class ResistantLineAssay {
    /** Growth at the top dose, as a fraction of the untreated parental line's, that makes a line resistant (brief §5). */
    public static final double ESTABLISHED = 0.8;

    public record Spec(CellLine line, String drug, String unit, double[] doses, double refreshDays, double confluence, double keep,
                       double windowDays, double maxDays, double withdrawalDays, double challengeDays, long seedCells, long seed,
                       ConfigChange settings) {
        /** Without further settings of the scenario. */
        public Spec(CellLine line, String drug, String unit, double[] doses, double refreshDays, double confluence, double keep,
                    double windowDays, double maxDays, double withdrawalDays, double challengeDays, long seedCells, long seed) {
            this(line, drug, unit, doses, refreshDays, confluence, keep, windowDays, maxDays, withdrawalDays, challengeDays, seedCells, seed,
                    ConfigChange.none());
        }

        public Spec {
            if (doses.length == 0) {
                throw new ConfigException("--doses: expected at least one concentration");
            }
            for (int i = 0; i < doses.length; i++) {
                if (!(doses[i] > 0) || (i > 0 && !(doses[i] > doses[i - 1]))) {
                    throw new ConfigException("--doses: expected an increasing series of concentrations above 0, got "
                            + Arrays.toString(doses));
                }
            }
            if (!(refreshDays > 0) || !(windowDays >= refreshDays) || !(maxDays > windowDays)) {
                throw new ConfigException("--refresh, --window, --max-days: expected 0 < refresh <= window < max days");
            }
            if (!(keep > 0 && keep < 1)) {
                throw new ConfigException("--split: expected a fraction kept between 0 and 1, got " + keep);
            }
        }
    }

    /** The culture at one medium change: day, concentration, cells, cumulative cells (splits undone), resistant share, dominant markers. */
    public record Row(double day, double concentration, long cells, double cumulativeCells, double resistantShare, String dominant) {
    }

    /** What happened: rows, days the dose was raised, the day the line was established (NaN if never), and the challenge after withdrawal. */
    public record Result(Spec spec, List<Row> rows, List<double[]> escalations, double establishedDay, String mechanism,
                         double withdrawnUnderDrug, double withdrawnWithout, double parentalUnderDrug, String mechanismAfterWithdrawal) {
        public boolean established() {
            return !Double.isNaN(establishedDay);
        }

        public boolean persists() {
            return established() && withdrawnUnderDrug > 0 && withdrawnUnderDrug >= 0.5 * withdrawnWithout;
        }
    }

    private ResistantLineAssay() {
    }

    public static Result run(Path dish, String context, Spec spec) {
        Scenario s = scenario(dish, context, spec, spec.maxDays() + spec.withdrawalDays() + 1);
        // the untreated parental line's growth rate, the yardstick of "resistant"
        double parentalRate = challenge(dish, context, spec, null, 0);
        TumourModel m = new TumourModel(s, spec.seed(), null);
        m.start();
        int step = 0;
        m.replaceRegimen(phase(s, spec, spec.doses()[0]));
        List<Row> rows = new ArrayList<>();
        List<double[]> escalations = new ArrayList<>();
        double logSplits = 0;
        double stepStart = 0;
        double established = Double.NaN;
        rows.add(row(m, spec.doses()[0], 0));
        for (double t = spec.refreshDays(); t <= spec.maxDays() + 1e-9 && m.cellCount() > 0; t += spec.refreshDays()) {
            advance(m, t);
            Row r = row(m, spec.doses()[step], logSplits);
            rows.add(r);
            // growth resumed: doubled (splits undone) over the window, after a window at this dose
            double past = valueAt(rows, t - spec.windowDays());
            boolean windowAtDose = t - stepStart >= spec.windowDays() - 1e-9;
            boolean resumed = windowAtDose && r.cumulativeCells() >= 2 * past;
            double rate = Math.log(r.cumulativeCells() / past) / spec.windowDays();
            if (step == spec.doses().length - 1) {
                if (windowAtDose && rate >= ESTABLISHED * parentalRate) {
                    established = t;
                    break;
                }
            } else if (resumed) {
                step++;
                stepStart = t;
                escalations.add(new double[] {t, spec.doses()[step]});
            }
            if (m.cellCount() > spec.confluence()) {
                m.passage(spec.keep());
                logSplits += Math.log(1 / spec.keep());
            }
            // fresh medium: the concentration (of this step) restored
            m.replaceRegimen(phase(s, spec, spec.doses()[step]));
        }
        String mechanism = dominant(m);
        if (Double.isNaN(established)) {
            return new Result(spec, rows, escalations, Double.NaN, mechanism, Double.NaN, Double.NaN, Double.NaN, null);
        }
        // withdrawal: the established line grows without drug, split as needed
        m.replaceRegimen(phase(s, spec, 0));
        for (double t = established + spec.refreshDays(); t <= established + spec.withdrawalDays() + 1e-9; t += spec.refreshDays()) {
            advance(m, t);
            if (m.cellCount() > spec.confluence()) {
                m.passage(spec.keep());
            }
        }
        String after = dominant(m);
        double top = spec.doses()[spec.doses().length - 1];
        // the challenge: growth rates over challengeDays of the withdrawn line with and without the top dose, and of the parental line
        double withDrug = challenge(dish, context, spec, m, top);
        double without = challenge(dish, context, spec, m, 0);
        double parental = challenge(dish, context, spec, null, top);
        return new Result(spec, rows, escalations, established, mechanism, withDrug, without, parental, after);
    }

    /** Net growth per day over the challenge of a culture of the given model's cells (null: the parental line). */
    private static double challenge(Path dish, String context, Spec spec, TumourModel source, double dose) {
        ConfigChange extra = ConfigChange.none();
        if (source != null) {
            // the withdrawn culture's composition: its clones become the challenge's initial clones
            Map<Integer, Long> byState = new LinkedHashMap<>();
            var lineage = source.lineage();
            for (int st = 0; st < lineage.states(); st++) {
                if (lineage.cellsInState(st) > 0) {
                    byState.put(st, lineage.cellsInState(st));
                }
            }
            long total = byState.values().stream().mapToLong(Long::longValue).sum();
            List<SimulationConfig.InitialClone> clones = new ArrayList<>();
            long founderCells = 0;
            for (var e : byState.entrySet()) {
                long n = Math.round(spec.seedCells() * (double) e.getValue() / total);
                if (e.getKey() == source.scenario().founder()) {
                    founderCells = n;
                    continue;
                }
                if (n > 0) {
                    clones.add(new SimulationConfig.InitialClone(markersOf(source.scenario(), e.getKey()), n));
                }
            }
            long founder = Math.max(1, founderCells);
            extra = c -> c.withTumour(c.tumour().withClones(clones).withInitialCells(founder));
        }
        Scenario s = scenario(dish, context, spec, spec.challengeDays(), extra);
        TumourModel m = new TumourModel(s, spec.seed() + 17, null);
        m.start();
        m.replaceRegimen(phase(s, spec, dose));
        long n0 = m.cellCount();
        advance(m, spec.challengeDays());
        return m.cellCount() == 0 ? Double.NEGATIVE_INFINITY : Math.log(m.cellCount() / (double) n0) / spec.challengeDays();
    }

    private static Map<String, String> markersOf(Scenario s, int state) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < s.space().markerCount(); k++) {
            m.put(s.space().markers().get(k), s.space().statesOf(k).get(s.space().digit(state, k)));
        }
        return m;
    }

    private static void advance(TumourModel m, double day) {
        while (m.now() < day - 1e-9 && m.stopReason() == null && m.schedule.step(m)) {
            // cells step hourly; observations and medium events in between
        }
    }

    private static double valueAt(List<Row> rows, double day) {
        double v = rows.get(0).cumulativeCells();
        for (Row r : rows) {
            if (r.day() <= day + 1e-9) {
                v = r.cumulativeCells();
            }
        }
        return v;
    }

    private static Row row(TumourModel m, double conc, double logSplits) {
        long n = m.cellCount();
        double resistant = n == 0 ? 0 : m.growingCells() / (double) n;
        return new Row(m.now(), conc, n, n * Math.exp(logSplits), resistant, dominant(m));
    }

    /** The most common marker combination, as a difference from the parental state ("none" = parental). */
    private static String dominant(TumourModel m) {
        var lineage = m.lineage();
        int best = -1;
        for (int st = 0; st < lineage.states(); st++) {
            if (best < 0 || lineage.cellsInState(st) > lineage.cellsInState(best)) {
                best = st;
            }
        }
        return m.scenario().space().difference(best, m.scenario().founder());
    }

    private static Regimen.Phase phase(Scenario s, Spec spec, double c) {
        List<RegimenSpec.DoseSpec> drugs = c == 0 ? List.of()
                : List.of(new RegimenSpec.DoseSpec(spec.drug(), null, null, null, Concentration.of(c, spec.unit())));
        return s.compilePhase(new RegimenSpec.PhaseSpec(c == 0 ? "drug-free medium" : spec.drug() + " " + c + " " + spec.unit(), drugs,
                RegimenSpec.EndSpec.NEVER));
    }

    private static Scenario scenario(Path dish, String context, Spec spec, double days) {
        return scenario(dish, context, spec, days, ConfigChange.none());
    }

    /** The culture's scenario: the line in the context, its seed cells, the protocol's duration, then the further changes. */
    private static Scenario scenario(Path dish, String context, Spec spec, double days, ConfigChange extra) {
        ConfigLoader.Loaded l = spec.line().in(dish, context).with(c -> c
                .withTumour(c.tumour().withInitialCells(spec.seedCells()))
                .withEngine(EngineKind.HYBRID)
                .withStop(c.stop().withMaxCells(1e12))
                .withObserve(c.observe().withEvery(Days.of(1)))
                .withTime(c.time().withMax(Days.of(Math.ceil(days))))).with(spec.settings()).with(extra);
        if (!l.config().drugs().containsKey(spec.drug())) {
            throw new ConfigException("--drug: unknown drug '" + spec.drug() + "'" + Suggest.hint(spec.drug(), l.config().drugs().keySet())
                    + " (see her2sim drugs)");
        }
        return Scenario.compile(l.config(), l.origins());
    }
}
