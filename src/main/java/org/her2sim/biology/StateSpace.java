package org.her2sim.biology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.her2sim.config.BiologyConfig.MarkerSpec;
import org.her2sim.config.BiologyConfig.StateSpec;
import org.her2sim.config.BiologyConfig;
import org.her2sim.config.Suggest;

/**
 * All cell states: one state per marker, encoded as a mixed-radix index so a state is a plain
 * int in the hot loop. Markers, their states and the attributes the network reads come from
 * the configuration; adding a marker (MET, IGF-1R, MUC4) adds a digit, not code.
 */
public final class StateSpace {
    private final List<String> markers;
    private final List<List<String>> stateNames;
    private final int[] radix;
    private final int[] stride;
    private final int size;
    private final List<String> attributeNames;
    private final double[][] attributes; // [state][attribute]
    private final boolean[] allowed;
    private final Map<String, String> colours = new LinkedHashMap<>(); // "marker=state" -> "#RRGGBB", as declared

    public StateSpace(BiologyConfig config) {
        int n = config.markers().size();
        markers = new ArrayList<>(n);
        stateNames = new ArrayList<>(n);
        radix = new int[n];
        stride = new int[n];
        int s = 1;
        Map<String, String> attributeOwner = new LinkedHashMap<>();
        for (int m = 0; m < n; m++) {
            MarkerSpec spec = config.markers().get(m);
            if (markers.contains(spec.name())) {
                throw new BiologyException("biology.markers[" + m + "].name", "marker '" + spec.name() + "' is defined twice");
            }
            markers.add(spec.name());
            List<String> names = new ArrayList<>();
            for (StateSpec st : spec.states()) {
                if (names.contains(st.name())) {
                    throw new BiologyException("biology.markers[" + m + "].states", "state '" + st.name() + "' of marker '" + spec.name() + "' is defined twice");
                }
                names.add(st.name());
                if (st.colour() != null) {
                    colours.put(spec.name() + "=" + st.name(), st.colour());
                }
                for (String a : st.attributes().keySet()) {
                    String owner = attributeOwner.putIfAbsent(a, spec.name());
                    if (owner != null && !owner.equals(spec.name())) {
                        throw new BiologyException("biology.markers[" + m + "].states", "attribute '" + a + "' is set by markers '"
                                + owner + "' and '" + spec.name() + "'; an attribute belongs to one marker");
                    }
                }
            }
            stateNames.add(List.copyOf(names));
            radix[m] = names.size();
            stride[m] = s;
            s = Math.multiplyExact(s, names.size());
            if (s > 1 << 20) {
                throw new BiologyException("biology.markers", "more than 2^20 state combinations; split the model");
            }
        }
        size = s;
        attributeNames = List.copyOf(attributeOwner.keySet());
        for (String a : config.expression().keySet()) {
            if (!attributeNames.contains(a)) {
                throw new BiologyException("biology.expression." + a, "unknown state attribute '" + a + "'"
                        + Suggest.hint(a, attributeNames) + "; known: " + String.join(", ", attributeNames));
            }
        }
        attributes = new double[size][attributeNames.size()];
        for (int state = 0; state < size; state++) {
            for (int m = 0; m < n; m++) {
                StateSpec st = config.markers().get(m).states().get(digit(state, m));
                for (Map.Entry<String, Double> a : st.attributes().entrySet()) {
                    attributes[state][attributeNames.indexOf(a.getKey())] = a.getValue() * config.expression().getOrDefault(a.getKey(), 1.0);
                }
            }
        }
        allowed = new boolean[size];
        Arrays.fill(allowed, true);
        if (config.enforceExclusive()) {
            for (int c = 0; c < config.exclusive().size(); c++) {
                Map<String, String> combo = config.exclusive().get(c);
                int[][] pattern = pattern(combo, "biology.exclusive[" + c + "]");
                for (int state = 0; state < size; state++) {
                    if (matches(state, pattern)) {
                        allowed[state] = false;
                    }
                }
            }
        }
    }

    public int size() {
        return size;
    }

