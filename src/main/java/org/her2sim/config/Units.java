package org.her2sim.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the quantities a configuration may write with a unit ({@code 21d}, {@code 12h},
 * {@code 6 mg/kg}, {@code 10 ug/mL}, {@code 0.1 uM}) and converts them to the canonical
 * internal units: days for time, mg or mg/kg for doses, mg/L (= ug/mL) or uM for concentrations.
 * A bare number is taken in the canonical unit.
 */
public final class Units {
    private static final Pattern QUANTITY =
            Pattern.compile("\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([A-Za-zµ/%²][A-Za-z0-9µ/%²]*)?\\s*");

    /** A month as the mean Gregorian length, in days. */
    public static final double DAYS_PER_MONTH = 30.4375;
    /** A year as the mean Gregorian length, in days. */
    public static final double DAYS_PER_YEAR = 365.25;

    private Units() {
    }

    /** Days as months (mean Gregorian months). */
    public static double months(double days) {
        return days / DAYS_PER_MONTH;
    }

    /** A number with its unit as written; the unit is empty for a bare number. */
    public record Quantity(double value, String unit) {
    }

    /** Splits text such as {@code "6 mg/kg"} into value and unit. */
    public static Quantity parse(String text) {
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a number with an optional unit");
        }
        double v = Double.parseDouble(m.group(1));
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("'" + text + "' is not a finite number");
        }
        return new Quantity(v, m.group(2) == null ? "" : m.group(2).replace('µ', 'u').replace("²", "2"));
    }

    /** A duration in days: {@code 21d}, {@code 12h}, {@code 30min}, {@code 3w}, {@code 6mo}, {@code 2y}. */
    public static double days(String text) {
        Quantity q = parse(text);
        double factor = switch (q.unit().toLowerCase(Locale.ROOT)) {
            case "", "d", "day", "days" -> 1.0;
            case "h", "hr", "hour", "hours" -> 1.0 / 24.0;
            case "min", "minute", "minutes" -> 1.0 / 1440.0;
            case "w", "wk", "week", "weeks" -> 7.0;
            // a month and a year as the mean Gregorian lengths
            case "mo", "month", "months" -> DAYS_PER_MONTH;
            case "y", "yr", "year", "years" -> DAYS_PER_YEAR;
            default -> throw new IllegalArgumentException(
                    "unknown time unit '" + q.unit() + "' in '" + text + "' (expected d, h, min, w, mo or y)");
        };
        return q.value() * factor;
    }

    /** What a dose is relative to. */
    public enum DoseBasis { FLAT, PER_KG, PER_M2 }

    /** A dose: per body weight ({@code mg/kg}), per body surface ({@code mg/m2}) or flat ({@code mg}). */
    public static Dose dose(String text) {
        Quantity q = parse(text);
        return switch (q.unit().toLowerCase(Locale.ROOT)) {
            case "mg/kg" -> new Dose(q.value(), DoseBasis.PER_KG, text);
            case "ug/kg" -> new Dose(q.value() / 1000.0, DoseBasis.PER_KG, text);
            case "g/kg" -> new Dose(q.value() * 1000.0, DoseBasis.PER_KG, text);
            case "mg/m2" -> new Dose(q.value(), DoseBasis.PER_M2, text);
            case "g/m2" -> new Dose(q.value() * 1000.0, DoseBasis.PER_M2, text);
            case "mg", "" -> new Dose(q.value(), DoseBasis.FLAT, text);
            case "g" -> new Dose(q.value() * 1000.0, DoseBasis.FLAT, text);
            case "ug" -> new Dose(q.value() / 1000.0, DoseBasis.FLAT, text);
            default -> throw new IllegalArgumentException(
                    "unknown dose unit '" + q.unit() + "' in '" + text + "' (expected mg/kg, mg/m2, mg, g or ug)");
        };
    }

    /**
     * A concentration: mass ({@code ug/mL}, {@code mg/L}, {@code ng/mL}) or molar ({@code uM},
     * {@code nM}, {@code mM}), in mg/L or µM.
     */
    public static Concentration concentration(String text) {
        Quantity q = parse(text);
        String unit = q.unit().toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "ug/ml", "mg/l", "" -> new Concentration(q.value(), false, text);
            case "ng/ml", "ug/l" -> new Concentration(q.value() / 1000.0, false, text);
            case "mg/ml", "g/l" -> new Concentration(q.value() * 1000.0, false, text);
            case "um" -> new Concentration(q.value(), true, text);
            case "nm" -> new Concentration(q.value() / 1000.0, true, text);
            case "mm" -> new Concentration(q.value() * 1000.0, true, text);
            default -> throw new IllegalArgumentException("unknown concentration unit '" + q.unit() + "' in '"
                    + text + "' (expected ug/mL, mg/L, ng/mL, uM, nM or mM)");
        };
    }

    /** Formats a number without trailing zeros, for resolved configurations people read. */
    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        return s.contains("E") ? s : s.replaceAll("0+$", "");
    }

    /** A duration written back in days, the form a resolved configuration uses. */
    public static String daysText(double days) {
        return fmt(days) + "d";
    }
}
