package org.her2sim.config;

/**
 * A value that a record, a compiler or a check refuses: the dotted path of the value (relative
 * to what is being built; empty when it is the whole) and what was expected. The loader joins
 * the path to where the record sits in the file and names the file ({@link ConfigException}).
 */
public class ConfigProblem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String problem;

    public ConfigProblem(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
