package org.her2sim.biology;

import java.util.ArrayList;
import java.util.List;
import org.her2sim.config.BiologyConfig.KillSpec;
import org.her2sim.config.BiologyConfig.RateSpec;
import org.her2sim.config.SimulationConfig.TumourKinetics;
import org.her2sim.config.Suggest;

/**
 * Rates from the signalling network (brief §3). In a dish (the biology's rates as written):
 * <pre>
 *   division = division_max × proliferation
 *   death    = basal + apoptosis_max × (1 − survival) + kills
 * </pre>
 * In a body ({@code context.tumour_kinetics}; docs/model.md, "In-patient kinetics"), with P and S
 * the proliferation and survival outputs and P₀, S₀ those of the untreated reference state (the
 * HER2 driver alone) and h the tumour's dependence on its signalling:
 * <pre>
 *   division = division_per_day × (1 − h × max(0, 1 − P / P₀))
 *   death    = loss + h × apoptosis_per_day × max(0, S₀ − S) + kills,   loss = division_per_day − ln2 / doubling_time
 * </pre>
 * and in both
 * <pre>
 *   kills    = Σ max_per_day × E(target) × scale(state)       (ADCC: immune context only)
 *            + Σ per_division × E(target) × division           (chemotherapy on cycling cells)
 * </pre>
 * where, in a body, chemotherapy's division is the tumour's {@code division_per_day} (its cycling
 * compartment), not the clone's own.
 */
public final class SignallingRates implements RateModel {
    private final StateSpace space;
    private final SignallingNetwork network;
    private final AdaptiveTransitions transitions;
    private final double divisionMax;
    private final int proliferation;
    private final int survival;
    private final double basal;
    private final double apoptosisMax;
    private final int[] killTarget;
    private final double[] killMax;
    private final double[] killPerDivision;
    private final int[] killScaleAttribute;
    private final boolean[] killActive;
    /** In a body: the kinetics, and the reference state's untreated proliferation and survival; null in a dish. */
    private final TumourKinetics inBody;
    private final double referenceProliferation;
    private final double referenceSurvival;

    public SignallingRates(StateSpace space, SignallingNetwork network, AdaptiveTransitions transitions,
                           RateSpec spec, Targets targets, boolean immuneContext) {
        this(space, network, transitions, spec, targets, immuneContext, null);
    }

    public SignallingRates(StateSpace space, SignallingNetwork network, AdaptiveTransitions transitions,
                           RateSpec spec, Targets targets, boolean immuneContext, TumourKinetics inBody) {
        this.space = space;
        this.network = network;
        this.transitions = transitions;
        divisionMax = spec.divisionMaxPerDay();
        proliferation = node(network, spec.proliferation(), "biology.rates.proliferation");
        survival = node(network, spec.survival(), "biology.rates.survival");
        basal = spec.deathBasalPerDay();
        apoptosisMax = spec.apoptosisMaxPerDay();
        int n = spec.kills().size();
        killTarget = new int[n];
        killMax = new double[n];
        killPerDivision = new double[n];
        killScaleAttribute = new int[n];
        killActive = new boolean[n];
        for (int k = 0; k < n; k++) {
            KillSpec ks = spec.kills().get(k);
            String path = "biology.rates.kills[" + k + "]";
            killTarget[k] = targets.indexOf(ks.target());
            if (killTarget[k] < 0) {
                throw new BiologyException(path + ".target", "no drug in the library acts on target '" + ks.target() + "'"
                        + Suggest.hint(ks.target(), targets.names()));
            }
            killMax[k] = ks.maxPerDay() == null ? 0 : ks.maxPerDay();
            killPerDivision[k] = ks.perDivision() == null ? 0 : ks.perDivision();
            killScaleAttribute[k] = -1;
            if (ks.scaledBy() != null) {
                killScaleAttribute[k] = space.attributeNames().indexOf(ks.scaledBy());
                if (killScaleAttribute[k] < 0) {
                    throw new BiologyException(path + ".scaled_by", "unknown state attribute '" + ks.scaledBy() + "'"
                            + Suggest.hint(ks.scaledBy(), space.attributeNames()));
                }
            }
            killActive[k] = !ks.requiresImmune() || immuneContext;
        }
        this.inBody = inBody;
        // the reference: every marker in its first state (HER2-amplified, nothing else), untreated
        double[] reference = network.evaluate(space.attributes(0), Exposure.none(targets.size()));
        referenceProliferation = reference[proliferation];
        referenceSurvival = reference[survival];
        if (inBody != null && !(referenceProliferation > 0)) {
            throw new BiologyException("context.tumour_kinetics", "the untreated reference state has no proliferation signal, "
                    + "so in-body division (relative to it) is undefined");
        }
    }

    private static int node(SignallingNetwork network, String name, String path) {
        int i = network.indexOf(name);
        if (i < 0) {
            throw new BiologyException(path, "unknown node '" + name + "'" + Suggest.hint(name, network.nodeNames()));
        }
        return i;
    }

    @Override
    public CellRates rates(int state, Exposure exposure) {
        double[] attributes = space.attributes(state);
        double[] v = network.evaluate(attributes, exposure);
        double division;
        double death;
        if (inBody == null) {
            division = divisionMax * v[proliferation];
            death = basal + apoptosisMax * (1 - v[survival]);
        } else {
            // supply caps division at the reference's; survival lost below the reference's kills
            double h = inBody.signallingDependence();
            division = inBody.divisionPerDay() * (1 - h * Math.max(0, 1 - v[proliferation] / referenceProliferation));
            death = inBody.lossPerDay() + h * inBody.apoptosisPerDay() * Math.max(0, referenceSurvival - v[survival]);
        }
        double perDivision = 0;
        for (int k = 0; k < killTarget.length; k++) {
            if (!killActive[k]) {
                continue;
            }
            double e = exposure.effect(killTarget[k]);
            double scale = killScaleAttribute[k] < 0 ? 1 : attributes[killScaleAttribute[k]];
            death += killMax[k] * e * scale;
            perDivision += killPerDivision[k] * e * scale;
        }
        List<Integer> to = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        transitions.outOf(state, v, to, rate);
        if (inBody != null) {
            // in a body chemotherapy hits the tumour's cycling compartment, whose size the supply sets
            // (division_per_day), whatever a clone's own signalling: anti-HER2 drugs that slow a
            // clone's divisions do not shield it (docs/model.md, "Chemotherapy with anti-HER2 drugs")
            death += perDivision * inBody.divisionPerDay();
            perDivision = 0;
        }
        return AdaptiveTransitions.withSwitches(division, death, perDivision, to, rate);
    }

    /** Node values of a state under an exposure, for inspection and tests. */
    public double[] nodes(int state, Exposure exposure) {
        return network.evaluate(space.attributes(state), exposure);
    }

    public SignallingNetwork network() {
        return network;
    }
}
