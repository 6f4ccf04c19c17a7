package org.her2sim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.her2sim.config.ConfigLoader;
import org.her2sim.engine.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code her2sim validate FILE}: checks a scenario without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a scenario file (and the files it includes) without running it; exit code 2 on a mistake.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Scenario YAML file")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a setting before checking (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        ConfigLoader.Loaded loaded = new ConfigLoader().load(file, overrides);
        Scenario s = Scenario.compile(loaded);
        spec.commandLine().getOut().printf("%s: ok (%d markers, %d states, %d drugs, %d regimen phases, %s mode)%n",
                file, s.space().markerCount(), s.space().size(), s.drugs().drugs().size(), s.regimen().phases().size(),
                s.config().biology().mode().text());
        return 0;
    }
}
