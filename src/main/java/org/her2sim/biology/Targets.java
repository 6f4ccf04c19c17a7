package org.her2sim.biology;

import java.util.List;

/**
 * The drug targets known to a scenario (her2_ecd_iv, her2_kinase, akt, adcc, cytotoxic …): the
 * names the drug library acts on and the network reads. An exposure is an effect per target.
 */
public record Targets(List<String> names) {
    public Targets {
        names = List.copyOf(names);
    }

    public int indexOf(String name) {
        return names.indexOf(name);
    }

    public int size() {
        return names.size();
    }
}
