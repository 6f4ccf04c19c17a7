package org.her2sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.SingleRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped scenario and regimen loads, compiles and runs. */
class ShippedConfigsTest {
    @org.junit.jupiter.api.io.TempDir
    Path dir;

    static Stream<Path> regimens() throws Exception {
        try (var s = Files.walk(Scenarios.configs().resolve("regimens"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Stream<Path> scenarios() throws Exception {
        try (var s = Files.list(Scenarios.configs())) {
            return s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("drugs.yaml")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void scenarioRunsBriefly(Path file) {
        Scenario s = Scenarios.compile(file, "time.max=10d");
        SingleRun.Result r = SingleRun.simulate(s, 1);
        assertTrue(r.summary().finalTimeDays() > 0);
    }

    @ParameterizedTest
    @MethodSource("regimens")
    void regimenCompilesAndRuns(Path regimen) throws Exception {
        boolean dish = regimen.getFileName().toString().startsWith("in-vitro");
        String text = String.join("\n", List.of(
                "name: regimen-check",
                "biology: " + Scenarios.configs().resolve("biology/her2.yaml"),
                "drugs: " + Scenarios.configs().resolve("drugs.yaml"),
                "regimen: " + regimen,
                "tumour: {initial_cells: 5000}",
                "context: {setting: " + (dish ? "in_vitro" : "in_vivo") + "}",
                "time: {dt: 20min, max: 60d}",
                "outcomes: {detection_limit_cells: 100}"));
        Path p = Scenarios.write(dir, "regimen-check.yaml", text);
        Scenario s = Scenarios.compile(p);
        SingleRun.Result r = SingleRun.simulate(s, 1);
        for (var item : s.regimen().phases().get(0).items()) {
            assertEquals(!dish, r.summary().cumulativeDose().containsKey(item.drug().name()), item.drug().name());
        }
    }

    static Stream<Path> experiments() throws Exception {
        try (var s = Files.list(Scenarios.configs().resolve("experiments"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** Every shipped sweep runs with two patients per arm, and a virtual trial's report shows the published figures. */
    @ParameterizedTest
    @MethodSource("experiments")
    void experimentRunsWithTwoPatientsPerArm(Path file) throws Exception {
        Path out = dir.resolve("out");
        org.her2sim.Cli.Outcome o = org.her2sim.Cli.execute("sweep", file.toString(), "--replicates", "2", "--out", out.toString(), "-q");
        assertEquals(0, o.code(), o.err());
        String html = Files.readString(out.resolve("report.html"));
        boolean published = Files.readString(file).contains("\npublished:");
        assertEquals(published, html.contains("Published and simulated"), "the published figures beside the simulated ones");
        assertTrue(Files.readAllLines(out.resolve("results.csv")).size() > 2);
    }
}
