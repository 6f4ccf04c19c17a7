package org.her2sim.biology;

/**
 * A biology definition that cannot be compiled (unknown marker, cyclic network …), with the
 * dotted path of the offending value. The caller adds the file name.
 */
public final class BiologyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public BiologyException(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
