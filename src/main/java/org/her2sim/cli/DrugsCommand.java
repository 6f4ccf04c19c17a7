package org.her2sim.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.her2sim.config.ConfigException;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.DrugSpec;
import org.her2sim.config.Origins;
import org.her2sim.pharmacology.Drug;
import org.her2sim.pharmacology.DrugLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim drugs}: lists the drug library. */
@Command(name = "drugs", mixinStandardHelpOptions = true, description = "Lists the drug library: class, targets with IC50, PK.")
final class DrugsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Drug library YAML (default: configs/drugs.yaml)")
    Path file;

    @Override
    public Integer call() {
        Path f = file != null ? file : Her2sim.home().resolve("configs/drugs.yaml");
        ConfigLoader loader = new ConfigLoader();
        JsonNode tree = loader.readTree(f);
        Map<String, DrugSpec> specs = loader.bind(tree, new TypeReference<Map<String, DrugSpec>>() { }, new Origins(f.toString()));
        DrugLibrary library;
        try {
            library = new DrugLibrary(specs);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(f + ": " + e.getMessage());
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%-14s %-22s %-50s %s%n", "drug", "class", "targets (IC50)", "PK");
        for (Drug d : library.drugs()) {
            DrugSpec s = specs.get(d.name());
            StringBuilder t = new StringBuilder();
            for (Map.Entry<String, DrugSpec.TargetSpec> e : new TreeMap<>(s.targets()).entrySet()) {
                if (t.length() > 0) {
                    t.append(", ");
                }
                t.append(e.getKey()).append(" (").append(e.getValue().ic50()).append(')');
            }
            String pk = d.pk() == null ? "none (concentration only)"
                    : String.format(Locale.ROOT, "%s %s, terminal t1/2 %.1f d", s.pk().model().replace('_', '-'), s.pk().route(),
                    d.pk().terminalHalfLifeDays());
            w.printf(Locale.ROOT, "%-14s %-22s %-50s %s%n", d.name(), s.drugClass(), t, pk);
        }
        return 0;
    }
}
