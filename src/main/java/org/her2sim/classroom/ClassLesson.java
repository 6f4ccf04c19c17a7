package org.her2sim.classroom;

import java.util.List;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.RegimenSpec;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.Lesson;

/**
 * A lesson as the classroom offers it: its id (the file name without .yaml), the lesson, its
 * scenario read once at start (a file edited during class changes nothing until a restart), the
 * text the page shows (compression note, questions, drug controls with their dosing), the seed
 * of the class's shared tumour, the drugs its charts show (those its regimen and controls give,
 * in the order of a frame's concentrations) and the lattice's size.
 */
record ClassLesson(String id, Lesson lesson, ConfigLoader.Loaded loaded, String timeNote, long classSeed, List<ShownDrug> drugs,
                   int width, int height) {
    /** A drug the lesson's regimen or controls give, as its chart shows it: name, the model's drug bit, line colour. */
    record ShownDrug(String name, int bit, String colour) {
    }

    /** The lesson's tumour with this seed, compiled from the scenario read at start. */
    Scenario scenario(long seed) {
        return Scenario.compile(loaded.with(c -> c.withSeed(seed)));
    }

    /** The drug the lesson lets students give, by name, or null if it offers none of that name. */
    RegimenSpec.DoseSpec control(String drug) {
        return lesson.spec().controls().stream().filter(d -> d.drug().equals(drug)).findFirst().orElse(null);
    }

    List<RegimenSpec.DoseSpec> controls() {
        return lesson.spec().controls();
    }

    String title() {
        return lesson.spec().title();
    }
}
