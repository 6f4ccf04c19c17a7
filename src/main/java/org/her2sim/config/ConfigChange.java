package org.her2sim.config;

import java.util.List;

/**
 * A typed change of a configuration, made by the program (an assay's dish, a fitted parameter,
 * a benchmark's tumour) with the records' {@code with…} methods — the program's counterpart of a
 * user's {@code --set}. Records check the changed values as they check a file's.
 */
@FunctionalInterface
public interface ConfigChange {
    SimulationConfig apply(SimulationConfig config);

    /** This change, then {@code next}. */
    default ConfigChange then(ConfigChange next) {
        return c -> next.apply(apply(c));
    }

    /** No change. */
    static ConfigChange none() {
        return c -> c;
    }

    /** The changes in order. */
    static ConfigChange all(List<ConfigChange> changes) {
        return c -> {
            SimulationConfig out = c;
            for (ConfigChange change : changes) {
                out = change.apply(out);
            }
            return out;
        };
    }
}
