package org.her2sim.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The biology as data: markers and their states, how states change (heritable mutations at
 * division, reversible adaptive transitions in time), forbidden combinations, and either a
 * signalling network that turns state and drug exposure into rates ({@code mode: signalling})
 * or the rates written out directly ({@code mode: explicit}, the textbook mode).
 * {@code expression} scales state attributes for every cell (a cell line's own expression
 * levels relative to the reference states, e.g. {@code {her2: 1.6}}); absent = 1.
 */
public record BiologyConfig(
        RateMode mode,
        List<MarkerSpec> markers,
        List<Map<String, String>> exclusive,
        Boolean enforceExclusive,
        Map<String, NodeSpec> signalling,
        RateSpec rates,
        List<ExplicitRateSpec> explicit,
        Map<String, Double> expression) {

    public BiologyConfig {
        mode = mode == null ? RateMode.SIGNALLING : mode;
        if (markers == null || markers.isEmpty()) {
            throw new ConfigProblem("biology.markers", "expected at least one marker");
        }
        markers = List.copyOf(markers);
        exclusive = exclusive == null ? List.of() : List.copyOf(exclusive);
        enforceExclusive = enforceExclusive == null || enforceExclusive;
        signalling = signalling == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(signalling));
        if (mode == RateMode.SIGNALLING) {
            if (signalling.isEmpty()) {
                throw new ConfigProblem("biology.signalling", "required in signalling mode (the network's nodes)");
            }
            if (rates == null) {
                throw new ConfigProblem("biology.rates", "required in signalling mode");
            }
        } else if (explicit == null || explicit.isEmpty()) {
            throw new ConfigProblem("biology.explicit", "required in explicit mode (rates of each state)");
        }
        explicit = explicit == null ? List.of() : List.copyOf(explicit);
        expression = expression == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(expression));
        for (Map.Entry<String, Double> e : expression.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue()) || e.getValue() < 0) {
                throw new ConfigProblem("biology.expression." + e.getKey(), "expected a number >= 0 (1 = as the marker states say)");
            }
        }
    }

    /** The same biology with every heritable mutation probability multiplied by {@code factor} (0: no mutations). */
    public BiologyConfig withMutationsScaled(double factor) {
        List<MarkerSpec> scaled = new ArrayList<>();
        for (MarkerSpec m : markers) {
            scaled.add(m.withMutations(m.mutations().stream().map(u -> u.withProbability(u.probability() * factor)).toList()));
        }
        return withMarkers(scaled);
    }

    /** The same biology with one mutation's probability set: the {@code k}-th mutation of marker {@code marker}. */
    public BiologyConfig withMutationProbability(String marker, int k, double probability) {
        List<MarkerSpec> out = new ArrayList<>();
        for (MarkerSpec m : markers) {
            if (m.name().equals(marker)) {
                List<MutationSpec> mutations = new ArrayList<>(m.mutations());
                mutations.set(k, mutations.get(k).withProbability(probability));
                m = m.withMutations(mutations);
            }
            out.add(m);
        }
        return withMarkers(out);
    }

    /**
     * The same biology with a state attribute set to {@code value} in every state that gives it,
     * other than a marker's first (reference) state — e.g. the PI3K gain of activating PIK3CA.
     */
    public BiologyConfig withAttribute(String attribute, double value) {
        List<MarkerSpec> out = new ArrayList<>();
        for (MarkerSpec m : markers) {
            List<StateSpec> states = new ArrayList<>(m.states());
            for (int s = 1; s < states.size(); s++) {
                StateSpec st = states.get(s);
                if (st.attributes() != null && st.attributes().containsKey(attribute)) {
                    Map<String, Double> a = new LinkedHashMap<>(st.attributes());
                    a.put(attribute, value);
                    states.set(s, new StateSpec(st.name(), a, st.description(), st.colour()));
                }
            }
            out.add(new MarkerSpec(m.name(), states, m.mutations(), m.transitions()));
        }
        return withMarkers(out);
    }

    /** Textbook mode: the same biology with the untreated rates of the {@code index}-th explicit entry replaced. */
    public BiologyConfig withExplicitRates(int index, double divisionPerDay, double deathPerDay) {
        List<ExplicitRateSpec> out = new ArrayList<>(explicit);
        out.set(index, out.get(index).withDivisionPerDay(divisionPerDay).withDeathPerDay(deathPerDay));
        return withExplicit(out);
    }

    /** One marker (HER2, PTEN, …) with its states and how they change. */
    public record MarkerSpec(String name, List<StateSpec> states, List<MutationSpec> mutations,
                             List<TransitionSpec> transitions) {
        public MarkerSpec {
            name = Check.required("name", name);
            if (states == null || states.isEmpty()) {
                throw new ConfigProblem("states", "marker '" + name + "' needs at least one state");
            }
            states = List.copyOf(states);
            mutations = mutations == null ? List.of() : List.copyOf(mutations);
            transitions = transitions == null ? List.of() : List.copyOf(transitions);
        }

        /** A copy with {@code mutations} replaced. */
        public MarkerSpec withMutations(List<MutationSpec> mutations) {
            return new MarkerSpec(name, states, mutations, transitions);
        }
    }

    /**
     * A state and the numeric attributes the signalling network reads from it; {@code colour}
     * ("#RRGGBB", optional) is how cells that gained this state are drawn everywhere (GUI,
     * reports), so a marker combination has one colour in every lesson and chart.
     */
    public record StateSpec(String name, Map<String, Double> attributes, String description, String colour) {
        public StateSpec {
            name = Check.required("name", name);
            if (colour != null && !colour.matches("#[0-9A-Fa-f]{6}")) {
                throw new ConfigProblem("colour", "expected a colour as #RRGGBB, got '" + colour + "'");
            }
            attributes = attributes == null ? Map.of() : Check.ordered(attributes);
            for (Map.Entry<String, Double> a : attributes.entrySet()) {
                if (a.getValue() == null || !Double.isFinite(a.getValue())) {
                    throw new IllegalArgumentException("attributes." + a.getKey() + ": expected a finite number");
                }
            }
        }
    }

    /** A heritable change at division: probability per daughter per division. */
    public record MutationSpec(String from, String to, Double probability, Per per, String source) {
        /**
         * What a mutation probability is counted per: each {@code daughter} (the default: each of a
         * division's two daughters mutates independently with it) or each {@code division} (the
         * chance that a division yields a mutant daughter, as most papers give u; each daughter
         * then mutates with u/2).
         */
        public enum Per implements Choice {
            DAUGHTER, DIVISION
        }

        public MutationSpec(String from, String to, Double probability, String source) {
            this(from, to, probability, null, source);
        }

        public MutationSpec {
            from = Check.required("from", from);
            to = Check.required("to", to);
            probability = Check.probability("probability", probability, Double.NaN);
            per = per == null ? Per.DAUGHTER : per;
        }

        /** The probability that one daughter mutates. */
        public double perDaughter() {
            return per == Per.DIVISION ? probability / 2 : probability;
        }

        /** The expected number of mutant daughters per division (for small probabilities, the chance of one). */
        public double perDivision() {
            return 2 * perDaughter();
        }

        /** A copy with {@code probability} replaced. */
        public MutationSpec withProbability(Double probability) {
            return new MutationSpec(from, to, probability, per, source);
        }
    }

    /**
     * A reversible, non-genetic change in time. Its rate is {@code rate_per_day} times a factor
     * from a signalling node: {@code (1 − s)} when {@code direction: low} (induced when the
     * signal is suppressed), {@code s} when {@code high}, 1 when no node is given.
     */
    public record TransitionSpec(String from, String to, Double ratePerDay, String drivenBy, String direction) {
        public TransitionSpec {
            from = Check.required("from", from);
            to = Check.required("to", to);
            ratePerDay = Check.nonNegative("rate_per_day", ratePerDay, Double.NaN);
            direction = Check.oneOf("direction", direction, "low", "low", "high");
        }
    }

    /**
     * A node of the continuous-logic network: value = clamp01(sat(raw) + Σ add) × Π(1 − b) over
     * {@code blocked_by}, where raw is the product of {@code product} terms or the weighted sum
     * of {@code sum} terms, and sat(x) = x (1 + K) / (x + K) when {@code saturation: K} is given.
     * A term names a state attribute, another node or a drug target (its effect, 0–1).
     */
    public record NodeSpec(List<String> product, Map<String, Double> sum, Double saturation,
                           List<String> add, List<String> blockedBy, String description) {
        public NodeSpec {
            if ((product == null) == (sum == null)) {
                throw new ConfigProblem("node", "give exactly one of 'product' or 'sum'");
            }
            product = product == null ? null : List.copyOf(product);
            sum = sum == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(sum));
            if (saturation != null) {
                Check.positive("saturation", saturation, 1);
            }
            add = add == null ? List.of() : List.copyOf(add);
            blockedBy = blockedBy == null ? List.of() : List.copyOf(blockedBy);
        }
    }

    /** How network outputs become division and death rates (per day). */
    public record RateSpec(Double divisionMaxPerDay, String proliferation, String survival,
                           Double deathBasalPerDay, Double apoptosisMaxPerDay, List<KillSpec> kills) {
        public RateSpec {
            divisionMaxPerDay = Check.nonNegative("rates.division_max_per_day", divisionMaxPerDay, Double.NaN);
            proliferation = Check.required("rates.proliferation", proliferation);
            survival = Check.required("rates.survival", survival);
            deathBasalPerDay = Check.nonNegative("rates.death_basal_per_day", deathBasalPerDay, 0.0);
            apoptosisMaxPerDay = Check.nonNegative("rates.apoptosis_max_per_day", apoptosisMaxPerDay, 0.0);
            kills = kills == null ? List.of() : List.copyOf(kills);
        }

        /** A copy with {@code divisionMaxPerDay} replaced. */
        public RateSpec withDivisionMaxPerDay(Double divisionMaxPerDay) {
            return new RateSpec(divisionMaxPerDay, proliferation, survival, deathBasalPerDay, apoptosisMaxPerDay, kills);
        }

        /** A copy with {@code apoptosisMaxPerDay} replaced. */
        public RateSpec withApoptosisMaxPerDay(Double apoptosisMaxPerDay) {
            return new RateSpec(divisionMaxPerDay, proliferation, survival, deathBasalPerDay, apoptosisMaxPerDay, kills);
        }
    }

    /**
     * Direct killing by a drug target's effect E: either {@code max_per_day × E} (e.g. ADCC,
     * scaled by a state attribute such as the visible HER2 ectodomain; only with immune effector
     * cells when {@code requires_immune}), or {@code per_division × E × division rate}
     * (chemotherapy kills cycling cells).
     */
    public record KillSpec(String target, Double maxPerDay, Double perDivision, String scaledBy, Boolean requiresImmune) {
        public KillSpec {
            target = Check.required("target", target);
            if ((maxPerDay == null) == (perDivision == null)) {
                throw new ConfigProblem("kills", "give exactly one of 'max_per_day' or 'per_division' for target '" + target + "'");
            }
            maxPerDay = maxPerDay == null ? null : Check.nonNegative("max_per_day", maxPerDay, 0);
            perDivision = perDivision == null ? null : Check.nonNegative("per_division", perDivision, 0);
            requiresImmune = requiresImmune != null && requiresImmune;
        }
    }

    /**
     * Textbook mode: the rates of the states matching {@code state} (markers not named match any
     * state), and while drugs are given, the rates under each drug (or drug combination, keyed
     * {@code a+b} in alphabetical order).
     */
    public record ExplicitRateSpec(Map<String, String> state, Double divisionPerDay, Double deathPerDay,
                                   Map<String, RatePair> under) {
        public ExplicitRateSpec {
            state = state == null ? Map.of() : Check.ordered(state);
            divisionPerDay = Check.nonNegative("division_per_day", divisionPerDay, Double.NaN);
            deathPerDay = Check.nonNegative("death_per_day", deathPerDay, Double.NaN);
            under = under == null ? Map.of() : Check.ordered(under);
        }

        /** A copy with {@code divisionPerDay} replaced. */
        public ExplicitRateSpec withDivisionPerDay(Double divisionPerDay) {
            return new ExplicitRateSpec(state, divisionPerDay, deathPerDay, under);
        }

        /** A copy with {@code deathPerDay} replaced. */
        public ExplicitRateSpec withDeathPerDay(Double deathPerDay) {
            return new ExplicitRateSpec(state, divisionPerDay, deathPerDay, under);
        }
    }

    /** A division and a death rate per day. */
    public record RatePair(Double divisionPerDay, Double deathPerDay) {
        public RatePair {
            divisionPerDay = Check.nonNegative("division_per_day", divisionPerDay, Double.NaN);
            deathPerDay = Check.nonNegative("death_per_day", deathPerDay, Double.NaN);
        }
    }

    /** A copy with {@code markers} replaced. */
    public BiologyConfig withMarkers(List<MarkerSpec> markers) {
        return new BiologyConfig(mode, markers, exclusive, enforceExclusive, signalling, rates, explicit, expression);
    }

    /** A copy with {@code rates} replaced. */
    public BiologyConfig withRates(RateSpec rates) {
        return new BiologyConfig(mode, markers, exclusive, enforceExclusive, signalling, rates, explicit, expression);
    }

    /** A copy with {@code explicit} replaced. */
    public BiologyConfig withExplicit(List<ExplicitRateSpec> explicit) {
        return new BiologyConfig(mode, markers, exclusive, enforceExclusive, signalling, rates, explicit, expression);
    }

    /** A copy with {@code expression} replaced. */
    public BiologyConfig withExpression(Map<String, Double> expression) {
        return new BiologyConfig(mode, markers, exclusive, enforceExclusive, signalling, rates, explicit, expression);
    }
}
