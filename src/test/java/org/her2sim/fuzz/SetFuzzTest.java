package org.her2sim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.her2sim.Cli;
import org.her2sim.Scenarios;
import org.her2sim.config.ConfigLoader;
import org.her2sim.random.SeedTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile {@code --set PATH=VALUE} overrides: paths taken from the resolved configuration (every
 * key and list index it has), then kept, misspelt, pointed past a list's end, emptied, padded
 * with dots, control characters or 10 000 characters; values kept, scaled, or replaced by the
 * config fuzz's hostile values. Every case runs or ends with exit code 2 and one line — never a
 * stack trace, never a silently ignored override.
 */
class SetFuzzTest {
    @TempDir
    Path dir;

    static List<String> paths(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.addAll(paths(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(paths(node.get(i), prefix + "." + i));
            }
        } else {
            out.add(prefix + "\u0000" + node.asText());
        }
        return out;
    }

    static String mutatePath(String path, UniformRandomProvider rng) {
        String[] parts = path.split("\\.");
        int at = rng.nextInt(parts.length);
        return switch (rng.nextInt(10)) {
            case 0, 1, 2, 3 -> path; // a real path
            case 4 -> { // a typo in one segment
                String p = parts[at];
                parts[at] = p.length() > 1 ? p.substring(0, p.length() - 1) : p + "x";
                yield String.join(".", parts);
            }
            case 5 -> { // past a list's end, or a name where an index belongs
                parts[at] = parts[at].matches("\\d+") ? "99" : "0";
                yield String.join(".", parts);
            }
            case 6 -> List.of("..", ".", path + ".", "." + path, path.replace(".", ".."), "", " ").get(rng.nextInt(7));
            case 7 -> path + "." + "x".repeat(rng.nextInt(3) == 0 ? 10_000 : 3);
            case 8 -> path.replaceFirst("\\.", "\u001b[31m.");
            default -> path.substring(0, path.lastIndexOf('.') < 0 ? path.length() : path.lastIndexOf('.')); // a whole section
        };
    }

    static String mutateValue(String value, UniformRandomProvider rng) {
        switch (rng.nextInt(5)) {
            case 0, 1:
                return value;
            case 2:
                try {
                    return Double.toString(Double.parseDouble(value) * (0.5 + rng.nextDouble() * 1.5));
                } catch (NumberFormatException e) {
                    return value;
                }
            default:
                return ConfigFuzzTest.HOSTILE[rng.nextInt(ConfigFuzzTest.HOSTILE.length)];
        }
    }

    private int checked;

    /** An accepted numeric override is in the run's resolved config.yaml: nothing is silently ignored. */
    private void checkTakenUp(String override, Cli.Outcome o, String where) throws Exception {
        String[] kv = override.split("=", 2);
        if (kv.length < 2 || List.of("time.max", "tumour.initial_cells", "stop.max_cells", "time.dt").contains(kv[0])) {
            return;
        }
        double wanted;
        try {
            wanted = Double.parseDouble(kv[1]);
        } catch (NumberFormatException e) {
            return;
        }
        if (!Double.isFinite(wanted)) {
            return;
        }
        String[] lines = o.out().strip().split("\n");
        JsonNode node = new YAMLMapper().readTree(Path.of(lines[lines.length - 1]).resolve("config.yaml").toFile());
        for (String part : kv[0].split("\\.")) {
            node = node.isArray() ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        if (node.isNumber()) {
            assertEquals(wanted, node.asDouble(), Math.abs(wanted) * 1e-12, where + ": the override is in config.yaml");
            checked++;
        }
    }

    @Test
    void hostileOverridesRunOrExitTwoWithOneLine() throws Exception {
        Path scenario = Scenarios.testScenario("culture-tumour.yaml");
        String resolved = ConfigLoader.resolvedYaml(Scenarios.load(scenario).config());
        List<String> all = paths(new YAMLMapper().readTree(resolved), "");
        assertTrue(all.size() > 100, "the resolved configuration has its paths: " + all.size());
        UniformRandomProvider rng = new SeedTree(20261203).child("fuzz-set").generator();
        Path runs = Files.createDirectories(dir.resolve("runs"));
        int cases = FuzzBudget.cases(200);
        int ran = 0;
        int refused = 0;
        for (int c = 0; c < cases; c++) {
            String[] picked = all.get(rng.nextInt(all.size())).split("\u0000", 2);
            String override = mutatePath(picked[0], rng) + (rng.nextInt(20) == 0 ? "" : "=" + mutateValue(picked[1], rng));
            // the run is kept short whatever the override says: these come after it and win
            String[] args = {"run", scenario.toString(), "--runs-dir", runs.toString(), "-q", "--set", override, "--set", "time.max=3d",
                "--set", "tumour.initial_cells=1000", "--set", "stop.max_cells=2e5", "--set", "time.dt=1h"};
            String where = "case " + c + " (--set " + (override.length() > 200 ? override.substring(0, 200) + "…" : override) + ")";
            Cli.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.execute(args), where + " hung");
            if (o.code() == 0) {
                ran++;
                checkTakenUp(override, o, where);
            } else {
                refused++;
                assertEquals(2, o.code(), where + ": " + o.err());
                assertEquals(1, o.err().strip().split("\n").length, where + ": " + o.err());
                assertTrue(o.err().startsWith("her2sim: ") && o.err().length() < 2_000, where + ": " + o.err());
                assertFalse(o.err().contains("Exception") || o.err().contains("\tat ") || o.err().contains("\u001b"), where + ": " + o.err());
            }
        }
        try (var left = Files.list(runs)) {
            assertEquals(ran, left.count(), "one run directory per run, nothing for refused overrides");
        }
        FuzzBudget.report("--set", cases, ran, refused);
        System.out.printf("--set fuzz: %d accepted numeric overrides found in the run's config.yaml%n", checked);
        assertTrue(checked >= cases / 20, "too few accepted numeric overrides were checked in config.yaml (" + checked + ")");
        // four in ten paths are kept and two in five values too, so runs are common; typos, empty
        // keys and hostile values make refusals common: a tenth of the cases each is a loose floor
        assertTrue(ran >= cases / 10, "too few overrides ran (" + ran + ")");
        assertTrue(refused >= cases / 10, "too few overrides were refused (" + refused + ")");
    }
}
