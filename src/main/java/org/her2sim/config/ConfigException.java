package org.her2sim.config;

/**
 * A mistake in a user's configuration: names the file, the path inside it and what was
 * expected. The command line turns it into one line on stderr and exit code 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(shorten(message));
    }

    /** Keeps one message one readable line, however long a value the file held. */
    static String shorten(String message) {
        if (message == null) {
            return "invalid input";
        }
        String oneLine = message.replace('\n', ' ').replace('\r', ' ');
        // a long run without spaces (a pasted blob, a 100 000-character value) is elided
        oneLine = oneLine.replaceAll("(\\S{60})\\S{20,}", "$1…");
        return oneLine.length() > 600 ? oneLine.substring(0, 600) + "…" : oneLine;
    }

    public static ConfigException at(String file, String path, String expectation) {
        String where = path == null || path.isEmpty() ? file : file + ": " + path;
        return new ConfigException(where + ": " + expectation);
    }
}
