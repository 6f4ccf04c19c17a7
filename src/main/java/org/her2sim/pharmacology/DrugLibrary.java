package org.her2sim.pharmacology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.her2sim.biology.Exposure;
import org.her2sim.biology.Targets;
import org.her2sim.config.ConfigProblem;
import org.her2sim.config.DrugSpec.TargetSpec;
import org.her2sim.config.DrugSpec;

/**
 * The drugs of a scenario, in alphabetical order (which fixes each drug's mask bit), and the
 * targets they act on. Turns concentrations into an {@link Exposure}: two drugs on one target
 * combine by Bliss independence, E = 1 − Π(1 − Eᵢ).
 */
public final class DrugLibrary {
    private final List<Drug> drugs = new ArrayList<>();
    private final Targets targets;

    public DrugLibrary(Map<String, DrugSpec> specs) {
        this(specs, "human");
    }

    /** The library with each drug's pharmacokinetics in {@code species} (a drug without them cannot be dosed there). */
    public DrugLibrary(Map<String, DrugSpec> specs, String species) {
        if (specs.size() > 63) {
            throw new ConfigProblem("drugs", "at most 63 drugs in one scenario");
        }
        Map<String, DrugSpec> sorted = new TreeMap<>(specs);
        Set<String> targetNames = new LinkedHashSet<>();
        sorted.values().forEach(s -> targetNames.addAll(new TreeMap<>(s.targets()).keySet()));
        targets = new Targets(new ArrayList<>(targetNames));
        int bit = 0;
        for (Map.Entry<String, DrugSpec> e : sorted.entrySet()) {
            DrugSpec s = e.getValue();
            Map<String, TargetSpec> t = new TreeMap<>(s.targets());
            int n = t.size();
            int[] idx = new int[n];
            double[] emax = new double[n];
            double[] ic50 = new double[n];
            double[] hill = new double[n];
            int i = 0;
            double mw = s.molarMassGPerMol() == null ? Double.NaN : s.molarMassGPerMol();
            for (Map.Entry<String, TargetSpec> te : t.entrySet()) {
                idx[i] = targets.indexOf(te.getKey());
                emax[i] = te.getValue().emax();
                try {
                    ic50[i] = te.getValue().ic50().mgPerL(mw);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("drugs." + e.getKey() + ".targets." + te.getKey() + ".ic50: " + ex.getMessage());
                }
                hill[i] = te.getValue().hill();
                i++;
            }
            PkModel pk = null;
            DrugSpec.PkSpec pkSpec = s.pkOf(species);
            if (pkSpec != null && pkSpec.defined()) {
                try {
                    pk = PkModel.of(pkSpec);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("drugs." + e.getKey() + "." + (species.equals("human") ? "" : "pk_by_species." + species + ".")
                            + ex.getMessage());
                }
            }
            double infusion = pkSpec == null || pkSpec.infusion() == null ? 0 : pkSpec.infusion().days();
            drugs.add(new Drug(e.getKey(), bit++, s.drugClass(), idx, emax, ic50, hill, pk, infusion, s.fractionUnbound(), s.tumourPenetration(), mw));
        }
    }

    public List<Drug> drugs() {
        return drugs;
    }

    public List<String> names() {
        return drugs.stream().map(Drug::name).toList();
    }

    public Drug get(String name) {
        for (Drug d : drugs) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    public Targets targets() {
        return targets;
    }

    /**
     * The exposure produced by concentrations (mg/L, indexed like {@link #drugs()}); the free
     * fraction applies when {@code applyUnbound} (in vivo: protein binding in plasma).
     */
    public Exposure exposure(double[] concentration, long givenMask, boolean applyUnbound) {
        double[] survive = new double[targets.size()];
        Arrays.fill(survive, 1.0);
        for (Drug d : drugs) {
            double c = concentration[d.bit()];
            if (c <= 0) {
                continue;
            }
            double free = applyUnbound ? c * d.actingFraction() : c;
            for (int i = 0; i < d.targetCount(); i++) {
                survive[d.target(i)] *= 1 - d.effect(i, free);
            }
        }
        double[] effect = new double[survive.length];
        for (int i = 0; i < effect.length; i++) {
            effect[i] = 1 - survive[i];
        }
        return new Exposure(givenMask, effect);
    }

    /** The exposure with every drug in the mask at its maximal effect (for stability checks). */
    public Exposure maximal(long mask) {
        double[] effect = new double[targets.size()];
        for (Drug d : drugs) {
            if ((mask & (1L << d.bit())) != 0) {
                for (int i = 0; i < d.targetCount(); i++) {
                    effect[d.target(i)] = 1 - (1 - effect[d.target(i)]) * (1 - d.emax(i));
                }
            }
        }
        return new Exposure(mask, effect);
    }
}
