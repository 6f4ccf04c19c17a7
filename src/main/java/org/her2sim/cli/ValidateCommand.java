package org.her2sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.her2sim.config.BiologyConfig;
import org.her2sim.config.BiologyConfig.MutationSpec;
import org.her2sim.config.ConfigLoader;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim validate FILE}: checks a scenario without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a scenario or sweep file (and the files it includes) without running it; exit code 2 on a mistake.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Scenario or sweep YAML file")
    Path file;

    @picocli.CommandLine.Mixin
    ScenarioOptions.Settings settings;

    @Override
    public Integer call() {
        if (isSweep(file)) {
            Sweep sweep = Sweep.load(file, null, null, new Sweep.Overrides(settings.overrides, null));
            spec.commandLine().getOut().printf("%s: ok (a sweep: %d tasks = %d arms x %d points x %d replicates, %s allocation%s; "
                            + "every arm and point compiled)%n", file, sweep.tasks().size(), sweep.spec().arms().size(), sweep.points().size(),
                    sweep.spec().replicates(), sweep.spec().allocation(),
                    sweep.spec().randomise().line() > 1 ? ", randomised at line " + sweep.spec().randomise().line() : "");
            sweep.sizeWarning().ifPresent(w -> spec.commandLine().getErr().println("her2sim: " + w));
            return 0;
        }
        ConfigLoader.Loaded loaded = new ConfigLoader().load(file, settings.overrides);
        Scenario s = Scenario.compile(loaded);
        spec.commandLine().getOut().printf("%s: ok (%d markers, %d states, %d drugs, %d regimen phases, %s mode)%n",
                file, s.space().markerCount(), s.space().size(), s.drugs().drugs().size(), s.regimen().phases().size(),
                s.config().biology().mode().text());
        // papers give a mutation probability per division, the biology may give it per daughter: show both
        for (BiologyConfig.MarkerSpec m : s.config().biology().markers()) {
            for (MutationSpec mu : m.mutations()) {
                spec.commandLine().getOut().printf(Locale.ROOT, "  mutation %s %s -> %s: %.3g per daughter = %.3g mutant daughters per division%n",
                        m.name(), mu.from(), mu.to(), mu.perDaughter(), mu.perDivision());
            }
        }
        return 0;
    }

    /** A sweep file names a base scenario and its arms; a scenario names neither. */
    private static boolean isSweep(Path file) {
        JsonNode tree = new ConfigLoader().readTree(file);
        return tree.isObject() && tree.has("base") && tree.has("arms");
    }
}
