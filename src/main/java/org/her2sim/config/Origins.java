package org.her2sim.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which file each part of a resolved configuration came from, so that an error found after
 * includes were inlined still names the file the user must edit.
 */
public final class Origins {
    private final String rootFile;
    private final Map<String, String> byPrefix = new TreeMap<>();

    public Origins(String rootFile) {
        this.rootFile = rootFile;
    }

    void record(String dottedPrefix, String file) {
        byPrefix.put(dottedPrefix, file);
    }

    /** The file holding the value at a dotted path such as {@code regimen.phases[0].drugs}. */
    public String fileOf(String path) {
        String best = rootFile;
        int bestLength = -1;
        for (Map.Entry<String, String> e : byPrefix.entrySet()) {
            String p = e.getKey();
            boolean covers = path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "[");
            if (covers && p.length() > bestLength) {
                best = e.getValue();
                bestLength = p.length();
            }
        }
        return best;
    }

    /** A configuration error at a dotted path, naming the right file. */
    public ConfigException error(String path, String expectation) {
        return ConfigException.at(fileOf(path), path, expectation);
    }
}
