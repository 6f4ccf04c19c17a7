package org.her2sim.biology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.her2sim.config.BiologyConfig.NodeSpec;
import org.her2sim.config.Suggest;

/**
 * The continuous-logic network (brief §3) compiled from its YAML nodes into index arrays and
 * evaluated in dependency order. Each node's value is in [0, 1]:
 * {@code clamp01(sat(raw) + Σ add) × Π(1 − blocker)}, with raw the product or weighted sum of
 * its terms. A term is a state attribute, an earlier node or a drug target's effect.
 */
public final class SignallingNetwork {
    private static final int ATTRIBUTE = 0;
    private static final int NODE = 1;
    private static final int TARGET = 2;

    private final List<String> names;
    private final boolean[] isSum;
    private final int[][] termKind;
    private final int[][] termIndex;
    private final double[][] weight;
    private final double[] saturation;
    private final int[][] addKind;
    private final int[][] addIndex;
    private final int[][] blockKind;
    private final int[][] blockIndex;

    public SignallingNetwork(Map<String, NodeSpec> nodes, StateSpace space, Targets targets) {
        Map<String, Integer> attributes = space.attributeIndex();
        for (String node : nodes.keySet()) {
            if (attributes.containsKey(node) || targets.indexOf(node) >= 0) {
                throw new BiologyException("biology.signalling." + node, "node name '" + node + "' is also a "
                        + (attributes.containsKey(node) ? "state attribute" : "drug target") + "; give the node another name");
            }
        }
        List<String> order = topologicalOrder(nodes, attributes, targets);
        names = order;
        int n = order.size();
        isSum = new boolean[n];
        termKind = new int[n][];
        termIndex = new int[n][];
        weight = new double[n][];
        saturation = new double[n];
        addKind = new int[n][];
        addIndex = new int[n][];
        blockKind = new int[n][];
        blockIndex = new int[n][];
        Map<String, Integer> nodeIndex = new HashMap<>();
        for (int i = 0; i < n; i++) {
            nodeIndex.put(order.get(i), i);
        }
        for (int i = 0; i < n; i++) {
            String name = order.get(i);
            NodeSpec spec = nodes.get(name);
            String path = "biology.signalling." + name;
            List<String> terms;
            if (spec.sum() != null) {
                isSum[i] = true;
                terms = new ArrayList<>(spec.sum().keySet());
                weight[i] = new double[terms.size()];
                for (int k = 0; k < terms.size(); k++) {
                    Double w = spec.sum().get(terms.get(k));
                    if (w == null || !Double.isFinite(w) || w < 0) {
                        throw new BiologyException(path + ".sum." + terms.get(k), "expected a weight >= 0");
                    }
                    weight[i][k] = w;
                }
            } else {
                terms = spec.product();
                weight[i] = new double[terms.size()];
            }
            termKind[i] = new int[terms.size()];
            termIndex[i] = new int[terms.size()];
            resolve(terms, termKind[i], termIndex[i], attributes, nodeIndex, targets, path);
            saturation[i] = spec.saturation() == null ? 0 : spec.saturation();
            addKind[i] = new int[spec.add().size()];
            addIndex[i] = new int[spec.add().size()];
            resolve(spec.add(), addKind[i], addIndex[i], attributes, nodeIndex, targets, path + ".add");
            blockKind[i] = new int[spec.blockedBy().size()];
            blockIndex[i] = new int[spec.blockedBy().size()];
            resolve(spec.blockedBy(), blockKind[i], blockIndex[i], attributes, nodeIndex, targets, path + ".blocked_by");
        }
    }

    private static void resolve(List<String> terms, int[] kind, int[] index, Map<String, Integer> attributes,
                                Map<String, Integer> nodes, Targets targets, String path) {
        for (int k = 0; k < terms.size(); k++) {
            String t = terms.get(k);
            if (nodes.containsKey(t)) {
                kind[k] = NODE;
                index[k] = nodes.get(t);
            } else if (attributes.containsKey(t)) {
                kind[k] = ATTRIBUTE;
                index[k] = attributes.get(t);
            } else if (targets.indexOf(t) >= 0) {
                kind[k] = TARGET;
                index[k] = targets.indexOf(t);
            } else {
                throw unknown(t, path, attributes.keySet(), nodes.keySet(), targets);
            }
        }
    }

    private static BiologyException unknown(String t, String path, Set<String> attributes, Set<String> nodes, Targets targets) {
        Set<String> all = new HashSet<>(attributes);
        all.addAll(nodes);
        all.addAll(targets.names());
        return new BiologyException(path, "'" + t + "' is neither a state attribute, a node nor a drug target"
                + Suggest.hint(t, all));
    }

    private static List<String> topologicalOrder(Map<String, NodeSpec> nodes, Map<String, Integer> attributes, Targets targets) {
        List<String> order = new ArrayList<>();
        Map<String, Integer> mark = new LinkedHashMap<>(); // 1 = visiting, 2 = done
        for (String name : nodes.keySet()) {
            visit(name, nodes, mark, order, new ArrayList<>());
        }
        return order;
    }

    private static void visit(String name, Map<String, NodeSpec> nodes, Map<String, Integer> mark, List<String> order, List<String> stack) {
        Integer m = mark.get(name);
        if (m != null && m == 2) {
            return;
        }
        if (m != null) {
            stack.add(name);
            throw new BiologyException("biology.signalling." + name, "the network has a cycle: " + String.join(" → ", stack));
        }
        mark.put(name, 1);
        stack.add(name);
        NodeSpec spec = nodes.get(name);
        List<String> deps = new ArrayList<>(spec.sum() != null ? spec.sum().keySet() : spec.product());
        deps.addAll(spec.add());
        deps.addAll(spec.blockedBy());
        for (String d : deps) {
            if (nodes.containsKey(d)) {
                visit(d, nodes, mark, order, stack);
            }
        }
        stack.remove(stack.size() - 1);
        mark.put(name, 2);
        order.add(name);
    }

    public int indexOf(String node) {
        return names.indexOf(node);
    }

    public List<String> nodeNames() {
        return names;
    }

    /** Evaluates every node for one state's attributes under one exposure. */
    public double[] evaluate(double[] attributes, Exposure exposure) {
        int n = names.size();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double raw;
            if (isSum[i]) {
                raw = 0;
                for (int k = 0; k < termKind[i].length; k++) {
                    raw += weight[i][k] * value(termKind[i][k], termIndex[i][k], attributes, v, exposure);
                }
            } else {
                raw = 1;
                for (int k = 0; k < termKind[i].length; k++) {
                    raw *= value(termKind[i][k], termIndex[i][k], attributes, v, exposure);
                }
            }
            raw = Math.max(0, raw);
            double x = saturation[i] > 0 ? raw * (1 + saturation[i]) / (raw + saturation[i]) : raw;
            for (int k = 0; k < addKind[i].length; k++) {
                x += value(addKind[i][k], addIndex[i][k], attributes, v, exposure);
            }
            x = Math.max(0, Math.min(1, x));
            for (int k = 0; k < blockKind[i].length; k++) {
                x *= 1 - Math.max(0, Math.min(1, value(blockKind[i][k], blockIndex[i][k], attributes, v, exposure)));
            }
            v[i] = x;
        }
        return v;
    }

    private static double value(int kind, int index, double[] attributes, double[] nodes, Exposure exposure) {
        return switch (kind) {
            case ATTRIBUTE -> attributes[index];
            case NODE -> nodes[index];
            default -> exposure.effect(index);
        };
    }
}
