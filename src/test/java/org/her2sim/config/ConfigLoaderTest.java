package org.her2sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path quickstartCopy(String from, String to) throws Exception {
        String text = Files.readString(Scenarios.testScenario("culture-tumour.yaml"));
        assertTrue(text.contains(from), "fixture text not found: " + from);
        // the includes made absolute, so the copy works from the test's own folder
        String portable = text.replace(from, to).replace("../../../../configs/", Scenarios.configs() + "/");
        return Scenarios.write(dir, "quickstart-copy-" + System.nanoTime() + ".yaml", portable);
    }

    private ConfigException failure(Path file, String... overrides) {
        try {
            return assertThrows(ConfigException.class, () -> Scenarios.compile(file, overrides));
        } finally {
            file.toFile().delete();
        }
    }

    @Test
    void quickstartLoadsWithDefaultsFilledIn() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"));
        assertEquals(1.0 / 24, s.config().time().dtDays(), 1e-15);
        assertEquals(1.728, s.config().outcomes().progressionFactor());
        assertEquals(7, s.space().markerCount());
        assertEquals(192, s.space().size());
        assertTrue(s.drugs().names().contains("trastuzumab"));
    }

    @Test
    void unknownKeySuggestsTheNearestAndNamesFileAndPath() throws Exception {
        ConfigException e = failure(quickstartCopy("  initial_cells: 1000000", "  inital_cells: 1000000"));
        assertTrue(e.getMessage().contains("quickstart-copy-"), e.getMessage());
        assertTrue(e.getMessage().contains("tumour"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'initial_cells'"), e.getMessage());
    }

    @Test
    void errorsInsideAnIncludedFileNameThatFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "biology.rates.death_basal_per_day=-0.1"));
        assertTrue(e.getMessage().contains("biology/her2.yaml: biology.rates.death_basal_per_day: expected"), e.getMessage());
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    }

    @Test
    void wrongUnitIsRejected() throws Exception {
        ConfigException e = failure(quickstartCopy("dt: 1h", "dt: 1 mg"));
        assertTrue(e.getMessage().contains("time.dt"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown time unit"), e.getMessage());
    }

    @Test
    void probabilityAboveOneIsRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "biology.markers.1.mutations.0.probability=1.5"));
        assertTrue(e.getMessage().contains("probability between 0 and 1"), e.getMessage());
    }

    @Test
    void unknownDrugIsNamedWithASuggestion() throws Exception {
        ConfigException e = failure(quickstartCopy("drug: trastuzumab,", "drug: trastuzamab,"));
        assertTrue(e.getMessage().contains("regimen.phases[1].drugs[0].drug"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'trastuzumab'"), e.getMessage());
    }

    @Test
    void unknownMarkerIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "tumour.founder={her4: amplified}"));
        assertTrue(e.getMessage().contains("unknown marker 'her4'"), e.getMessage());
    }

    @Test
    void aPhaseThatCanNeverEndBeforeAnotherIsRejected() throws Exception {
        ConfigException e = failure(quickstartCopy("end: {burden_above: 1000}", "end: never"));
        assertTrue(e.getMessage().contains("regimen.phases[0].end"), e.getMessage());
        assertTrue(e.getMessage().contains("never ends"), e.getMessage());
    }

    @Test
    void fieldPathsAreNotRepeated() {
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "context.carrying_capacity=-5"));
        assertTrue(e.getMessage().endsWith("culture-tumour.yaml: context.carrying_capacity: expected a finite number > 0, got -5.0"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "tumour.initial_cells=abc"));
        assertTrue(e.getMessage().endsWith("tumour.initial_cells: expected a whole number, got \"abc\""), e.getMessage());
    }

    @Test
    void aTumourLargerThanTheCeilingIsAnInputError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "tumour.initial_cells=1e10"));
        assertTrue(e.getMessage().contains("stop.max_cells"), e.getMessage());
    }

    @Test
    void aSubcloneGivenAsAShareOfTheInitialCellsIsSeededInWholeCells() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "tumour.initial_cells=100000",
                "tumour.clones=[{markers: {p95her2: present}, fraction: 0.0123}, {markers: {pten: lost}, fraction: 1.0e-6}]");
        assertEquals(2, s.seedings().size(), "the founder and the p95HER2 subclone; 0.1 of a PTEN-lost cell is none");
        assertEquals(100000, s.seedings().get(0).cells());
        assertEquals(1230, s.seedings().get(1).cells());
        assertEquals("present", s.space().markersOf(s.seedings().get(1).state()).get("p95her2"));
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "tumour.clones=[{markers: {p95her2: present}, cells: 5, fraction: 0.1}]"));
        assertTrue(e.getMessage().contains("tumour.clones[0].cells: give exactly one of 'cells'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "tumour.clones=[{markers: {p95her2: present}, fraction: 1.5}]"));
        assertTrue(e.getMessage().contains("fraction: expected a share of the initial cells from 0 to below 1, got 1.5"), e.getMessage());
    }

    @Test
    void anUntreatedTextbookRunNeedsNoRegimenAndItsDrugsNoTargets(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bare.yaml");
        Files.writeString(f, String.join("\n",
                "name: bare",
                "biology:",
                "  mode: explicit",
                "  markers: [{name: type, states: [{name: s}]}]",
                "  explicit: [{state: {type: s}, division_per_day: 0.5, death_per_day: 0.3, under: {d: {division_per_day: 0.1, death_per_day: 0.5}}}]",
                "drugs: {d: {}}",
                "tumour: {initial_cells: 10}",
                "time: {dt: 1h, max: 5d}"));
        Scenario s = Scenarios.compile(f);
        assertEquals(1, s.regimen().phases().size());
        assertTrue(!s.regimen().phases().get(0).givesDrugs() && s.regimen().phases().get(0).neverEnds(), "untreated throughout");
        assertEquals(1, s.drugs().drugs().size(), "a drug known by name only");
        // the signalling network needs to know what a drug acts on
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "drugs={x: {}}"));
        assertTrue(e.getMessage().contains("drugs.x.targets: a drug needs at least one target"), e.getMessage());
    }

    @Test
    void countsThatCouldOverflowAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "stop.max_cells=1e19"));
        assertTrue(e.getMessage().contains("stop.max_cells: at most 1e15"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "tumour.initial_cells=9000000000000000000"));
        assertTrue(e.getMessage().contains("tumour.initial_cells: at most 1e15"), e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("nope.yaml: file not found"), e.getMessage());
    }

    @Test
    void inputsThatWereSilentlyMisreadAreRefused() {
        // a second YAML document would be dropped
        Path multi = Scenarios.write(dir, "multi.yaml", "name: a\n---\nname: b\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.load(multi));
        assertTrue(e.getMessage().contains("more than one YAML document"), e.getMessage());
        // YAML 1.1 would read 030 as 24, 0x10 as 16, 0b11 as 3, 1_000 as 1000
        for (String n : new String[] {"030", "0x10", "0b11", "1_000"}) {
            Path f = Scenarios.write(dir, "number.yaml", "name: a\nseed: " + n + "\n");
            e = assertThrows(ConfigException.class, () -> Scenarios.load(f));
            assertTrue(e.getMessage().contains("seed: line 2: '" + n + "' is an octal, hexadecimal, binary or digit-grouped number"),
                    e.getMessage());
        }
        // the reader would take an alias for the text of its name ("*why" read as "why"): refused
        Path aliased = Scenarios.write(dir, "alias.yaml", "name: &label a\ndescription: *label\n");
        e = assertThrows(ConfigException.class, () -> Scenarios.load(aliased));
        assertTrue(e.getMessage().contains("alias.yaml") && e.getMessage().contains("description")
                && e.getMessage().contains("line 2: the alias *label is not supported"), e.getMessage());
        ConfigException onCommandLine = assertThrows(ConfigException.class,
                () -> Scenarios.load(Scenarios.testScenario("culture-tumour.yaml"), "name=*foo"));
        assertTrue(onCommandLine.getMessage().contains("--set name=*foo: the alias *foo is not supported"), onCommandLine.getMessage());
        // a device reports size 0 and never ends: read no more than the limit
        if (Files.exists(Path.of("/dev/zero"))) {
            e = assertThrows(ConfigException.class, () -> Scenarios.load(Path.of("/dev/zero")));
            assertTrue(e.getMessage().contains("larger than 4 MiB"), e.getMessage());
        }
        // a fractional whole number was truncated (found by the --set fuzz in its long mode)
        e = assertThrows(ConfigException.class, () -> Scenarios.load(Scenarios.testScenario("culture-tumour.yaml"), "seed=1.5"));
        assertTrue(e.getMessage().contains("seed: expected a whole number, got 1.5"), e.getMessage());
        assertEquals(1000L, Scenarios.load(Scenarios.testScenario("culture-tumour.yaml"), "seed=1e3").config().seed());
        // a file name the file system cannot hold (found by the --set fuzz in its long mode)
        for (String set : new String[] {"context='\u0000'"}) {
            e = assertThrows(ConfigException.class, () -> Scenarios.load(Scenarios.testScenario("culture-tumour.yaml"), set));
            assertTrue(e.getMessage().contains("is not a possible file name"), set + ": " + e.getMessage());
        }
        // names become directory names
        for (String name : new String[] {".", "..", "-rf"}) {
            e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "name=" + name));
            assertTrue(e.getMessage().contains("name: expected 1-80 letters"), e.getMessage());
        }
        // a step longer than the run, or a run of more steps than anyone waits for
        e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.dt=20y"));
        assertTrue(e.getMessage().contains("time.dt: a step of 20y is longer than time.max"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.dt=1e-9h"));
        assertTrue(e.getMessage().contains("at most 1e8"), e.getMessage());
        // a path of nothing but dots is not "no change"
        for (String set : new String[] {"..=1", ".=1", "tumour.=1"}) {
            e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), set));
            assertTrue(e.getMessage().contains("empty key"), e.getMessage());
        }
    }

    @Test
    void malformedYamlGivesTheLine() {
        Path p = Scenarios.write(dir, "bad.yaml", "name: x\ntime: {dt: 1h\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.load(p));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            y.append((char) ('a' + i)).append(": &").append((char) ('a' + i)).append(" [");
            for (int k = 0; k < 9; k++) {
                y.append(k > 0 ? ", " : "").append('*').append((char) ('a' + i - 1));
            }
            y.append("]\n");
        }
        Path p = Scenarios.write(dir, "bomb.yaml", y.toString());
        assertThrows(ConfigException.class, () -> Scenarios.load(p));
    }

    @Test
    void setOverridesAnyValueIncludingListItems() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "time.max=100d", "regimen.phases.1.drugs.0.dose=4 mg/kg", "seed=99");
        assertEquals(100.0, s.config().time().maxDays());
        assertEquals(99L, s.config().seed());
        assertEquals(280.0, s.regimen().phases().get(1).items().get(0).doseMg(), 1e-9);
    }

    @Test
    void setCanReplaceASectionByAnIncludedFile() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "regimen=" + Scenarios.configs().resolve("regimens/trastuzumab-then-lapatinib.yaml"));
        assertEquals("trastuzumab then lapatinib", s.regimen().name());
        assertEquals(2, s.regimen().phases().size());
    }

    @Test
    void theTimeStepCanBeGivenInHours() {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.dt=null", "time.dt_hours=0.5");
        assertEquals(0.5 / 24, s.config().time().dtDays(), 1e-15);
        assertTrue(ConfigLoader.resolvedYaml(s.config()).contains("dt: 0.5h"));
        assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.dt_hours=0.5"));
    }

    @Test
    void setWithoutEqualsIsAnInputError() {
        assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.max"));
    }

    @Test
    void tooFewSubstepsFailWithWhatWorks() {
        ConfigException e = assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"),
                "time.dt=12h", "observe.every=1d", "time.substeps=1"));
        assertTrue(e.getMessage().contains("time.substeps"), e.getMessage());
        assertTrue(e.getMessage().matches(".*use time.substeps: \\d+ \\(or auto\\), or time.dt: \\d+h or shorter.*"), e.getMessage());
        assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.substeps=often"));
        assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.substeps=0"));
    }

    @Test
    void aLongTimeStepIsSplitIntoTheFewestSubstepsThatAreStable() {
        Scenario hourly = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"));
        assertEquals(1, hourly.substeps());
        Scenario daily = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.dt=1d");
        int k = daily.substeps();
        assertTrue(k > 1 && k <= 24, "sub-steps " + k);
        // one fewer is refused when fixed, the same number is accepted
        assertThrows(ConfigException.class, () -> Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.dt=1d",
                "time.substeps=" + (k - 1)));
        assertEquals(k, Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.dt=1d", "time.substeps=" + k).substeps());
    }

    @Test
    void resolvedConfigurationLoadsBackToTheSameValues() throws Exception {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"));
        String yaml = ConfigLoader.resolvedYaml(s.config());
        Path p = Scenarios.write(dir, "resolved.yaml", yaml);
        Scenario again = Scenarios.compile(p);
        assertEquals(s.config(), again.config());
        assertEquals(yaml, ConfigLoader.resolvedYaml(again.config()));
    }

    @Test
    void aCachingLoaderReadsAFileOnceAndHandsOutCopies(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("a.yaml");
        java.nio.file.Files.writeString(f, "name: first\nseed: 1\n");
        ConfigLoader loader = ConfigLoader.caching();
        com.fasterxml.jackson.databind.JsonNode one = loader.readTree(f);
        ((com.fasterxml.jackson.databind.node.ObjectNode) one).put("name", "changed by a caller");
        java.nio.file.Files.writeString(f, "name: second\nseed: 2\n");
        com.fasterxml.jackson.databind.JsonNode two = loader.readTree(f);
        org.junit.jupiter.api.Assertions.assertEquals("first", two.get("name").asText(), "read once, and a copy each time");
        org.junit.jupiter.api.Assertions.assertEquals("second", new ConfigLoader().readTree(f).get("name").asText(), "a plain loader reads again");
        ConfigException missing = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> loader.readTree(java.nio.file.Path.of("no/such.yaml")));
        org.junit.jupiter.api.Assertions.assertEquals("no/such.yaml: file not found", missing.getMessage(), "named as given");
    }
}
