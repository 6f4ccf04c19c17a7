package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A setting with a fixed set of values, written in a file as the enum constant's name in lower
 * case ({@code engine: hybrid}); Jackson reads and writes the word ({@link JsonValue} here serves
 * every enum that implements this), and an unknown word is refused with the words that are allowed.
 */
public interface Choice {
    /** The word a file uses for this value. */
    @JsonValue
    default String text() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** The words of a Choice enum, in order. */
    static List<String> words(Class<?> type) {
        List<String> words = new ArrayList<>();
        for (Object e : type.getEnumConstants()) {
            words.add(((Choice) e).text());
        }
        return words;
    }

    /** The constant whose word is {@code text}, or an IllegalArgumentException listing the words. */
    static <E extends Enum<E> & Choice> E parse(Class<E> type, String text) {
        List<String> words = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.text().equals(text)) {
                return e;
            }
            words.add(e.text());
        }
        throw new IllegalArgumentException("expected one of " + String.join(", ", words) + ", got '" + text + "'"
                + Suggest.hint(String.valueOf(text), words));
    }
}
