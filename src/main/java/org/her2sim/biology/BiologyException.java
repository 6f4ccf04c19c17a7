package org.her2sim.biology;

import org.her2sim.config.ConfigProblem;

/**
 * A biology definition that cannot be compiled (unknown marker, cyclic network …), with the
 * dotted path of the offending value. The caller adds the file name.
 */
public final class BiologyException extends ConfigProblem {
    private static final long serialVersionUID = 1L;

    public BiologyException(String path, String message) {
        super(path, message);
    }
}
