package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;

/**
 * A duration as a file wrote it ({@code 21d}, {@code 12h}, {@code 6mo}) and its length in days,
 * converted once when the file is read; the text is kept for the resolved configuration.
 */
public record Days(double days, @JsonValue String text) implements Serializable {

    /** Reads a duration; an unknown unit or a non-number is an IllegalArgumentException. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Days parse(String text) {
        if (text == null) {
            return null;
        }
        return new Days(Units.days(text), text);
    }

    /** A duration computed by the program, written in days. */
    public static Days of(double days) {
        return new Days(days, Units.daysText(days));
    }

    @Override
    public String toString() {
        return text;
    }
}
