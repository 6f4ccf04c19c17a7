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

    /** A value as it may be quoted in a message: control characters (terminal escapes) shown as '?', at most 80 characters. */
    public static String printable(String v) {
        return printable(v, 80);
    }

    /** As {@link #printable(String)}, at most {@code max} characters. */
    public static String printable(String v, int max) {
        String clean = v.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > max ? clean.substring(0, max - 3) + "..." : clean;
    }

    /**
     * A name that becomes part of file and directory names: 1-80 letters, digits, '.', '_' or '-',
     * not starting with '-' (an option to any shell command) and not only dots ('.' and '..' are directories).
     */
    public static String fileName(String field, String name) {
        name = required(field, name);
        if (!name.matches("[A-Za-z0-9._-]{1,80}") || name.startsWith("-") || name.matches("\\.+")) {
            throw new ConfigProblem(field, "expected 1-80 letters, digits, '.', '_' or '-', not starting with '-' and not only dots, got '"
                    + printable(name) + "'");
        }
        return name;
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
