package org.her2sim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that run or check a scenario: changed settings and the seed. */
final class ScenarioOptions {
    /** --set PATH=VALUE, repeatable. */
    static final class Settings {
        @Option(names = "--set", paramLabel = "PATH=VALUE",
                description = "Change any setting, e.g. --set time.max=365d --set context=patient (repeatable)")
        List<String> overrides = new ArrayList<>();
    }

    /** --seed N. */
    static final class Seed {
        @Option(names = "--seed", description = "The random seed (instead of the file's)")
        Long seed;
    }

    /** --out DIR for a run directory. */
    static final class RunDirectory {
        @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/NAME-TIMESTAMP)")
        Path out;
    }

    private ScenarioOptions() {
    }
}
