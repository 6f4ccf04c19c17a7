package org.her2sim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.her2sim.biology.Exposure;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.LessonSpec;
import org.her2sim.config.Origins;
import org.her2sim.config.RegimenSpec;
import org.her2sim.config.Units;
import org.her2sim.engine.Scenario;
import org.her2sim.pharmacology.Regimen;
import org.her2sim.random.SeedTree;

/**
 * A lesson loaded and checked: its scenario compiles with the lesson's changes, and every drug
 * its control panel offers exists and can be dosed in that scenario. A lesson runs headless
 * ({@code her2sim lesson}) or in the GUI ({@code her2sim gui}).
 */
public final class Lesson {
    private final Path file;
    private final LessonSpec spec;
    private final Path scenarioFile;

    private Lesson(Path file, LessonSpec spec, Path scenarioFile) {
        this.file = file;
        this.spec = spec;
        this.scenarioFile = scenarioFile;
    }

    /** Whether a YAML file is a lesson (it names a scenario) rather than a scenario. */
    public static boolean isLesson(Path file) {
        JsonNode tree = new ConfigLoader().readTree(file);
        return tree.isObject() && tree.has("scenario") && tree.has("title");
    }

    public static Lesson load(Path file) {
        ConfigLoader loader = new ConfigLoader();
        LessonSpec spec = loader.bind(loader.readTree(file), LessonSpec.class, new Origins(file.toString()));
        Path scenario = file.toAbsolutePath().getParent().resolve(spec.scenario()).normalize();
        if (!Files.isRegularFile(scenario)) {
            throw ConfigException.at(file.toString(), "scenario", "scenario file '" + spec.scenario() + "' not found (looked at "
                    + scenario + ")");
        }
        Lesson lesson = new Lesson(file, spec, scenario);
        Scenario compiled;
        try {
            compiled = lesson.scenario(List.of(), null);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": its scenario with the lesson's settings: " + e.getMessage());
        }
        for (int i = 0; i < spec.controls().size(); i++) {
            try {
                compiled.compilePhase(new RegimenSpec.PhaseSpec("check", List.of(spec.controls().get(i)), RegimenSpec.EndSpec.NEVER));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": " + e.getMessage().replace("regimen.phases[0].drugs[0]", "controls[" + i + "]"));
            }
        }
        return lesson;
    }

    /** The lesson's scenario: its changes, then {@code extra} overrides; the lesson's seed unless {@code seed} is given. */
    public Scenario scenario(List<String> extra, Long seed) {
        return scenario(extra, seed, ConfigChange.none());
    }

    /**
     * The lesson's scenario: its file with the lesson's own settings and the user's {@code --set}s,
     * the seed (the one given, else the lesson's), then a change made by the program (the GUI's settings).
     */
    public Scenario scenario(List<String> extra, Long seed, ConfigChange change) {
        return Scenario.compile(loaded(extra, seed).with(change));
    }

    /** The lesson's scenario read and checked but not compiled (to compile many tumours of it without reading its files again). */
    public ConfigLoader.Loaded loaded(List<String> extra, Long seed) {
        List<String> o = new ArrayList<>();
        spec.set().forEach((k, v) -> o.add(k + "=" + Sweep.text(v)));
        o.addAll(extra);
        Long chosen = seed != null ? seed : spec.seed();
        return new ConfigLoader().load(scenarioFile, o).with(c -> chosen == null ? c : c.withSeed(chosen));
    }

    /**
     * The seed of the lesson's {@code k}-th other tumour (k = 1, 2, …): derived from the lesson's own
     * seed through the seed tree, so "tumour 3 of lesson 1" is the same for everyone who asks, and
     * a teacher can hand out numbers for different tumours.
     */
    public long newTumourSeed(int k) {
        long base = spec.seed() == null ? 1 : spec.seed();
        return Math.floorMod(new SeedTree(base).child("new-tumour", k).seed(), 1_000_000L);
    }

    /**
     * How much faster the classroom tumour lives than a patient's: the untreated doubling time of
     * a tumour in the patient context (configs/contexts/patient.yaml) over the lesson tumour's own
     * (its founder's untreated net growth). Drug levels keep real time.
     */
    public double timeCompression() {
        Scenario s = scenario(List.of(), null);
        int founder = s.seedings().get(0).state();
        double growth = s.rates().rates(founder, Exposure.none(s.drugs().targets().size())).netGrowthPerDay();
        return growth > 0 ? patientDoublingDays() / (Math.log(2) / growth) : Double.NaN;
    }

    private double patientDoublingDays() {
        var kinetics = new ConfigLoader().load(scenarioFile, List.of("context=patient")).config().context().tumourKinetics();
        return kinetics == null ? Double.NaN : kinetics.doublingTime().days();
    }

    /** The plain statement a lesson shows first (text, GUI, report): its time is compressed. */
    public String timeNote() {
        double k = timeCompression();
        if (!Double.isFinite(k) || k < 1.5) {
            return "";
        }
        double patient = patientDoublingDays();
        return String.format(Locale.ROOT, "Time compressed ×%.0f: this classroom tumour doubles in %.0f days, a patient's in about %.0f; "
                + "drug levels keep real time. A week here stands for about %.0f months of a patient's tumour.", k, patient / k, patient,
                7 * k / Units.DAYS_PER_MONTH);
    }

    /** The phase a control panel starts when students choose these drugs (none: a treatment holiday). */
    public static Regimen.Phase phaseOf(Scenario scenario, List<RegimenSpec.DoseSpec> drugs) {
        String name = drugs.isEmpty() ? "stopped by hand" : "by hand: " + String.join("+", drugs.stream().map(RegimenSpec.DoseSpec::drug).toList());
        return scenario.compilePhase(new RegimenSpec.PhaseSpec(name, drugs, RegimenSpec.EndSpec.NEVER));
    }

    public Path file() {
        return file;
    }

    public LessonSpec spec() {
        return spec;
    }

    public Path scenarioFile() {
        return scenarioFile;
    }
}
