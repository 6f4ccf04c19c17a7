package org.her2sim.config;

/**
 * A mistake in a user's configuration: names the file, the path inside it and what was
 * expected. The command line turns it into one line on stderr and exit code 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException at(String file, String path, String expectation) {
        String where = path == null || path.isEmpty() ? file : file + ": " + path;
        return new ConfigException(where + ": " + expectation);
    }
}
