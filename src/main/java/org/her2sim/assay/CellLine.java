package org.her2sim.assay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.her2sim.config.Check;
import org.her2sim.config.ConfigChange;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Origins;
import org.her2sim.config.SimulationConfig;
import org.her2sim.config.Suggest;

/**
 * A cell line as data (configs/celllines/NAME.yaml): its marker state, its own expression levels
 * relative to the reference states ({@code expression}, e.g. {@code {her2: 1.6}}, applied as
 * {@code biology.expression}), the line it was derived from ({@code parent}: its expression
 * levels are inherited unless restated), where its calibration values come from, and how an
 * assumed mechanism was chosen ({@code note}).
 */
public record CellLine(String name, String description, String parent, Map<String, String> markers, Map<String, Double> expression,
                       String note, String source) {
    public CellLine {
        name = Check.required("name", name);
        description = description == null ? "" : description;
        markers = markers == null ? Map.of() : Check.ordered(markers);
        expression = expression == null ? Map.of() : Check.ordered(expression);
        note = note == null ? "" : note;
        source = source == null ? "" : source;
    }

    /** The change that makes this line the tumour: its markers as the founder, its expression levels. */
    public ConfigChange asFounder() {
        return c -> {
            SimulationConfig out = c.withTumour(c.tumour().withFounder(markers));
            return expression.isEmpty() ? out : out.withBiology(out.biology().withExpression(expression));
        };
    }

    /**
     * This line in a context (configs/contexts/NAME), as the assays start from: the scenario
     * {@code dish} loaded in the context, this line as its tumour.
     */
    public ConfigLoader.Loaded in(Path dish, String context) {
        return in(dish, context, List.of());
    }

    /** As above, with settings of its own (a mouse's drawn characteristics). */
    public ConfigLoader.Loaded in(Path dish, String context, List<String> overrides) {
        return new ConfigLoader().load(dish, context, overrides).with(asFounder());
    }

    /** The line named (case-insensitive, by its name or file name) from {@code dir}. */
    public static CellLine load(Path dir, String name) {
        return load(dir, name, new ArrayList<>());
    }

    private static CellLine load(Path dir, String name, List<String> chain) {
        List<String> known = new ArrayList<>();
        for (Path f : yamlFiles(dir)) {
            CellLine line = read(f);
            known.add(line.name());
            String file = f.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (line.name().equalsIgnoreCase(name) || file.equalsIgnoreCase(name)) {
                if (line.parent() == null) {
                    return line;
                }
                chain.add(line.name());
                if (chain.stream().anyMatch(c -> c.equalsIgnoreCase(line.parent()))) {
                    throw new ConfigException(f + ": parent: the lines derive from each other in a circle (" + String.join(" → ", chain)
                            + " → " + line.parent() + ")");
                }
                CellLine parent;
                try {
                    parent = load(dir, line.parent(), chain);
                } catch (ConfigException e) {
                    throw new ConfigException(f + ": parent: " + e.getMessage());
                }
                Map<String, Double> merged = new LinkedHashMap<>(parent.expression());
                merged.putAll(line.expression());
                return new CellLine(line.name(), line.description(), line.parent(), line.markers(), merged, line.note(), line.source());
            }
        }
        throw new ConfigException("cell line '" + name + "' not found in " + dir + Suggest.hint(name, known)
                + "; known: " + String.join(", ", known));
    }

    private static CellLine read(Path f) {
        ConfigLoader loader = new ConfigLoader();
        return loader.bind(loader.readTree(f), CellLine.class, new Origins(f.toString()));
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(dir + ": cannot list (" + e.getMessage() + ")");
        }
    }
}
