package org.her2sim.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation used by the records' compact constructors; messages name the field. */
public final class Check {
    private Check() {
    }

    /** An unmodifiable copy that keeps the file's order (Map.copyOf would not). */
    public static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public static double nonNegative(String field, Double v, double fallback) {
        double x = v == null ? fallback : v;
        if (!Double.isFinite(x) || x < 0) {
            throw new ConfigProblem(field, "expected a finite number >= 0, got " + x);
        }
        return x;
    }

    public static double positive(String field, Double v, double fallback) {
        double x = v == null ? fallback : v;
        if (!Double.isFinite(x) || x <= 0) {
            throw new ConfigProblem(field, "expected a finite number > 0, got " + x);
        }
        return x;
    }

    public static double probability(String field, Double v, double fallback) {
        double x = v == null ? fallback : v;
        if (!(x >= 0 && x <= 1)) {
            throw new ConfigProblem(field, "expected a probability between 0 and 1, got " + x);
        }
        return x;
    }

    public static String required(String field, String v) {
        if (v == null || v.isBlank()) {
            throw new ConfigProblem(field, "required");
        }
        return v;
    }

    public static String oneOf(String field, String v, String fallback, String... allowed) {
        String x = v == null ? fallback : v;
        for (String a : allowed) {
            if (a.equals(x)) {
                return x;
            }
        }
        throw new ConfigProblem(field, "expected one of " + String.join(", ", allowed) + ", got '" + x + "'"
                + Suggest.hint(String.valueOf(x), List.of(allowed)));
    }

    /** A command-line duration option (e.g. --checkpoint-every 30d) in days, > 0, or a ConfigException naming it. */
    public static double durationOption(String option, String text) {
        double days;
        try {
            days = Units.days(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option + ": " + e.getMessage());
        }
        if (!(days > 0)) {
            throw new ConfigException(option + ": expected a duration > 0, got " + text);
        }
        return days;
    }

    /** A duration checked to be > 0 (or >= 0 when zeroAllowed); {@code fallback} (a text, or null) when absent. */
    public static Days duration(String field, Days v, String fallback, boolean zeroAllowed) {
        Days x = v == null ? Days.parse(fallback) : v;
        if (x == null) {
            return null;
        }
        if (x.days() < 0 || (!zeroAllowed && x.days() == 0)) {
            throw new ConfigProblem(field, "expected a duration " + (zeroAllowed ? ">= 0" : "> 0") + ", got '" + x + "'");
        }
        return x;
    }
}
