package org.her2sim.api;

/**
 * Told after each finished run of a batch or study; called from worker threads, one call at a
 * time, with {@code done} increasing.
 */
@FunctionalInterface
public interface Progress {
    void update(int done, int total);

    /** Tells nothing. */
    static Progress none() {
        return (done, total) -> {
        };
    }
}
