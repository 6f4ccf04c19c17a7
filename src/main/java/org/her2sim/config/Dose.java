package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;

/**
 * A dose as a file wrote it ({@code 6 mg/kg}, {@code 80 mg/m2}, {@code 1250 mg}): the amount in mg
 * per unit of its basis, converted once when the file is read; the text is kept for the
 * resolved configuration.
 */
public record Dose(double amount, Units.DoseBasis basis, @JsonValue String text) implements Serializable {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Dose parse(String text) {
        return text == null ? null : Units.dose(text);
    }

    /** The absolute dose in mg for a patient of the given weight and body surface. */
    public double mg(double weightKg, double surfaceM2) {
        return switch (basis) {
            case PER_KG -> amount * weightKg;
            case PER_M2 -> amount * surfaceM2;
            case FLAT -> amount;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
