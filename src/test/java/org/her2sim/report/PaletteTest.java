package org.her2sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigException;
import org.her2sim.experiment.Lesson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One colour per marker combination, from the biology: the same in every lesson, report and window. */
class PaletteTest {
    static Palette lesson(String name) {
        return Palette.of(Lesson.load(Scenarios.configs().resolve("lessons/" + name + ".yaml")).scenario(List.of(), null).space());
    }

    @Test
    void everyLessonAndThePatientScenariosGiveACombinationTheSameColour() {
        Palette quickstart = Palette.of(Scenarios.compile(Scenarios.configs().resolve("quickstart.yaml")).space());
        for (String m : List.of("p95her2=present", "pten=lost", "pten=lost+her3=adaptive_up", "her3=adaptive_up", "met=amplified")) {
            Color c = lesson("01-p95her2").of(m);
            for (String other : List.of("02-pten-pi3k", "03-adaptive-her3", "04-sequential-vs-combined", "05-adaptive-therapy")) {
                assertEquals(c, lesson(other).of(m), m + " in " + other);
            }
            assertEquals(c, quickstart.of(m), m + " in a patient's report");
        }
        Palette p = lesson("01-p95her2");
        assertEquals(Color.decode("#E69F00"), p.of("p95her2=present"), "as the biology declares");
        assertEquals(Palette.GREY, p.of(Palette.FOUNDER));
        // a combination: its first change's colour, 0.7 as bright per further change
        Color pten = p.of("pten=lost");
        Color both = p.of("pten=lost+her3=adaptive_up");
        assertEquals(Math.round(pten.getBlue() * 0.7), both.getBlue());
        assertNotEquals(pten, both);
        // the legend: founder first, then the biology's order
        assertEquals(List.of(Palette.label("none"), "p95her2=present", "pten=lost", "pten=lost + her3=adaptive_up"),
                List.copyOf(p.legend(Set.of("pten=lost+her3=adaptive_up", "pten=lost", "none", "p95her2=present")).keySet()));
    }

    @Test
    void undeclaredStatesTakeTheUnusedColoursInOrderAndABadColourIsNamed(@TempDir Path dir) throws Exception {
        Palette textbook = Palette.of(Scenarios.compile(Scenarios.configs().resolve("textbook-two-types.yaml")).space());
        List<String> changes = Scenarios.compile(Scenarios.configs().resolve("textbook-two-types.yaml")).space().changes();
        assertTrue(!changes.isEmpty());
        assertEquals(Palette.indexed(0), textbook.of(changes.get(0)), "no colours declared: the palette in order");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Scenarios.configs().resolve("textbook/extinction.yaml"))
                .replace("states: [{name: cell}]", "states: [{name: cell, colour: red}]"));
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(bad));
        assertTrue(e.getMessage().contains("colour") && e.getMessage().contains("#RRGGBB"), e.getMessage());
    }
}
