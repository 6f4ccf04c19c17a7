package org.her2sim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile configuration input: random mutations of the shipped scenario (wrong types, huge
 * numbers, NaN and infinities, deleted and unknown keys, deep nesting, alias bombs, very long
 * strings, byte flips including invalid UTF-8, truncation). Every case must either run or end
 * with exit code 2 and one line on stderr — no stack trace, no hang, no run directory left.
 * The cases are drawn from a fixed seed, so a failure reproduces.
 */
class ConfigFuzzTest {
    static final int CASES = FuzzBudget.cases(600);

    @TempDir
    Path dir;


    static final String[] HOSTILE = {
        "-1", "0", "1e308", "-1e308", ".nan", ".inf", "-.inf", "NaN", "\"\"", "null", "[]", "{}", "[1, 2, 3]",
        "{a: {b: {c: {d: {e: 1}}}}}", "true", "abc", "12 parsecs", "99999999999999999999999", "0x10", "1e-320",
        "'\u0000'", "\"<script>alert(1)</script>\"", "../../../../etc/passwd", "-0", "7d", "3 mg/kg", "1 uM",
    };

    String mutate(String text, UniformRandomProvider rng) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int kind = rng.nextInt(9);
        int at = rng.nextInt(lines.size());
        String line = lines.get(at);
        switch (kind) {
            case 0, 1, 2 -> { // a value replaced by something hostile
                int colon = line.indexOf(": ");
                if (colon > 0 && !line.trim().startsWith("#")) {
                    lines.set(at, line.substring(0, colon + 2) + HOSTILE[rng.nextInt(HOSTILE.length)]);
                }
            }
            case 3 -> lines.remove(at); // a line deleted
            case 4 -> lines.add(at, line.replaceAll("^(\\s*)\\S.*", "$1surprise_key_" + rng.nextInt(100) + ": 1")); // unknown key
            case 5 -> { // deep nesting
                lines.add("deep: " + "[".repeat(200) + "]".repeat(200));
            }
            case 6 -> { // a very long string
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    lines.set(at, line.substring(0, colon + 2) + "x".repeat(100_000));
                }
            }
            case 7 -> { // alias bomb
                StringBuilder b = new StringBuilder("bomb0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
                for (int i = 1; i < 12; i++) {
                    b.append("bomb").append(i).append(": &a").append(i).append(" [");
                    for (int k = 0; k < 10; k++) {
                        b.append(k > 0 ? ", " : "").append("*a").append(i - 1);
                    }
                    b.append("]\n");
                }
                lines.add(b.toString());
            }
            default -> { // truncation
                return String.join("\n", lines).substring(0, rng.nextInt(Math.max(1, String.join("\n", lines).length())));
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void hostileConfigurationsRunOrExitTwoWithOneLine() throws Exception {
        // the fixture with its includes local: each case writes its own biology and drug library
        String quickstart = Files.readString(Scenarios.testScenario("culture-tumour.yaml")).replace("../../../../configs/", "");
        String biology = Files.readString(Scenarios.configs().resolve("biology/her2.yaml"));
        String drugs = Files.readString(Scenarios.configs().resolve("drugs.yaml"));
        String regimen = Files.readString(Scenarios.configs().resolve("regimens/trastuzumab-adaptive.yaml"));
        UniformRandomProvider rng = new SeedTree(20261122).child("fuzz").generator();
        Path runs = Files.createDirectories(dir.resolve("runs"));
        // the unmutated base must run, or every case below would be refused for one shared reason
        // and the test would exercise nothing
        Cli.Outcome base = Cli.execute("run", Scenarios.testScenario("culture-tumour.yaml").toString(), "--runs-dir",
                Files.createDirectories(dir.resolve("base-runs")).toString(), "-q", "--set", "time.max=3d", "--set",
                "tumour.initial_cells=1000", "--set", "stop.max_cells=2e5");
        assertEquals(0, base.code(), "the unmutated quickstart must run: " + base.err());
        int ran = 0;
        int refused = 0;
        for (int c = 0; c < CASES; c++) {
            Path caseDir = Files.createDirectories(dir.resolve("case" + c));
            Files.createDirectories(caseDir.resolve("biology"));
            String q = quickstart;
            String b = biology;
            String d = drugs;
            String r = regimen;
            boolean includeRegimen = rng.nextBoolean();
            int target = rng.nextInt(includeRegimen ? 4 : 3);
            int mutations = 1 + rng.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                switch (target) {
                    case 0 -> q = mutate(q, rng);
                    case 1 -> b = mutate(b, rng);
                    case 2 -> d = mutate(d, rng);
                    default -> r = mutate(r, rng);
                }
            }
            byte[] bytes = q.getBytes(StandardCharsets.UTF_8);
            if (rng.nextInt(10) == 0 && bytes.length > 0) {
                bytes[rng.nextInt(bytes.length)] = (byte) (0x80 | rng.nextInt(0x80)); // invalid UTF-8
            }
            Files.write(caseDir.resolve("scenario.yaml"), bytes);
            Files.writeString(caseDir.resolve("biology/her2.yaml"), b);
            Files.writeString(caseDir.resolve("drugs.yaml"), d);
            Files.createDirectories(caseDir.resolve("regimens"));
            Files.writeString(caseDir.resolve("regimens/r.yaml"), r);
            final int n = c;
            List<String> args = new ArrayList<>(List.of("run", caseDir.resolve("scenario.yaml").toString(), "--runs-dir",
                    runs.toString(), "-q", "--set", "time.max=3d", "--set", "tumour.initial_cells=1000", "--set", "stop.max_cells=2e5"));
            if (includeRegimen) {
                args.addAll(List.of("--set", "regimen=regimens/r.yaml"));
            }
            Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.execute(args.toArray(String[]::new)),
                    "case " + n + " hung");
            if (o.code() == 0) {
                ran++;
            } else {
                refused++;
                if (System.getenv("HER2SIM_FUZZ_VERBOSE") != null) {
                    System.out.println("refused: " + o.err().strip());
                }
                String where = "case " + c + " (" + caseDir + "): " + o.err();
                assertEquals(2, o.code(), where);
                assertEquals(1, o.err().strip().split("\n").length, where);
                assertTrue(o.err().startsWith("her2sim: "), where);
                assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), where);
            }
        }
        try (var left = Files.list(runs)) {
            assertEquals(ran, left.filter(p -> !p.getFileName().toString().startsWith(".")).count(),
                    "one run directory per run, none for refused input, no temporary folders");
        }
        try (var hidden = Files.list(runs)) {
            assertEquals(0, hidden.filter(p -> p.getFileName().toString().startsWith(".")).count(), "no half-written runs");
        }
        FuzzBudget.report("config", CASES, ran, refused);
        // both paths must be exercised: most single mutations keep a valid file (a deleted
        // optional line, a harmless value) or break it; a tenth of the cases each is a loose floor
        assertTrue(ran >= CASES / 10, "too few mutated configurations ran (" + ran + "): the fuzz would test only refusals");
        assertTrue(refused >= CASES / 10, "too few mutated configurations were refused (" + refused + ")");
    }

    @Test
    void hostileSweepSpecsRunOrExitTwoWithOneLine() throws Exception {
        String spec = String.join("\n",
                "name: fuzz",
                "base: " + Scenarios.testScenario("culture-tumour.yaml"),
                "seed: 5",
                "replicates: 1",
                "reference_arm: a",
                "set: {time.max: 3d, tumour.initial_cells: 1000, stop.max_cells: 2.0e5}",
                "arms:",
                "  a: {regimen: " + Scenarios.configs().resolve("regimens/trastuzumab-q3w.yaml") + "}",
                "parameters:",
                "  design: grid",
                "  vary:",
                "    - {path: biology.rates.death_basal_per_day, values: [0.05]}",
                "patients:",
                "  - {path: drugs.trastuzumab.pk.clearance_l_per_day, distribution: lognormal, median: 0.225, cv: 0.43}");
        Path baseFile = dir.resolve("sweep-base.yaml");
        Files.writeString(baseFile, spec);
        Cli.Outcome base = Cli.execute("sweep", baseFile.toString(), "--out", dir.resolve("out-base").toString(), "--threads", "1", "-q");
        assertEquals(0, base.code(), "the unmutated sweep must run: " + base.err());
        UniformRandomProvider rng = new SeedTree(20261122).child("fuzz-sweep").generator();
        int ran = 0;
        int refused = 0;
        int cases = FuzzBudget.cases(100);
        for (int c = 0; c < cases; c++) {
            String text = spec;
            for (int m = 0; m < 1 + rng.nextInt(2); m++) {
                text = mutate(text, rng);
            }
            Path file = dir.resolve("sweep" + c + ".yaml");
            Files.writeString(file, text);
            Path out = dir.resolve("out" + c);
            final int n = c;
            Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.execute("sweep", file.toString(), "--out",
                    out.toString(), "--threads", "1", "-q"), "sweep case " + n + " hung");
            if (o.code() == 0) {
                ran++;
            } else {
                refused++;
                String where = "sweep case " + c + ": " + o.err();
                assertEquals(2, o.code(), where);
                assertEquals(1, o.err().strip().split("\n").length, where);
                assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), where);
                assertFalse(Files.exists(out.resolve("tasks")) && Files.list(out.resolve("tasks")).findAny().isPresent(),
                        "no task ran for refused input: " + where);
            }
        }
        FuzzBudget.report("sweep", cases, ran, refused);
        assertTrue(ran >= cases / 10, "too few mutated sweeps ran (" + ran + "): the fuzz would test only refusals");
        assertTrue(refused >= cases / 10, "too few mutated sweeps were refused (" + refused + ")");
    }
}
