package org.her2sim.biology;

import java.util.ArrayList;
import java.util.List;
import org.her2sim.config.BiologyConfig.KillSpec;
import org.her2sim.config.BiologyConfig.RateSpec;
import org.her2sim.config.Suggest;

/**
 * Rates from the signalling network (brief §3):
 * <pre>
 *   division = division_max × proliferation
 *   death    = basal + apoptosis_max × (1 − survival)
 *              + Σ max_per_day × E(target) × scale(state)       (ADCC: immune context only)
 *              + Σ per_division × E(target) × division           (chemotherapy on cycling cells)
 * </pre>
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

    public SignallingRates(StateSpace space, SignallingNetwork network, AdaptiveTransitions transitions,
                           RateSpec spec, Targets targets, boolean immuneContext) {
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
        double division = divisionMax * v[proliferation];
        double death = basal + apoptosisMax * (1 - v[survival]);
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
