package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Locale;

/**
 * A concentration as a file wrote it: by mass ({@code 10 ug/mL}, in mg/L) or molar
 * ({@code 0.1 uM}, in µM), converted once when the file is read; {@link #mgPerL} needs the molar
 * mass for a molar value. The text is kept for the resolved configuration.
 */
public record Concentration(double value, boolean molar, @JsonValue String text) implements Serializable {

    /** A concentration computed by the program, in a unit a user gave (ug/mL, uM, …). */
    public static Concentration of(double value, String unit) {
        return Units.concentration(String.format(Locale.ROOT, "%.6g %s", value, unit));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Concentration parse(String text) {
        return text == null ? null : Units.concentration(text);
    }

    /** In mg/L (= ug/mL); molar values need the molar mass. */
    public double mgPerL(double molarMassGPerMol) {
        if (!molar) {
            return value;
        }
        if (!(molarMassGPerMol > 0)) {
            throw new IllegalArgumentException("a molar concentration needs the drug's molar_mass_g_per_mol");
        }
        // uM × g/mol = ug/L; /1000 → mg/L
        return value * molarMassGPerMol / 1000.0;
    }

    @Override
    public String toString() {
        return text;
    }
}
