package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One drug of the library: what it acts on (targets with Emax, IC50, Hill), how it moves in the
 * body (PK), and where the numbers come from.
 */
public record DrugSpec(String drugClass, String description, Map<String, TargetSpec> targets, PkSpec pk,
                       @JsonProperty("molar_mass_g_per_mol") Double molarMassGPerMol, Double fractionUnbound, Double tumourPenetration,
                       String source, Map<String, PkSpec> pkBySpecies) {
    public DrugSpec {
        drugClass = drugClass == null ? "" : drugClass;
        description = description == null ? "" : description;
        // the textbook mode writes rates under a drug by name and needs no target; the signalling
        // network does (checked where the scenario is compiled)
        targets = targets == null ? Map.of() : Check.ordered(targets);
        pk = pk == null ? new PkSpec(null, null, null, null, null, null, null, null, null, null, null) : pk;
        if (molarMassGPerMol != null) {
            Check.positive("molar_mass_g_per_mol", molarMassGPerMol, 1);
        }
        fractionUnbound = Check.probability("fraction_unbound", fractionUnbound, 1.0);
        if (fractionUnbound == 0) {
            throw new ConfigProblem("fraction_unbound", "expected > 0");
        }
        // the fraction of the plasma concentration that reaches the tumour cells in vivo (antibodies
        // penetrate solid tumours poorly); 1 = all of it
        tumourPenetration = Check.probability("tumour_penetration", tumourPenetration, 1.0);
        if (tumourPenetration == 0) {
            throw new ConfigProblem("tumour_penetration", "expected > 0");
        }
        source = source == null ? "" : source;
        // pharmacokinetics in other species than human (e.g. mouse, for xenografts); pk is human
        pkBySpecies = pkBySpecies == null ? Map.of() : Check.ordered(pkBySpecies);
        for (String species : pkBySpecies.keySet()) {
            Check.oneOf("pk_by_species", species, "mouse", "mouse");
        }
    }

    /** This drug with the IC50 on one of its targets replaced. */
    public DrugSpec withIc50(String target, Concentration ic50) {
        Map<String, TargetSpec> out = new LinkedHashMap<>(targets);
        TargetSpec t = out.get(target);
        if (t == null) {
            throw new ConfigProblem("targets", "no target '" + target + "'" + Suggest.hint(target, targets.keySet()));
        }
        out.put(target, t.withIc50(ic50));
        return withTargets(out);
    }

    /** The PK of a species ("human" is {@link #pk()}), or null if the library has none for it. */
    public PkSpec pkOf(String species) {
        return species.equals("human") ? pk : pkBySpecies.get(species);
    }

    /** The Hill effect of the drug on one target: E = Emax·Cʰ/(Cʰ + IC50ʰ). */
    public record TargetSpec(Double emax, Concentration ic50, Double hill) {
        public TargetSpec {
            emax = Check.probability("emax", emax, 1.0);
            if (ic50 == null) {
                throw new ConfigProblem("ic50", "required");
            }
            if (!(ic50.value() > 0)) {
                throw new ConfigProblem("ic50", "expected a concentration > 0, got '" + ic50 + "'");
            }
            hill = Check.positive("hill", hill, 1.0);
        }

        /** A copy with {@code ic50} replaced. */
        public TargetSpec withIc50(Concentration ic50) {
            return new TargetSpec(emax, ic50, hill);
        }
    }

    /**
     * Linear PK: {@code model} one_compartment (clearance and volume, or half_life and volume) or
     * two_compartment (clearance, central and peripheral volume, intercompartmental clearance);
     * {@code route} iv (a bolus, or a constant-rate infusion over {@code infusion}, e.g. 90min) or
     * oral (first-order absorption). In a dish the PK is off and phases give concentrations.
     */
    public record PkSpec(String model, String route, @JsonProperty("clearance_l_per_day") Double clearanceLPerDay, Double centralVolumeL,
                         Double peripheralVolumeL,
                         @JsonProperty("intercompartmental_clearance_l_per_day") Double intercompartmentalClearanceLPerDay, Days halfLife,
                         Double absorptionRatePerDay, Double bioavailability, Days infusion, String source) {
        public PkSpec {
            model = Check.oneOf("pk.model", model, "one_compartment", "one_compartment", "two_compartment");
            route = Check.oneOf("pk.route", route, "iv", "iv", "oral");
            halfLife = Check.duration("pk.half_life", halfLife, null, false);
            if (clearanceLPerDay != null) {
                Check.positive("pk.clearance_l_per_day", clearanceLPerDay, 1);
            }
            if (centralVolumeL != null) {
                Check.positive("pk.central_volume_l", centralVolumeL, 1);
            }
            if (model.equals("two_compartment")) {
                Check.positive("pk.clearance_l_per_day", clearanceLPerDay, Double.NaN);
                Check.positive("pk.central_volume_l", centralVolumeL, Double.NaN);
                Check.positive("pk.peripheral_volume_l", peripheralVolumeL, Double.NaN);
                Check.positive("pk.intercompartmental_clearance_l_per_day", intercompartmentalClearanceLPerDay, Double.NaN);
            }
            if (route.equals("oral")) {
                Check.positive("pk.absorption_rate_per_day", absorptionRatePerDay, Double.NaN);
            }
            bioavailability = Check.probability("pk.bioavailability", bioavailability, 1.0);
            infusion = Check.duration("pk.infusion", infusion, null, false);
            if (infusion != null && !route.equals("iv")) {
                throw new ConfigProblem("pk.infusion", "only an iv drug is infused; route is " + route);
            }
            source = source == null ? "" : source;
        }

        /** Whether enough is given to compute concentrations from doses. */
        public boolean defined() {
            boolean volume = centralVolumeL != null;
            boolean elimination = clearanceLPerDay != null || halfLife != null;
            return volume && elimination;
        }
    }

    /** A copy with {@code targets} replaced. */
    public DrugSpec withTargets(Map<String, TargetSpec> targets) {
        return new DrugSpec(drugClass, description, targets, pk, molarMassGPerMol, fractionUnbound, tumourPenetration, source, pkBySpecies);
    }
}
