package org.her2sim.config;

/**
 * A mistake in a user's configuration: names the file, the path inside it and what was
 * expected. The command line turns it into one line on stderr and exit code 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String path;
    private final String problem;

    /** A mistake that is not at a value of a file (a command-line option, a whole file). */
    public ConfigException(String message) {
        this(null, null, message, shorten(message));
    }

    private ConfigException(String file, String path, String problem, String message) {
        super(message);
        this.file = file;
        this.path = path;
        this.problem = problem;
    }

    /** The file the mistake is in, or null. */
    public String file() {
        return file;
    }

    /** The dotted path of the value inside the file ("" for the file as a whole), or null. */
    public String path() {
        return path;
    }

    /** What was expected. */
    public String problem() {
        return problem;
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
        return new ConfigException(file, path == null ? "" : path, expectation, shorten(where + ": " + expectation));
    }
}