    /** The declared colours ("#RRGGBB") of states, keyed "marker=state", in the biology's order. */
    public Map<String, String> colours() {
        return Collections.unmodifiableMap(colours);
    }

    /** Every "marker=state" other than each marker's first, in the biology's order: the changes a mechanism names. */
    public List<String> changes() {
        List<String> out = new ArrayList<>();
        for (int m = 0; m < markers.size(); m++) {
            for (int d = 1; d < stateNames.get(m).size(); d++) {
                out.add(markers.get(m) + "=" + stateNames.get(m).get(d));
            }
        }
        return out;
    }

    public int markerCount() {
        return markers.size();
    }

    public List<String> markers() {
        return markers;
    }

    public List<String> statesOf(int marker) {
        return stateNames.get(marker);
    }

    public int digit(int state, int marker) {
        return (state / stride[marker]) % radix[marker];
    }

    public int withDigit(int state, int marker, int value) {
        return state + (value - digit(state, marker)) * stride[marker];
    }

    /** Every marker's state name in {@code state}, in marker order (the inverse of {@link #encode}). */
    public Map<String, String> markersOf(int state) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < markers.size(); k++) {
            m.put(markers.get(k), stateNames.get(k).get(digit(state, k)));
        }
        return m;
    }

    public boolean allowed(int state) {
        return allowed[state];
    }

    public List<String> attributeNames() {
        return attributeNames;
    }

    public double[] attributes(int state) {
        return attributes[state];
    }

    public int markerIndex(String name, String path) {
        int i = markers.indexOf(name);
        if (i < 0) {
            throw new BiologyException(path, "unknown marker '" + name + "'" + Suggest.hint(name, markers) + "; markers: " + String.join(", ", markers));
        }
        return i;
    }

    public int stateIndex(int marker, String name, String path) {
        List<String> names = stateNames.get(marker);
        int i = names.indexOf(name);
        if (i < 0) {
            throw new BiologyException(path, "unknown state '" + name + "' of marker '" + markers.get(marker) + "'"
                    + Suggest.hint(name, names) + "; states: " + String.join(", ", names));
        }
        return i;
    }

    /** A partial state (marker → state name) as pairs {marker, digit}; unnamed markers match anything. */
    public int[][] pattern(Map<String, String> partial, String path) {
        int[][] p = new int[partial.size()][];
        int k = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(partial).entrySet()) {
            int m = markerIndex(e.getKey(), path + "." + e.getKey());
            p[k++] = new int[] {m, stateIndex(m, e.getValue(), path + "." + e.getKey())};
        }
        return p;
    }

    public boolean matches(int state, int[][] pattern) {
        for (int[] mp : pattern) {
            if (digit(state, mp[0]) != mp[1]) {
                return false;
            }
        }
        return true;
    }

    /** The full state named by a partial one; markers not named take their first state. */
    public int encode(Map<String, String> partial, String path) {
        int state = 0;
        for (int[] mp : pattern(partial, path)) {
            state = withDigit(state, mp[0], mp[1]);
        }
        return state;
    }

    /** "her2=amplified p95her2=absent …" */
    public String label(int state) {
        StringBuilder sb = new StringBuilder();
        for (int m = 0; m < markers.size(); m++) {
            if (m > 0) {
                sb.append(' ');
            }
            sb.append(markers.get(m)).append('=').append(stateNames.get(m).get(digit(state, m)));
        }
        return sb.toString();
    }

    /** The markers where {@code state} differs from {@code reference}, e.g. "p95her2=present+her3=stable_up"; "none" if equal. */
    public String difference(int state, int reference) {
        StringBuilder sb = new StringBuilder();
        for (int m = 0; m < markers.size(); m++) {
            int d = digit(state, m);
            if (d != digit(reference, m)) {
                if (sb.length() > 0) {
                    sb.append('+');
                }
                sb.append(markers.get(m)).append('=').append(stateNames.get(m).get(d));
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** A lookup from attribute name to index, for compiling the network. */
    Map<String, Integer> attributeIndex() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < attributeNames.size(); i++) {
            map.put(attributeNames.get(i), i);
        }
        return map;
    }
}
